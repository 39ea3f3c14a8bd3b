"""Doing one slow chat call per person, several at a time.

Each call mostly waits on the network, so a few threads keep the chat platform busy. A prompt
fan-out keeps 16 going: with 50 ms a call plus the bot's own share of each (building the
message, marking it sent), 8 reached only about 70 prompts a second against a limit of 100,
where 16 keep to the limit and wait out the odd 429 (bench/fanout.py, 10,000 members).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

WORKERS = 8
FANOUT_WORKERS = 16

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
