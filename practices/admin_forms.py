"""The practice editor's form in the Wagtail admin."""

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm


class PracticePageForm(WagtailAdminPageForm):
    """The lead member comes from the folder the practice is in; the editor can only pick that member's
    contact officers, and partners other than the lead member."""

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
