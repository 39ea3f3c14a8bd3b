"""Promises that hold under faults and misuse: a thanked message is kept, a held reply keeps
its prompt, a posted week stays locked on every path, words are kept as written, erasure
reaches everything, and no reply text reaches the logs."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from bot.domain.identity import slack
from bot.domain.programme_file import parse_programme
from bot.domain.programmes import load_programme
from storage.models import Answer, Member, MemberIdentity, PromptDelivery, Reply
from storage.spool import ReplySpool
from tests.conftest import DAY_ONE_CLOSED, SMALL_PROGRAMME
from tests.test_outages import database_down, told

DAY_TWO_PROMPT = datetime(2024, 11, 14, 16, 30, tzinfo=UTC)


def answers_of(harness, user_id: str) -> dict[str, str]:
    with harness.store.transaction() as session:
        rows = session.execute(
            select(Answer.question_id, Answer.text)
            .join(Reply, Reply.id == Answer.reply_id)
            .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
            .join(Member, Member.id == PromptDelivery.member_id)
            .where(Member.identities.any(external_id=user_id))
        ).all()
    return dict(rows)


def test_messages_sent_together_after_both_answers_are_all_kept(harness):
    """Four at once, each thanked: each is in the store (appended to the last answer)."""
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "Working: the buddy system", event_id="EvA")
    harness.reply("U0MEMBER01", "Change: papers earlier", event_id="EvB")
    extra = [f"And one more thing, number {n}" for n in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(
            pool.map(
                lambda n: harness.slack.message("U0MEMBER01", extra[n], event_id=f"EvX{n}"),
                range(4),
            )
        )
    assert [r.status for r in responses] == [200] * 4
    harness.api.wait_for(
        "chat.postMessage",
        count=6,
        where=lambda c: (
            "saved that" in c.params.get("text", "") and c.params["channel"].endswith("MEMBER01")
        ),
    )
    stored = answers_of(harness, "U0MEMBER01")
    assert stored["working"] == "Working: the buddy system"
    for line in extra:
        assert stored["change"].count(line) == 1


def test_a_reply_held_in_an_outage_is_filed_under_the_prompt_open_when_it_came(
    harness, monkeypatch
):
    harness.prompt_day_one()
    with monkeypatch.context() as outage:
        outage.setattr(harness.store, "transaction", database_down)
        harness.slack.message("U0MEMBER02", "About day one: the room was warm", event_id="EvH")
        told(harness, "kept it safe")
    # The database returns only after Day two's prompts have gone out.
    harness.clock.set(DAY_TWO_PROMPT)
    harness.services.prompts.send_due()
    assert harness.services.store_held_replies() == 1
    with harness.store.transaction() as session:
        (day,) = session.execute(
            text(
                "SELECT d.name FROM answers a JOIN replies r ON r.id = a.reply_id "
                "JOIN prompt_deliveries p ON p.id = r.delivery_id "
                "JOIN programme_days d ON d.id = p.day_id"
            )
        ).one()
    assert day == "Day one"


def test_deleting_an_answer_after_its_digest_then_replying_again_cannot_rewrite_it(harness):
    deliveries = harness.prompt_day_one()
    harness.reply("U0MEMBER01", "The welcome was lovely", event_id="Ev1")
    harness.clock.set(DAY_ONE_CLOSED)  # the reminders have had their time: the post is final
    harness.slack.command("U0FACIL001", "digest post 2024-05-09")
    harness.api.wait_for("response_url")
    who = slack("U0MEMBER01")
    assert harness.services.choices.delete_reply(who, int(deliveries["U0MEMBER01"])).text == (
        "Done. Your answer for Day one is deleted."
    )
    harness.slack.message("U0MEMBER01", "Actually everything was terrible", event_id="Ev2")
    refusal = harness.api.wait_for(
        "chat.postMessage", where=lambda c: "already been shared" in c.params.get("text", "")
    )
    assert refusal and answers_of(harness, "U0MEMBER01") == {}
    form = harness.services.submit_form(
        who, delivery_id=int(deliveries["U0MEMBER01"]), answers={"working": "New"}, usage=None
    )
    assert "already been shared" in form.text and answers_of(harness, "U0MEMBER01") == {}


@pytest.mark.parametrize(
    "written",
    [
        "Our nurse 👩\u200d⚕️ was brilliant",  # a woman health worker: ZWJ holds it together
        "خیلی\u200cخوب بود",  # Persian: the zero-width non-joiner is part of the spelling
        "co\u00adoperation and a\u200bspace",  # soft hyphen and zero-width space, as typed
    ],
)
def test_words_are_kept_exactly_as_written(harness, written):
    harness.prompt_day_one()
    harness.reply("U0MEMBER02", written, event_id="EvW")
    assert answers_of(harness, "U0MEMBER02") == {"working": written}


def test_forget_me_keeps_only_the_do_not_prompt_mark(harness):
    harness.prompt_day_one()
    who = slack("U0MEMBER02")
    harness.services.members.set_away(who=who, until=datetime(2024, 5, 20).date())
    harness.services.choices.forget_me(who)
    with harness.store.transaction() as session:
        row = session.scalar(select(Member).where(Member.identities.any(external_id="U0MEMBER02")))
        kept = {
            name: getattr(row, name)
            for name in (
                "display_name", "email", "team_id", "participant_role", "timezone",
                "away_until", "consent_version", "consent_given", "consent_at",
                "consent_asked_version", "consent_asked_at",
            )
        }  # fmt: skip
        assert set(kept.values()) == {None}
        assert row.opted_out is True and row.erased_at is not None
        assert row.default_usage == "themes_only"


def test_reloading_the_file_after_forget_me_brings_nothing_back(harness):
    harness.prompt_day_one()  # Samira, listed by e-mail only, is found as U0MEMBER03
    for user in ("U0MEMBER02", "U0MEMBER03"):  # Ali by Slack ID, Samira by e-mail only
        harness.services.members.forget(who=slack(user))
    report = load_programme(harness.store, harness.clock, parse_programme(SMALL_PROGRAMME))
    lines = "\n".join(report.lines())
    assert "member U0MEMBER02 asked to be forgotten" in lines
    assert "member sam@example.org asked to be forgotten" in lines
    assert "Please remove them from the file." in lines
    with harness.store.transaction() as session:
        erased = session.scalars(select(Member).where(Member.erased_at.is_not(None))).all()
        assert [(m.display_name, m.email, m.opted_out) for m in erased] == [(None, None, True)] * 2
        assert session.scalar(select(Member).where(Member.email == "sam@example.org")) is None
    before = len(harness.api.calls_to("chat.postMessage"))
    harness.clock.set(DAY_TWO_PROMPT)
    harness.services.run_due()
    later = harness.api.calls_to("chat.postMessage")[before:]
    prompted = {c.params["channel"] for c in later}
    assert "U0MEMBER01" in prompted and not {"U0MEMBER02", "U0MEMBER03"} & prompted


def test_forget_me_also_deletes_replies_still_held_from_an_outage(harness, monkeypatch):
    harness.prompt_day_one()
    with monkeypatch.context() as outage:
        outage.setattr(harness.store, "transaction", database_down)
        harness.slack.message("U0MEMBER02", "Something private", event_id="EvF")
        told(harness, "kept it safe")
    assert len(harness.services.spool.pending()) == 1
    harness.services.choices.forget_me(slack("U0MEMBER02"))
    assert harness.services.spool.pending() == []


def test_a_spool_write_that_fails_leaves_no_file_behind(tmp_path, monkeypatch):
    spool = ReplySpool(tmp_path / "spool")

    def full_disk(_descriptor):
        raise OSError("no space left on device")

    monkeypatch.setattr("storage.spool.os.fsync", full_disk)
    with pytest.raises(OSError):
        spool.keep({"user_id": "U1", "text": "private words"})
    assert list((tmp_path / "spool").iterdir()) == []


def test_a_failing_statement_never_logs_the_reply_s_words(store, caplog):
    """SQLAlchemy's error message names the statement, never its values."""
    with caplog.at_level(logging.DEBUG, logger="sqlalchemy"):
        with pytest.raises(DBAPIError) as caught:
            with store.engine.begin() as connection:
                connection.execute(
                    text("INSERT INTO no_such_table (words) VALUES (:words)"),
                    {"words": "my secret reflection"},
                )
    assert "my secret reflection" not in str(caught.value)
    assert "my secret reflection" not in caplog.text


def test_an_identity_row_survives_forget_me_as_the_only_link(harness):
    harness.load()
    harness.services.members.forget(who=slack("U0MEMBER01"))
    with harness.store.transaction() as session:
        assert session.scalars(
            select(MemberIdentity.external_id).where(MemberIdentity.external_id == "U0MEMBER01")
        ).all() == ["U0MEMBER01"]


def test_a_consent_click_is_stored_before_slack_is_told_ok(harness, monkeypatch):
    """Killed between the two, the bot must not have said "OK" for a click it never stored:
    the HTTP answer waits for the store."""
    from handlers.slack import consent_blocks
    from handlers.slack.sandbox.answers import consent_version
    from tests.test_consent import consent_requests

    harness.load(consented=False)
    harness.services.run_due()
    version = consent_version(consent_requests(harness.api)["U0MEMBER01"])
    started, release = threading.Event(), threading.Event()
    decide = harness.services.choices.decide_consent

    def slow_store(*args, **kwargs):
        started.set()
        assert release.wait(timeout=10)
        return decide(*args, **kwargs)

    monkeypatch.setattr(harness.services.choices, "decide_consent", slow_store)
    with ThreadPoolExecutor(max_workers=1) as pool:
        answer = pool.submit(
            harness.slack.action,
            "U0MEMBER01",
            consent_blocks.CONSENT_AGREE,
            version,
            message_ts="1.0",
        )
        assert started.wait(timeout=10)
        assert not answer.done()  # storing: Slack has not been answered yet
        release.set()
        assert answer.result(timeout=10).status == 200
    with harness.store.transaction() as session:
        agreed = session.scalar(
            select(Member.consent_given).where(Member.identities.any(external_id="U0MEMBER01"))
        )
    assert agreed is True


def test_editing_never_shortens_a_long_answer_the_member_did_not_change(harness):
    """Slack's box holds 3,000 characters; a 7,799-character reply is kept whole when only
    its usage changes in the form."""
    import json

    from handlers.slack.sandbox.answers import form_state

    deliveries = harness.prompt_day_one()
    long_reply = ("We met in a warm room and everyone was heard. " * 170).strip()[:7799]
    harness.reply("U0MEMBER01", long_reply, event_id="EvLong")
    harness.slack.action("U0MEMBER01", "copro_change", deliveries["U0MEMBER01"])
    (opened,) = harness.api.wait_for("views.open")
    view = opened.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    boxes = [b["element"] for b in view["blocks"] if b.get("type") == "input"]
    assert all(len(box.get("initial_value", "")) <= 3000 for box in boxes)
    assert any("kept whole" in json.dumps(b) for b in view["blocks"])
    response = harness.slack.submit_view(
        "U0MEMBER01",
        callback_id="copro_answer_form",
        private_metadata=view["private_metadata"],
        values=form_state(None, None, usage="named"),
    )
    assert response.status == 200 and "errors" not in response.body
    assert answers_of(harness, "U0MEMBER01") == {"working": long_reply}
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.usage)) == "named"
