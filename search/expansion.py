"""What a query means beyond its words: the glossary concepts it names, and its language when clear.

A query's words are folded (case, accents) and matched against every term of the glossary in every
language, allowing inflected forms ("Flüchtlinge" meets "Flüchtling", "víctimas" meets "víctima"), so
"Wohnungssuche für anerkannte Flüchtlinge" names the concepts of housing search and recognised
refugees, whose terms in the other languages then widen the search. The language is guessed from stop
words and from terms that exist in one language only; a query with weak evidence (most two-word
queries) gets no language and is treated as possibly any.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from search.glossary import Concept, load_glossary

WORD = re.compile(r"\w+")
# Function words of each corpus language: strong evidence of the language, and never a concept.
STOP_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and for with from into of to in on at by an a is are our their how who what which "
        "that this",
        "de": "der die das und für mit von zu im in den dem des ein eine einer einem auf bei aus nach "
        "wie wer ist sind über zur zum vom",
        "fr": "le la les et pour avec des du de un une dans sur au aux par qui que est sont leur ses comment",
        "it": "il lo la gli le e per con dei degli delle del della di un una nel nella nei sul sulla "
        "che sono come ai agli alle",
        "es": "el la los las y para con del de un una en por que es son sus como al entre sobre",
        "nl": "de het een en voor met van in op bij uit naar hoe wie is zijn hun door aan over die dat",
        "pl": "i w z na dla do od o po przez jak jest są że się oraz dla ich",
        "pt": "o a os as e para com do da dos das de um uma em no na nos nas por que é são como ao",
        "sv": "och för med av till i på om hos som är från hur vid deras ett en",
        "el": "και για με από στο στη στην στον στα των του της τη το τα οι η ο σε ως",
    }.items()
}
# Evidence a guess needs, and how far ahead of the runner-up it must be.
MIN_EVIDENCE = 2
MIN_LEAD = 2.0


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def same_word(query_word: str, term_word: str) -> bool:
    """Equal, or an inflection of the term: glossary terms are base forms (and plurals), so the query's
    word may be longer ("Flüchtlinge" for "Flüchtling") but not the term's by more than a plural letter,
    which keeps "migrant" from meeting the Polish "migrantki" (migrant women) or "media" "medibus"."""
    if query_word == term_word:
        return True
    if min(len(query_word), len(term_word)) < 5:
        return False
    if len(term_word) > len(query_word):  # only the term's plural letter may be missing ("diaspora")
        return len(term_word) == len(query_word) + 1 and term_word.startswith(query_word)
    common = 0
    for a, b in zip(query_word, term_word, strict=False):
        if a != b:
            break
        common += 1
    # The term may change its last letter ("donna" / "donne"), the query may add an ending of up to
    # three ("Flüchtling" / "Flüchtlingen"), but "servizio" is no form of "servitù".
    return common >= max(4, len(term_word) - 1) and len(query_word) - common <= 3


def typo_of(query_word: str, term_word: str) -> bool:
    """A plausible misspelling: one edit (two from ten letters on), never in the first letter."""
    if len(term_word) < 5 or query_word[0] != term_word[0]:
        return False
    limit = 1 if len(term_word) < 10 else 2
    return DamerauLevenshtein.distance(query_word, term_word, score_cutoff=limit) <= limit


@dataclass(frozen=True)
class TermEntry:
    words: tuple[str, ...]
    concept: Concept
    language: str


@dataclass(frozen=True)
class TermIndex:
    # First four letters of a term's first word -> the terms starting so.
    by_start: dict[str, list[TermEntry]]
    # (First letter, length) of a term's first word -> the terms starting so (for misspelt queries).
    by_shape: dict[tuple[str, int], list[TermEntry]]
    # Folded term -> languages that have it (a term in one language only is evidence of it).
    languages_of: dict[tuple[str, ...], frozenset[str]]


@cache
def term_index() -> TermIndex:
    by_start: dict[str, list[TermEntry]] = defaultdict(list)
    by_shape: dict[tuple[str, int], list[TermEntry]] = defaultdict(list)
    languages_of: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for concept in load_glossary().concepts:
        for language, terms in concept.terms.items():
            for term in terms:
                term_words = tuple(words(term))
                if not term_words or (len(term_words) == 1 and len(term_words[0]) < 4):
                    continue
                entry = TermEntry(term_words, concept, language)
                by_start[term_words[0][:4]].append(entry)
                by_shape[term_words[0][0], len(term_words[0])].append(entry)
                languages_of[term_words].add(language)
    for entries in [*by_start.values(), *by_shape.values()]:
        entries.sort(key=lambda entry: -len(entry.words))  # longest terms first
    return TermIndex(
        dict(by_start), dict(by_shape), {key: frozenset(value) for key, value in languages_of.items()}
    )


@dataclass(frozen=True)
class Expansion:
    concepts: tuple[Concept, ...] = ()
    language: str | None = None
    evidence: dict[str, float] = field(default_factory=dict)

    def terms(self, languages: tuple[str, ...] | None = None) -> list[str]:
        """Every term of the named concepts (in `languages`, or all), preferred terms first."""
        seen: dict[str, None] = {}
        for concept in self.concepts:
            for language, terms in concept.terms.items():
                if languages is None or language in languages:
                    for term in terms:
                        seen.setdefault(term, None)
        return list(seen)


@lru_cache(maxsize=4096)
def expand(text: str) -> Expansion:
    query_words = words(text)
    index = term_index()
    evidence: dict[str, float] = defaultdict(float)
    for word in query_words:
        for language, stop_words in STOP_WORDS.items():
            if word in stop_words:
                evidence[language] += 1
    concepts: dict[str, Concept] = {}
    position = 0
    while position < len(query_words):
        word = query_words[position]
        if any(word in stop_words for stop_words in STOP_WORDS.values()) or len(word) < 4:
            position += 1
            continue
        matched = 0
        for entry in index.by_start.get(word[:4], []):
            size = len(entry.words)
            window = query_words[position : position + size]
            if len(window) == size and all(same_word(q, t) for q, t in zip(window, entry.words, strict=True)):
                concepts.setdefault(entry.concept.id, entry.concept)
                languages = index.languages_of[entry.words]
                if len(languages) <= 2:
                    for language in languages:
                        evidence[language] += size / len(languages)
                matched = max(matched, size)
        if not matched and len(word) >= 5:
            # No term has this word: perhaps it is misspelt ("unacompanied", "reintegartion").
            shapes = [(word[0], length) for length in range(len(word) - 2, len(word) + 3)]
            for entry in (entry for shape in shapes for entry in index.by_shape.get(shape, [])):
                size = len(entry.words)
                window = query_words[position : position + size]
                if len(window) == size and all(
                    same_word(q, t) or typo_of(q, t) for q, t in zip(window, entry.words, strict=True)
                ):
                    concepts.setdefault(entry.concept.id, entry.concept)
                    matched = max(matched, size)
        position += max(matched, 1)
    ranked = sorted(evidence.items(), key=lambda item: -item[1])
    detected: str | None = None
    if ranked and ranked[0][1] >= MIN_EVIDENCE:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] >= MIN_LEAD * runner_up:
            detected = ranked[0][0]
    return Expansion(tuple(concepts.values()), detected, dict(evidence))
