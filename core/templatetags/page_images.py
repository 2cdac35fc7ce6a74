"""`{% page_picture page "card" %}`: a page's image as a <picture> with AVIF and WebP sources.

The fallback <img> keeps the original's kind (PNG for drawings and screenshots, JPEG for photos), carries
width and height so the layout does not shift while it loads, and loads lazily unless it is the image
at the top of the page. A page without an image renders nothing: templates need no empty box.
"""

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()


@dataclass(frozen=True)
class PictureVariant:
    """Rendition sizes of one place an image appears, and the `sizes` the browser picks them by."""

    resize: str
    sizes: str
    css_class: str
    eager: bool = False


VARIANTS = {
    # Cards: 16:9 in a grid of columns at least 16rem wide.
    "card": PictureVariant(
        "fill-{400x225,800x450}", "(min-width: 64rem) 22rem, (min-width: 36rem) 45vw, 92vw", "card__image"
    ),
    # The image at the top of a practice or event page: above the fold, so fetched at once.
    "hero": PictureVariant(
        "fill-{640x360,960x540,1280x720}", "(min-width: 50rem) 46rem, 92vw", "page-image", eager=True
    ),
}
SOURCE_FORMATS = ("avif", "webp")


def fallback_format(image: Any) -> str:
    """PNG stays PNG (keeps sharp lines and transparency), everything else falls back to JPEG."""
    return "png" if str(image.file.name).lower().endswith(".png") else "jpeg"


def filter_specs(image: Any, variant: PictureVariant) -> list[str]:
    formats = ",".join((*SOURCE_FORMATS, fallback_format(image)))
    return Filter.expand_spec(f"format-{{{formats}}}|{variant.resize}")


@register.simple_tag
def page_picture(page: Any, variant: str = "card") -> SafeString:
    """The page's image in the renditions of `variant` ("card" or "hero"), or "" without an image."""
    image = getattr(page, "image", None)
    if image is None:
        return mark_safe("")
    chosen = VARIANTS[variant]
    renditions = get_renditions_or_not_found(image, filter_specs(image, chosen))
    attrs: dict[str, str] = {"alt": page.image_alt, "sizes": chosen.sizes, "class": chosen.css_class}
    if chosen.eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
        attrs["decoding"] = "async"
    return mark_safe(Picture(renditions, attrs).__html__())
