"""The multilingual glossary: the shipped data is complete and clean, and the loader rejects bad files."""

import json
from pathlib import Path

import pytest

from core.vocabulary import load_vocabulary
from search.glossary import GLOSSARY_DIR, MANIFEST_NAME, GlossaryError, load_glossary, read_glossary

LANGUAGES = ["en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "el"]
# Issue 10: every vocabulary entry, plus at least this many further concepts of the field.
MIN_FURTHER_CONCEPTS = 250
MAX_WORDS_PER_TERM = 4

# Articles, conjunctions and prepositions: a term may not be only one of them (it would match almost every
# text once expanded), and they do not count towards a term's length ("accès au marché du travail" is short).
_STOP_WORD_LISTS = {
    "en": "a an and the of for in on to with or by at from into",
    "de": "der die das den dem des und für mit von vom zu zum zur "
    "im in ins am an auf aus bei ein eine einer als vor nach oder",
    "fr": "le la les l' de d' des du au aux et pour un une en à sur par avec dans ou",
    "it": "il lo la i gli le l' dell' all' nell' dall' sull' d' un' di del della dei delle dello degli e "
    "per con un una in nel nella nei a al alla ai alle da o",
    "es": "el la los las de del y para con un una en a al por o",
    "nl": "de het een en van voor met in op te tot naar bij of aan",
    "pl": "i w we z ze na do dla o oraz się od po przed lub",
    "pt": "o a os as de do da dos das e para com um uma em no na nos nas ao aos à às por pelo pela ou",
    "sv": "och i på för med av en ett att till om från vid eller",
    "el": "και ο η το οι τα του της των τον την τους τις "
    "για με σε στο στη στην στον στα στις στους από ή πριν μέσω",
}
STOP_WORDS = {code: set(words.split()) for code, words in _STOP_WORD_LISTS.items()}
GENERIC_TERMS = {
    "en": {"support", "help", "people", "migrant", "migrants", "project", "programme", "service", "services"},
    "de": {"Unterstützung", "Hilfe", "Menschen", "Migrant", "Migranten", "Projekt", "Programm", "Angebot"},
    "fr": {"soutien", "aide", "personnes", "migrant", "migrants", "projet", "programme", "service"},
    "it": {"sostegno", "supporto", "aiuto", "persone", "migrante", "migranti", "progetto", "servizio"},
    "es": {"apoyo", "ayuda", "personas", "migrante", "migrantes", "proyecto", "programa", "servicio"},
    "nl": {"steun", "ondersteuning", "hulp", "mensen", "migrant", "migranten", "project", "dienst"},
    "pl": {"wsparcie", "pomoc", "ludzie", "osoby", "migrant", "migranci", "projekt", "program"},
    "pt": {"apoio", "ajuda", "pessoas", "migrante", "migrantes", "projeto", "programa", "serviço"},
    "sv": {"stöd", "hjälp", "människor", "personer", "migrant", "migranter", "projekt", "tjänst"},
    "el": {"υποστήριξη", "βοήθεια", "άνθρωποι", "μετανάστης", "μετανάστες", "έργο", "πρόγραμμα"},
}


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def vocabulary_references() -> set[str]:
    vocabulary = load_vocabulary()
    return (
        {f"theme:{theme['slug']}" for theme in vocabulary["themes"]}
        | {f"target_group:{group['slug']}" for group in vocabulary["target_groups"]}
        | {f"priority:{priority['number']}" for priority in vocabulary["priorities"]}
    )


def test_the_shipped_glossary_loads_with_the_corpus_languages(glossary):
    assert glossary.languages == tuple(LANGUAGES)
    assert glossary.version.count(".") == 2
    assert load_glossary() is glossary, "the glossary is read once per process"


def test_every_vocabulary_entry_has_exactly_one_concept(glossary):
    pointing: dict[str, list[str]] = {}
    for concept in glossary.concepts:
        if concept.vocabulary is not None:
            pointing.setdefault(concept.vocabulary, []).append(concept.id)
    expected = vocabulary_references()
    assert sorted(set(expected) - set(pointing)) == [], "vocabulary entries without a concept"
    assert sorted(set(pointing) - set(expected)) == [], "concepts pointing at no vocabulary entry"
    assert {ref: ids for ref, ids in pointing.items() if len(ids) > 1} == {}


def test_the_glossary_holds_enough_further_concepts(glossary):
    further = [concept for concept in glossary.concepts if concept.vocabulary is None]
    assert len(further) >= MIN_FURTHER_CONCEPTS


def test_every_concept_has_terms_in_every_language(glossary):
    for concept in glossary.concepts:
        assert list(concept.terms) == LANGUAGES, concept.id
        assert all(concept.terms[code] for code in LANGUAGES), concept.id


def test_concept_ids_are_unique_and_found_by_id(glossary):
    ids = [concept.id for concept in glossary.concepts]
    assert len(ids) == len(set(ids))
    assert glossary.concept("housing").vocabulary == "theme:housing"
    with pytest.raises(KeyError):
        glossary.concept("no-such-concept")


def test_terms_are_short_and_neither_stop_words_nor_generic(glossary):
    problems = []
    for concept in glossary.concepts:
        for code, terms in concept.terms.items():
            for term in terms:
                words = [
                    word
                    for word in term.replace("'", "' ").split()
                    if word.casefold() not in STOP_WORDS[code]
                ]
                if len(words) > MAX_WORDS_PER_TERM:
                    problems.append(
                        f"{concept.id}/{code}: {term!r} has more than {MAX_WORDS_PER_TERM} content words"
                    )
                if term.casefold() in STOP_WORDS[code]:
                    problems.append(f"{concept.id}/{code}: {term!r} is a stop word")
                if term.casefold() in {generic.casefold() for generic in GENERIC_TERMS[code]}:
                    problems.append(f"{concept.id}/{code}: {term!r} would match almost everything")
                if "  " in term or term != term.strip():
                    problems.append(f"{concept.id}/{code}: {term!r} has stray spaces")
    assert problems == []


def test_a_term_belongs_to_one_concept_per_language(glossary):
    # Expansion maps a matched term to its concept; a term listed under two concepts would expand both.
    owners: dict[tuple[str, str], list[str]] = {}
    for concept in glossary.concepts:
        for code, terms in concept.terms.items():
            for term in terms:
                owners.setdefault((code, term.casefold()), []).append(concept.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_terms_by_language_maps_every_concept_to_its_terms_preferred_first(glossary):
    german = glossary.terms_by_language("de")
    assert set(german) == {concept.id for concept in glossary.concepts}
    assert german["housing"][0] == glossary.concept("housing").preferred_term("de")
    assert "Wohnungssuche" in german["housing"]
    with pytest.raises(KeyError):
        glossary.terms_by_language("xx")


# --- the loader rejects malformed files, naming the file and the concept ---------------------------


def terms(**overrides):
    values = {code: [f"term {code}"] for code in LANGUAGES}
    values.update(overrides)
    return {code: value for code, value in values.items() if value is not None}


def write_glossary(folder: Path, concepts_by_file: dict[str, list[dict]], languages=LANGUAGES) -> Path:
    manifest = {"version": "1.0.0", "languages": languages, "about": "test glossary"}
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    for domain, concepts in concepts_by_file.items():
        (folder / f"{domain}.json").write_text(
            json.dumps({"domain": domain, "concepts": concepts}), encoding="utf-8"
        )
    return folder


def concept(concept_id="shared-flats", vocabulary=None, **term_overrides):
    return {"id": concept_id, "vocabulary": vocabulary, "terms": terms(**term_overrides)}


def test_a_well_formed_folder_loads(tmp_path):
    folder = write_glossary(
        tmp_path,
        {"housing": [concept(), concept("rent-guarantee", "theme:housing")], "legal": [concept("legal-aid")]},
    )
    glossary = read_glossary(folder)
    assert [c.id for c in glossary.concepts] == ["shared-flats", "rent-guarantee", "legal-aid"]
    assert glossary.concept("rent-guarantee").domain == "housing"
    assert glossary.concept("legal-aid").terms["el"] == ("term el",)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"housing": [concept()], "legal": [concept()]},
            "legal.json: concept 'shared-flats': duplicate id (also in housing.json)",
        ),
        ({"housing": [concept(sv=None)]}, "housing.json: concept 'shared-flats': missing language(s) sv"),
        (
            {"housing": [concept(el=[])]},
            "housing.json: concept 'shared-flats': empty term list for language 'el'",
        ),
        (
            {"housing": [concept(xx=["term"])]},
            "housing.json: concept 'shared-flats': unknown language code(s) xx",
        ),
        (
            {"housing": [concept(vocabulary="theme")]},
            "housing.json: concept 'shared-flats': malformed vocabulary reference 'theme'",
        ),
        (
            {"housing": [concept(vocabulary="priority:two")]},
            "housing.json: concept 'shared-flats': malformed vocabulary reference 'priority:two'",
        ),
        (
            {"housing": [concept(vocabulary="topic:housing")]},
            "housing.json: concept 'shared-flats': malformed vocabulary reference 'topic:housing'",
        ),
        (
            {"housing": [concept(de=["Wohnung", " "])]},
            "housing.json: concept 'shared-flats': blank or padded term",
        ),
        (
            {"housing": [concept(de=["WG", "wg"])]},
            "housing.json: concept 'shared-flats': term 'wg' listed twice",
        ),
        ({"housing": [concept("Shared Flats")]}, "housing.json: concept #1: 'id' must be a lowercase slug"),
    ],
    ids=[
        "duplicate-id",
        "missing-language",
        "empty-terms",
        "unknown-language",
        "vocabulary-without-slug",
        "priority-not-a-number",
        "unknown-vocabulary-kind",
        "blank-term",
        "repeated-term",
        "bad-id",
    ],
)
def test_the_loader_rejects_a_malformed_concept(tmp_path, files, message):
    with pytest.raises(GlossaryError) as error:
        read_glossary(write_glossary(tmp_path, files))
    assert message in str(error.value)


def test_the_loader_rejects_a_domain_that_is_not_the_file_name(tmp_path):
    write_glossary(tmp_path, {})
    (tmp_path / "housing.json").write_text(json.dumps({"domain": "legal", "concepts": []}), encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"housing\.json: 'domain' must be 'housing'"):
        read_glossary(tmp_path)


def test_the_loader_rejects_invalid_json_and_a_missing_manifest(tmp_path):
    with pytest.raises(GlossaryError, match=r"manifest\.json: file not found"):
        read_glossary(tmp_path)
    write_glossary(tmp_path, {})
    (tmp_path / "housing.json").write_text('{"domain": "housing", "concepts": [', encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"housing\.json: not valid UTF-8 JSON"):
        read_glossary(tmp_path)


def test_the_loader_rejects_a_manifest_without_languages(tmp_path):
    write_glossary(tmp_path, {"housing": [concept()]}, languages=[])
    with pytest.raises(GlossaryError, match=r"manifest\.json: 'languages' must be a non-empty list"):
        read_glossary(tmp_path)


def test_the_shipped_folder_is_the_default(glossary):
    assert read_glossary(GLOSSARY_DIR) == glossary
