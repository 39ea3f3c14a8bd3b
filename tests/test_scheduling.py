"""When prompts and reminders go out: local time, pauses, outages, crashes, failures, and the
APScheduler wiring that keeps jobs in the bot's own database."""

from __future__ import annotations

import queue
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy import func, select, text

import bot.scheduler as scheduling
from bot.config import ConfigError, Settings
from bot.domain.clock import ManualClock
from bot.domain.identity import slack
from bot.domain.programme_file import parse_programme
from bot.domain.prompts import STALE_CLAIM, members_to_prompt
from bot.services import Services
from handlers.slack.messenger import SlackMessenger, make_client
from storage import queries
from storage.models import Member, MemberIdentity, ProgrammeDay, PromptDelivery, ReminderSent
from tests.conftest import DAY_ONE_PROMPT, SMALL_PROGRAMME, load_consented

EVERYONE = ["U0FACIL001", "U0MEMBER01", "U0MEMBER02", "U0MEMBER03", "U0MEMBER04"]
# Day two (14 November, after the clocks went back) ends 16:00 GMT = 16:00 UTC.
DAY_TWO_PROMPT = datetime(2024, 11, 14, 16, 30, tzinfo=UTC)


def make_services(store, slack_api, clock, **settings) -> Services:
    return Services(
        settings=Settings(slack_bot_token="xoxb-test", slack_signing_secret="s", **settings),
        store=store,
        clock=clock,
        messenger=SlackMessenger(make_client("xoxb-test", slack_api.base_url)),
    )


@pytest.fixture
def services(store, slack_api, clock) -> Services:
    load_consented(store, clock, parse_programme(SMALL_PROGRAMME))
    return make_services(store, slack_api, clock)


def prompted(slack_api) -> list[str]:
    return sorted(
        c.params["channel"]
        for c in slack_api.calls_to("chat.postMessage")
        if c.status == 200 and "Thank you for joining" in c.params.get("text", "")
    )


def reminded(slack_api) -> list[str]:
    return sorted(
        c.params["channel"]
        for c in slack_api.calls_to("chat.postMessage")
        if "gentle reminder" in c.params.get("text", "")
    )


def states(store) -> dict[str, str]:
    with store.transaction() as session:
        rows = session.execute(
            select(MemberIdentity.external_id, Member.email, PromptDelivery.state)
            .join(Member, Member.id == PromptDelivery.member_id)
            .outerjoin(MemberIdentity, MemberIdentity.member_id == Member.id)
        )
        return {(user or email): state for user, email, state in rows}


# -- local time -------------------------------------------------------------------------------


def test_prompt_times_follow_british_summer_time_and_greenwich_mean_time(services, store):
    with store.transaction() as session:
        days = {d.name: d for d in session.scalars(select(ProgrammeDay))}
    # 16:00 BST is 15:00 UTC; 16:00 GMT is 16:00 UTC; both plus the 30-minute delay.
    assert days["Day one"].ends_at == datetime(2024, 5, 9, 15, 0, tzinfo=UTC)
    assert days["Day one"].prompt_at == DAY_ONE_PROMPT
    assert days["Day two"].ends_at == datetime(2024, 11, 14, 16, 0, tzinfo=UTC)
    assert days["Day two"].prompt_at == DAY_TWO_PROMPT
    london = ZoneInfo("Europe/London")
    assert days["Day one"].prompt_at.astimezone(london).strftime("%H:%M") == "16:30"
    assert days["Day two"].prompt_at.astimezone(london).strftime("%H:%M") == "16:30"


def test_summer_prompt_goes_out_at_1530_utc_and_not_a_minute_before(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT - timedelta(minutes=1))
    services.run_due()
    assert prompted(slack_api) == []
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    assert prompted(slack_api) == EVERYONE


def test_winter_prompt_goes_out_at_1630_utc_and_not_an_hour_early(services, clock, slack_api):
    # Day one's prompt is long past (beyond catch-up), so only Day two is in play here.
    clock.set(DAY_TWO_PROMPT - timedelta(hours=1))  # where a summer-time mistake would put it
    services.run_due()
    clock.set(DAY_TWO_PROMPT - timedelta(minutes=1))
    services.run_due()
    assert prompted(slack_api) == []
    clock.set(DAY_TWO_PROMPT)
    services.run_due()
    assert prompted(slack_api) == EVERYONE
    assert "Day two" in slack_api.calls_to("chat.postMessage")[0].params["text"]


def test_prompt_delay_is_counted_from_the_local_end_of_the_day(store, slack_api, clock):
    spec = parse_programme(
        SMALL_PROGRAMME.replace("prompt_delay_minutes: 30", "prompt_delay_minutes: 90").replace(
            "timezone: Europe/London", "timezone: America/New_York"
        )
    )
    load_consented(store, clock, spec)
    with store.transaction() as session:
        day = session.scalar(select(ProgrammeDay).where(ProgrammeDay.name == "Day one"))
    # 16:00 EDT (UTC-4) + 90 minutes
    assert day.prompt_at == datetime(2024, 5, 9, 21, 30, tzinfo=UTC)


# -- who is prompted ----------------------------------------------------------------------------


def test_paused_member_gets_no_prompt_and_resumed_member_gets_the_next(services, clock, slack_api):
    services.members.set_paused(who=slack("U0MEMBER02"), paused=True)
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    assert "U0MEMBER02" not in prompted(slack_api)
    assert len(prompted(slack_api)) == 4

    services.members.set_paused(who=slack("U0MEMBER02"), paused=False)
    slack_api.reset()
    clock.set(DAY_TWO_PROMPT)
    services.run_due()
    assert "U0MEMBER02" in prompted(slack_api)


def test_paused_member_gets_no_reminder_for_a_prompt_already_sent(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    services.members.set_paused(who=slack("U0MEMBER04"), paused=True)
    clock.advance(hours=24)
    services.run_due()
    assert "U0MEMBER04" not in reminded(slack_api)
    assert len(reminded(slack_api)) == 4


# -- outages ----------------------------------------------------------------------------------


def test_prompt_within_the_catch_up_window_is_still_sent(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT + timedelta(hours=23, minutes=59))
    services.run_due()
    assert prompted(slack_api) == EVERYONE


def test_prompt_stale_beyond_the_catch_up_window_is_never_sent(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT + timedelta(hours=24, minutes=1))
    services.run_due()
    services.run_due()
    assert prompted(slack_api) == []
    assert states(services.store) == {}


def test_catch_up_hours_setting_is_honoured(store, slack_api, clock):
    assert Settings.from_env({}).catch_up_hours == 24
    assert Settings.from_env({"COPRO_CATCH_UP_HOURS": "2"}).catch_up_hours == 2
    with pytest.raises(ConfigError, match="COPRO_CATCH_UP_HOURS must be between 0 and 336"):
        Settings.from_env({"COPRO_CATCH_UP_HOURS": "-1"})
    load_consented(store, clock, parse_programme(SMALL_PROGRAMME))
    services = make_services(store, slack_api, clock, catch_up_hours=2)
    clock.set(DAY_ONE_PROMPT + timedelta(hours=3))
    services.run_due()
    assert prompted(slack_api) == []
    clock.set(DAY_TWO_PROMPT + timedelta(hours=1, minutes=59))
    services.run_due()
    assert prompted(slack_api) == EVERYONE


# -- crashes and failures -------------------------------------------------------------------


def claim_everyone_then_crash(store, clock) -> list[int]:
    """What a process leaves behind when it dies after claiming and before sending."""
    with store.transaction() as session:
        day = session.scalar(select(ProgrammeDay).where(ProgrammeDay.name == "Day one"))
        members = members_to_prompt(session, day)
        return queries.claim_deliveries(
            session, day_id=day.id, member_ids=[m.id for m in members], now=clock.now()
        )


def test_claim_left_by_a_crashed_process_is_sent_once_by_a_later_sweep(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT)
    claims = claim_everyone_then_crash(services.store, clock)
    assert len(claims) == 5

    clock.advance(minutes=1)
    services.run_due()  # the claims are young: another process may still be sending them
    assert prompted(slack_api) == []

    clock.advance(seconds=STALE_CLAIM.total_seconds())
    services.run_due()
    services.run_due()
    clock.advance(minutes=30)
    services.run_due()
    assert prompted(slack_api) == EVERYONE  # exactly one each
    assert set(states(services.store).values()) == {"sent"}


def test_claim_left_by_a_crash_is_not_sent_once_it_is_stale(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT)
    claim_everyone_then_crash(services.store, clock)
    clock.advance(hours=30)  # the bot came back long after the catch-up window
    services.run_due()
    services.run_due()
    assert prompted(slack_api) == []
    assert "pending" not in states(services.store).values()  # given up, not left hanging


def test_slack_failing_once_is_retried_by_a_later_sweep_exactly_once(services, clock, slack_api):
    slack_api.queue_response(
        "chat.postMessage", {"ok": False, "error": "internal_error"}, status=500
    )
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    failed = [c for c in slack_api.calls_to("chat.postMessage") if c.status == 500]
    assert len(failed) == 1
    unlucky = failed[0].params["channel"]
    assert unlucky not in prompted(slack_api) and len(prompted(slack_api)) == 4
    assert states(services.store)[unlucky] == "pending"

    clock.advance(minutes=1)
    services.run_due()
    assert len(prompted(slack_api)) == 4  # not hammered every minute
    clock.advance(minutes=10)
    services.run_due()
    services.run_due()
    assert prompted(slack_api) == EVERYONE
    assert set(states(services.store).values()) == {"sent"}


def test_user_not_found_marks_the_delivery_failed_and_is_not_retried(services, clock, slack_api):
    slack_api.queue_response("chat.postMessage", {"ok": False, "error": "user_not_found"})
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    attempts = len(slack_api.calls_to("chat.postMessage"))
    failed = {who for who, state in states(services.store).items() if state == "failed"}
    assert attempts == 5 and len(failed) == 1
    assert sorted(states(services.store).values()) == ["failed"] + ["sent"] * 4
    for _ in range(3):
        clock.advance(hours=1)
        services.run_due()
    # Hours of sweeps later: the failed one was not retried and nobody had a second prompt.
    assert len(slack_api.calls_to("chat.postMessage")) == attempts
    clock.advance(hours=24)
    services.run_due()
    assert len(reminded(slack_api)) == 4
    assert not set(reminded(slack_api)) & failed


def test_member_listed_by_an_email_nobody_has_is_failed_and_the_rest_are_prompted(
    store, slack_api, clock
):
    load_consented(
        store,
        clock,
        parse_programme(SMALL_PROGRAMME.replace("sam@example.org", "nobody@example.org")),
    )
    services = make_services(store, slack_api, clock)
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    services.run_due()
    assert prompted(slack_api) == ["U0FACIL001", "U0MEMBER01", "U0MEMBER02", "U0MEMBER04"]
    assert states(store)["nobody@example.org"] == "failed"


def test_one_person_listed_twice_is_prompted_once_and_the_sweep_carries_on(store, slack_api, clock):
    # The file cannot know that sam@example.org is U0MEMBER03; Slack tells us when prompting.
    yaml_text = SMALL_PROGRAMME.replace(
        "members: [{slack: U0MEMBER04, name: Kim}]",
        "members: [{slack: U0MEMBER04, name: Kim}, {slack: U0MEMBER03, name: Sam E}]",
    )
    load_consented(store, clock, parse_programme(yaml_text))
    services = make_services(store, slack_api, clock)
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    clock.advance(minutes=15)
    services.run_due()  # a later sweep neither crashes nor prompts anyone twice
    assert prompted(slack_api) == EVERYONE
    assert states(store)["sam@example.org"] == "failed"  # the second listing, not prompted
    clock.advance(hours=24)
    services.run_due()
    assert reminded(slack_api) == EVERYONE  # reminders are not blocked by the duplicate


# -- reminders after an outage --------------------------------------------------------------


def test_after_a_long_outage_only_the_latest_due_reminder_is_sent(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    slack_api.reset()
    clock.advance(hours=80)  # both the 24h and the 72h reminder fell due while we were down
    services.run_due()
    services.run_due()
    calls = slack_api.calls_to("chat.postMessage")
    assert sorted(c.params["channel"] for c in calls) == EVERYONE  # one each, not two
    assert all("last reminder" in str(c.params["blocks"]) for c in calls)
    with services.store.transaction() as session:
        assert set(session.scalars(select(ReminderSent.sequence))) == {1}


def test_a_reminder_older_than_the_catch_up_window_is_dropped(services, clock, slack_api):
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    slack_api.reset()
    clock.advance(hours=24 + 25)  # the first reminder is 25 hours stale, the second not yet due
    services.run_due()
    assert reminded(slack_api) == []
    clock.set(DAY_ONE_PROMPT + timedelta(hours=72))
    services.run_due()
    assert reminded(slack_api) == EVERYONE


def test_reminder_that_slack_refuses_for_a_moment_is_sent_on_the_next_sweep(
    services, clock, slack_api
):
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    slack_api.reset()
    slack_api.queue_response(
        "chat.postMessage", {"ok": False, "error": "internal_error"}, status=500
    )
    clock.advance(hours=24)
    services.run_due()
    assert (
        len(reminded(slack_api)) == 5
        and len([c for c in slack_api.calls_to("chat.postMessage") if c.status == 200]) == 4
    )
    clock.advance(minutes=1)
    services.run_due()
    services.run_due()
    ok = sorted(
        c.params["channel"] for c in slack_api.calls_to("chat.postMessage") if c.status == 200
    )
    assert ok == EVERYONE


# -- APScheduler wiring ---------------------------------------------------------------------


@pytest.fixture
def live(store, slack_api, monkeypatch):
    """A programme whose day is three days from the real now, and a clock starting there.

    APScheduler fires jobs by the wall clock, so its date jobs must lie in the real future.
    """
    monkeypatch.setattr(scheduling, "_services", None)
    monkeypatch.setattr(scheduling, "_scheduler", None)
    now = datetime.now(UTC).replace(microsecond=0)
    clock = ManualClock(now)
    day = (now + timedelta(days=3)).astimezone(ZoneInfo("Europe/London")).date()
    yaml_text = SMALL_PROGRAMME.replace("2024-05-09", day.isoformat()).replace(
        "2024-11-14", (day + timedelta(days=7)).isoformat()
    )
    load_consented(store, clock, parse_programme(yaml_text))
    services = make_services(store, slack_api, clock)
    started = []
    yield services, started
    for scheduler in started:
        if scheduler.running:
            scheduler.shutdown(wait=True)


def start_scheduler(services, started):
    events: queue.Queue = queue.Queue()
    scheduler = scheduling.create_scheduler(services)
    scheduler.add_listener(
        lambda event: events.put((event.job_id, event.exception)),
        EVENT_JOB_EXECUTED | EVENT_JOB_ERROR,
    )
    started.append(scheduler)
    scheduling.start(scheduler)
    return scheduler, events


def wait_for_job(events: queue.Queue, job_id: str, timeout: float = 10.0) -> None:
    deadline = datetime.now(UTC) + timedelta(seconds=timeout)
    while True:
        left = (deadline - datetime.now(UTC)).total_seconds()
        ran, error = events.get(timeout=max(left, 0.01))  # raises queue.Empty when late
        if ran == job_id:
            assert error is None, f"{job_id} failed: {error!r}"
            return


def stored_jobs(store) -> dict[str, float]:
    with store.engine.connect() as connection:
        rows = connection.execute(text(f"SELECT id, next_run_time FROM {scheduling.JOB_TABLE}"))
        return {job_id: next_run for job_id, next_run in rows}


def day_ids(store) -> dict[str, int]:
    with store.transaction() as session:
        return {
            name: day_id
            for name, day_id in session.execute(select(ProgrammeDay.name, ProgrammeDay.id))
        }


def test_jobs_are_kept_in_the_database_with_stable_ids(live, store):
    services, started = live
    scheduler, events = start_scheduler(services, started)
    wait_for_job(events, "copro-start-up")
    ids = day_ids(store)
    expected = {scheduling.SWEEP_JOB, scheduling.RETENTION_JOB}
    for day_id in ids.values():
        expected |= {
            f"copro-prompt-{day_id}",
            f"copro-reminder-{day_id}-0",
            f"copro-reminder-{day_id}-1",
        }
    assert set(stored_jobs(store)) == expected
    one = ids["Day one"]
    with store.transaction() as session:
        prompt_at = session.get(ProgrammeDay, one).prompt_at
    assert scheduler.get_job(f"copro-prompt-{one}").next_run_time == prompt_at
    assert scheduler.get_job(f"copro-reminder-{one}-1").next_run_time == prompt_at + timedelta(
        hours=72
    )


def test_a_restart_does_not_duplicate_or_move_jobs(live, store):
    services, started = live
    scheduler, events = start_scheduler(services, started)
    wait_for_job(events, "copro-start-up")
    before = stored_jobs(store)
    scheduler.shutdown(wait=True)

    again, events = start_scheduler(services, started)
    wait_for_job(events, "copro-start-up")
    after = stored_jobs(store)
    assert after.keys() == before.keys()
    day_jobs = {k for k in before if k.startswith(("copro-prompt-", "copro-reminder-"))}
    assert len(day_jobs) == 6
    assert {k: after[k] for k in day_jobs} == {k: before[k] for k in day_jobs}
    assert len(again.get_jobs()) == len(before)


def test_jobs_that_run_twice_send_nothing_twice(live, store, slack_api):
    services, started = live
    scheduler, events = start_scheduler(services, started)
    wait_for_job(events, "copro-start-up")
    assert slack_api.calls_to("chat.postMessage") == []  # nothing due yet

    one = day_ids(store)["Day one"]
    with store.transaction() as session:
        services.clock.set(session.get(ProgrammeDay, one).prompt_at)
    # Fire the day's prompt job now, then the sweep twice: the store decides what is sent.
    for job_id in (f"copro-prompt-{one}", scheduling.SWEEP_JOB, scheduling.SWEEP_JOB):
        scheduler.modify_job(job_id, next_run_time=datetime.now(UTC))
        wait_for_job(events, job_id)
    scheduling.run_due()  # and once more by hand, as a second process would
    assert prompted(slack_api) == EVERYONE
    assert f"copro-prompt-{one}" not in stored_jobs(store)  # a date job runs once
    assert f"copro-reminder-{one}-0" in stored_jobs(store)
    with store.transaction() as session:
        assert session.scalar(select(func.count(PromptDelivery.id))) == 5
