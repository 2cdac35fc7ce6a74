"""Member querysets, display helpers and the membership application model."""

import pytest

from core.models import MemberKind, Theme
from members.models import Member, MembershipApplication
from tests.factories import MemberFactory
from tests.members.factories import MembershipApplicationFactory

pytestmark = pytest.mark.django_db


def themed(member: Member, *slugs: str) -> Member:
    member.expertise_themes.set(Theme.objects.filter(slug__in=slugs))
    member.save()
    return member


def test_language_names_are_shown_by_name_and_unknown_codes_are_kept():
    member = MemberFactory(languages=["nl", "ar", "xx"])
    assert member.language_names == ["Dutch", "Arabic", "xx"]


def test_country_is_a_name_for_display():
    assert MemberFactory(country="BE").country.name == "Belgium"


def test_active_hides_inactive_members_and_offering_assistance_needs_both():
    helping = MemberFactory(offers_assistance=True)
    MemberFactory(offers_assistance=True, is_active=False)
    MemberFactory(offers_assistance=False)
    assert list(Member.objects.offering_assistance()) == [helping]


def test_matching_searches_name_city_region_and_description_case_insensitively():
    by_name = MemberFactory(name="Stadt Wien", city="Wien", description="")
    by_city = MemberFactory(name="Comune", city="Torino", description="")
    by_text = MemberFactory(name="NGO", city="Lyon", description="Runs a WELCOME desk")
    MemberFactory(name="Other", city="Porto", description="Nothing relevant")
    assert set(Member.objects.matching("wien")) == {by_name}
    assert set(Member.objects.matching("TORINO")) == {by_city}
    assert set(Member.objects.matching("welcome")) == {by_text}
    assert Member.objects.matching("  ").count() == Member.objects.count()


def test_country_kind_and_expertise_filters():
    ngo = MemberKind.objects.get(slug="ngo")
    belgian_ngo = themed(MemberFactory(country="BE", kind=ngo), "housing", "education")
    themed(MemberFactory(country="BE"), "education")
    themed(MemberFactory(country="IT", kind=ngo), "mentoring")
    assert set(Member.objects.in_country("be").of_kind("ngo")) == {belgian_ngo}
    # Two themes on one member must not list it twice.
    assert list(Member.objects.in_country("BE").with_expertise("housing")) == [belgian_ngo]
    assert Member.objects.with_expertise("education").count() == 2


def test_application_starts_pending_and_lists_as_pending():
    application = MembershipApplicationFactory()
    assert application.status == MembershipApplication.Status.PENDING
    assert application.is_pending
    MembershipApplicationFactory(status=MembershipApplication.Status.REJECTED)
    assert list(MembershipApplication.objects.pending()) == [application]
