"""A visitor applies to join (making a mistake first) and browses the member directory with filters."""

import pytest

from core.models import MemberKind, Theme
from members.models import MembershipApplication
from tests.browser.accessibility import axe_violations
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_join_form_reports_a_missing_consent_then_accepts_the_fixed_application(page):
    page.goto("/members/join/")
    assert axe_violations(page) == []
    page.get_by_label("Organisation name").fill("Municipality of Braga")
    page.get_by_label("Kind of organisation").select_option(label="Municipality or city")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("City").fill("Braga")
    page.get_by_role("textbox", name="Contact person", exact=True).fill("Rita Almeida")
    page.get_by_label("Contact email").fill("rita@braga.example.org")
    page.get_by_label("Contact person's role").fill("Head of the migrant support office")
    page.get_by_label("Motivation").fill("We want to learn how other cities run one-stop shops.")
    page.get_by_role("button", name="Send the application").click()

    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert "consent" in summary.inner_text()
    assert page.get_by_label("Organisation name").input_value() == "Municipality of Braga"
    assert page.get_by_label("City").input_value() == "Braga"
    assert axe_violations(page) == []
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_consent"

    page.get_by_label("I agree that the network stores these details").check()
    page.get_by_role("button", name="Send the application").click()
    page.wait_for_url("**/members/join/thanks/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your application"
    assert MembershipApplication.objects.get().organisation_name == "Municipality of Braga"
    assert page.console_errors == []


def test_directory_filters_narrow_the_list_and_make_a_shareable_address(page):
    ngo = MemberKind.objects.get(slug="ngo")
    housing = Theme.objects.get(slug="housing")
    ghent = MemberFactory(name="City of Ghent", country="BE", city="Ghent", offers_assistance=True)
    ghent.expertise_themes.set([housing])
    ghent.save()
    MemberFactory(name="Caritas Antwerpen", country="BE", city="Antwerp", kind=ngo)
    MemberFactory(name="Comune di Bologna", country="IT", city="Bologna")

    page.goto("/members/")
    assert page.get_by_role("status").inner_text() == "3 members"
    assert axe_violations(page) == []

    country = page.get_by_label("Country")
    country.focus()  # as a keyboard user arrives on it (select_option alone does not move focus)
    country.select_option(label="Belgium (2)")
    assert page.evaluate("document.activeElement.id") == "filter-country"  # no reload, focus stays
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/members/?*country=BE*")
    assert page.get_by_role("status").inner_text() == "2 members"

    page.get_by_label("Offers technical assistance").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**assistance=on*")
    assert page.get_by_role("status").inner_text() == "1 member"
    shared = page.url

    page.get_by_role("link", name="City of Ghent").click()
    assert page.get_by_role("heading", level=1).inner_text() == "City of Ghent"
    assert "Housing" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.goto(shared)
    assert page.get_by_role("status").inner_text() == "1 member"
    page.get_by_role("link", name="Clear all filters").first.click()
    page.get_by_label("Name, city or words in the description").fill("bologna")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**q=bologna*")
    assert page.get_by_role("status").inner_text() == "1 member"
    assert page.get_by_role("link", name="Comune di Bologna").is_visible()
    assert page.console_errors == []
