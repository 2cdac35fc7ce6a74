"""The demo content's illustrations: Wagtail images made from core/demo_content/images/, put on a few pages.

Idempotent: an image is matched by its title, a page by its slug; a page that already shows the image
with the same alt text is left alone. Pages get a new published revision, so the editor sees the image.
"""

from pathlib import Path
from typing import Any

from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Page

from core.demo import DEMO_CONTENT_DIR, read_demo_file

IMAGES_DIR: Path = DEMO_CONTENT_DIR / "images"


def demo_image(record: dict[str, Any]) -> Image:
    """The Wagtail image of one illustration, created from its PNG the first time."""
    image = Image.objects.filter(title=record["title"]).first()
    if image is not None:
        return image
    path = IMAGES_DIR / record["file"]
    if not path.is_file():
        raise ValueError(f"images.json names {record['file']}, which is not in {IMAGES_DIR}")
    with path.open("rb") as file:
        image = Image(title=record["title"], description=record["description"])
        image.file = ImageFile(file, name=record["file"])
        image.save()
    return image


def attach_demo_images(kind: str, model: type[Page], stdout: Any) -> None:
    """Give the demo pages of `kind` ("practice" or "event") the illustrations images.json lists."""
    attached = 0
    for record in read_demo_file("images"):
        entries = [entry for entry in record["pages"] if entry["type"] == kind]
        if not entries:
            continue
        image = demo_image(record)
        for entry in entries:
            page: Any = model.objects.filter(slug=entry["slug"]).first()
            if page is None:
                raise ValueError(f"images.json names the {kind} {entry['slug']}, which the corpus lacks")
            alt, decorative = entry.get("alt", ""), bool(entry.get("decorative", False))
            if (page.image_id, page.image_alt_text, page.image_is_decorative) == (image.pk, alt, decorative):
                continue
            draft = page.get_latest_revision_as_object()
            draft.image, draft.image_alt_text, draft.image_is_decorative = image, alt, decorative
            draft.save_revision().publish()
            attached += 1
    stdout.write(f"Demo images: {attached} {kind} pages given an illustration.")
