"""The demo corpus's 160 practices, published under their lead members' folders."""

import time
from typing import Any

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.demo import DemoAccount, read_demo_file

from .importing import import_practice_rows, validate_records


def load_demo_practices(stdout: Any) -> list[DemoAccount]:
    """Idempotent: practices are matched by slug in their lead member's folder and updated."""
    started = time.monotonic()
    records = read_demo_file("practices")
    rows, errors = validate_records([(f"practice {record.get('slug')}", record) for record in records])
    if errors:
        raise ValueError("; ".join(str(error) for error in errors[:10]))
    with disable_reference_index_auto_update():
        result = import_practice_rows(rows, publish=True)
        # Practices reference no image, document or snippet in the corpus, but keep the index honest.
        for page in [*result.created, *result.updated]:
            ReferenceIndex.create_or_update_for_object(page)
    stdout.write(
        f"Practices: {len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged "
        f"in {time.monotonic() - started:.1f} s."
    )
    return []
