"""Absolute, canonical URLs for what leaves the site (API records, feeds, open data), which are read
outside a request: built on the default Wagtail site's root URL."""

from functools import cache

from wagtail.models import Site


@cache
def _root_url() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "http://localhost").rstrip("/")


def absolute_url(path: str) -> str:
    """`path` ("/members/ghent/") on the site's canonical host."""
    return f"{_root_url()}{path}"


def forget_root_url() -> None:
    """Drop the cached root URL (tests and the Site admin change it)."""
    _root_url.cache_clear()
