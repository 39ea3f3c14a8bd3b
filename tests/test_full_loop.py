"""The whole loop over real HTTP: prompt, answer by form and by plain reply, skip, remind, digest."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from handlers.slack.sandbox.answers import form_state
from storage.models import Answer, PromptDelivery, ReminderSent, Reply


def test_prompts_reach_every_member_once_after_the_day_ends(harness):
    harness.load()
    harness.clock.set(harness.clock.now().replace(month=5, day=9, hour=15, minute=29))
    harness.services.run_due()
    assert harness.api.calls_to("chat.postMessage") == []  # one minute early: nothing yet

    harness.clock.advance(minutes=1)
    harness.services.run_due()
    harness.services.run_due()  # a second sweep sends nothing more
    prompted = sorted(c.params["channel"] for c in harness.api.calls_to("chat.postMessage"))
    # sam@example.org was found by e-mail as U0MEMBER03; the facilitator is prompted too
    assert prompted == ["U0FACIL001", "U0MEMBER01", "U0MEMBER02", "U0MEMBER03", "U0MEMBER04"]
    with harness.store.transaction() as session:
        assert (
            session.scalar(
                select(func.count(PromptDelivery.id)).where(PromptDelivery.state == "sent")
            )
            == 5
        )


def test_answer_by_form_is_stored_and_the_prompt_turns_into_thanks(harness):
    deliveries = harness.prompt_day_one()
    delivery_id = deliveries["U0MEMBER01"]

    response = harness.slack.action(
        "U0MEMBER01",
        "copro_answer",
        delivery_id,
        channel_id="D0MEMBER01",
        message_ts="1.1",
        trigger_id="t1",
    )
    assert response.status == 200
    opened = harness.api.wait_for("views.open")[0].params["view"]
    assert opened["callback_id"] == "copro_answer_form"
    assert [b["block_id"] for b in opened["blocks"] if b["type"] == "input"] == [
        "q:working",
        "q:change",
        "usage",
    ]

    response = harness.slack.submit_view(
        "U0MEMBER01",
        callback_id="copro_answer_form",
        private_metadata=opened["private_metadata"],
        values=form_state("Families feel heard", "Shorter meetings"),
    )
    assert response.status == 200 and response.body in ("", "{}")
    update = harness.api.wait_for("chat.update")[0]
    assert "saved" in update.params["text"]
    with harness.store.transaction() as session:
        answers = dict(session.execute(select(Answer.question_id, Answer.text)).all())
    assert answers == {"working": "Families feel heard", "change": "Shorter meetings"}


def test_empty_form_is_refused_kindly_and_nothing_is_stored(harness):
    deliveries = harness.prompt_day_one()
    response = harness.slack.submit_view(
        "U0MEMBER01",
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(deliveries["U0MEMBER01"])}),
        values=form_state("   ", None),
    )
    body = response.json()
    assert body["response_action"] == "errors"
    assert "at least one box" in next(iter(body["errors"].values()))
    with harness.store.transaction() as session:
        assert session.scalar(select(func.count(Reply.id))) == 0


def test_plain_reply_fills_the_questions_in_order_and_a_retried_event_stores_once(harness):
    harness.prompt_day_one()
    first = harness.slack.message(
        "U0MEMBER02", "The <!channel> sessions are brilliant", event_id="Ev1"
    )
    again = harness.slack.message(
        "U0MEMBER02",
        "The <!channel> sessions are brilliant",
        event_id="Ev1",
        extra_headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    assert first.status == 200 and again.status == 200
    thanks = harness.api.wait_for(
        "chat.postMessage", where=lambda c: "saved that" in c.params.get("text", "")
    )
    assert "What is working?" in thanks[0].params["text"]
    assert "What could change?" in thanks[0].params["text"]
    harness.slack.message("U0MEMBER02", "More time to talk", event_id="Ev2")
    harness.api.wait_for(
        "chat.postMessage", count=2, where=lambda c: "saved that" in c.params.get("text", "")
    )
    with harness.store.transaction() as session:
        answers = dict(session.execute(select(Answer.question_id, Answer.text)).all())
        assert session.scalar(select(func.count(Reply.id))) == 1
    assert answers == {
        "working": "The <!channel> sessions are brilliant",
        "change": "More time to talk",
    }


def test_reminders_go_only_to_members_who_neither_answered_nor_skipped(harness):
    deliveries = harness.prompt_day_one()
    harness.slack.action(
        "U0MEMBER01",
        "copro_skip",
        deliveries["U0MEMBER01"],
        channel_id="D0MEMBER01",
        message_ts="1.1",
    )
    harness.api.wait_for("chat.update")
    harness.slack.message("U0MEMBER02", "It is going well", event_id="Ev9")
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "saved that" in c.params.get("text", "")
    )
    harness.slack.command("U0MEMBER04", "pause")
    harness.api.reset()

    harness.clock.advance(hours=24)
    harness.services.run_due()
    harness.services.run_due()
    reminded = sorted(c.params["channel"] for c in harness.api.calls_to("chat.postMessage"))
    assert reminded == ["U0FACIL001", "U0MEMBER03"]

    harness.clock.advance(hours=48)
    harness.services.run_due()
    reminded = [c.params["channel"] for c in harness.api.calls_to("chat.postMessage")]
    assert sorted(reminded) == ["U0FACIL001", "U0FACIL001", "U0MEMBER03", "U0MEMBER03"]
    assert "last reminder" in harness.api.calls_to("chat.postMessage")[-1].params[
        "text"
    ] + json.dumps(harness.api.calls_to("chat.postMessage")[-1].params["blocks"])
    harness.clock.advance(hours=240)
    harness.services.run_due()
    assert len(harness.api.calls_to("chat.postMessage")) == 4  # bounded: no third reminder
    with harness.store.transaction() as session:
        assert session.scalar(select(func.count(ReminderSent.id))) == 4


def test_facilitator_digest_quotes_replies_escaped_and_anonymous_unattributed(harness):
    deliveries = harness.prompt_day_one()
    harness.slack.submit_view(
        "U0MEMBER01",
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(deliveries["U0MEMBER01"])}),
        values=form_state("Secret praise <@U0FACIL001>", None, usage="unnamed"),
    )
    harness.api.wait_for("chat.update")
    for user, text, event in [
        ("U0MEMBER02", "Visit <https://evil.example|the NHS login>", "Ev3"),
        ("U0MEMBER03", "The co-chair listens to families", "Ev4"),
    ]:
        harness.reply(user, text, event)
        harness.choose_usage(user, "named")  # from the thank-you's buttons
    harness.api.reset()

    response = harness.slack.command("U0FACIL001", "digest 2024-W19")
    assert response.status == 200
    # "I've sent you the digest", after it went out
    harness.api.wait_for("response_url", timeout=30)
    to_facilitator = [
        c
        for c in harness.api.calls_to("chat.postMessage")
        if c.params["channel"].endswith("FACIL001")
    ]
    summary, thread = to_facilitator[0], to_facilitator[1:]
    # Jo is in no team; and the programme's "3 of 4", less Kim's team's "0 of 1", would give
    # away the team's hidden "3 of 3", so it is not shown either (bot.domain.anonymity): only
    # the rate across the teams shown, which their own rows already say.
    headline = json.dumps(summary.params["blocks"])
    assert "0 of 1 answered (0%) in the teams shown" in headline and thread
    assert "3 of 4" not in headline and "3 of 3" not in headline
    rendered = json.dumps([c.params["blocks"] for c in thread])
    assert "&lt;https://evil.example|the NHS login&gt;" in rendered
    assert "<@U0FACIL001>" not in rendered and "<https://evil" not in rendered
    assert "_\\u2014 Ali" in rendered and "_\\u2014 Samira" in rendered  # open answers are
    # With Ali and Samira named, only Sam could have written the unnamed reply: it is held
    # back, and the team's "3 of 3" is not shown either (bot.domain.anonymity).
    assert "Secret praise" not in rendered and "Sam" not in rendered.replace("Samira", "")
    assert "3 of 3 answered" not in rendered
    # The chart goes into the thread as a PNG, with a text alternative for screen readers;
    # the team whose "3 of 3" is not shown is not drawn either, and the alternative says so.
    # Then the digest as a Word file.
    uploads = harness.api.wait_for("file_upload", count=2)
    assert [(u.params["png"], u.params["docx"]) for u in uploads] == [(True, False), (False, True)]
    assert uploads[0].params["size"] > 1000
    asked = harness.api.calls_to("files.getUploadURLExternal")[0].params
    assert asked["alt_txt"].startswith("Response rate by team") and "100%" not in asked["alt_txt"]
    assert "Child and Family Services: numbers not shown" in asked["alt_txt"]
    done = harness.api.calls_to("files.completeUploadExternal")
    assert {c.params["thread_ts"] for c in done} == {thread[0].params["thread_ts"]}


def test_a_small_team_is_quoted_without_its_name_or_anyone_s(harness):
    deliveries = harness.prompt_day_one()
    harness.slack.submit_view(
        "U0MEMBER04",
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(deliveries["U0MEMBER04"])}),
        values=form_state("The discharge letters are clearer now", None, usage="named"),
    )
    harness.api.wait_for("chat.update")
    harness.api.reset()
    harness.slack.command("U0FACIL001", "digest 2024-W19")
    harness.api.wait_for("response_url", timeout=30)
    rendered = json.dumps([c.params["blocks"] for c in harness.api.calls_to("chat.postMessage")])
    assert "The discharge letters are clearer now" in rendered
    assert "From smaller groups" in rendered and "Kim" not in rendered


def test_a_member_asking_for_a_facilitator_command_gets_a_kind_refusal(harness):
    harness.prompt_day_one()
    harness.api.reset()
    for command in ("status", "digest", "digest post"):
        response = harness.slack.command("U0MEMBER01", command)
        assert response.status == 200
        assert "only the programme's facilitators" in response.body
    assert harness.api.calls_to("chat.postMessage") == []


def test_bad_signature_and_old_timestamp_are_refused_and_change_nothing(harness):
    harness.prompt_day_one()
    body, content_type = harness.slack.message_im_body("U0MEMBER01", "hello", event_id="EvBad")
    forged = harness.slack.post(body, content_type, signature="v0=" + "0" * 64)
    stale = harness.slack.post(body, content_type, timestamp=1_500_000_000)
    assert forged.status == 401 and stale.status == 401
    with harness.store.transaction() as session:
        assert session.scalar(select(func.count(Reply.id))) == 0
