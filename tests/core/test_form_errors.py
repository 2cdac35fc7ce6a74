"""The one error summary (templates/includes/form_errors.html) and the field markup Django 5.2 gives
every public form: invalid inputs marked aria-invalid and described by their help text and errors."""

from django import forms
from django.template.loader import render_to_string


class SampleForm(forms.Form):
    title = forms.CharField(label="Title", help_text="A few words.")
    themes = forms.MultipleChoiceField(
        label="Themes", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(label="I agree to a very long statement about my data")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].summary_label = "Consent"

    def clean(self):
        raise forms.ValidationError("The form as a whole is wrong.")


def summary(form: forms.Form) -> str:
    return render_to_string("includes/form_errors.html", {"form": form})


def test_a_valid_or_unbound_form_shows_no_summary():
    assert summary(SampleForm()).strip() == ""


def test_the_summary_links_each_error_to_its_field_or_its_choice_group_legend():
    html = summary(SampleForm({}))
    assert 'class="error-summary" role="alert" id="error-summary" tabindex="-1"' in html
    assert "<li>The form as a whole is wrong.</li>" in html
    assert '<a href="#id_title">Title: This field is required.</a>' in html
    assert '<a href="#id_themes_legend">Themes: This field is required.</a>' in html
    assert '<a href="#id_consent">Consent: This field is required.</a>' in html


def test_django_describes_an_invalid_input_by_its_help_text_and_its_error_list():
    form = SampleForm({})
    widget = str(form["title"])
    assert 'aria-invalid="true"' in widget
    assert 'aria-describedby="id_title_helptext id_title_error"' in widget
    assert 'id="id_title_error"' in str(form["title"].errors)
    assert form["themes"].aria_describedby == "id_themes_error"  # set on the fieldset by our templates


def test_a_valid_input_is_described_by_its_help_text_only():
    widget = str(SampleForm({"title": "Kept"})["title"])
    assert "aria-invalid" not in widget
    assert 'aria-describedby="id_title_helptext"' in widget
