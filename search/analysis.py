"""Text analysis: accent folding, stemming for each corpus language, curated synonyms, shingles.

Every text field is indexed with a language-neutral folded analyzer (`title`), and once more with the
stemmer of the document's own language (`lang.de.title`): a query is matched by each language's stemmer
against the documents written in it. A document of unknown language fills every language's fields.
(Analysing each text with all ten stemmers cost four rebuilds' worth of engine time, and a German
stemmer run over English text only finds accidents.) Synonyms apply at query time only
(synonym_graph), to `all_text`, the field that holds every text of a document: applied to every field
of the query, each multi-word synonym became a phrase query per field (a fifth of a search's scoring),
and the glossary concepts the texts are tagged with already carry those meanings, in every language.

Each text is also tagged, at index time, with the glossary concepts it names in its own language
(`lang.de.body.concepts`): the stemmed text goes through a synonym filter that turns each concept's
terms into the concept's token, and only those tokens are kept. A query naming a concept then matches
the texts naming it in any language with one term per field, instead of a sloppy phrase query per
term, language and field (a third of the scoring of the searches that name concepts).
"""

import hashlib
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from search.dsl import Dsl
from search.glossary import load_glossary

SYNONYMS_FILE = Path(__file__).resolve().parent / "synonyms.txt"

# Languages of the corpus -> (stop words, stemmer, extra filters before stop words).
LANGUAGES: dict[str, dict[str, Any]] = {
    "en": {"stop": "_english_", "stemmer": "english", "pre": ["english_possessive"]},
    "de": {"stop": "_german_", "stemmer": "light_german", "pre": [], "post": ["german_normalization"]},
    "fr": {"stop": "_french_", "stemmer": "light_french", "pre": ["french_elision"]},
    "it": {"stop": "_italian_", "stemmer": "light_italian", "pre": ["italian_elision"]},
    "es": {"stop": "_spanish_", "stemmer": "light_spanish", "pre": []},
    "nl": {"stop": "_dutch_", "stemmer": "dutch", "pre": []},
    "pl": {"stop": None, "stemmer": None, "pre": []},  # stempel's polish_stop / polish_stem
    "pt": {"stop": "_portuguese_", "stemmer": "light_portuguese", "pre": []},
    "el": {"stop": "_greek_", "stemmer": "greek", "pre": []},
    "sv": {"stop": "_swedish_", "stemmer": "light_swedish", "pre": []},
}


def concept_token(concept_id: str) -> str:
    """The token a concept is indexed as: digits only, which no stemmer, stop list or folding of any
    language changes, and a leading `000` with a fixed length no number of a practice's text has."""
    return f"000{zlib.crc32(concept_id.encode()):010d}"


@cache
def concept_rules(code: str) -> tuple[str, ...]:
    """Synonym rules of one language: each concept's terms in it => the concept's token. The engine
    analyses the rules with the filters before the synonym filter, so they meet the stemmed text."""
    rules = []
    for concept in load_glossary().concepts:
        terms = [term.replace(",", " ") for term in concept.terms.get(code, ())]
        if terms:
            rules.append(f"{', '.join(terms)} => {concept_token(concept.id)}")
    return tuple(rules)


@cache
def synonym_rules() -> tuple[str, ...]:
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@cache
def rules_signature() -> str:
    """A fingerprint of the synonym and concept rules an index is built with: an index built with
    other rules (the glossary or the synonyms changed since) tags and matches by the old ones until it
    is rebuilt, and `search_index status` says so."""
    rules = [*synonym_rules(), *(rule for code in LANGUAGES for rule in concept_rules(code))]
    return hashlib.sha256("\n".join(rules).encode()).hexdigest()[:16]


class Analysis:
    """The analyzers, built with one DSL (opensearch-py or elasticsearch)."""

    def __init__(self, dsl: Dsl) -> None:
        self.dsl = dsl
        token_filter = dsl.token_filter
        self.synonyms = token_filter("network_synonyms", type="synonym_graph", synonyms=list(synonym_rules()))
        self.shingles = token_filter(
            "network_shingles", type="shingle", min_shingle_size=2, max_shingle_size=3
        )
        self._filters = {
            "english_possessive": token_filter(
                "english_possessive", type="stemmer", language="possessive_english"
            ),
            "french_elision": token_filter(
                "french_elision",
                type="elision",
                articles_case=True,
                articles=[
                    "l",
                    "m",
                    "t",
                    "qu",
                    "n",
                    "s",
                    "j",
                    "d",
                    "c",
                    "jusqu",
                    "quoiqu",
                    "lorsqu",
                    "puisqu",
                ],
            ),
            "italian_elision": token_filter(
                "italian_elision",
                type="elision",
                articles=[
                    "c",
                    "l",
                    "all",
                    "dall",
                    "dell",
                    "nell",
                    "sull",
                    "coll",
                    "pell",
                    "gl",
                    "agl",
                    "dagl",
                    "degl",
                    "negl",
                    "sugl",
                    "un",
                    "m",
                    "t",
                    "s",
                    "v",
                    "d",
                ],
            ),
        }
        self.folded = dsl.analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
        self.folded_search = dsl.analyzer(
            "folded_search", tokenizer="standard", filter=["lowercase", "asciifolding", self.synonyms]
        )
        self.shingle = dsl.analyzer(
            "folded_shingle", tokenizer="standard", filter=["lowercase", "asciifolding", self.shingles]
        )
        # One analyzer per language, for its texts and for the queries matched against them.
        self.language: dict[str, Any] = {
            code: dsl.analyzer(f"{code}_text", tokenizer="standard", filter=self._stemming(code))
            for code in LANGUAGES
        }
        tokens = [concept_token(concept.id) for concept in load_glossary().concepts]
        self.concepts_kept = token_filter("glossary_concepts_only", type="keep", keep_words=tokens)
        self.concepts: dict[str, Any] = {code: self._concept_tagger(code) for code in LANGUAGES}

    def _stemming(self, code: str) -> list[Any]:
        """A language's filters: its text as stemmed, unaccented words. Folding comes after stemming:
        stemmers know their language's diacritics; the index and the query still end up unaccented,
        so "integracion" meets "integración"."""
        spec = LANGUAGES[code]
        token_filter = self.dsl.token_filter
        lowercase = (
            token_filter("greek_lowercase", type="lowercase", language="greek")
            if code == "el"
            else "lowercase"
        )
        pre = [self._filters[name] for name in spec["pre"]]
        post = list(spec.get("post", []))  # built-in filters between stop words and stemmer
        if code == "pl":
            stop, stem = "polish_stop", "polish_stem"
        else:
            stop = token_filter(f"{code}_stop", type="stop", stopwords=spec["stop"])
            stem = token_filter(f"{code}_stemmer", type="stemmer", language=spec["stemmer"])
        return [*pre, lowercase, stop, *post, stem, "asciifolding"]

    def _concept_tagger(self, code: str) -> Any:
        """A language's stemming, then its concepts' terms as concept tokens, and nothing else kept
        (`lenient`: a term the stemming leaves empty, such as a stop word, is skipped)."""
        rules = self.dsl.token_filter(
            f"{code}_concepts", type="synonym", lenient=True, synonyms=list(concept_rules(code))
        )
        return self.dsl.analyzer(
            f"{code}_concept_tags",
            tokenizer="standard",
            filter=[*self._stemming(code), rules, self.concepts_kept],
        )

    def text(self, **kwargs: Any) -> Any:
        """A text field, folded; its stemmed twins live under `lang` (see `language_texts`)."""
        return self.dsl.Text(analyzer=self.folded, **kwargs)

    def language_texts(self, names: Sequence[str]) -> Any:
        """`lang.<code>.<name>` for each language and text field: the stemmed copies of the texts, and
        under each (`lang.<code>.body.concepts`) the glossary concepts it names. Concept tokens are
        scored by how often the text names them, without length norms: a long body naming a concept
        once is as much about it as a short one."""
        dsl = self.dsl

        def field(code: str) -> Any:
            concepts = dsl.Text(
                analyzer=self.concepts[code], search_analyzer="keyword", norms=False, index_options="freqs"
            )
            return dsl.Text(analyzer=self.language[code], fields={"concepts": concepts})

        return dsl.Object(
            properties={
                code: dsl.Object(properties={name: field(code) for name in names}) for code in LANGUAGES
            }
        )

    def plain_text(self, **kwargs: Any) -> Any:
        """Short labels (theme names, keywords): folded only."""
        return self.dsl.Text(analyzer=self.folded, **kwargs)

    def every_text(self) -> Any:
        """All the texts of a document in one field, folded, with the synonyms at query time."""
        return self.dsl.Text(analyzer=self.folded, search_analyzer=self.folded_search)

    def spelling(self) -> Any:
        """Source text for "did you mean": words and 2-3 word shingles."""
        return self.dsl.Text(analyzer=self.folded, fields={"shingles": self.dsl.Text(analyzer=self.shingle)})

    def autocomplete(self) -> Any:
        return self.dsl.SearchAsYouType(analyzer=self.folded)


def language_texts(language: str | None, texts: dict[str, str]) -> dict[str, dict[str, str]]:
    """The `lang` value of a document: its texts under its own language, or under every language when
    the language is not one the index knows (then any language's stemmer may be the right one)."""
    codes = [language] if language in LANGUAGES else list(LANGUAGES)
    return dict.fromkeys(codes, texts)
