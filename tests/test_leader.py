"""Scheduler leadership stopped at awkward moments: a SIGTERM lands in the main thread while
another thread is still starting the scheduler (just after a database outage)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from bot import leader
from storage import Store
from storage.locks import SchedulerLock


@pytest.fixture
def paused_start(monkeypatch):
    """jobs.start held at its first line until ``go`` is set; ``started`` holds the schedulers."""
    reached, go, started = threading.Event(), threading.Event(), []

    def create(_services):
        scheduler = BackgroundScheduler()  # in memory: the race is in Leadership, not the jobs
        started.append(scheduler)
        return scheduler

    def start(scheduler):
        reached.set()
        assert go.wait(10)
        scheduler.start()

    monkeypatch.setattr(leader.jobs, "create_scheduler", create)
    monkeypatch.setattr(leader.jobs, "start", start)
    return SimpleNamespace(reached=reached, go=go, started=started)


def another_process_could_lead(store: Store) -> bool:
    """Asked through an engine of its own, as another process would: a connection from the
    same pool might be the very one still holding the lock, and PostgreSQL would say yes."""
    other = Store.from_url(store.url)
    lock = SchedulerLock(other)
    try:
        return lock.try_acquire()
    finally:
        lock.release()
        other.dispose()


def campaign_in_a_thread(leadership: leader.Leadership) -> tuple[threading.Thread, list]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            leadership.start()
        except BaseException as error:  # noqa: BLE001 - the test reports whatever it was
            errors.append(error)

    thread = threading.Thread(target=run, name="database-watch")
    thread.start()
    return thread, errors


def test_a_stop_while_another_thread_starts_the_scheduler_stops_it_and_lets_go(store, paused_start):
    leadership = leader.Leadership(SimpleNamespace(store=store))
    thread, errors = campaign_in_a_thread(leadership)
    assert paused_start.reached.wait(10)  # the lock is taken; the scheduler is starting

    leadership.stop()  # raised SchedulerNotRunningError here: run() then exited with code 1

    paused_start.go.set()
    thread.join(10)
    assert errors == []
    assert not leadership.leading
    assert [s.running for s in paused_start.started] == [False]  # none left running at exit
    assert another_process_could_lead(store)  # the lock the campaign took was let go too


def test_a_stop_before_the_campaign_begins_starts_nothing(store, paused_start):
    leadership = leader.Leadership(SimpleNamespace(store=store))
    leadership.stop()
    leadership.start()  # the database came back just as the bot was told to stop
    assert paused_start.started == [] and not leadership.leading


def test_a_scheduler_that_fails_to_start_lets_go_of_the_lock(store, monkeypatch):
    def start(scheduler):
        raise ConnectionError("the database went again")

    monkeypatch.setattr(leader.jobs, "create_scheduler", lambda _services: BackgroundScheduler())
    monkeypatch.setattr(leader.jobs, "start", start)
    leadership = leader.Leadership(SimpleNamespace(store=store))
    with pytest.raises(ConnectionError):
        leadership.start()
    assert not leadership.leading
    assert another_process_could_lead(store)  # held on, no process would run the scheduler
    leadership.stop()  # and stopping afterwards is still quiet


def test_a_released_lock_can_be_taken_by_another_process(store):
    lock = SchedulerLock(store)
    assert lock.try_acquire()
    assert not another_process_could_lead(store)
    lock.release()
    assert another_process_could_lead(store)
