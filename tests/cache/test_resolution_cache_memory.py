"""The resolution cache on its own: bounded, never keeps a read older than a change it saw, dark while blind."""

from __future__ import annotations

from cache_service.db.resolution_cache import ResolutionCache
from cache_service.domain.resolution import Resolution

KEY = ("acme", "wf", "default")


def _resolution(version: int) -> Resolution:
    return Resolution("script", version, "default", None, (), (), ())


def _put(cache: ResolutionCache, token: int, version: int, key: tuple[str, str, str] = KEY) -> None:
    cache.put_resolution(token, key, "script", None, 1, 0, _resolution(version))


def test_a_hit_returns_what_was_kept() -> None:
    cache = ResolutionCache(10)
    _put(cache, cache.token(), 3)
    assert cache.resolution(*KEY, 1, 0) == _resolution(3)


def test_a_read_that_started_before_an_invalidation_is_not_kept() -> None:
    cache = ResolutionCache(10)
    token = cache.token()
    cache.invalidate("acme", "wf")  # a publish committed while the read was in flight
    _put(cache, token, 3)
    assert cache.resolution(*KEY, 1, 0) is None


def test_an_invalidation_drops_every_cache_key_of_the_workflow_only() -> None:
    cache = ResolutionCache(10)
    _put(cache, cache.token(), 1)
    _put(cache, cache.token(), 1, ("acme", "wf", "other"))
    _put(cache, cache.token(), 1, ("acme", "wf2", "default"))
    cache.invalidate("acme", "wf")
    assert not cache.holds(*KEY) and not cache.holds("acme", "wf", "other")
    assert cache.holds("acme", "wf2", "default")


def test_the_least_recently_used_entry_goes_beyond_the_bound() -> None:
    cache = ResolutionCache(2)
    for name in ("a", "b", "c"):
        _put(cache, cache.token(), 1, ("acme", name, "default"))
    assert [cache.holds("acme", name, "default") for name in ("a", "b", "c")] == [False, True, True]


def test_a_dark_cache_serves_and_keeps_nothing() -> None:
    cache = ResolutionCache(10)
    _put(cache, cache.token(), 1)
    cache.clear(live=False)
    _put(cache, cache.token(), 1)
    assert cache.resolution(*KEY, 1, 0) is None and not cache.holds(*KEY)
