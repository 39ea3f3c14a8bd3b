"""One asyncio event loop in a thread of its own, for the Agents SDK's async code.

The rest of the bot is synchronous (waitress threads, the scheduler, the domain's workers);
they hand coroutines to this loop and wait for the result. Nothing synchronous ever runs on
the loop itself: use cases go to a thread pool (``in_pool``), so a slow database never stalls
the connector calls of everyone else.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class LoopThread:
    def __init__(self, *, name: str = "teams-loop", workers: int = 8) -> None:
        self.loop = asyncio.new_event_loop()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="teams-turn")
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def run(self, coroutine: Awaitable[T], timeout: float | None = None) -> T:
        """Run ``coroutine`` on the loop and wait for it, from any thread but the loop's."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("LoopThread.run called on the loop itself; await instead")
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def in_pool(self, work: Callable[[], T]) -> T:
        """Run synchronous ``work`` (a use case) off the loop, and await its result."""
        return await self.loop.run_in_executor(self.pool, work)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
