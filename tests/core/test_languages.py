"""Six interface languages: the switcher keeps the page, hreflang alternates, a signed-in person's preferred
language, content locales, and dates, times, time zones and money written the reader's way."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from core import formatting
from practices.models import PracticeIndexPage
from tests.events.factories import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "de", "fr", "it", "es", "nl"]
SWITCHER = re.compile(r'<nav class="language-switcher" aria-label="[^"]+">(.*?)</nav>', re.DOTALL)


def switcher_links(html: str) -> dict[str, tuple[str, bool]]:
    """{language: (href, is_current)} of the switcher's links."""
    match = SWITCHER.search(html)
    assert match, "no language switcher"
    links = re.findall(
        r'<a href="([^"]*)" lang="(\w+)" hreflang="\w+"( aria-current="true")?>', match.group(1)
    )
    return {code: (href.replace("&amp;", "&"), bool(current)) for href, code, current in links}


def test_every_interface_language_has_a_content_locale():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(LANGUAGES)


def test_switcher_is_a_labelled_landmark_naming_each_language_in_itself(client):
    html = client.get("/").content.decode()
    nav = SWITCHER.search(html)
    assert nav and 'aria-label="Language"' in nav.group(0)
    for code, name in [("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("nl", "Nederlands")]:
        assert f'lang="{code}" hreflang="{code}"' in nav.group(1)
        assert f">{name}</a>" in nav.group(1)
    links = switcher_links(html)
    assert [code for code, (_href, current) in links.items() if current] == ["en"]


def test_switcher_keeps_the_page_and_its_filters_in_each_language(client):
    html = client.get("/practices/?theme=housing").content.decode()
    links = switcher_links(html)
    assert links["de"] == ("/de/practices/?theme=housing", False)
    assert links["nl"] == ("/nl/practices/?theme=housing", False)
    german = client.get("/de/practices/?theme=housing").content.decode()
    assert '<html lang="de"' in german
    assert switcher_links(german)["de"][1] is True
    assert switcher_links(german)["en"][0] == "/practices/?theme=housing"


@pytest.mark.parametrize(
    "path", ["/", "/practices/?theme=housing&page=2", "/search/?q=caf%C3%A9+%26+co", "/events/calendar/"]
)
def test_switcher_links_are_django_s_translated_urls_of_the_page(client, path):
    """The links come from the request's own URL match, reversed in each language: the same URLs as
    Django's translate_url, which resolves the path once more per language."""
    from django.urls import translate_url

    response = client.get(path)
    assert response.status_code == 200
    links = switcher_links(response.content.decode())
    here = links.pop("en")[0]  # the query string as the page cache normalised it (sorted)
    assert sorted(here.replace("?", "&").split("&")) == sorted(path.replace("?", "&").split("&"))
    assert len(links) == 5
    for code, (href, _current) in links.items():
        assert href == translate_url(here, code), code


def test_switcher_and_hreflang_lead_to_the_translated_page_when_one_exists(client):
    listing = PracticeIndexPage.objects.get()
    german = listing.copy_for_translation(Locale.objects.get(language_code="de"), copy_parents=True)
    german.title, german.slug = "Praktiken", "praktiken"
    german.save_revision().publish()
    html = client.get("/practices/success-stories/").content.decode()
    # the translation's URL, with the sub-page being viewed kept
    assert switcher_links(html)["de"] == ("/de/praktiken/success-stories/", False)
    assert switcher_links(html)["fr"] == ("/fr/practices/success-stories/", False)  # no French version
    assert (
        '<link rel="alternate" hreflang="de" href="http://testserver/de/praktiken/success-stories/">' in html
    )
    assert client.get("/de/praktiken/success-stories/").status_code == 200
    back = client.get("/de/praktiken/").content.decode()
    assert switcher_links(back)["en"] == ("/practices/", False)


def test_head_lists_hreflang_alternates_and_an_x_default(client):
    html = client.get("/events/").content.decode()
    for code in LANGUAGES:
        prefix = "" if code == "en" else f"/{code}"
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{prefix}/events/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/events/">' in html


def test_main_navigation_stays_in_the_reader_s_language(client):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/practices/"' in html and 'href="/fr/events/"' in html


def test_signed_in_person_sees_the_site_in_their_preferred_language(client):
    user = UserFactory()
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "de"})
    client.force_login(user)
    response = client.get("/practices/?theme=housing")
    assert response.status_code == 302 and response["Location"] == "/de/practices/?theme=housing"
    assert client.get("/fr/practices/").status_code == 200  # an explicit language is served as asked
    assert client.get("/api/v1/practices").status_code == 200  # not a page of the site: never redirected


def test_switching_language_while_signed_in_saves_the_preference(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/practices/").content.decode()
    assert 'name="language" value="nl" lang="nl"' in html
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/nl/practices/"})
    assert response.status_code == 302 and response["Location"] == "/nl/practices/"
    assert UserProfile.get_for_user(user).preferred_language == "nl"
    assert client.get("/events/")["Location"] == "/nl/events/"
    client.post("/i18n/setlang/", {"language": "en", "next": "/events/"})
    assert UserProfile.get_for_user(user).preferred_language == "en"
    assert client.get("/events/").status_code == 200


MOMENT = datetime(2027, 2, 3, 13, 30, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("language", "day", "moment", "zone", "money"),
    [
        (
            "en",
            "3 February 2027",
            "3 February 2027, 14:30",
            "Central European Standard Time (UTC+01:00)",
            "€25,000",
        ),
        (
            "de",
            "3. Februar 2027",
            "3. Februar 2027, 14:30",
            "Mitteleuropäische Normalzeit (UTC+01:00)",
            "25.000\xa0€",
        ),
        (
            "fr",
            "3 février 2027",
            "3 février 2027, 14:30",
            "heure normale d’Europe centrale (UTC+01:00)",
            "25\u202f000\xa0€",
        ),
        (
            "nl",
            "3 februari 2027",
            "3 februari 2027, 14:30",
            "Midden-Europese standaardtijd (UTC+01:00)",
            "€\xa025.000",
        ),
    ],
)
def test_dates_times_zones_and_money_follow_the_language(language, day, moment, zone, money):
    with translation.override(language):
        assert formatting.format_day(date(2027, 2, 3)) == day
        assert formatting.format_moment(MOMENT, "Europe/Brussels") == moment
        assert formatting.format_time_zone("Europe/Brussels", MOMENT) == zone
        assert formatting.format_money(Decimal("25000")) == money


def test_time_zone_shows_summer_time_and_its_offset():
    with translation.override("en"):
        summer = formatting.format_time_zone("Europe/Lisbon", datetime(2027, 7, 1, tzinfo=ZoneInfo("UTC")))
    assert summer == "Western European Summer Time (UTC+01:00)"


def test_event_page_names_its_time_zone_instead_of_the_raw_id(client):
    event = make_event(start=datetime(2027, 2, 3, 9, tzinfo=ZoneInfo("Europe/Brussels")))
    html = client.get(event.url).content.decode()
    assert "Wednesday, 3 February 2027, 09:00–16:00" in html
    assert "(Central European Standard Time (UTC+01:00))" in html
    assert "(Europe/Brussels)" not in html
    german = client.get("/de" + event.url).content.decode()
    assert "Mittwoch, 3. Februar 2027, 09:00–16:00" in german


def test_a_person_picks_their_language_in_the_admin_account_page(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    html = client.get("/admin/account/").content.decode()
    for code in LANGUAGES:
        assert f'<option value="{code}"' in html
    response = client.post(
        "/admin/account/",
        {
            "locale-preferred_language": "it",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
            "name_email-first_name": "Ada",
            "name_email-last_name": "Rossi",
            "name_email-email": "ada@example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert UserProfile.get_for_user(user).preferred_language == "it"
    assert client.get("/practices/")["Location"] == "/it/practices/"
