"""Doing one slow chat call per person, several at a time.

Each call mostly waits on the network, so a few threads keep the chat platform busy; with
8, a 50 ms API is kept busy up to 100 calls a second (measured in bench/fanout.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

WORKERS = 8

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_parallel(
    work: Callable[[Item], Result], items: Iterable[Item], *, workers: int = WORKERS
) -> list[Result]:
    """``work`` on every item, ``workers`` at a time; results in the items' order."""
    items = list(items)
    if len(items) <= 1:  # no threads for nothing
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chat") as pool:
        return list(pool.map(work, items))
