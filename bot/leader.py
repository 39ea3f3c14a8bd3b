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
        # Guards ``scheduler``: stop() runs in the main thread at SIGTERM while a campaign may
        # be starting a scheduler in another (the database-watch thread, just after an outage,
        # or the leader thread). Held only to publish or take the scheduler, never across
        # database work, so a stop never waits on a database that does not answer.
        self._scheduler_lock = threading.Lock()

    @property
    def leading(self) -> bool:
        return self.scheduler is not None

    def start(self) -> None:
        """Lead now if we can; otherwise keep trying in the background (PostgreSQL only)."""
        if self._campaign():
            pass
        elif self._stop.is_set():
            return  # stopped while it started: nothing to lead or to watch
        elif self.lock.is_sqlite:
            raise SecondSQLiteProcess()
        else:
            log.info("another process runs the scheduler; this one serves Slack and stands by")
        self._thread = threading.Thread(target=self._watch, name="leader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Safe from any thread at any moment, even while a campaign is starting a scheduler:
        that campaign sees ``_stop`` and stops its scheduler itself (see _campaign)."""
        self._stop.set()
        self._step_down()
        self.lock.release()

    def _step_down(self) -> None:
        # Taken under the lock, so only one caller ever shuts a given scheduler down: a second
        # shutdown raises SchedulerNotRunningError.
        with self._scheduler_lock:
            scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            scheduler.shutdown(wait=False)

    def _campaign(self) -> bool:
        if self._stop.is_set() or not self.lock.try_acquire():
            return False
        # Started before it is published: stop() only ever sees a scheduler that is running.
        # Published while it was starting, a SIGTERM in that moment made stop() shut down a
        # scheduler not yet running; APScheduler raised SchedulerNotRunningError and the bot
        # exited with code 1 after the outage test (about one run in ten under load).
        scheduler = jobs.create_scheduler(self.services)
        try:
            jobs.start(scheduler)
        except Exception:  # the database went again: let go, so this or another process retries
            self._abandon(scheduler)
            raise
        with self._scheduler_lock:
            stopped = self._stop.is_set()
            if not stopped:
                self.scheduler = scheduler
        if stopped:  # stop() came while it started and found nothing to stop: stop it here
            self._abandon(scheduler)
            return False
        log.info("this process runs the scheduler")
        return True

    def _abandon(self, scheduler: BackgroundScheduler) -> None:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        self.lock.release()

    def _watch(self) -> None:
        while not self._stop.wait(RETRY_SECONDS):
            try:
                if self.leading and not self.lock.still_held():
                    self._step_down()
                if not self.leading:
                    self._campaign()
            except Exception:  # the database may be briefly away; try again next round
                log.exception("scheduler leadership check failed")
