"""Keeps the vocabulary tables in step with `core/data/vocabulary.json`, its translations
(`core/data/vocabulary-translations.json`) and the call text."""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from django.db.models import Model

TermModel = TypeVar("TermModel", bound=Model)

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY_FILE = DATA_DIR / "vocabulary.json"
TRANSLATIONS_FILE = DATA_DIR / "vocabulary-translations.json"
CALL_TEXT_FILE = DATA_DIR / "amif-call-priorities.txt"

# Model name -> the list of vocabulary-translations.json that translates its labels, by slug.
TRANSLATED_LISTS = {
    "Priority": "priorities",
    "Theme": "themes",
    "TargetGroup": "target_groups",
    "MemberKind": "member_kinds",
    "EventType": "event_types",
    "Indicator": "indicators",
    "FundingSource": "funding_sources",
}


@cache
def load_vocabulary() -> dict[str, Any]:
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


@cache
def load_translations() -> dict[str, Any]:
    return json.loads(TRANSLATIONS_FILE.read_text(encoding="utf-8"))


def call_text_by_priority() -> dict[int, str]:
    """Split the call text into one section per priority, keyed by the priority's number."""
    text = CALL_TEXT_FILE.read_text(encoding="utf-8")
    parts = re.split(r"^\s*Priority (\d+):", text, flags=re.MULTILINE)
    sections: dict[int, str] = {}
    for number, body in zip(parts[1::2], parts[2::2], strict=True):
        lines = [line.rstrip() for line in body.splitlines()[1:]]
        sections[int(number)] = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return sections


def sync_vocabulary(models: dict[str, Any]) -> None:
    """Create or update every term. `models` maps names to model classes (historical ones in migrations)."""
    vocabulary = load_vocabulary()
    call_texts = call_text_by_priority()
    for position, item in enumerate(vocabulary["priorities"]):
        models["Priority"].objects.update_or_create(
            slug=item["slug"],
            defaults={
                "number": item["number"],
                "label": item["label"],
                "position": position,
                "call_text": call_texts.get(item["number"], ""),
            },
        )
    for position, item in enumerate(vocabulary["themes"]):
        models["Theme"].objects.update_or_create(
            slug=item["slug"], defaults={"name": item["label"], "position": position}
        )
    simple_lists = {
        "TargetGroup": "target_groups",
        "MemberKind": "member_kinds",
        "EventType": "event_types",
    }
    for model_name, key in simple_lists.items():
        for position, item in enumerate(vocabulary[key]):
            models[model_name].objects.update_or_create(
                slug=item["slug"], defaults={"label": item["label"], "position": position}
            )
    for position, item in enumerate(vocabulary["indicators"]):
        models["Indicator"].objects.update_or_create(
            slug=item["slug"], defaults={"label": item["label"], "unit": item["unit"], "position": position}
        )
    for position, name in enumerate(vocabulary["funding_sources"]):
        models["FundingSource"].objects.update_or_create(
            slug=slugify_ascii(name), defaults={"label": name, "position": position}
        )


def sync_vocabulary_translations(models: dict[str, Any]) -> None:
    """Store the shipped translations of every label (and indicator unit) on its term. A term the file
    does not know keeps what editors gave it. Separate from `sync_vocabulary` because the migration that
    first loaded the terms ran before these columns existed."""
    translations = load_translations()
    for model_name, key in TRANSLATED_LISTS.items():
        by_slug = translations[key]
        for term in models[model_name].objects.filter(slug__in=list(by_slug)):
            term.label_translations = {**term.label_translations, **by_slug[term.slug]}
            fields = ["label_translations"]
            if model_name == "Indicator":
                units = translations["indicator_units"].get(term.unit, {})
                term.unit_translations = {**term.unit_translations, **units}
                fields.append("unit_translations")
            term.save(update_fields=fields)


def slugify_ascii(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def sync_current_vocabulary() -> None:
    from core import models

    current = {name: getattr(models, name) for name in VOCABULARY_MODEL_NAMES}
    sync_vocabulary(current)
    sync_vocabulary_translations(current)


VOCABULARY_MODEL_NAMES = [
    "Priority",
    "Theme",
    "TargetGroup",
    "MemberKind",
    "EventType",
    "Indicator",
    "FundingSource",
]


def terms(model: type[TermModel]) -> list[TermModel]:
    """Every term of one vocabulary (Priority, Theme, ...) in its order. Listings and filters read them
    on every render, so they are remembered until a vocabulary save purges the `themes` tag."""
    from django.utils.translation import get_language

    from core.page_cache import THEMES
    from core.page_cache.memo import remember

    return remember(
        "terms", [THEMES], lambda: list(model._default_manager.all()), model._meta.label, get_language()
    )
