"""Glossary expansion: which concepts a query names, in any language, and when its language is clear."""

import pytest

from search.backends.engine_queries import BOOSTED_FIELDS, language_fields
from search.expansion import expand, same_word, typo_of


def concepts(text: str) -> set[str]:
    return {concept.id for concept in expand(text).concepts}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Wohnungssuche für anerkannte Flüchtlinge", {"housing", "refugees"}),
        ("apoyo psicológico para víctimas de trata", {"psychological-counselling", "trafficking-victims"}),
        ("opvang van slachtoffers van mensenhandel", {"trafficking-shelter"}),
        ("placering av ensamkommande barn hos släktingar", {"unaccompanied-minors"}),
    ],
)
def test_a_query_names_the_concepts_of_the_field_in_its_own_language(query, expected):
    assert expected <= concepts(query)


def test_misspelt_words_still_name_their_concepts():
    assert {"unaccompanied-minors", "foster-family-based-care"} <= concepts(
        "unacompanied minnors foster famlies"
    )
    assert {"returnees", "return-reintegration"} <= concepts("retunee reintegartion small busness")


def test_a_word_is_not_taken_for_a_longer_or_different_term():
    assert same_word("fluchtlinge", "fluchtling") and same_word("diaspora", "diasporas")
    assert not same_word("migrants", "migrantki")  # Polish: migrant women
    assert not same_word("servizio", "servitu")
    assert not same_word("media", "medibus")
    assert not typo_of("helping", "helpline")  # two edits in a short word is another word
    assert "migrant-women" not in concepts("keep helping young migrants who turn 18")


def test_the_language_is_guessed_only_on_strong_evidence():
    assert expand("Wohnungssuche für anerkannte Flüchtlinge").language == "de"
    assert expand("opvang van slachtoffers van mensenhandel").language == "nl"
    assert expand("diaspora coaching").language is None  # words every language has: could be any


def test_a_clear_language_weighs_its_own_analyzer_and_an_unclear_one_all_alike():
    assert language_fields(None) == BOOSTED_FIELDS
    assert {"lang.de.title^2", "lang.de.summary^1.5"} <= set(language_fields("de"))
