"""Keeps the vocabulary tables in step with `core/data/vocabulary.json` and the call text."""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from django.db.models import Model

TermModel = TypeVar("TermModel", bound=Model)

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY_FILE = DATA_DIR / "vocabulary.json"
CALL_TEXT_FILE = DATA_DIR / "amif-call-priorities.txt"


@cache
def load_vocabulary() -> dict[str, Any]:
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


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


def slugify_ascii(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def sync_current_vocabulary() -> None:
    from core import models

    sync_vocabulary({name: getattr(models, name) for name in VOCABULARY_MODEL_NAMES})


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
