"""The network's multilingual glossary: concepts of integration work and their terms in every corpus language.

The data lives beside this module: ``manifest.json`` (version, languages) and one ``<domain>.json`` file of
concepts per domain. The loader validates everything on read so that a bad entry fails loudly, naming the
file and concept, instead of silently weakening query expansion.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

GLOSSARY_DIR = Path(__file__).resolve().parent
MANIFEST_NAME = "manifest.json"

# "theme:<slug>", "target_group:<slug>" or "priority:<number>" of core/data/vocabulary.json.
_VOCABULARY_REFERENCE = re.compile(
    r"^(?:(?:theme|target_group):[a-z0-9]+(?:-[a-z0-9]+)*|priority:[1-9][0-9]*)$"
)
_CONCEPT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GlossaryError(ValueError):
    """The glossary's data files are malformed; the message names the file and the concept."""


@dataclass(frozen=True)
class Concept:
    """One idea of the field, with its terms per language; the first term of a language is preferred."""

    id: str
    vocabulary: str | None
    domain: str
    terms: dict[str, tuple[str, ...]]

    def preferred_term(self, code: str) -> str:
        return self.terms[code][0]


@dataclass(frozen=True)
class Glossary:
    """All concepts of the glossary, in file order, with the manifest's version and languages."""

    version: str
    languages: tuple[str, ...]
    concepts: tuple[Concept, ...]
    _by_id: dict[str, Concept] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {concept.id: concept for concept in self.concepts})

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id; KeyError when there is none."""
        return self._by_id[concept_id]

    def terms_by_language(self, code: str) -> dict[str, list[str]]:
        """Concept id -> its terms in one language (preferred term first)."""
        if code not in self.languages:
            raise KeyError(f"the glossary has no language {code!r}")
        return {concept.id: list(concept.terms[code]) for concept in self.concepts}


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The glossary shipped with the project, read and validated once per process."""
    return read_glossary(GLOSSARY_DIR)


def read_glossary(folder: Path) -> Glossary:
    """Read and validate the manifest and every other ``*.json`` file of ``folder`` (uncached)."""
    version, languages = _read_manifest(folder / MANIFEST_NAME)
    concepts: list[Concept] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == MANIFEST_NAME:
            continue
        for concept in _read_domain_file(path, languages):
            if concept.id in seen:
                raise GlossaryError(
                    f"{path.name}: concept {concept.id!r}: duplicate id (also in {seen[concept.id]})"
                )
            seen[concept.id] = path.name
            concepts.append(concept)
    return Glossary(version=version, languages=languages, concepts=tuple(concepts))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise GlossaryError(f"{path.name}: file not found in {path.parent}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GlossaryError(f"{path.name}: not valid UTF-8 JSON ({error})") from error


def _read_manifest(path: Path) -> tuple[str, tuple[str, ...]]:
    data = _read_json(path)
    if not isinstance(data, dict):
        raise GlossaryError(f"{path.name}: expected an object with 'version' and 'languages'")
    version = data.get("version")
    languages = data.get("languages")
    if not isinstance(version, str) or not version:
        raise GlossaryError(f"{path.name}: 'version' must be a non-empty string")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(code, str) and code for code in languages)
        or len(set(languages)) != len(languages)
    ):
        raise GlossaryError(f"{path.name}: 'languages' must be a non-empty list of distinct language codes")
    return version, tuple(languages)


def _read_domain_file(path: Path, languages: tuple[str, ...]) -> list[Concept]:
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise GlossaryError(f"{path.name}: expected an object with 'domain' and a list of 'concepts'")
    domain = data.get("domain")
    if domain != path.stem:
        raise GlossaryError(f"{path.name}: 'domain' must be {path.stem!r}, the file's name, not {domain!r}")
    return [
        _read_concept(path.name, domain, position, raw, languages)
        for position, raw in enumerate(data["concepts"])
    ]


def _read_concept(
    file_name: str, domain: str, position: int, raw: Any, languages: tuple[str, ...]
) -> Concept:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{file_name}: concept #{position + 1}: expected an object")
    concept_id = raw.get("id")
    if not isinstance(concept_id, str) or not _CONCEPT_ID.match(concept_id):
        raise GlossaryError(
            f"{file_name}: concept #{position + 1}: 'id' must be a lowercase slug, not {concept_id!r}"
        )
    where = f"{file_name}: concept {concept_id!r}"
    vocabulary = raw.get("vocabulary")
    if vocabulary is not None and (
        not isinstance(vocabulary, str) or not _VOCABULARY_REFERENCE.match(vocabulary)
    ):
        raise GlossaryError(
            f"{where}: malformed vocabulary reference {vocabulary!r}"
            " (expected null, 'theme:<slug>', 'target_group:<slug>' or 'priority:<number>')"
        )
    raw_terms = raw.get("terms")
    if not isinstance(raw_terms, dict):
        raise GlossaryError(f"{where}: 'terms' must map language codes to lists of terms")
    unknown = sorted(set(raw_terms) - set(languages))
    if unknown:
        raise GlossaryError(f"{where}: unknown language code(s) {', '.join(unknown)}")
    missing = [code for code in languages if code not in raw_terms]
    if missing:
        raise GlossaryError(f"{where}: missing language(s) {', '.join(missing)}")
    terms: dict[str, tuple[str, ...]] = {}
    for code in languages:
        terms[code] = _read_terms(where, code, raw_terms[code])
    return Concept(id=concept_id, vocabulary=vocabulary, domain=domain, terms=terms)


def _read_terms(where: str, code: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise GlossaryError(f"{where}: empty term list for language {code!r}")
    terms: list[str] = []
    seen: set[str] = set()
    for term in raw:
        if not isinstance(term, str) or not term.strip() or term != term.strip():
            raise GlossaryError(f"{where}: blank or padded term {term!r} in language {code!r}")
        key = term.casefold()
        if key in seen:
            raise GlossaryError(f"{where}: term {term!r} listed twice in language {code!r}")
        seen.add(key)
        terms.append(term)
    return tuple(terms)
