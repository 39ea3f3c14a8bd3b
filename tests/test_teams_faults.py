"""Teams' limits and faults: a 429 (with Retry-After), 412, 502 or 504 is tried again and the
prompt arrives exactly once; a 403 (the person blocked or removed the app) marks the prompt
failed, is not tried again, and facilitators see the person as not reachable."""

from __future__ import annotations

import asyncio

from bot.domain.consent import agree_for_everyone
from bot.domain.identity import TEAMS
from handlers.teams.connector import Limits, Pacer
from storage.models import Member, PromptDelivery
from tests.conftest import DAY_ONE_PROMPT
from tests.teams_harness import ALI, JO, KIM, MAX, SAM, card_text


def _ready(teams):
    teams.load()
    teams.install_everyone()
    for user_id in (JO, SAM, ALI, KIM, MAX):
        teams.wait_to(user_id)  # each one's consent request
    agree_for_everyone(teams.store, teams.clock)
    teams.stand_in.reset()
    teams.clock.set(DAY_ONE_PROMPT)


def _prompts_to(teams, user_id):
    return [c for c in teams.to(user_id) if any("Remind me later" in card_text(x) for x in c.cards)]


def test_throttling_and_gateway_errors_are_retried_and_each_prompt_arrives_once(teams):
    _ready(teams)
    teams.stand_in.fail("send", 429, times=2, retry_after=0, conversation="a:1sam-0001")
    teams.stand_in.fail("send", 412, conversation="a:1ali-0001")
    teams.stand_in.fail("send", 502, conversation="a:1kim-0001")
    teams.stand_in.fail("send", 504, conversation="a:1jo-0001")
    report = teams.services.prompts.send_due()
    assert (report.sent, report.failed) == (5, 0)
    for user_id in (JO, SAM, ALI, KIM, MAX):
        assert len(_prompts_to(teams, user_id)) == 1, user_id
    refused = [c.status for c in teams.stand_in.calls("send") if not c.delivered]
    assert sorted(refused) == [412, 429, 429, 502, 504]
    with teams.store.transaction() as session:
        assert {d.state for d in session.query(PromptDelivery)} == {"sent"}


def test_a_403_marks_the_prompt_failed_once_and_status_shows_the_person_unreachable(teams):
    _ready(teams)
    teams.stand_in.fail("send", 403, times=10, conversation="a:1max-0001")
    report = teams.services.prompts.send_due()
    assert (report.sent, report.failed) == (4, 1)
    assert len([c for c in teams.stand_in.calls("send") if c.status == 403]) == 1  # not retried
    with teams.store.transaction() as session:
        max_ = session.query(Member).filter_by(email="max@example.org").one()
        assert max_.address_on(TEAMS) is None  # until they install the app again
        states = {d.member.email: d.state for d in session.query(PromptDelivery)}
    assert states["max@example.org"] == "failed"
    teams.clock.advance(minutes=30)
    teams.services.run_due()  # later sweeps leave them alone
    assert len([c for c in teams.stand_in.calls("send") if c.status == 403]) == 1
    assert teams.teams.message(JO, "status")[0] == 202
    status = teams.wait_to(
        JO, where=lambda c: any("Not reachable" in card_text(x) for x in c.cards)
    )
    assert "Max" in card_text(status[-1].cards[0])
    # Installing the app again makes them reachable.
    assert teams.teams.install(MAX)[0] == 202
    with teams.store.transaction() as session:
        assert session.query(Member).filter_by(email="max@example.org").one().address_on(TEAMS)


def test_a_limit_that_keeps_refusing_is_reported_not_dropped(teams):
    _ready(teams)
    teams.stand_in.fail("send", 429, times=50, retry_after=0, conversation="a:1sam-0001")
    report = teams.services.prompts.send_due()
    assert (report.sent, report.failed) == (4, 1)
    with teams.store.transaction() as session:
        states = {d.member.email: d.state for d in session.query(PromptDelivery)}
    assert states["sam@example.org"] == "pending"  # claimed: the next sweep tries again
    teams.stand_in.reset()
    teams.clock.advance(minutes=11)  # past the stale-claim time
    teams.services.run_due()
    assert len(_prompts_to(teams, SAM)) == 1


def _frozen_pacer(monkeypatch, limits: Limits) -> tuple[Pacer, list[float]]:
    """Time is the test's: the clock stands still and each wait the pacer asks for is recorded,
    so the spacing is checked, not timed."""
    import handlers.teams.connector as connector

    waits: list[float] = []

    async def recorded(seconds: float) -> None:
        waits.append(round(seconds, 6))

    monkeypatch.setattr(connector.time, "monotonic", lambda: 100.0)
    monkeypatch.setattr(connector.asyncio, "sleep", recorded)
    return Pacer(limits), waits


def test_the_pacer_keeps_to_teams_windows_in_a_conversation(monkeypatch):
    pacer, waits = _frozen_pacer(monkeypatch, Limits(per_tenant=1000.0, margin_s=0.0))

    async def calls(n: int) -> None:
        for _ in range(n):
            pacer.done(await pacer.wait("a:1same;messageid=1"))  # answered at once

    asyncio.run(calls(61))
    # Calls that go at once ask for no wait; the clock stands still, so a wait is a moment.
    moments = [100.0] * (61 - len(waits)) + [100.0 + w for w in waits]
    assert moments == sorted(moments)
    for count, seconds in ((7, 1.0), (8, 2.0), (60, 30.0)):  # Teams' per-thread windows
        busiest = max(sum(1 for m in moments if t - seconds < m <= t) for t in moments)
        assert busiest <= count, (count, seconds)
    assert moments[:8] == [100.0] * 7 + [101.0]  # 7 at once, then a second
    assert moments[-1] == 130.0  # the 61st: no sooner than 60 in 30 s allows, nor later


def test_the_pacer_lets_the_tenant_burst_fifty_a_second(monkeypatch):
    pacer, waits = _frozen_pacer(monkeypatch, Limits())

    async def calls(n: int) -> None:
        for person in range(n):
            pacer.done(await pacer.wait(f"a:1person{person}"))

    asyncio.run(calls(101))
    # 50 in any second across the tenant (and a hundredth of a second to spare).
    assert waits == [1.01] * 50 + [2.02]


def test_the_pacer_counts_a_call_when_it_is_answered_and_waits_for_calls_in_flight(
    monkeypatch,
):
    import handlers.teams.connector as connector

    clock = [100.0]
    monkeypatch.setattr(connector.time, "monotonic", lambda: clock[0])
    pacer = Pacer(Limits(per_tenant=2.0, margin_s=0.0))

    async def scene() -> list[str]:
        said: list[str] = []
        first = await pacer.wait("a:1one")
        await pacer.wait("a:1two")  # two in flight: the tenant's window of 2 is full

        async def third() -> None:
            await pacer.wait("a:1three")
            said.append(f"third goes at {clock[0]}")

        waiting = asyncio.create_task(third())
        await asyncio.sleep(0)
        said.append("third waits")
        clock[0] = 100.4  # the first is answered 0.4 s later: it counts from then
        pacer.done(first)
        await asyncio.wait_for(waiting, 5)
        return said

    real_sleep = asyncio.sleep

    async def jump(seconds: float) -> None:  # the clock moves on by what the pacer asks
        clock[0] += seconds
        await real_sleep(0)

    monkeypatch.setattr(connector.asyncio, "sleep", jump)
    assert asyncio.run(scene()) == ["third waits", "third goes at 101.4"]
