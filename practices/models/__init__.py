"""Practices: the page tree (index → member folder → practice), what hangs off a practice, and the
QuerySet the listing, search and transfers narrow practices with."""

from .index import PracticeFolderPage, PracticeIndexPage
from .pages import PracticePage
from .querysets import PracticePageQuerySet, review_cutoff
from .related import PracticeAttachment, PracticeImage, PracticeIndicator, PracticeKeyword, PracticeTheme

__all__ = [
    "PracticeAttachment",
    "PracticeFolderPage",
    "PracticeImage",
    "PracticeIndexPage",
    "PracticeIndicator",
    "PracticeKeyword",
    "PracticePage",
    "PracticePageQuerySet",
    "PracticeTheme",
    "review_cutoff",
]
