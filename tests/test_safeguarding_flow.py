"""A reply showing signs of risk: signposting for the member at once, a private alert for the
safeguarding leads, and never a place in a digest or the export."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.domain.digest import build_digest
from bot.domain.export import export_csv
from bot.domain.weeks import IsoWeek
from storage.models import Reply
from tests.conftest import SMALL_PROGRAMME

LEADS = (
    SMALL_PROGRAMME + "safeguarding: [U0FACIL001]\nsignposting: Call the team on 0800 000 000.\n"
)
CRISIS = "Honestly I don't see the point in going on any more, I've been stockpiling my tablets"


def dms_to(harness, user: str) -> list:
    return [
        c
        for c in harness.api.calls_to("chat.postMessage")
        if c.params["channel"].endswith(user[1:])
    ]


def test_a_crisis_reply_is_signposted_alerted_and_kept_out_of_digest_and_export(harness):
    harness.load(LEADS)
    from tests.conftest import DAY_ONE_PROMPT

    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    harness.api.reset()
    harness.slack.message("U0MEMBER02", CRISIS, event_id="EvRisk")
    harness.api.wait_for("chat.postMessage", where=lambda c: "0800 000 000" in json.dumps(c.params))
    alert = harness.api.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == "U0FACIL001"
    )[0]
    to_member = " ".join(json.dumps(c.params) for c in dms_to(harness, "U0MEMBER02"))
    assert "saved that" not in to_member  # the kind reply replaces the usual thanks
    assert "stockpiling" in json.dumps(alert.params) and "Ali" in json.dumps(alert.params)
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.safeguarding)) == "urgent"

    digest = build_digest(harness.store, programme_id=1, week=IsoWeek(2024, 19))
    assert not any(q.text == CRISIS for t in digest.teams for s in t.sections for q in s.quotes)
    assert digest.withheld == 1
    assert "stockpiling" not in export_csv(harness.store, programme_id=1).decode("utf-8-sig")


def test_an_ordinary_reply_raises_no_alert(harness):
    harness.load(LEADS)
    from tests.conftest import DAY_ONE_PROMPT

    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    harness.api.reset()
    harness.slack.message(
        "U0MEMBER02",
        "This programme is killing me with paperwork, but the tea was good",
        event_id="EvOk",
    )
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "saved that" in c.params.get("text", "")
    )
    assert not [
        c for c in harness.api.calls_to("chat.postMessage") if c.params["channel"] == "U0FACIL001"
    ]
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.safeguarding)) is None
