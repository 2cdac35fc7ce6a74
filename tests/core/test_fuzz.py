"""No 500 from input: property-based fuzzing (hypothesis) of every public GET endpoint, the ids in URLs
and the public forms, with NUL bytes, quotes, huge numbers, unicode and repeated parameters. Only
2xx/3xx/4xx are acceptable. Example counts are bounded so the suite stays fast on SQLite and PostgreSQL."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from members.roles import NETWORK_ADMINISTRATORS
from tests.events.factories import make_event
from tests.factories import MemberFactory, UserFactory, member_user
from tests.members.factories import join_form_data
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproducible, CI time is stable
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "\x00",
    "a\x00b",
    '"',
    '"housing',
    "'",
    "' OR 1=1 --",
    "\\",
    "%",
    "%00",
    "*",
    "(",
    "NEAR(",
    "AND",
    "-",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2024-13",
    "9999-12",
    "0000-00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "ﬁ€ß𝔘",
    "\u202e",
    " " * 200,
    "x" * 5000,
]
# Lone surrogates cannot be URL-encoded by any client, so they are left out.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
VALUE = st.one_of(st.sampled_from(NASTY), TEXT, st.integers(-(10**30), 10**30).map(str))
PARAM_NAMES = [
    "q",
    "page",
    "page_size",
    "sort",
    "priority",
    "theme",
    "target_group",
    "country",
    "member_kind",
    "member",
    "status",
    "language",
    "type",
    "mode",
    "month",
    "year_from",
    "year_to",
    "success_stories",
    "assistance",
    "new",
]
PARAMS = st.dictionaries(
    st.one_of(st.sampled_from(PARAM_NAMES), TEXT), st.lists(VALUE, min_size=1, max_size=3), max_size=5
)


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


@pytest.fixture
def site(settings):
    """A little of everything, so listings, pages and filters have something to show."""
    settings.RATELIMIT_ENABLE = False  # fuzz the views, not the limiter
    member = MemberFactory(slug="ghent", name="City of Ghent", offers_assistance=True)
    event = make_event(member=member, capacity=5)
    practice = practice_page(member, themes=["housing"], title="Housing first")
    return {"member": member, "event": event, "practice": practice}


def public_get_paths(site) -> list[str]:
    return [
        "/practices/",
        "/practices/success-stories/",
        site["practice"].url,
        "/priorities/legal-migration/",
        "/events/",
        "/events/past/",
        "/events/calendar/",
        "/events/feed.ics",
        f"/events/ics/{site['event'].pk}/",
        site["event"].url,
        "/members/",
        "/members/ghent/",
        "/members/join/",
        "/search/",
        "/api/search/",
        "/api/search/autocomplete/",
        "/",
    ]


def test_public_get_endpoints_never_answer_500(site):
    client = Client(raise_request_exception=False)
    paths = public_get_paths(site)

    @FUZZ
    @given(path=st.sampled_from(paths), params=PARAMS)
    def check(path, params):
        assert_no_server_error(client.get(path, params), f"GET {path} {params!r}")

    check()


URL_IDS = st.one_of(st.integers(0, 10**40), st.sampled_from([2**31, 2**63, 2**64, 10**19]))


def test_ids_in_urls_never_answer_500(site):
    anonymous = Client(raise_request_exception=False)
    administrator = UserFactory(username="fuzz-admin", is_staff=True, is_superuser=True)
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    admin = Client(raise_request_exception=False)
    admin.force_login(administrator)
    member = Client(raise_request_exception=False)
    member.force_login(member_user(site["member"]))

    @FUZZ
    @given(number=URL_IDS, template=st.sampled_from(["public", "member", "admin"]))
    def check(number, template):
        requests = {
            "public": [(anonymous, f"/events/ics/{number}/")],
            "member": [
                (member, f"/transfers/requests/{number}/"),
                (member, f"/transfers/projects/{number}/"),
                (member, f"/transfers/practices/{number}/interest/"),
            ],
            "admin": [
                (admin, f"/admin/event-registrations/{number}/"),
                (admin, f"/admin/event-registrations/{number}/export.csv"),
                (admin, f"/admin/event-registrations/{number}/message/"),
                (admin, f"/admin/membership-applications/review/{number}/"),
            ],
        }[template]
        for client, path in requests:
            assert_no_server_error(client.get(path), f"GET {path}")

    check()


@pytest.mark.parametrize("path", ["/members/{}/", "/priorities/{}/", "/events/registration/{}/"])
def test_slugs_and_tokens_in_urls_never_answer_500(site, path):
    client = Client(raise_request_exception=False)

    @FUZZ
    @given(value=st.one_of(st.sampled_from(["%00", "x" * 300, "9" * 40, "%22", "a%00b"]), TEXT))
    def check(value):
        from urllib.parse import quote

        url = path.format(quote(value, safe="") or "x")
        assert_no_server_error(client.get(url), f"GET {url}")

    check()


FORM_VALUE = st.one_of(st.sampled_from(NASTY), TEXT)


def test_public_forms_never_answer_500(site):
    client = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(member_user(site["member"]))
    forms = {
        "join": (client, "/members/join/", join_form_data()),
        "registration": (
            client,
            f"{site['event'].url}register/",
            {"name": "Ana", "email": "ana@example.org", "organisation": "Lisboa", "consent": "on"},
        ),
        "assistance": (
            signed_in,
            "/transfers/requests/new/",
            {"requesting_member": "ghent", "title": "Help", "description": "We need help with housing."},
        ),
        "interest": (signed_in, f"/transfers/practices/{site['practice'].pk}/interest/", {"message": "Hi"}),
        "search": (client, "/search/", {}),
    }

    @FUZZ
    @given(
        form=st.sampled_from(sorted(forms)),
        changes=st.dictionaries(
            st.one_of(st.sampled_from(PARAM_NAMES), TEXT), st.lists(FORM_VALUE, max_size=3)
        ),
        field_values=st.lists(FORM_VALUE, min_size=1, max_size=11),
    )
    def check(form, changes, field_values):
        poster, path, data = forms[form]
        fuzzed: dict[str, list[str] | str] = dict(data)
        for name, value in zip(sorted(data), field_values, strict=False):
            fuzzed[name] = value
        fuzzed.update(changes)
        assert_no_server_error(poster.post(path, fuzzed), f"POST {path} {fuzzed!r}")

    check()
