"""What text of each document type is embedded, and which of its values the semantic filters need."""

from collections.abc import Callable
from typing import Any

from search.documents import SearchDocument, plain_text
from search.expansion import expand
from search.glossary import load_glossary


def practice_text(page: Any) -> str:
    """Title, summary, themes and target groups: what the practice is about, in its own language."""
    labels = [theme.name for theme in page.themes.all()] + [group.label for group in page.target_groups.all()]
    parts = [page.title, plain_text(page.summary), ", ".join(labels), plain_text(page.challenge)]
    return ". ".join(part.strip().rstrip(".") for part in parts if part and part.strip())


# Types with a semantic signal; the others are found by their words alone.
SEMANTIC_TEXTS: dict[str, Callable[[Any], str]] = {"practice": practice_text}
YEAR_FIELDS = ("year_start", "year_end")


def filter_values(doc: type[SearchDocument], obj: Any) -> dict[str, Any]:
    """{filter name: [values]} and the years, from the same serialisation the engine indexes."""
    body = doc.prepare(obj)
    values: dict[str, Any] = {}
    for name, field in doc.engine_filters.items():
        if name == "type":
            continue
        value = body.get(field)
        values[name] = [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])
    for name in YEAR_FIELDS:
        values[name] = body.get(name)
    values["concept"] = document_concepts(obj, values)
    return values


def document_concepts(obj: Any, values: dict[str, Any]) -> list[str]:
    """The glossary concepts a document names in its title and summary, and those of its themes, target
    groups and call priority: what it is about, whatever language it is written in."""
    text = f"{obj.title}. {plain_text(getattr(obj, 'summary', ''))}"
    concepts = {concept.id for concept in expand(text).concepts}
    tagged = {f"theme:{slug}" for slug in values.get("theme", [])}
    tagged |= {f"target_group:{slug}" for slug in values.get("target_group", [])}
    priority = getattr(getattr(obj, "priority", None), "number", None)
    if priority:
        tagged.add(f"priority:{priority}")
    concepts |= {c.id for c in load_glossary().concepts if c.vocabulary in tagged}
    return sorted(concepts)
