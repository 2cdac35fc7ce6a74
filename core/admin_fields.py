"""Form fields for the Wagtail admin that let editors pick from the controlled vocabulary."""

from django import forms


class VocabularyTagField(forms.ModelMultipleChoiceField):
    """Tags of the vocabulary (themes) picked with checkboxes; django-taggit still stores them.

    Wagtail's free-tag box drops a theme typed and confirmed with Enter, comma or Tab when the tag model
    forbids free tagging, so a page could be published with no theme: a list of checkboxes cannot.
    """

    widget = forms.CheckboxSelectMultiple
