"""The one picture a practice or an event can carry: the image, its alt text, or an explicit "decorative".

An image without a text alternative fails WCAG 1.1.1, so a page with an image needs alt text: the
page's own (the picture in this context), else the image's Wagtail description. An editor who means
the picture to be skipped by screen readers says so explicitly with `image_is_decorative`.
"""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def page_image_fields() -> tuple[models.ForeignKey, models.CharField, models.BooleanField]:
    """New field instances for `image, image_alt_text, image_is_decorative = page_image_fields()`.

    Fields rather than an abstract model: Wagtail's Page is untyped here, and a typed abstract base
    beside it makes django-stubs try (and fail) to resolve every related manager of the page."""
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. A photo shown on cards and at the top of the page, e.g. a workshop in progress. "
            "Pages look complete without one."
        ),
    )
    alt_text = models.CharField(
        _("alt text of the image"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it, e.g. “Newcomers and volunteers "
            "at a language café in the town library”. Leave empty to use the image's own description."
        ),
    )
    is_decorative = models.BooleanField(
        _("the image is decorative"),
        default=False,
        help_text=_(
            "Tick only if the picture adds nothing a reader would miss: screen readers then skip it."
        ),
    )
    return image, alt_text, is_decorative


class PageImage:
    """The rules of a page's main image (cards, the page header, the home page); the page declares the
    fields with `page_image_fields()`."""

    image: Any
    image_id: int | None
    image_alt_text: str
    image_is_decorative: bool

    image_panels = [
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text"), FieldPanel("image_is_decorative")],
            heading=_("Image"),
        )
    ]

    @property
    def image_alt(self) -> str:
        """The alt attribute of the image: empty for a decorative image."""
        if self.image is None or self.image_is_decorative:
            return ""
        return self.image_alt_text.strip() or (getattr(self.image, "description", "") or "").strip()

    def image_errors(self) -> dict[str, list["StrOrPromise"]]:
        """An image needs a text alternative unless it is explicitly decorative."""
        if self.image_id is None or self.image_is_decorative or self.image_alt:
            return {}
        return {
            "image_alt_text": [
                _(
                    "Describe the image for people who cannot see it, or tick “the image is decorative” "
                    "if it adds nothing a reader would miss."
                )
            ]
        }
