"""Values a process keeps for itself: derived from code, templates or stored versions only
(never anything personal), and bounded: when full, everything is dropped at once (a bound
against growth, not an LRU; the pages' variants fit far below it)."""

from collections.abc import Callable, Hashable
from typing import Any


class ProcessKept(dict):
    """A dict of kept values, emptied when `limit` is reached before a new one is kept."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def keep(self, key: Hashable, value: Any) -> Any:
        """Keep `value` under `key` (emptying the store first if it is full); return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value kept under `key`, or `make()`'s, kept."""
        value = self.get(key)
        return self.keep(key, make()) if value is None else value
