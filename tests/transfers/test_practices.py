"""Practices in the transfer process: interest, matching evidence, and the transferred-from link."""

from decimal import Decimal

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from core.models import Indicator, Priority, TargetGroup, Theme
from members.models import ContactOfficer
from practices.models import PracticeFolderPage
from tests.factories import MemberFactory, UserFactory, member_user
from tests.practices.factories import practice_page
from tests.transfers.factories import AssistanceRequestFactory
from transfers import actions
from transfers.actions import RequestDetails, TransferError
from transfers.matching import rank_helpers
from transfers.models import TransferInterest, TransferredPractice

pytestmark = pytest.mark.django_db


def offering(member, *slugs):
    member.offers_assistance = True
    member.assistance_themes.set(Theme.objects.filter(slug__in=slugs))
    member.save()
    return member


@pytest.fixture
def lead():
    member = MemberFactory(name="City of Bologna", slug="bologna", languages=["it", "en"])
    ContactOfficer.objects.create(member=member, name="Lia", role="Officer", email="lia@bologna.example.org")
    return member


@pytest.fixture
def practice(lead):
    return practice_page(
        lead,
        title="Foster families network",
        themes=["family-based-care"],
        target_groups=["unaccompanied-minors"],
    )


@pytest.fixture
def newcomer():
    return MemberFactory(name="City of Newtown", slug="newtown", languages=["de"])


# Interest --------------------------------------------------------------------------------------------


def render_panel(page, user):
    request = RequestFactory().get(page.url)
    request.user = user
    template = Template("{% load transfer_tags %}{% transfer_interest_panel page %}")
    return template.render(Context({"page": page, "request": request}))


def test_member_expresses_interest_and_the_lead_member_is_emailed(
    client, practice, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(member_user(newcomer))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("transfers:interest", args=[practice.pk]),
            {"member": newcomer.pk, "message": "We start in spring"},
        )
    assert response.status_code == 302 and response["Location"] == practice.url
    interest = TransferInterest.objects.get()
    assert (interest.member, interest.message) == (newcomer, "We start in spring")
    assert [message.to for message in mail.outbox] == [["lia@bologna.example.org"]]
    assert "City of Newtown wants to transfer your practice" in mail.outbox[0].subject
    assert "We start in spring" in mail.outbox[0].body


def test_interest_is_once_per_member_and_not_for_own_practice(practice, lead, newcomer):
    user = member_user(newcomer)
    actions.express_interest(practice=practice, user=user, member=newcomer)
    with pytest.raises(TransferError, match="already said"):
        actions.express_interest(practice=practice, user=user, member=newcomer)
    with pytest.raises(TransferError, match="your own member"):
        actions.express_interest(practice=practice, user=member_user(lead), member=lead)


def test_interest_panel_does_not_announce_that_no_member_wants_to_transfer(practice):
    from django.contrib.auth.models import AnonymousUser

    html = render_panel(practice, AnonymousUser())
    assert "want to transfer this practice." not in html and "wants to transfer this practice." not in html
    assert "Sign in as a network member to say you want to transfer it" in html


def test_interest_panel_shows_count_form_and_sign_in(practice, lead, newcomer):
    TransferInterest.objects.create(practice=practice, member=MemberFactory())
    from django.contrib.auth.models import AnonymousUser

    anonymous = render_panel(practice, AnonymousUser())
    assert "1 member wants to transfer this practice." in anonymous
    assert "/account/sign-in/?next=" in anonymous
    member_html = render_panel(practice, member_user(newcomer))
    assert "I want to transfer this" in member_html
    assert 'for="id_message"' in member_html
    lead_html = render_panel(practice, member_user(lead))
    assert "I want to transfer this" not in lead_html
    assert "This is your member" in lead_html


def test_interest_form_errors_rerender_with_the_typed_message(client, practice, newcomer):
    client.force_login(member_user(newcomer))
    response = client.post(
        reverse("transfers:interest", args=[practice.pk]), {"member": "999999", "message": "Kept text"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="error-summary"' in content and "Kept text" in content
    assert not TransferInterest.objects.exists()


def test_interest_needs_a_member_user(client, practice):
    client.force_login(UserFactory())
    assert client.post(reverse("transfers:interest", args=[practice.pk]), {}).status_code == 403


# Matching with practices ----------------------------------------------------------------------------


def test_matches_are_ranked_with_reasons_in_plain_sentences(lead, practice, newcomer):
    offering(lead, "family-based-care")
    practice_page(lead, title="Second foster scheme", themes=["family-based-care"], with_revision=False)
    practice_page(lead, title="Third foster scheme", themes=["family-based-care"], with_revision=False)
    weaker = MemberFactory(name="City of Weaker", slug="weaker", languages=["it"])
    practice_page(weaker, themes=["family-based-care"], with_revision=False)
    unrelated = MemberFactory(name="City of Unrelated", slug="unrelated", languages=["it"])
    practice_page(unrelated, themes=["housing"], priority=2, with_revision=False)
    inactive = offering(MemberFactory(name="City of Gone", slug="gone", is_active=False), "family-based-care")
    request = AssistanceRequestFactory(requesting_member=newcomer, preferred_languages=["it"])
    request.target_groups.set(TargetGroup.objects.filter(slug="unaccompanied-minors"))

    matches = rank_helpers(request)
    names = [match.member.name for match in matches]
    assert names == ["City of Bologna", "City of Weaker"]
    assert inactive.name not in names
    assert matches[0].reasons == [
        "Offers assistance on foster and family-based care",
        "Leads 3 practices on foster and family-based care",
        "Works with unaccompanied minors",
        "Works in Italian",
    ]
    assert matches[1].reasons == ["Leads 1 practice on foster and family-based care", "Works in Italian"]


def test_matching_never_proposes_the_requester(lead, practice):
    request = AssistanceRequestFactory(requesting_member=lead)
    assert [match.member for match in rank_helpers(request)] == []


def test_matching_runs_in_a_bounded_number_of_queries(django_assert_max_num_queries, newcomer):
    theme = ["family-based-care"]
    for number in range(12):
        member = offering(MemberFactory(slug=f"helper-{number}"), *theme)
        practice_page(member, themes=theme, target_groups=["refugees"], with_revision=False)
        practice_page(member, themes=theme, with_revision=False)
    request = AssistanceRequestFactory(requesting_member=newcomer)
    request.target_groups.set(TargetGroup.objects.filter(slug="refugees"))
    with django_assert_max_num_queries(8):
        matches = rank_helpers(request)
    assert len(matches) == 10


# The whole flow ---------------------------------------------------------------------------------------


def test_whole_flow_from_interest_to_transferred_practice(
    client, lead, practice, newcomer, django_capture_on_commit_callbacks
):
    offering(lead, "family-based-care")
    lead_user = member_user(lead)
    newcomer_user = member_user(newcomer)
    actions.express_interest(practice=practice, user=newcomer_user, member=newcomer, message="Inspiring")
    request = actions.create_assistance_request(
        user=newcomer_user,
        member=newcomer,
        details=RequestDetails(
            title="Foster care in Newtown",
            priority=Priority.objects.get(number=1),
            description="Help us start",
            themes=list(Theme.objects.filter(slug="family-based-care")),
            preferred_languages=["en"],
        ),
    )
    matches = rank_helpers(request)
    assert matches[0].member == lead
    assert "Works in English" in matches[0].reasons
    with django_capture_on_commit_callbacks(execute=True):
        [invitation] = actions.invite_members(request=request, user=newcomer_user, members=[lead])
        actions.respond_to_invitation(invitation=invitation, user=lead_user, accept=True, message="Yes")
    project = request.project
    actions.set_source_practices(project=project, user=lead_user, practices=[practice])
    for stage in ["adapt", "implement", "evaluate"]:
        project = actions.advance_stage(project=project, user=newcomer_user, to_stage=stage)
    actions.record_indicator(
        project=project,
        user=newcomer_user,
        indicator=Indicator.objects.get(slug="beneficiaries"),
        value=Decimal(12),
    )
    project = actions.advance_stage(project=project, user=newcomer_user, to_stage="completed")

    client.force_login(newcomer_user)
    page = client.get(project.get_absolute_url()).content.decode()
    folder = PracticeFolderPage.for_member(newcomer)
    assert reverse("wagtailadmin_pages:add", args=("practices", "practicepage", folder.pk)) in page
    own = practice_page(newcomer, title="Newtown foster families", themes=["family-based-care"])
    response = client.post(project.get_absolute_url(), {"action": "transferred_practice", "practice": own.pk})
    assert response.status_code == 302
    assert TransferredPractice.objects.get().source_practice == practice

    html = Template("{% load transfer_tags %}{% transferred_from page %}").render(Context({"page": own}))
    assert "Transferred from" in html and "Foster families network" in html and practice.url in html
    assert (
        Template("{% load transfer_tags %}{% transferred_from page %}")
        .render(Context({"page": practice}))
        .strip()
        == ""
    )


def test_transferred_practice_needs_a_completed_project_and_an_own_practice(lead, practice, newcomer):
    from tests.transfers.factories import TransferProjectFactory

    project = TransferProjectFactory(helping_member=lead, receiving_member=newcomer)
    project.source_practices.add(practice)
    user = member_user(newcomer)
    own = practice_page(newcomer, with_revision=False)
    with pytest.raises(TransferError, match="once the project is completed"):
        actions.link_transferred_practice(project=project, user=user, practice=own)
    project.stage = "completed"
    project.save()
    with pytest.raises(TransferError, match="your own member"):
        actions.link_transferred_practice(project=project, user=user, practice=practice)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.link_transferred_practice(project=project, user=member_user(lead), practice=own)


def test_source_practices_must_belong_to_the_helping_member(lead, newcomer):
    from tests.transfers.factories import TransferProjectFactory

    project = TransferProjectFactory(helping_member=lead, receiving_member=newcomer)
    foreign = practice_page(newcomer, with_revision=False)
    with pytest.raises(TransferError, match="helping member"):
        actions.set_source_practices(project=project, user=member_user(lead), practices=[foreign])
