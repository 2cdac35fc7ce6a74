"""The practice editor's form in the Wagtail admin."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.admin_fields import VocabularyTagField
from core.models import Theme


class PracticePageForm(WagtailAdminPageForm):
    """The lead member comes from the folder the practice is in; the editor can only pick that member's
    contact officers, and partners other than the lead member. Themes are picked from the vocabulary;
    at least one is needed to submit or publish (a draft may be saved without)."""

    themes = VocabularyTagField(
        queryset=Theme.objects.all(),
        label=_("Themes"),
        help_text=_(
            "Required to submit. Tick every theme the practice works on, e.g. “Language training” "
            "and “Labour market and skills matching” for a job-focused language course."
        ),
        error_messages={"required": _("Choose at least one theme before you submit or publish.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from members.models import ContactOfficer, Member

        instance = self.instance
        if not instance.lead_member_id and self.parent_page is not None:
            instance.lead_member_id = instance.owning_member_id(self.parent_page)
        member_id = instance.lead_member_id
        if "contact_officer" in self.fields:
            self.fields["contact_officer"].queryset = ContactOfficer.objects.filter(member_id=member_id)
        if "partner_members" in self.fields:
            self.fields["partner_members"].queryset = Member.objects.active().exclude(pk=member_id)
