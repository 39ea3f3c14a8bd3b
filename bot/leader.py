"""Runs the scheduler in exactly one process among those sharing a database.

Every process serves Slack; only the one holding the scheduler lock sends prompts, reminders and
digests. The others check every ``RETRY_SECONDS`` and take over if the leader goes away.
With SQLite there is no taking over: a second process is refused at start, because SQLite is
meant for one process (use PostgreSQL to run several).
"""

from __future__ import annotations

import logging
import threading

from apscheduler.schedulers.background import BackgroundScheduler

from bot import scheduler as jobs
from bot.services import Services
from storage.locks import SchedulerLock

log = logging.getLogger(__name__)

RETRY_SECONDS = 15.0


class SecondSQLiteProcess(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "Another copro-bot is already running on this SQLite database. SQLite is for a single "
            "process; to run several copies, point DATABASE_URL at PostgreSQL."
        )


class Leadership:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.lock = SchedulerLock(services.store)
        self.scheduler: BackgroundScheduler | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def leading(self) -> bool:
        return self.scheduler is not None

    def start(self) -> None:
        """Lead now if we can; otherwise keep trying in the background (PostgreSQL only)."""
        if self._campaign():
            pass
        elif self.lock.is_sqlite:
            raise SecondSQLiteProcess()
        else:
            log.info("another process runs the scheduler; this one serves Slack and stands by")
        self._thread = threading.Thread(target=self._watch, name="leader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        self.lock.release()

    def _campaign(self) -> bool:
        if not self.lock.try_acquire():
            return False
        log.info("this process runs the scheduler")
        self.scheduler = jobs.create_scheduler(self.services)
        jobs.start(self.scheduler)
        return True

    def _watch(self) -> None:
        while not self._stop.wait(RETRY_SECONDS):
            try:
                if self.leading and not self.lock.still_held():
                    self.scheduler.shutdown(wait=False)
                    self.scheduler = None
                if not self.leading:
                    self._campaign()
            except Exception:  # the database may be briefly away; try again next round
                log.exception("scheduler leadership check failed")
