"""The public member directory and profiles."""

import pytest
from django.urls import reverse

from core.models import MemberKind, Theme
from members.models import ContactOfficer, Member
from tests.factories import MemberFactory, UserFactory
from tests.listings import card_titles

pytestmark = pytest.mark.django_db

LIST_URL = "/members/"


def themed(member: Member, *slugs: str, assisting: bool = False) -> Member:
    member.expertise_themes.set(Theme.objects.filter(slug__in=slugs))
    if assisting:
        member.assistance_themes.set(Theme.objects.filter(slug__in=slugs))
    member.save()
    return member


@pytest.fixture
def directory():
    ngo = MemberKind.objects.get(slug="ngo")
    return {
        "ghent": themed(
            MemberFactory(name="City of Ghent", country="BE", city="Ghent", offers_assistance=True), "housing"
        ),
        "caritas": themed(
            MemberFactory(name="Caritas Antwerpen", country="BE", city="Antwerp", kind=ngo), "education"
        ),
        "bologna": themed(
            MemberFactory(
                name="Comune di Bologna", country="IT", city="Bologna", description="Intercultural centres"
            ),
            "housing",
            "education",
        ),
        "gone": MemberFactory(name="Former Member", country="FR", is_active=False),
    }


def names(response) -> list[str]:
    return card_titles(response)


def test_url_names_resolve():
    assert reverse("members:list") == LIST_URL
    assert reverse("members:detail", kwargs={"slug": "city-of-ghent"}) == "/members/city-of-ghent/"


def test_directory_lists_active_members_alphabetically_with_a_count(client, directory):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert names(response) == ["Caritas Antwerpen", "City of Ghent", "Comune di Bologna"]
    assert "3 members" in response.content.decode()


def test_country_filter_offers_only_countries_with_members_by_name(client, directory):
    response = client.get(LIST_URL)
    choices = dict(response.context["form"].fields["country"].choices)
    assert choices == {"": "Any country", "BE": "Belgium (2)", "IT": "Italy (1)"}
    response = client.get(LIST_URL, {"country": "IT"})
    assert names(response) == ["Comune di Bologna"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "ngo"}, ["Caritas Antwerpen"]),
        ({"theme": "housing"}, ["City of Ghent", "Comune di Bologna"]),
        ({"assistance": "on"}, ["City of Ghent"]),
        ({"q": "antwerp"}, ["Caritas Antwerpen"]),
        ({"q": "intercultural"}, ["Comune di Bologna"]),
        ({"country": "BE", "theme": "education"}, ["Caritas Antwerpen"]),
    ],
)
def test_filters_narrow_the_directory(client, directory, query, expected):
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert names(response) == expected
    assert f"{len(expected)} member" in response.content.decode()


@pytest.mark.parametrize("query", [{"kind": "aliens"}, {"country": "FR"}])
def test_an_unknown_filter_value_is_reported_not_applied_silently(client, directory, query):
    # France is not offered: its only member is inactive.
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_remembered_filter_form_follows_the_request_and_the_members(client, directory):
    """The filter form is a fragment kept per language and given values (core/page_cache): each
    request still gets its own selection and words, and the counts follow a new member at once."""
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    filtered = client.get(LIST_URL, {"country": "IT"}).content.decode()
    assert '<option value="IT" selected>Italy (1)</option>' in filtered
    assert '<option value="IT">Italy (1)</option>' in client.get(LIST_URL).content.decode()
    assert 'value="intercultural"' in client.get(LIST_URL, {"q": "intercultural"}).content.decode()
    assert 'value="intercultural"' not in client.get(LIST_URL).content.decode()
    MemberFactory(name="Comune di Torino", country="IT")
    assert '<option value="IT">Italy (2)</option>' in client.get(LIST_URL).content.decode()


def test_no_match_shows_a_human_empty_state_with_a_way_out(client, directory):
    response = client.get(LIST_URL, {"q": "zzz-nothing"})
    html = response.content.decode()
    assert "No member matches these filters" in html
    assert 'href="/members/">Clear all filters' in html


def test_filters_are_kept_in_pagination_links(client):
    for number in range(25):
        MemberFactory(name=f"Gemeente {number:02}", country="NL")
    response = client.get(LIST_URL, {"country": "NL"})
    assert len(names(response)) == 20
    assert 'href="?country=NL&amp;page=2"' in response.content.decode()
    response = client.get(LIST_URL, {"country": "NL", "page": "2"})
    assert len(names(response)) == 5
    assert client.get(LIST_URL, {"page": "99"}).status_code == 200


def test_directory_queries_do_not_grow_with_the_number_of_members(client, django_assert_max_num_queries):
    kinds = list(MemberKind.objects.all())
    themes = list(Theme.objects.all())
    for number in range(65):
        member = MemberFactory(
            name=f"Member {number:02}",
            country=["BE", "IT", "PT", "SE"][number % 4],
            kind=kinds[number % len(kinds)],
        )
        member.expertise_themes.set(themes[number % 5 : number % 5 + 3])
        member.save()
    # A first request fills what every later one reads from the cache (site, settings, footer links);
    # another address than the measured ones, which the page cache would otherwise answer.
    assert client.get(LIST_URL, {"country": "IT"}).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(LIST_URL, {"theme": themes[1].slug})
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(LIST_URL)
    assert len(names(response)) == 20


def test_profile_shows_every_field_by_name(client):
    member = themed(
        MemberFactory(
            name="Comune di Bologna",
            country="IT",
            region="Emilia-Romagna",
            city="Bologna",
            population=390000,
            languages=["it", "ar"],
            website="https://bologna.example.org",
            description="Neighbourhood intercultural centres.",
            offers_assistance=True,
        ),
        "housing",
        assisting=True,
    )
    html = client.get(member.get_absolute_url()).content.decode()
    for text in [
        "<h1>Comune di Bologna</h1>",
        "Italy",
        "Emilia-Romagna",
        "390000",
        "Italian, Arabic",
        "https://bologna.example.org",
        "Neighbourhood intercultural centres.",
        "Offers technical assistance",
        "Housing",
        "Municipality or city",
    ]:
        assert text in html, text


def test_contact_emails_are_for_signed_in_users_only(client):
    member = MemberFactory()
    ContactOfficer.objects.create(
        member=member, name="Giulia Rossi", role="Integration officer", email="g@x.org"
    )
    html = client.get(member.get_absolute_url()).content.decode()
    assert "Giulia Rossi" in html and "g@x.org" not in html
    assert "Sign in to see contact details" in html
    client.force_login(UserFactory())
    html = client.get(member.get_absolute_url()).content.decode()
    assert "mailto:g@x.org" in html and "Sign in to see contact details" not in html


def test_profile_without_practices_or_events_says_so_for_humans(client):
    member = MemberFactory(name="Quiet Town")
    html = client.get(member.get_absolute_url()).content.decode()
    assert "Quiet Town has not published practices or events yet." in html
    assert "has not named a contact officer yet" in html


def test_profile_lists_the_members_published_practices(client):
    from tests.practices.factories import practice_page

    member = MemberFactory(name="Busy Town")
    practice_page(member, title="One-stop shop for newcomers")
    html = client.get(member.get_absolute_url()).content.decode()
    assert "One-stop shop for newcomers" in html
    assert "has not published practices or events yet" not in html


def test_inactive_or_unknown_members_have_no_profile(client):
    assert client.get(MemberFactory(is_active=False).get_absolute_url()).status_code == 404
    assert client.get("/members/nobody-here/").status_code == 404
