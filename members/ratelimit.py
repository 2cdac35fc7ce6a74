"""A fixed-window rate limit kept in the cache, for public forms that anyone can post."""

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it, and
    # the deployment's reverse proxy is expected to pass the real address as REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit_rate_limit(scope: str, identity: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True when `identity` has made more than `limit` attempts in the window."""
    key = f"ratelimit:{scope}:{identity}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        attempts = 1
    return attempts > limit
