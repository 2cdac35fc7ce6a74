"""The practice page tree, its validation rules and the review flag."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from core.models import Indicator
from members.models import ContactOfficer, Member
from practices.models import PracticeFolderPage, PracticeIndexPage, PracticeIndicator, PracticePage
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def test_migration_creates_the_practice_index_under_the_home_page(client):
    index = PracticeIndexPage.objects.get()
    assert index.get_parent().slug == "home"
    assert index.url == "/practices/"
    assert client.get("/practices/").status_code == 200


def test_provisioning_a_member_creates_its_folder_with_add_and_change_for_its_editors():
    member = MemberFactory(slug="city-of-lyon", name="City of Lyon")
    folder = PracticeFolderPage.objects.get(member=member)
    assert folder.slug == "city-of-lyon"
    assert folder.get_parent().specific_class is PracticeIndexPage
    granted = set(
        GroupPagePermission.objects.filter(group=member.editors_group, page=folder).values_list(
            "permission__codename", flat=True
        )
    )
    assert granted == {"add_page", "change_page"}


def test_serving_a_folder_redirects_to_the_listing_filtered_by_member(client):
    member = MemberFactory(slug="city-of-porto")
    response = client.get(PracticeFolderPage.for_member(member).url)
    assert response.status_code == 302
    assert response["Location"] == "/practices/?member=city-of-porto"


def test_lead_member_is_taken_from_the_folder_not_from_the_editor():
    member, other = MemberFactory(), MemberFactory()
    page = practice_page(member, lead_member=other)
    assert page.lead_member == member


def test_end_date_before_start_date_is_rejected():
    page = practice_page(MemberFactory(), publish=False)
    page.start_date, page.end_date = date(2022, 5, 1), date(2021, 5, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "end_date" in error.value.message_dict


def test_negative_budget_is_rejected():
    page = practice_page(MemberFactory(), publish=False)
    page.budget_eur = -1
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "budget_eur" in error.value.message_dict


def test_required_fields_are_reported_by_name():
    page = practice_page(MemberFactory(), publish=False)
    page.summary = page.challenge = page.approach = page.results = page.transferability = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"summary", "challenge", "approach", "results", "transferability"} <= set(error.value.message_dict)


def test_completed_practice_needs_an_end_date():
    page = practice_page(MemberFactory(), publish=False)
    page.status = PracticePage.Status.COMPLETED
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "end_date" in error.value.message_dict


def test_contact_officer_must_belong_to_the_lead_member():
    member, other = MemberFactory(), MemberFactory()
    stranger = ContactOfficer.objects.create(
        member=other, name="Ana", role="Officer", email="ana@example.org"
    )
    page = practice_page(member, publish=False)
    page.contact_officer = stranger
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "contact_officer" in error.value.message_dict
    page.contact_officer = ContactOfficer.objects.create(
        member=member, name="Bo", role="Officer", email="bo@example.org"
    )
    page.full_clean()


@pytest.mark.parametrize("field", ["value", "baseline", "target"])
def test_negative_indicator_values_are_rejected(field):
    indicator = PracticeIndicator(indicator=Indicator.objects.get(slug="beneficiaries"), value=Decimal(10))
    setattr(indicator, field, Decimal(-5))
    with pytest.raises(ValidationError) as error:
        indicator.clean()
    assert field in error.value.message_dict


def test_indicator_period_must_be_in_order():
    indicator = PracticeIndicator(
        indicator=Indicator.objects.get(slug="beneficiaries"),
        value=Decimal(10),
        period_start=date(2024, 1, 1),
        period_end=date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        indicator.clean()
    assert "period_end" in error.value.message_dict


def test_needs_review_after_24_months_without_review():
    today = timezone.localdate()
    page = practice_page(MemberFactory())
    page.last_reviewed_at = today - timedelta(days=365 * 2 + 5)
    assert page.needs_review
    page.last_reviewed_at = today - timedelta(days=365)
    assert not page.needs_review


def test_never_reviewed_practice_needs_review_once_published_over_24_months_ago():
    page = practice_page(MemberFactory())
    assert not page.needs_review
    Page.objects.filter(pk=page.pk).update(first_published_at=timezone.now() - timedelta(days=800))
    page = PracticePage.objects.get(pk=page.pk)
    assert page.needs_review
    assert PracticePage.objects.needing_review().filter(pk=page.pk).exists()


def test_publishing_an_old_revision_keeps_the_reminder_date():
    page = practice_page(MemberFactory())
    old_revision = page.latest_revision
    sent = timezone.now()
    PracticePage.objects.filter(pk=page.pk).update(review_reminder_sent_at=sent)
    old_revision.publish()
    assert PracticePage.objects.get(pk=page.pk).review_reminder_sent_at == sent


def test_related_practices_share_priority_and_themes_most_overlapping_first():
    member = MemberFactory()
    page = practice_page(member, themes=["housing", "education", "mentoring"], priority=1)
    closest = practice_page(member, themes=["housing", "education"], priority=1)
    close = practice_page(member, themes=["mentoring"], priority=1)
    practice_page(member, themes=["housing"], priority=2)  # other priority
    practice_page(member, themes=["entrepreneurship"], priority=1)  # no shared theme
    practice_page(member, themes=["housing"], priority=1, publish=False)  # draft
    assert page.related_practices() == [closest, close]


def test_queryset_filters_success_stories_and_public_pages():
    member = MemberFactory()
    story = practice_page(member, is_success_story=True)
    practice_page(member)
    practice_page(member, is_success_story=True, publish=False)
    assert list(PracticePage.objects.live_public().success_stories()) == [story]


def test_led_or_partnered_by_matches_lead_and_partner_once_each():
    member, partner, stranger = MemberFactory(), MemberFactory(), MemberFactory()
    led = practice_page(member, with_revision=False)
    partnered = practice_page(partner, partners=[member, stranger], with_revision=False)
    practice_page(stranger, with_revision=False)
    practices = PracticePage.objects.order_by("pk")
    assert list(practices.led_or_partnered_by(member)) == [led, partnered]
    assert list(practices.led_or_partnered_by(member.pk)) == [led, partnered]
    assert practices.led_or_partnered_by([member, stranger]).count() == 3
    assert list(practices.led_or_partnered_by(Member.objects.filter(pk=partner.pk))) == [partnered]


def test_moving_a_practice_to_another_folder_changes_its_lead_member():
    member, other = MemberFactory(), MemberFactory()
    page = practice_page(member)
    page.move(PracticeFolderPage.for_member(other), pos="last-child")
    page = PracticePage.objects.get(pk=page.pk)
    page.save()
    assert page.lead_member == other
    assert page.owning_member_id() == other.pk
