"""Form fields for the Wagtail admin that let editors pick from the controlled vocabulary."""

from typing import Any

from django import forms


class VocabularyTagField(forms.ModelMultipleChoiceField):
    """Tags of the vocabulary (themes) picked with checkboxes; django-taggit still stores them.

    Wagtail's free-tag box drops a theme typed and confirmed with Enter, comma or Tab when the tag model
    forbids free tagging, so a page could be published with no theme: a list of checkboxes cannot.
    """

    widget = forms.CheckboxSelectMultiple

    def clean(self, value: Any) -> list[Any]:
        # TaggableManager.save_form_data() hands the value to manager.set(), which takes tag objects.
        return list(super().clean(value))
