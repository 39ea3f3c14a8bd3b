"""What a person sees on the bot's Home tab, as plain values.

A member: their open prompts, their recent replies (to read, change or delete), their consent,
how their words may be used, away dates and pause. A facilitator also: response rates per team
and day. Everything is read in one transaction, so the page is consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.domain.consent import ConsentState, state_of
from bot.domain.identity import Identity
from bot.domain.replies import digest_shared
from bot.domain.status import build_status
from storage import Store, queries
from storage.models import PromptDelivery

RECENT_REPLIES = 8  # a Home page stays short; older replies are in the export
RECENT_DAYS = 6


@dataclass(frozen=True)
class OpenPrompt:
    delivery_id: int
    day_name: str
    day_date: date


@dataclass(frozen=True)
class PastReply:
    delivery_id: int
    day_name: str
    day_date: date
    answers: tuple[tuple[str, str], ...]  # (question, answer)
    usage: str
    changeable: bool  # False once that week's digest has been shared


@dataclass(frozen=True)
class TeamRate:
    team: str
    prompted: int
    answered: int


@dataclass(frozen=True)
class DayRates:
    day_name: str
    day_date: str
    teams: tuple[TeamRate, ...]
    hidden: int = 0  # teams whose rate is not shown: it would point at people


@dataclass(frozen=True)
class HomePage:
    member: bool  # False: not in any programme; the page says so kindly
    programme: str = ""
    consent: ConsentState | None = None
    paused: bool = False
    away_until: date | None = None
    default_usage: str = ""
    open_prompts: tuple[OpenPrompt, ...] = ()
    past_replies: tuple[PastReply, ...] = ()
    older_replies: int = 0
    facilitator: bool = False
    rates: tuple[DayRates, ...] = ()


def build_home(store: Store, *, who: Identity) -> HomePage:
    with store.transaction() as session:
        member = queries.member_for_user(session, platform=who.platform, external_id=who.id)
        if member is None:
            return HomePage(member=False)
        programme = member.programme
        consent = state_of(member)
        deliveries = queries.member_deliveries(session, member_id=member.id)
        open_prompts = tuple(
            OpenPrompt(d.id, d.day.name, d.day.date) for d in deliveries if d.state == "sent"
        )
        answered = [d for d in deliveries if d.reply is not None]
        questions = {q["id"]: q["text"] for q in programme.questions}
        past = tuple(_past_reply(session, d, questions) for d in answered[:RECENT_REPLIES])
        facilitator = member.role == "facilitator"
        programme_id, name = programme.id, programme.name
        page = HomePage(
            member=True,
            programme=name,
            consent=consent,
            paused=member.opted_out,
            away_until=member.away_until,
            default_usage=member.default_usage,
            open_prompts=open_prompts,
            past_replies=past,
            older_replies=max(len(answered) - RECENT_REPLIES, 0),
            facilitator=facilitator,
        )
    if not facilitator:
        return page
    days = build_status(store, programme_id=programme_id)[-RECENT_DAYS:]
    rates = tuple(
        DayRates(
            day.day,
            day.date,
            tuple(TeamRate(t.team, t.prompted, t.answered) for t in day.teams if t.rate_shown),
            hidden=sum(1 for t in day.teams if not t.rate_shown),
        )
        for day in reversed(days)
    )
    return replace(page, rates=rates)


def _past_reply(session, delivery: PromptDelivery, questions: dict[str, str]) -> PastReply:
    return PastReply(
        delivery_id=delivery.id,
        day_name=delivery.day.name,
        day_date=delivery.day.date,
        answers=tuple(
            (questions.get(a.question_id, a.question_id), a.text) for a in delivery.reply.answers
        ),
        usage=delivery.reply.usage,
        changeable=not digest_shared(session, delivery),
    )
