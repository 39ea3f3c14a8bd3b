"""A member's own choices over real HTTP: pause, resume, opt out, forget me; and what a
facilitator's status shows (and hides)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.domain.programme_file import parse_programme
from handlers.slack.sandbox.answers import form_state
from storage.models import Answer, Member, PromptDelivery, ReminderSent, Reply
from tests.conftest import load_consented

DAY_TWO_PROMPT = datetime(2024, 11, 14, 16, 30, tzinfo=UTC)
STRANGER = "U0STRANGER"


def said(response) -> str:
    """What a slash command answered: Bolt sends bare text as text/plain, blocks as JSON."""
    assert response.status == 200
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return response.json()["text"]
    return response.body


def member(harness, user_id: str) -> Member:
    with harness.store.transaction() as session:
        found = session.scalar(select(Member).where(Member.identities.any(external_id=user_id)))
        session.expunge_all()
        return found


def count(harness, model, **where) -> int:
    with harness.store.transaction() as session:
        statement = select(func.count()).select_from(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return session.scalar(statement)


def answer_by_form(harness, user_id: str, delivery_id: str, text: str, usage: str) -> None:
    values = form_state(text, None, usage=usage)
    done = len(harness.api.calls_to("chat.update"))
    response = harness.slack.submit_view(
        user_id,
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(delivery_id)}),
        values=values,
    )
    assert response.status == 200 and response.body in ("", "{}")
    harness.api.wait_for("chat.update", count=done + 1)


def answer_by_message(harness, user_id: str, text: str) -> None:
    done = len(harness.api.calls_to("chat.postMessage"))
    harness.slack.message(user_id, text)
    harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.params["channel"] in (user_id, "D" + user_id[1:]) and "saved" in c.params["text"]
        ),
    )
    assert len(harness.api.calls_to("chat.postMessage")) > done


def prompted_users(harness) -> set[str]:
    return {c.params["channel"] for c in harness.api.calls_to("chat.postMessage")}


# -- pause and resume -----------------------------------------------------------------------


def test_pause_then_resume_changes_the_flag_and_says_so(harness):
    harness.load()
    assert "won't send you reflection prompts" in said(harness.slack.command("U0MEMBER01", "pause"))
    assert member(harness, "U0MEMBER01").opted_out is True
    assert "already paused" in said(harness.slack.command("U0MEMBER01", "pause"))

    assert "Welcome back" in said(harness.slack.command("U0MEMBER01", "resume"))
    assert member(harness, "U0MEMBER01").opted_out is False
    assert "already getting prompts" in said(harness.slack.command("U0MEMBER01", "RESUME"))
    assert member(harness, "U0MEMBER02").opted_out is False  # nobody else was touched


def test_a_paused_member_is_not_prompted_until_they_resume(harness):
    harness.load()
    harness.slack.command("U0MEMBER02", "pause")
    deliveries = harness.prompt_day_one()
    assert "U0MEMBER02" not in deliveries and len(deliveries) == 4
    harness.slack.command("U0MEMBER02", "resume")
    harness.clock.set(DAY_TWO_PROMPT)
    harness.services.run_due()
    assert "U0MEMBER02" in harness.deliveries()


def test_the_rather_not_be_asked_button_opts_out_and_updates_the_prompt(harness):
    deliveries = harness.prompt_day_one()
    response = harness.slack.action(
        "U0MEMBER04",
        "copro_opt_out",
        deliveries["U0MEMBER04"],
        channel_id="D0MEMBER04",
        message_ts="1700000000.000001",
    )
    assert response.status == 200
    update = harness.api.wait_for("chat.update")[0].params
    assert update["channel"] == "D0MEMBER04" and update["ts"] == "1700000000.000001"
    assert "won't send you any more reflection prompts" in update["text"]
    assert member(harness, "U0MEMBER04").opted_out is True

    harness.api.reset()
    harness.clock.advance(hours=24)
    harness.services.run_due()  # no reminder either
    harness.clock.set(DAY_TWO_PROMPT)
    harness.services.run_due()
    assert "U0MEMBER04" not in prompted_users(harness)
    assert "U0MEMBER01" in prompted_users(harness)


# -- forget me ------------------------------------------------------------------------------


def test_forget_me_asks_first_and_changes_nothing_until_confirmed(harness):
    deliveries = harness.prompt_day_one()
    answer_by_form(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Secret", usage="unnamed")

    response = harness.slack.command("U0MEMBER01", "forget-me")
    body = response.json()
    assert "cannot be undone" in body["text"]
    buttons = {
        e["action_id"]: e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    assert set(buttons) == {"copro_forget_confirm", "copro_forget_cancel"}
    assert buttons["copro_forget_confirm"]["style"] == "danger"
    assert count(harness, Reply) == 1 and member(harness, "U0MEMBER01").display_name == "Sam"


def test_forget_me_cancelled_deletes_nothing(harness):
    deliveries = harness.prompt_day_one()
    answer_by_form(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Kept", usage="named")
    harness.slack.command("U0MEMBER01", "forget-me")
    harness.slack.action(
        "U0MEMBER01", "copro_forget_cancel", "cancel", channel_id="D0MEMBER01", message_ts="1.1"
    )
    reply = harness.api.wait_for("response_url")[0].params
    assert "Nothing was deleted" in reply["text"] and reply["replace_original"] in (True, "true")
    assert count(harness, Reply) == 1 and member(harness, "U0MEMBER01").opted_out is False


def test_forget_me_confirmed_erases_replies_anonymous_too_and_personal_details(harness):
    deliveries = harness.prompt_day_one()
    harness.clock.advance(hours=24)
    harness.services.run_due()  # a reminder each, Sam included
    assert count(harness, ReminderSent) == 5
    answer_by_form(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Secret", usage="unnamed")
    answer_by_message(harness, "U0MEMBER02", "Ali's open answer")

    harness.slack.action(
        "U0MEMBER01", "copro_forget_confirm", "confirm", channel_id="D0MEMBER01", message_ts="1.1"
    )
    done = harness.api.wait_for("response_url")[0].params
    assert "deleted everything you wrote (1 reflection)" in done["text"]

    sam = member(harness, "U0MEMBER01")
    assert (sam.display_name, sam.email, sam.opted_out) == (None, None, True)
    assert count(harness, PromptDelivery, member_id=sam.id) == 0
    assert count(harness, Reply) == 1  # only Ali's
    assert count(harness, Answer) == 1
    assert count(harness, ReminderSent) == 4
    with harness.store.transaction() as session:
        assert session.scalars(select(Answer.text)).all() == ["Ali's open answer"]


def test_a_forgotten_member_is_not_signed_up_again_by_reloading_the_file(harness):
    harness.prompt_day_one()
    harness.slack.action(
        "U0MEMBER01", "copro_forget_confirm", "confirm", channel_id="D0MEMBER01", message_ts="1.1"
    )
    harness.api.wait_for("response_url")
    harness.load()
    harness.api.reset()
    harness.clock.set(DAY_TWO_PROMPT)
    harness.services.run_due()
    assert "U0MEMBER01" not in prompted_users(harness)
    assert len(prompted_users(harness)) == 4
    assert member(harness, "U0MEMBER01").opted_out is True


def test_a_forgotten_member_listed_by_email_is_not_prompted_after_a_reload(harness):
    deliveries = harness.prompt_day_one()
    assert "U0MEMBER03" in deliveries  # found through sam@example.org
    harness.slack.action(
        "U0MEMBER03", "copro_forget_confirm", "confirm", channel_id="D0MEMBER03", message_ts="1.1"
    )
    harness.api.wait_for("response_url")
    assert member(harness, "U0MEMBER03").email is None
    harness.load()  # the file still lists sam@example.org
    harness.api.reset()
    harness.clock.set(DAY_TWO_PROMPT)
    harness.services.run_due()
    harness.clock.advance(minutes=15)
    harness.services.run_due()  # and later sweeps neither fail nor prompt them
    prompted = prompted_users(harness)
    assert "U0MEMBER03" not in prompted
    assert prompted == {"U0FACIL001", "U0MEMBER01", "U0MEMBER02", "U0MEMBER04"}


def test_forget_me_covers_every_programme_the_member_is_in(harness):
    harness.load()
    load_consented(
        harness.store,
        harness.clock,
        parse_programme(
            "programme: Another programme\nsafeguarding: [U0FACIL001]\n"
            "teams:\n  - {name: Solo, members: [U0MEMBER01]}\n"
        ),
    )
    harness.slack.action(
        "U0MEMBER01", "copro_forget_confirm", "confirm", channel_id="D0MEMBER01", message_ts="1.1"
    )
    harness.api.wait_for("response_url")
    with harness.store.transaction() as session:
        rows = session.scalars(
            select(Member).where(Member.identities.any(external_id="U0MEMBER01"))
        ).all()
        assert len(rows) == 2 and all(m.opted_out and m.display_name is None for m in rows)


def test_someone_in_no_programme_is_told_kindly(harness):
    harness.load()
    for verb in ("pause", "resume", "forget-me"):
        text = said(harness.slack.command(STRANGER, verb))
        assert "can't find you in a co-production programme" in text
    harness.slack.action(
        STRANGER, "copro_forget_confirm", "confirm", channel_id="D0STRANGER", message_ts="1.1"
    )
    assert "can't find you" in harness.api.wait_for("response_url")[0].params["text"]
    assert "Here's what I can do" in said(harness.slack.command(STRANGER, "help"))


def test_an_unknown_subcommand_gets_the_help(harness):
    harness.load()
    text = said(harness.slack.command("U0MEMBER01", "dance"))
    assert "I don't know the command 'dance'" in text
    assert "`/copro pause`" in text and "`/copro forget-me`" in text
    assert "For facilitators" not in text
    assert "For facilitators" in said(harness.slack.command("U0FACIL001", ""))


# -- status ---------------------------------------------------------------------------------


def test_status_names_open_answerers_and_only_counts_anonymous_ones(harness):
    deliveries = harness.prompt_day_one()
    answer_by_form(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Secret", usage="unnamed")
    answer_by_message(harness, "U0MEMBER02", "It went well")
    harness.choose_usage("U0MEMBER02", "named")  # Ali answers openly
    harness.slack.action(
        "U0MEMBER04", "copro_skip", deliveries["U0MEMBER04"], channel_id="D0MEMBER04",
        message_ts="1.1",
    )  # fmt: skip
    harness.api.wait_for("chat.update", where=lambda c: "skipped" in c.params["text"])

    body = harness.slack.command("U0FACIL001", "status").json()
    shown = body["text"] + json.dumps(body["blocks"])
    assert "Who has answered: Test programme" in shown
    # Ali chose to be named; the other two are one number, whatever each of them did, so
    # nothing here says which of them answered without a name.
    assert "Child and Family Services: Ali; 2 not named" in shown
    assert "Older People's Services: nobody by name; 1 not named" in shown
    assert "Sam" not in shown and "anonymously" not in shown and "1 skipped" not in shown


def test_status_shows_nothing_to_a_member_who_is_not_a_facilitator(harness):
    harness.prompt_day_one()
    answer_by_message(harness, "U0MEMBER02", "It went well")
    response = harness.slack.command("U0MEMBER01", "status")
    assert "only the programme's facilitators" in said(response)
    assert "Ali" not in response.body and "blocks" not in response.body


def test_status_before_any_prompt_says_so(harness):
    harness.load()
    text = said(harness.slack.command("U0FACIL001", "status"))
    assert text == "No reflection prompts have gone out yet for Test programme."


def test_status_never_tells_what_the_people_it_does_not_name_did(harness):
    """Everyone in Child and Family Services answers, one without a name: the two who chose
    to be named are named, and the third is only "1 not named", whether they answered,
    skipped or have yet to, so the status cannot say that the third wrote a reply."""
    import json as _json

    deliveries = harness.prompt_day_one()
    answer_by_form(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Kept private", "unnamed")
    for n, user in enumerate(["U0MEMBER02", "U0MEMBER03"]):
        harness.reply(user, "Open answer", f"EvS{n}")
        harness.choose_usage(user, "named")
    shown = _json.dumps(harness.slack.command("U0FACIL001", "status").json())
    assert "Child and Family Services: Ali, Samira; 1 not named" in shown
    assert "anonymously" not in shown and "answered (" not in shown
