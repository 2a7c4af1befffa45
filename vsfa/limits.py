"""Counting attempts in the cache, for the limits on forms."""

from django.core.cache import cache


def count_in_window(key, seconds):
    """Count one attempt under ``key``; return the attempts in the window.

    A fixed window: the first attempt starts it, and the count goes back to
    zero when it ends.
    """
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:
        # The window ended between the two calls.
        cache.add(key, 1, seconds)
        return 1
