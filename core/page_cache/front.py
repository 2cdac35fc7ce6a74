"""Purging the front cache (Varnish with the xkey module, see deploy/varnish/) by the page cache's tags.

Each URL in settings.PAGE_CACHE_FRONT_URLS gets one PURGE request naming the tags in an `xkey-purge`
header: every page carrying one of them is dropped, whatever its query string (`?theme=...` listings
included), which purging by URL could not do.
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Sequence

from django.conf import settings

logger = logging.getLogger(__name__)


def purge_front_cache(tags: Sequence[str]) -> None:
    for url in settings.PAGE_CACHE_FRONT_URLS:
        request = urllib.request.Request(url, method="PURGE", headers={"xkey-purge": " ".join(tags)})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=settings.PAGE_CACHE_FRONT_TIMEOUT) as response:  # noqa: S310
                response.read()
        except (OSError, urllib.error.URLError) as error:
            # The page cache itself is already purged; the front cache keeps a page at most s-maxage.
            logger.error("Front cache purge of %s at %s failed: %s", ", ".join(tags), url, error)
