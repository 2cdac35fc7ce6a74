"""A member's words in another language than the interface carry `lang` (and `dir`) on cards and results
(WCAG 3.1.2); the interface's own labels on the same card do not."""

import re

import pytest
from django.utils import translation

from core.text_language import text_language_attributes
from tests.events.factories import make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def get(client, url: str) -> str:
    with translation.override("en"):  # a request leaves its language active: restore it afterwards
        return client.get(url).content.decode()


def card(html: str, title: str) -> str:
    """The card (<li>...</li>) whose title links to `title`."""
    for match in re.finditer(r"<li class=\"card[^\"]*\">.*?</li>", html, re.DOTALL):
        if f">{title}</a>" in match.group(0):
            return match.group(0)
    raise AssertionError(f"no card titled {title!r}")


def test_a_text_in_the_interface_language_or_of_unknown_language_gets_no_attribute():
    with translation.override("it"):
        assert text_language_attributes("it") == ""
        assert text_language_attributes("") == ""
        assert text_language_attributes(None) == ""
        assert text_language_attributes("de") == ' lang="de"'


def test_a_right_to_left_text_also_gets_its_direction():
    with translation.override("en"):
        assert text_language_attributes("ar") == ' lang="ar" dir="rtl"'
        assert text_language_attributes("ps") == ' lang="ps" dir="rtl"'
        assert text_language_attributes("fr") == ' lang="fr"'


def test_a_practice_card_marks_its_title_and_summary_but_not_the_interface_labels(client):
    member = MemberFactory()
    title = "Sportello unico per i nuovi arrivati"
    practice_page(member, title=title, summary="Uno sportello.", language="it")
    english = card(get(client, "/practices/"), title)
    assert re.search(r'<h\d class="card__title" lang="it"><a', english)
    assert '<p class="practice-card__summary" lang="it">Uno sportello.' in english
    assert 'class="card__kicker">Priority' in english and english.count('lang="it"') == 2
    italian = card(get(client, "/it/practices/"), title)
    assert 'lang="' not in italian


def test_an_event_card_marks_its_title_in_the_event_s_language(client):
    make_event(title="Werkstatt Erstaufnahme", language="de")
    english = card(get(client, "/events/"), "Werkstatt Erstaufnahme")
    assert re.search(r'<h\d class="card__title" lang="de"><a', english)
    german = card(get(client, "/de/events/"), "Werkstatt Erstaufnahme")
    assert 'lang="' not in german


def test_a_member_card_marks_its_name_in_the_profile_s_language(client):
    MemberFactory(name="Comune di Bergamo", slug="bergamo", language="it")
    MemberFactory(name="City of Cork", slug="cork", language="en")
    html = get(client, "/members/")
    assert re.search(r'<h\d class="card__title" lang="it"><a[^>]*>Comune di Bergamo</a>', html)
    assert re.search(r'<h\d class="card__title"><a[^>]*>City of Cork</a>', html)
