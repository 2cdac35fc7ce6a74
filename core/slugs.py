"""Choosing a slug nobody holds yet."""

from collections.abc import Callable


def first_free_slug(base: str, is_taken: Callable[[str], bool]) -> str:
    """`base`, else `base-2`, `base-3`... the first that `is_taken` says is free."""
    slug, suffix = base, 2
    while is_taken(slug):
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug
