"""The database going away never loses what a member wrote."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from bot.domain.usecases.reply_in_words import NOW_SAVED
from storage.models import Answer, Reply


def database_down(*_args, **_kwargs):
    raise OperationalError("SELECT 1", {}, ConnectionRefusedError("database unreachable"))


def told(harness, text: str, user: str = "U0MEMBER02") -> list:
    return harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.params.get("channel") in (user, "D" + user[1:]) and text in c.params.get("text", "")
        ),
    )


def test_a_dm_sent_while_the_database_is_down_is_kept_and_stored_when_it_returns(
    harness, monkeypatch
):
    harness.prompt_day_one()
    with monkeypatch.context() as outage:
        outage.setattr(harness.store, "transaction", database_down)
        response = harness.slack.message(
            "U0MEMBER02", "The tea breaks are lovely", event_id="EvDown"
        )
        assert response.status == 200
        told(harness, "kept it safe")
        assert len(harness.services.spool.pending()) == 1
        assert harness.services.store_held_replies() == 0  # still down: kept, not dropped
        assert len(harness.services.spool.pending()) == 1

    assert harness.services.store_held_replies() == 1
    told(harness, NOW_SAVED + " I'll count this in the themes but never quote it.")
    assert harness.services.spool.pending() == []
    with harness.store.transaction() as session:
        assert session.execute(select(Answer.question_id, Answer.text)).all() == [
            ("working", "The tea breaks are lovely")
        ]


def test_when_even_the_spool_fails_slack_is_asked_to_retry_and_the_retry_stores_once(
    harness, monkeypatch
):
    harness.prompt_day_one()
    with monkeypatch.context() as outage:
        outage.setattr(harness.store, "transaction", database_down)
        outage.setattr(
            harness.services.spool, "keep", lambda item: (_ for _ in ()).throw(OSError("disk full"))
        )
        failed = harness.slack.message("U0MEMBER02", "Please keep this", event_id="EvRetry")
    assert failed.status == 500
    retried = harness.slack.message(
        "U0MEMBER02",
        "Please keep this",
        event_id="EvRetry",
        extra_headers={"X-Slack-Retry-Num": "1"},
    )
    again = harness.slack.message(
        "U0MEMBER02",
        "Please keep this",
        event_id="EvRetry",
        extra_headers={"X-Slack-Retry-Num": "2"},
    )
    assert retried.status == 200 and again.status == 200
    told(harness, "saved that")
    with harness.store.transaction() as session:
        assert session.scalar(select(func.count(Reply.id))) == 1
        assert session.scalar(select(Answer.text)) == "Please keep this"


def test_a_form_saved_while_the_database_is_down_stays_open_with_the_words_in_it(
    harness, monkeypatch
):
    deliveries = harness.prompt_day_one()
    values = {"q:working": {"answer": {"type": "plain_text_input", "value": "Good chairing"}}}
    with monkeypatch.context() as outage:
        outage.setattr(harness.store, "transaction", database_down)
        response = harness.slack.submit_view(
            "U0MEMBER01",
            callback_id="copro_answer_form",
            private_metadata=json.dumps({"delivery_id": int(deliveries["U0MEMBER01"])}),
            values=values,
        )
    body = response.json()
    assert body["response_action"] == "errors"
    assert "Your words are still here" in next(iter(body["errors"].values()))
    with harness.store.transaction() as session:
        assert session.scalar(select(func.count(Reply.id))) == 0


def test_a_crisis_reply_held_during_an_outage_reaches_the_safeguarding_lead_when_stored(
    harness, monkeypatch
):
    """The spool's delayed store runs the same use case as a live reply: the lead is alerted,
    the member gets the signposting, and the reply stays out of the digest."""
    harness.prompt_day_one()
    crisis = "I don't want to be alive any more and I have been planning how to end it"
    with monkeypatch.context() as outage:
        outage.setattr(harness.store, "transaction", database_down)
        assert harness.slack.message("U0MEMBER02", crisis, event_id="EvCrisis").status == 200
        told(harness, "kept it safe")

    def alerts() -> list:
        return [
            c
            for c in harness.api.calls_to("chat.postMessage")
            if c.params["channel"] == "U0FACIL001" and "Safeguarding" in c.params["text"]
        ]

    assert alerts() == []  # nobody can be alerted before the reply is stored
    assert harness.services.store_held_replies() == 1
    harness.api.wait_for("chat.postMessage", where=lambda c: c in alerts())
    (alert,) = alerts()
    assert "URGENT" in alert.params["text"] and "their reply for Day one" in alert.params["text"]
    told(harness, "116 123")  # the member's signposting, in place of the usual thanks
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.safeguarding)) == "urgent"
