"""The /practices/ listing, success stories, the practice page and the priority landing pages."""

import re

import pytest
from django.urls import reverse

from core.models import MemberKind, Theme
from members.models import ContactOfficer
from tests.factories import MemberFactory, UserFactory
from tests.listings import card_titles
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return card_titles(response)


def facet(response, name: str) -> dict[str, int]:
    for item in response.context["facets"]:
        if item["name"] == name:
            return {choice["value"]: choice["count"] for choice in item["choices"]}
    raise KeyError(name)


@pytest.fixture
def corpus():
    """Six practices spread over the filters, one draft that must never show."""
    ghent = MemberFactory(slug="ghent", name="Ghent", country="BE")
    region = MemberFactory(
        slug="tuscany", name="Tuscany", country="IT", kind=MemberKind.objects.get(slug="region")
    )
    practice_page(
        ghent, title="Alpha housing desk", themes=["housing"], target_groups=["refugees"], priority=1
    )
    practice_page(
        ghent,
        title="Bravo language cafe",
        themes=["language-training", "housing"],
        priority=1,
        is_success_story=True,
        language="nl",
    )
    practice_page(
        ghent,
        title="Charlie mentors",
        themes=["mentoring"],
        priority=2,
        status="completed",
        end_date="2023-01-01",
    )
    practice_page(
        region, title="Delta foster families", themes=["family-based-care"], priority=4, country="IT"
    )
    practice_page(
        region,
        title="Echo housing for minors",
        themes=["housing"],
        priority=4,
        country="IT",
        is_success_story=True,
        partners=[ghent],
    )
    practice_page(region, title="Foxtrot draft", themes=["housing"], priority=4, publish=False)
    return ghent, region


def test_listing_shows_published_practices_newest_first(client, corpus):
    response = client.get("/practices/")
    assert response.status_code == 200
    assert titles(response) == [
        "Echo housing for minors",
        "Delta foster families",
        "Charlie mentors",
        "Bravo language cafe",
        "Alpha housing desk",
    ]


def test_alphabetical_sort(client, corpus):
    response = client.get("/practices/?sort=title")
    assert titles(response)[0] == "Alpha housing desk"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("priority=local-regional-networks", {"Alpha housing desk", "Bravo language cafe"}),
        ("theme=housing", {"Alpha housing desk", "Bravo language cafe", "Echo housing for minors"}),
        ("target_group=refugees", {"Alpha housing desk"}),
        ("country=it", {"Delta foster families", "Echo housing for minors"}),
        ("member_kind=region", {"Delta foster families", "Echo housing for minors"}),
        ("status=completed", {"Charlie mentors"}),
        ("language=nl", {"Bravo language cafe"}),
        ("success_stories=1", {"Bravo language cafe", "Echo housing for minors"}),
        (
            "member=ghent",
            {"Alpha housing desk", "Bravo language cafe", "Charlie mentors", "Echo housing for minors"},
        ),
        ("q=FOSTER", {"Delta foster families"}),
        ("theme=housing&country=BE", {"Alpha housing desk", "Bravo language cafe"}),
    ],
)
def test_each_filter_narrows_the_listing(client, corpus, query, expected):
    response = client.get(f"/practices/?{query}")
    assert set(titles(response)) == expected
    assert response.context["page_obj"].paginator.count == len(expected)


def test_counts_per_value_are_computed_on_the_other_filters(client, corpus):
    response = client.get("/practices/?theme=housing&country=BE")
    # Theme counts ignore the theme filter but respect the country: the Belgian practices' themes.
    assert facet(response, "theme") == {"housing": 2, "language-training": 1, "mentoring": 1}
    # Country counts ignore the country filter but respect the theme.
    assert facet(response, "country") == {"BE": 2, "IT": 1}
    assert facet(response, "priority")["local-regional-networks"] == 2
    assert facet(response, "priority")["migrant-minors"] == 0
    assert response.context["success_story_count"] == 1


def test_member_counts_include_partner_practices(client, corpus):
    response = client.get("/practices/")
    assert facet(response, "member") == {"ghent": 4, "tuscany": 2}


def test_selected_filters_stay_selected_and_pagination_links_keep_them(client, corpus):
    ghent, _ = corpus
    for number in range(12):
        practice_page(ghent, title=f"Extra {number:02d}", themes=["housing"], with_revision=False)
    response = client.get("/practices/?theme=housing&sort=title")
    html = response.content.decode()
    assert '<option value="housing" selected>' in html
    assert 'href="?theme=housing&amp;sort=title&amp;page=2"' in html
    page_two = client.get("/practices/?theme=housing&sort=title&page=2")
    assert len(titles(page_two)) == 15 - 12


def test_unknown_filter_values_give_an_empty_result_not_an_error(client, corpus):
    response = client.get("/practices/?theme=nonsense&sort=bogus&page=99")
    assert response.status_code == 200
    assert titles(response) == []
    assert "No practice matches these filters yet." in response.content.decode()


def test_success_stories_route_lists_only_success_stories(client, corpus):
    response = client.get("/practices/success-stories/")
    assert response.status_code == 200
    assert set(titles(response)) == {"Bravo language cafe", "Echo housing for minors"}
    assert "<h1>Success stories</h1>" in response.content.decode()


@pytest.mark.parametrize("count", [15, 120])
def test_listing_queries_do_not_grow_with_practices(client, django_assert_max_num_queries, count):
    members = [MemberFactory() for _ in range(3)]
    themes = ["housing", "education", "mentoring", "language-training"]
    for number in range(count):
        practice_page(
            members[number % 3],
            title=f"Practice {number:03d}",
            themes=themes[number % 4 : number % 4 + 2],
            target_groups=["refugees"],
            partners=[members[(number + 1) % 3]],
            priority=number % 5 + 1,
            with_revision=False,
        )
    with django_assert_max_num_queries(35):
        response = client.get("/practices/?theme=housing&sort=title")
    assert response.status_code == 200
    with django_assert_max_num_queries(35):
        client.get("/practices/success-stories/?page=2")


def test_practice_page_shows_everything_in_order_with_an_indicator_table(client, corpus):
    ghent, region = corpus
    page = practice_page(
        region,
        title="Golf",
        themes=["housing"],
        partners=[ghent],
        indicators=[("beneficiaries", 4200)],
        budget_eur=250000,
        competence_level="regional",
        evaluation_type="external",
        validated_by="University of Pisa",
        resources_needed="Two social workers.",
        priority=4,
    )
    html = client.get(page.url).content.decode()
    assert html.count("<h1") == 1
    order = [
        "The challenge",
        "What was done",
        "Results",
        "Outcome indicators",
        "What you need to copy it",
        "Evidence",
    ]
    positions = [html.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert re.search(
        r"<th scope=\"row\">Third-country nationals reached</th>\s*<td class=\"numeric\">4,200</td>", html
    )
    assert 'href="/members/ghent/"' in html and 'href="/members/tuscany/"' in html
    assert "University of Pisa" in html and "External evaluation" in html
    # Related: same priority and overlapping theme.
    assert "Echo housing for minors" in html
    assert "Delta foster families" not in html


def test_anonymous_visitors_are_asked_to_sign_in_to_contact(client, corpus):
    _, region = corpus
    page = practice_page(region, title="Hotel")
    html = client.get(page.url).content.decode()
    assert "Sign in to contact the lead member" in html
    assert "/account/sign-in/?next=" in html


def test_signed_in_users_get_a_mailto_for_the_contact_officer(client, corpus):
    _, region = corpus
    officer = ContactOfficer.objects.create(
        member=region, name="Lia", role="Coordinator", email="lia@example.org"
    )
    page = practice_page(region, title="India", contact_officer=officer, contact_role="Head of unit")
    client.force_login(UserFactory())
    html = client.get(page.url).content.decode()
    assert 'href="mailto:lia@example.org' in html
    assert "Contact the lead member" in html
    assert "Head of unit" in html


def test_review_flag_is_shown_on_a_stale_practice(client, corpus):
    _, region = corpus
    page = practice_page(region, title="Juliet", last_reviewed_at="2019-01-01")
    assert "Needs review" in client.get(page.url).content.decode()


def test_priority_page_explains_the_call_and_lists_practices_and_helpers(client, corpus):
    ghent, _ = corpus
    ghent.offers_assistance = True
    ghent.assistance_themes.set([Theme.objects.get(slug="family-based-care")])
    ghent.save()
    response = client.get(reverse("practices:priority", kwargs={"slug": "migrant-minors"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h3>Objectives</h3>" in html and "<h3>Outcomes</h3>" in html
    assert "<li>Institutionalised care systems</li>" in html
    assert "Delta foster families" in html and "Echo housing for minors" in html
    assert "Alpha housing desk" not in html
    assert 'href="/practices/?priority=migrant-minors"' in html
    assert "Ghent" in html  # assists on family-based care, a theme of this priority's practices


def test_unknown_priority_is_404(client):
    assert client.get("/priorities/nope/").status_code == 404


def test_home_page_shows_latest_practices(client, corpus):
    html = client.get("/").content.decode()
    assert "Latest practices" in html
    assert "Echo housing for minors" in html
    assert "2 success stories" in html


def test_listing_shows_a_zero_facet_count_only_for_the_chosen_value_and_hides_an_empty_success_filter(client):
    member = MemberFactory()
    practice_page(member, title="Housing first", themes=["housing"])
    html = client.get("/practices/").content.decode()
    assert "(0)</option>" not in html  # an option nobody used is listed without a count
    assert "(1)</option>" in html
    assert 'name="success_stories"' not in html  # no success story yet: the filter would find nothing
    html = client.get("/practices/?theme=entrepreneurship").content.decode()
    assert html.count("(0)</option>") == 1  # the chosen value explains the empty result
