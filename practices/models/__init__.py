from .pages import (
    PracticeAttachment,
    PracticeFolderPage,
    PracticeImage,
    PracticeIndexPage,
    PracticeIndicator,
    PracticeKeyword,
    PracticePage,
    PracticePageQuerySet,
    PracticeTheme,
    review_cutoff,
)

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
