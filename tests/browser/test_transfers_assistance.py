"""A member asks for assistance, invites the best-placed member, and that member accepts."""

import pytest

from core.models import Theme
from members.models import Member
from tests.browser.accessibility import axe_violations
from tests.factories import MemberFactory, member_user
from transfers.models import AssistanceInvitation, TransferProject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def sign_in(page, username: str, next_path: str) -> None:
    page.goto(f"/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_path}")


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_request_invitation_and_acceptance(page):
    requester = MemberFactory(name="City of Newtown", slug="newtown", languages=["de"])
    helper = MemberFactory(name="City of Bologna", slug="bologna", languages=["it", "de"])
    helper.offers_assistance = True
    helper.assistance_themes.set(Theme.objects.filter(slug="family-based-care"))
    helper.save()
    requester_user = member_user(requester, username="newtown-editor")
    member_user(helper, username="bologna-editor")

    sign_in(page, requester_user.username, "/transfers/requests/new/")
    page.get_by_role("button", name="Save the request and see who can help").click()
    assert page.get_by_role("alert").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.get_by_label("Title").fill("Foster families for separated children")
    page.get_by_label("Priority of the call").select_option(index=1)
    page.get_by_label("Foster and family-based care").check()
    page.get_by_label("What you need").fill("We have 40 children in reception centres.")
    page.get_by_role("group", name="Preferred working languages").get_by_label("German", exact=True).check()
    page.get_by_label("Remote", exact=True).check()
    page.get_by_role("button", name="Save the request and see who can help").click()

    page.wait_for_url("**/transfers/requests/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Foster families for separated children"
    match = page.locator(".match", has_text="City of Bologna")
    assert match.get_by_text("Offers assistance on foster and family-based care").is_visible()
    assert match.get_by_text("Works in German").is_visible()
    assert axe_violations(page) == []
    request_path = "/" + page.url.split("/", 3)[3]
    page.get_by_label("City of Bologna").check()
    page.get_by_label("Message to the invited members").fill("You know foster care best.")
    page.get_by_role("button", name="Invite the chosen members").click()
    page.wait_for_url(f"**{request_path}")
    assert page.get_by_text("Invitations sent to City of Bologna.").is_visible()
    assert AssistanceInvitation.objects.get().member.slug == "bologna"

    sign_out(page)
    sign_in(page, "bologna-editor", request_path)
    assert page.get_by_text("You know foster care best.").is_visible()
    page.get_by_label("Accept: we will help").check()
    page.get_by_label("Message to the requesting member").fill("Gladly, come and visit us.")
    page.get_by_role("button", name="Send your answer").click()
    page.wait_for_url("**/transfers/projects/*/")
    assert page.get_by_text("The transfer project has started.").is_visible()
    assert page.get_by_text("City of Bologna helps City of Newtown.").is_visible()
    project = TransferProject.objects.get()
    assert (project.helping_member, project.receiving_member) == (
        Member.objects.get(slug="bologna"),
        Member.objects.get(slug="newtown"),
    )
    assert axe_violations(page) == []
    assert page.console_errors == []
