"""What the full-text index stores of an object: the engine document's texts, in three weights."""

from dataclasses import dataclass
from typing import Any

from search.documents import SearchDocument

# Fields of the prepared document (SearchDocument.prepare) by weight: a title word counts most, then the
# summary and the labels a reader filters by, then the body and the places.
TITLE_FIELDS = ("title",)
SUMMARY_FIELDS = ("summary", "theme_labels", "keywords")
BODY_FIELDS = ("body", "places", "event_type_label")


@dataclass(frozen=True)
class IndexedText:
    object_id: int
    language: str  # the language the object is written in ("" when it does not say)
    title: str
    summary: str
    body: str


def _joined(source: dict[str, Any], fields: tuple[str, ...]) -> str:
    return " ".join(str(source[name]) for name in fields if source.get(name))


def indexed_text(doc: type[SearchDocument], obj: Any) -> IndexedText:
    source = doc.prepare(obj)
    language = source.get("language")
    return IndexedText(
        object_id=int(obj.pk),
        # A list (a resource's files' languages) says nothing of the language its texts are in.
        language=language if isinstance(language, str) else "",
        title=_joined(source, TITLE_FIELDS),
        summary=_joined(source, SUMMARY_FIELDS),
        body=_joined(source, BODY_FIELDS),
    )
