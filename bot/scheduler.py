"""The scheduler: APScheduler with its jobs kept in the bot's own database.

The sending jobs all do the same thing, ``Services.run_due``, which looks at the store and
sends what is due and not yet sent (prompts, reminders, the weekly digest). Date jobs at each prompt and reminder time make the bot punctual; a sweep
every minute catches anything else (a programme loaded while the bot runs, a process that died
mid-way). Because sending is decided by rows in the store, not by which job fired, a restart or
a job that runs twice cannot send anything twice. A job missed while the bot was down runs when
it comes back if it is within ``COPRO_CATCH_UP_HOURS``; later than that it is dropped (a prompt
days late would only confuse). Besides those: ``start_up`` when a process becomes the leader,
and a nightly retention job.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.domain.retention import expire
from bot.domain.theming import retheme_stale
from bot.services import Services
from storage import queries

log = logging.getLogger(__name__)

JOB_TABLE = "apscheduler_jobs"
SWEEP_JOB = "copro-sweep"
RETENTION_JOB = "copro-retention"
# Jobs are stored by reference (module and function name), so they find the services here.
_services: Services | None = None
_scheduler: BackgroundScheduler | None = None


def run_due() -> None:
    """The job function (importable by name, as a persistent job store needs)."""
    if _services is None:
        log.warning("a job ran before the bot was ready; the next sweep will do its work")
        return
    _services.run_due()
    schedule_day_jobs(_scheduler)


def start_up() -> None:
    """First job of a new leader: finish what a stopped process left half done, then catch up."""
    if _services is not None:
        _services.prompts.recover_orphans()
        retheme_stale(_services.store)  # a new release may have changed how themes are assigned
    run_due()


def expire_old_replies() -> None:
    """Nightly: delete what has passed its programme's retention period."""
    if _services is not None:
        for result in expire(_services.store, _services.clock, dry_run=False):
            log.info(result.line(dry_run=False))


def create_scheduler(services: Services) -> BackgroundScheduler:
    global _services, _scheduler
    _services = services
    grace = int(timedelta(hours=services.settings.catch_up_hours).total_seconds()) or 1
    scheduler = BackgroundScheduler(
        jobstores={
            "default": SQLAlchemyJobStore(engine=services.store.engine, tablename=JOB_TABLE)
        },
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
        timezone="UTC",
    )
    _scheduler = scheduler
    return scheduler


def start(scheduler: BackgroundScheduler) -> None:
    scheduler.start()
    scheduler.add_job(
        run_due,
        IntervalTrigger(minutes=1),
        id=SWEEP_JOB,
        name="send what is due",
        replace_existing=True,
    )
    scheduler.add_job(
        expire_old_replies,
        CronTrigger(hour=3, minute=15),
        id=RETENTION_JOB,
        name="delete replies past their retention period",
        replace_existing=True,
    )
    schedule_day_jobs(scheduler)
    # Catch up at once on anything due while the bot was down, rather than a minute later.
    scheduler.add_job(start_up, id="copro-start-up", replace_existing=True)


def schedule_day_jobs(scheduler: BackgroundScheduler | None) -> int:
    """A date job at each future prompt and reminder time, with ids stable across restarts."""
    if scheduler is None or _services is None or not scheduler.running:
        return 0
    now = _services.clock.now()
    added = 0
    with _services.store.transaction() as session:
        days = queries.days_prompting_after(session, since=now - timedelta(days=30))
        for day in days:
            times = {f"copro-prompt-{day.id}": day.prompt_at}
            for index, hours in enumerate(day.programme.reminder_hours):
                times[f"copro-reminder-{day.id}-{index}"] = day.prompt_at + timedelta(hours=hours)
            for job_id, when in times.items():
                if when <= now:
                    continue
                existing = scheduler.get_job(job_id)
                if existing is not None and existing.next_run_time == when:
                    continue
                scheduler.add_job(
                    run_due, DateTrigger(run_date=when), id=job_id, replace_existing=True
                )
                added += 1
    return added
