"""The gettext catalogues are complete, real translations, compiled, and cover every string of the code.

A catalogue fails when an entry is untranslated or fuzzy, or when more than 5 % of its entries with words
are identical to the English source (copied, not translated). Every landing that adds strings runs
`make messages` and translates its own new entries (see README, "Languages").
"""

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Catalogues still being written: their test is expected to fail, strictly, so it turns red the moment one
# is complete and its language must leave this set (which then holds it complete from then on).
STILL_BEING_TRANSLATED: set[str] = set()
NOT_STARTED: set[str] = set()  # not even the landmarks translated yet (e.g. a newly added language)
MAX_IDENTICAL_SHARE = 0.05
# A word: two letters or more, outside placeholders (%(name)s, {name}) and markup.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>|&\w+;")
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class CatalogueReport:
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    identical: list[str] = field(default_factory=list)
    with_words: int = 0

    @property
    def identical_share(self) -> float:
        return len(self.identical) / self.with_words if self.with_words else 0.0

    def problems(self) -> list[str]:
        found = [f"untranslated: {msgid!r}" for msgid in self.untranslated]
        found += [f"fuzzy: {msgid!r}" for msgid in self.fuzzy]
        if self.identical_share > MAX_IDENTICAL_SHARE:
            found.append(
                f"{len(self.identical)} of {self.with_words} entries ({self.identical_share:.1%}) are "
                f"identical to the English source, more than {MAX_IDENTICAL_SHARE:.0%}: {self.identical[:20]}"
            )
        return found


def has_words(text: str) -> bool:
    return bool(WORD.search(PLACEHOLDER.sub(" ", text)))


def check_catalogue(catalogue: polib.POFile) -> CatalogueReport:
    report = CatalogueReport()
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            report.fuzzy.append(entry.msgid)
        if entry.msgid_plural:
            translations = list(entry.msgstr_plural.values())
            if not translations or not all(text.strip() for text in translations):
                report.untranslated.append(entry.msgid)
                continue
            identical = translations[0] == entry.msgid or translations[-1] == entry.msgid_plural
        else:
            if not entry.msgstr.strip():
                report.untranslated.append(entry.msgid)
                continue
            identical = entry.msgstr == entry.msgid
        if has_words(entry.msgid):
            report.with_words += 1
            if identical:
                report.identical.append(entry.msgid)
    return report


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def _catalogue(entries: list[polib.POEntry]) -> polib.POFile:
    catalogue = polib.POFile()
    for entry in entries:
        catalogue.append(entry)
    return catalogue


# First, the checker can fail.
def test_checker_flags_an_untranslated_entry():
    report = check_catalogue(_catalogue([polib.POEntry(msgid="Events", msgstr="")]))
    assert report.untranslated == ["Events"] and report.problems()


def test_checker_flags_an_untranslated_plural_form():
    entry = polib.POEntry(
        msgid="%(n)s event", msgid_plural="%(n)s events", msgstr_plural={0: "%(n)s Termin", 1: ""}
    )
    assert check_catalogue(_catalogue([entry])).untranslated == ["%(n)s event"]


def test_checker_flags_a_fuzzy_entry():
    entry = polib.POEntry(msgid="Events", msgstr="Veranstaltungen", flags=["fuzzy"])
    assert check_catalogue(_catalogue([entry])).problems() == ["fuzzy: 'Events'"]


def test_checker_flags_a_catalogue_copied_from_english_beyond_five_percent():
    entries = [polib.POEntry(msgid=f"Word number {n}", msgstr=f"Wort Nummer {n}") for n in range(19)]
    copied = _catalogue([*entries, polib.POEntry(msgid="Search", msgstr="Search")])  # 1 of 20: 5 %, allowed
    assert check_catalogue(copied).problems() == []
    copied.append(polib.POEntry(msgid="Members", msgstr="Members"))  # 2 of 21: 9.5 %
    problems = check_catalogue(copied).problems()
    assert len(problems) == 1 and "2 of 21 entries" in problems[0]


def test_checker_does_not_count_entries_without_words():
    entries = [polib.POEntry(msgid="%(count)s", msgstr="%(count)s"), polib.POEntry(msgid="→", msgstr="→")]
    report = check_catalogue(_catalogue([*entries, polib.POEntry(msgid="Events", msgstr="Termine")]))
    assert report.with_words == 1 and report.problems() == []


# Then the real catalogues.
@pytest.mark.parametrize(
    "language",
    [
        pytest.param(code, marks=pytest.mark.xfail(strict=True, reason="catalogue being written"))
        if code in STILL_BEING_TRANSLATED
        else code
        for code in TRANSLATED_LANGUAGES
    ],
)
def test_catalogue_is_completely_translated(language):
    path = catalogue_path(language)
    assert path.exists(), f"{path} is missing: run `make messages`"
    assert check_catalogue(polib.pofile(str(path))).problems() == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    source = polib.pofile(str(catalogue_path(language)))
    compiled = polib.mofile(str(catalogue_path(language).with_suffix(".mo")))
    translated = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in source.translated_entries()
    }
    in_mo = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in compiled if entry.msgid
    }
    assert in_mo == translated, (
        "the .mo is stale: run `.venv/bin/python manage.py compilemessages --ignore=.venv`"
    )


def _source_only(directory: str, names: list[str]) -> set[str]:
    """What copytree leaves out: everything but the files makemessages reads."""
    skipped = {".venv", "var", ".git", "tests", "bench", "locale", "node_modules", "__pycache__"}
    return {
        name
        for name in names
        if name in skipped
        or (Path(directory, name).is_file() and Path(name).suffix not in {".py", ".html", ".txt"})
    }


def test_catalogues_hold_every_string_of_the_code(tmp_path, settings, monkeypatch):
    """makemessages, run now on a copy of the sources, finds no string the committed catalogue lacks
    (a copy: makemessages writes into every `locale` directory it finds, and must not touch the real one)."""
    language = TRANSLATED_LANGUAGES[0]
    tree = tmp_path / "tree"
    shutil.copytree(settings.BASE_DIR, tree, ignore=_source_only)
    shutil.copytree(LOCALE_DIR / language, tree / "locale" / language)
    settings.LOCALE_PATHS = [tree / "locale"]
    monkeypatch.chdir(tree)
    call_command("makemessages", locale=[language], no_location=True, no_obsolete=True, verbosity=0)
    extracted = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(tree / "locale" / language / "LC_MESSAGES" / "django.po"))
    }
    committed = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(catalogue_path(language)))}
    missing = sorted(extracted - committed, key=str)
    assert missing == [], "strings missing from the catalogues: run `make messages` and translate them"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language",
    [
        pytest.param(code, marks=pytest.mark.xfail(strict=True, reason="catalogue being written"))
        if code in NOT_STARTED
        else code
        for code, _name in settings.LANGUAGES
    ],
)
def test_each_main_page_shows_its_landmarks_in_each_language(client, language):
    from tests.events.factories import make_event
    from tests.factories import MemberFactory
    from tests.practices.factories import practice_page

    member = MemberFactory()
    practice = practice_page(member, title="Welcome desk")
    event = make_event(member=member)
    pages = [
        "/",
        "/practices/",
        "/practices/success-stories/",
        practice.url,
        "/events/",
        "/events/calendar/",
        event.url,
        "/members/",
        f"/members/{member.slug}/",
        "/members/join/",
        "/search/?q=housing",
    ]
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    landmarks = [
        "Main",
        "Skip to main content",
        "Footer",
        "Local and regional authorities learning from each other",
    ]
    if language != settings.LANGUAGE_CODE:
        # From this project's catalogue, not Django's or Wagtail's, which translate "Main" and the like too.
        ours = {entry.msgid: entry.msgstr for entry in polib.pofile(str(catalogue_path(language)))}
        landmarks = [ours.get(text, "") for text in landmarks]
        assert all(landmarks) and not set(landmarks) & {"Main", "Footer", "Skip to main content"}
    main, skip, footer, tagline = landmarks
    for path in pages:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        assert f'<nav id="primary-navigation" class="primary-nav" aria-label="{main}">' in html, path
        assert f">{skip}</a>" in html, path
        assert f'<nav aria-label="{footer}">' in html, path
        assert f">{tagline}</span>" in html, path
