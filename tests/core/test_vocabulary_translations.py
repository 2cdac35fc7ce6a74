"""The controlled vocabulary is stored data with a label in every interface language: shipped in
core/data/vocabulary-translations.json, loaded by the migration, shown in the reader's language on
filters, cards, pages and search facets, editable in the admin."""

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.models import EventType, FundingSource, Indicator, MemberKind, Priority, TargetGroup, Theme
from core.vocabulary import (
    TRANSLATED_LISTS,
    load_translations,
    load_vocabulary,
    slugify_ascii,
    sync_current_vocabulary,
)
from tests.events.factories import make_event
from tests.factories import MemberFactory, UserFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db

TERM_MODELS = [Priority, Theme, TargetGroup, MemberKind, EventType, Indicator, FundingSource]
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# Words these languages take from English, and programme names: the same in every language on purpose.
SAME_BY_DESIGN = {"Webinar", "Workshop", "Training", "ESF+", "Erasmus+", "places"}


def untranslated(terms, field: str = "label_translations") -> list[str]:
    return [
        f"{type(term).__name__} {term.slug}: {code}"
        for term in terms
        for code in TRANSLATED
        if not (getattr(term, field).get(code) or "").strip()
    ]


def test_the_checker_finds_a_term_without_a_translation():
    term = Theme(slug="new-theme", name="New theme", label_translations={"de": "Neues Thema"})
    assert untranslated([term]) == [f"Theme new-theme: {code}" for code in TRANSLATED if code != "de"]


@pytest.mark.parametrize("model", TERM_MODELS, ids=lambda model: model.__name__)
def test_every_term_has_its_label_in_every_interface_language(model):
    terms = list(model.objects.all())
    assert terms
    assert untranslated(terms) == []


def test_every_indicator_has_its_unit_in_every_interface_language():
    assert untranslated(Indicator.objects.all(), "unit_translations") == []


def test_the_translations_file_translates_exactly_the_terms_of_the_vocabulary():
    vocabulary, translations = load_vocabulary(), load_translations()
    for key in set(TRANSLATED_LISTS.values()) - {"funding_sources"}:
        assert set(translations[key]) == {item["slug"] for item in vocabulary[key]}, key
    assert set(translations["funding_sources"]) == set(map(slugify_ascii, vocabulary["funding_sources"]))
    assert set(translations["indicator_units"]) == {item["unit"] for item in vocabulary["indicators"]}


def test_the_demo_loaders_sync_restores_shipped_translations_and_keeps_other_languages():
    indicator = Indicator.objects.get(slug="language-hours")
    indicator.label_translations = {"pt": "Horas de ensino de línguas"}
    indicator.unit_translations = {}
    indicator.save()
    sync_current_vocabulary()
    indicator.refresh_from_db()
    assert indicator.label_translations["de"] == "Erteilte Stunden Sprachunterricht"
    assert indicator.label_translations["pt"] == "Horas de ensino de línguas"
    assert indicator.unit_translations["nl"] == "uren"


def test_no_translation_is_a_copy_of_the_english_label():
    copied = [
        (term.slug, code)
        for model in TERM_MODELS
        for term in model.objects.all()
        for code, label in term.label_translations.items()
        if label == term.english_label and label not in SAME_BY_DESIGN
    ]
    copied += [
        (indicator.slug, code)
        for indicator in Indicator.objects.all()
        for code, unit in indicator.unit_translations.items()
        if unit == indicator.unit and unit not in SAME_BY_DESIGN
    ]
    assert copied == []


def test_a_label_falls_back_to_english_without_a_translation():
    term = TargetGroup(slug="x", label="Refugees", label_translations={"de": "Geflüchtete"})
    assert term.label_for("de") == "Geflüchtete"
    assert term.label_for("de-at") == "Geflüchtete"
    assert term.label_for("fr") == "Refugees"
    with translation.override("de"):
        assert term.localized_label == str(term) == "Geflüchtete"
    with translation.override("en"):
        assert str(term) == "Refugees"


def test_priority_reads_with_its_number_in_the_active_language():
    priority = Priority.objects.get(number=4)
    with translation.override("fr"):
        assert (
            str(priority) == "4. Prise en charge des mineurs migrants, y compris les mineurs non accompagnés"
        )


def options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select id="filter-{name}" name="{name}">(.*?)</select>', page, re.DOTALL)
    assert select, f"no {name} filter"
    return [html.unescape(text).strip() for text in re.findall(r"<option[^>]*>([^<(]+)", select.group(1))]


@pytest.fixture
def practice():
    member = MemberFactory(name="City of Lyon", slug="lyon")
    return practice_page(
        member,
        title="Language café",
        themes=["language-training", "housing"],
        target_groups=["refugees"],
        indicators=[("beneficiaries", 40)],
    )


def test_a_german_listing_shows_german_theme_labels_in_the_filter_and_on_the_cards(client, practice):
    german = client.get("/de/practices/").content.decode()
    assert "Sprachförderung" in options(german, "theme") and "Wohnen" in options(german, "theme")
    assert "Geflüchtete und Schutzberechtigte" in options(german, "target_group")
    assert "Language training" not in german and "Housing" not in german
    card = german[german.index("Language café") :]
    assert '<li class="tag">Sprachförderung</li>' in card and '<li class="tag">Wohnen</li>' in card
    english = client.get("/practices/").content.decode()
    assert "Language training" in options(english, "theme") and "Sprachförderung" not in english


def test_a_practice_page_shows_its_terms_in_the_readers_language(client, practice):
    page = client.get(f"/it{practice.url}").content.decode()
    assert "Formazione linguistica" in page and "Rifugiati e beneficiari di protezione" in page
    assert "Reti locali e regionali per l’integrazione dei cittadini di paesi terzi" in page
    assert "Cittadini di paesi terzi raggiunti" in page and "persone" in page


def test_event_cards_and_pages_show_the_event_type_in_the_readers_language(client):
    event = make_event(
        member=MemberFactory(slug="ghent", name="City of Ghent"), title="Study day", event_type="study-visit"
    )
    assert "Visita de estudio" in client.get("/es/events/").content.decode()
    assert "Studiebezoek" in client.get(f"/nl{event.url}").content.decode()


def test_search_facets_label_terms_in_the_readers_language(client, practice):
    page = client.get("/fr/search/?q=caf%C3%A9").content.decode()
    assert "Formation linguistique" in page and "Logement" in page
    assert "Language training" not in page


def test_an_administrator_edits_a_translation_and_pages_show_it(client, practice):
    client.get("/de/practices/")  # remembered with the shipped label
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    theme = Theme.objects.get(slug="housing")
    form = client.get(reverse("vocabulary_themes:edit", args=[theme.pk])).content.decode()
    assert 'name="label_translations_de"' in form and 'value="Wohnen"' in form
    data = {"name": theme.name, "position": theme.position, "slug": "renamed"}
    data |= {f"label_translations_{code}": theme.label_translations[code] for code in TRANSLATED}
    data["label_translations_de"] = "Wohnraum"
    data["label_translations_nl"] = ""
    response = client.post(reverse("vocabulary_themes:edit", args=[theme.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    theme.refresh_from_db()
    assert theme.slug == "housing"  # fixed once created: URLs and the index rely on it
    assert theme.label_translations["de"] == "Wohnraum" and "nl" not in theme.label_translations
    client.logout()
    assert "Wohnraum" in options(client.get("/de/practices/").content.decode(), "theme")
    assert "Housing" in options(client.get("/nl/practices/").content.decode(), "theme")


def test_an_administrator_gives_an_indicator_its_unit_in_each_language(client):
    client.force_login(UserFactory(is_superuser=True))
    indicator = Indicator.objects.get(slug="language-hours")
    data = {"label": indicator.label, "unit": indicator.unit, "position": indicator.position}
    data |= {f"label_translations_{code}": indicator.label_translations[code] for code in TRANSLATED}
    data |= {f"unit_translations_{code}": indicator.unit_translations[code] for code in TRANSLATED}
    data["unit_translations_fr"] = "heures de cours"
    response = client.post(reverse("vocabulary_indicators:edit", args=[indicator.pk]), data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    with translation.override("fr"):
        assert indicator.localized_unit == "heures de cours"
