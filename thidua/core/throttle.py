"""Counting hits in the cache, for the per-address limits of the public pages."""

from django.core.cache import cache


def count_hit(key: str, *, window: int) -> int:
    """Count one hit on ``key`` and return the hits so far in its window of ``window`` seconds, which starts
    at the first hit (atomic where the cache's ``incr`` is)."""
    cache.add(key, 0, timeout=window)
    try:
        return int(cache.incr(key))
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
