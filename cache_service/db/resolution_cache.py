"""Per-replica memory of what resolution reads (definitions, latest versions, published scripts), dropped on change."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from cache_service.domain.resolution import PublishedScript, Resolution
from services.gen.rote.v1 import workflow_pb2

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
DEFAULT_MAX_ENTRIES = 10_000


class _Lru(Generic[K, V]):
    """A dict that forgets its least recently used entry beyond ``limit`` entries."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> K | None:
        """Store; returns the key evicted to make room, if any."""
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.limit:
            return self.items.popitem(last=False)[0]
        return None


@dataclass
class _Script:
    """What the database says about one (org, workflow, cache key): its script and the version runs use."""

    script_id: str
    published: PublishedScript | None
    # (definition version, run_with) -> the resolution computed from the above.
    resolutions: dict[tuple[int, int], Resolution] = field(default_factory=dict)


ScriptKey = tuple[str, str, str]  # (org, workflow_id, cache_key)


class ResolutionCache:
    """A hit costs no SQL. Writers call ``invalidate`` after they commit (and other replicas get it through the
    database's notifications); a reader takes ``token()`` before it reads the database and its result is kept only
    if nothing was invalidated meanwhile, so a value read before a publish is never kept after this replica saw it.

    ``live`` is False while changes may go unseen (the notification connection is down): nothing is served or kept.
    Served definitions are shared: callers must not modify them.
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, *, live: bool = True) -> None:
        self.max_entries = max_entries
        self.live = live and max_entries > 0
        self._epoch = 0
        self._definitions: _Lru[tuple[str, str, int], workflow_pb2.Workflow] = _Lru(max(max_entries, 1))
        self._latest: _Lru[tuple[str, str], int] = _Lru(max(max_entries, 1))
        self._scripts: _Lru[ScriptKey, _Script] = _Lru(max(max_entries, 1))
        self._keys_of: dict[tuple[str, str], set[str]] = {}
        self._waiters: set[asyncio.Future[None]] = set()
        self.hits = 0
        self.misses = 0

    @property
    def epoch(self) -> int:
        """Counts invalidations and clears: a reader's token is still good while it is unchanged."""
        return self._epoch

    def token(self) -> int:
        return self._epoch

    def _keeps(self, token: int) -> bool:
        return self.live and token == self._epoch

    def latest_version(self, org: str, workflow_id: str) -> int:
        return (self._latest.get((org, workflow_id)) or 0) if self.live else 0

    def definition(self, org: str, workflow_id: str, version: int) -> workflow_pb2.Workflow | None:
        return self._definitions.get((org, workflow_id, version)) if self.live else None

    def put_definition(
        self, token: int, org: str, workflow_id: str, workflow: workflow_pb2.Workflow, *, latest: bool
    ) -> None:
        if self._keeps(token):
            self._definitions.put((org, workflow_id, workflow.version), workflow)
            if latest:
                self._latest.put((org, workflow_id), workflow.version)

    def script(self, org: str, workflow_id: str, cache_key: str) -> tuple[str, PublishedScript | None] | None:
        """(script id or "", the version runs use) when known."""
        entry = self._scripts.get((org, workflow_id, cache_key)) if self.live else None
        return (entry.script_id, entry.published) if entry else None

    def resolution(
        self, org: str, workflow_id: str, cache_key: str, definition_version: int, run_with: int
    ) -> Resolution | None:
        entry = self._scripts.get((org, workflow_id, cache_key)) if self.live else None
        found = entry.resolutions.get((definition_version, run_with)) if entry else None
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put_resolution(
        self,
        token: int,
        key: ScriptKey,
        script_id: str,
        published: PublishedScript | None,
        definition_version: int,
        run_with: int,
        resolution: Resolution,
    ) -> None:
        if not self._keeps(token):
            return
        entry = self._scripts.get(key)
        if entry is None or entry.script_id != script_id or entry.published != published:
            entry = _Script(script_id, published)
            evicted = self._scripts.put(key, entry)
            self._keys_of.setdefault(key[:2], set()).add(key[2])
            if evicted is not None:
                self._forget_key(evicted)
        entry.resolutions[(definition_version, run_with)] = resolution

    def holds(self, org: str, workflow_id: str, cache_key: str) -> bool:
        """Whether something of this (workflow, cache key) is kept (tests wait on it to go)."""
        return (org, workflow_id, cache_key) in self._scripts.items

    def _forget_key(self, key: ScriptKey) -> None:
        keys = self._keys_of.get(key[:2])
        if keys is not None:
            keys.discard(key[2])
            if not keys:
                del self._keys_of[key[:2]]

    def invalidate(self, org: str, workflow_id: str) -> None:
        """Drop the latest version and every cache key's script of one workflow (a definition or a publish,
        pin, unpin or rollback of any of its scripts changed); immutable definition versions stay."""
        self._epoch += 1
        self._latest.items.pop((org, workflow_id), None)
        for cache_key in self._keys_of.pop((org, workflow_id), ()):
            self._scripts.items.pop((org, workflow_id, cache_key), None)
        self._signal()

    def clear(self, *, live: bool) -> None:
        """Forget everything; with ``live`` False nothing is served or kept until ``clear(live=True)``."""
        self._epoch += 1
        self.live = live and self.max_entries > 0
        self._definitions.items.clear()
        self._latest.items.clear()
        self._scripts.items.clear()
        self._keys_of.clear()
        self._signal()

    def _signal(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], bool], within_s: float) -> bool:
        """Wait (at most ``within_s`` seconds) until ``predicate()`` holds after changes; returns whether it does."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within_s
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                return predicate()
        return True


_SHARED: dict[str, ResolutionCache] = {}


def shared_cache(database_url: str, max_entries: int) -> ResolutionCache:
    """One cache per database in this process: replicas of one process on one SQLite file see each other's changes
    without notifications (SQLite serves a single process)."""
    cache = _SHARED.get(database_url)
    if cache is None or cache.max_entries != max_entries:
        cache = _SHARED[database_url] = ResolutionCache(max_entries)
    return cache
