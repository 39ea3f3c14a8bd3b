"""Identical signed bytes sent again inside Slack's five-minute window are refused, whatever
the request: a digest is posted once, an export sent once, old form words never restored."""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from bot.domain.replays import Replays
from handlers.slack.sandbox.answers import form_state
from storage.models import DigestPosted
from tests.conftest import DAY_ONE_CLOSED
from tests.test_promises import answers_of


def twice(harness, body: str, content_type: str):
    moment = int(time.time())
    first = harness.slack.post(body, content_type, timestamp=moment)
    again = harness.slack.post(body, content_type, timestamp=moment)
    return first, again


def test_digest_post_replayed_is_refused_and_posted_once(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "The welcome was lovely", event_id="Ev1")
    harness.clock.set(DAY_ONE_CLOSED)
    first, again = twice(
        harness, *harness.slack.slash_command_body("U0FACIL001", "digest post 2024-05-09")
    )
    assert (first.status, again.status) == (200, 401)
    harness.api.wait_for("response_url")
    with harness.store.transaction() as session:
        assert len(session.scalars(select(DigestPosted)).all()) == 1


def test_export_replayed_is_refused_and_sent_once(harness):
    harness.prompt_day_one()
    first, again = twice(harness, *harness.slack.slash_command_body("U0FACIL001", "export"))
    assert (first.status, again.status) == (200, 401)
    harness.api.wait_for("response_url")
    assert len(harness.api.calls_to("files.completeUploadExternal")) == 1


def test_an_older_form_replayed_after_an_edit_does_not_restore_the_old_words(harness):
    deliveries = harness.prompt_day_one()
    delivery = int(deliveries["U0MEMBER01"])

    def form(words: str):
        return harness.slack.view_submission_body(
            "U0MEMBER01",
            callback_id="copro_answer_form",
            private_metadata=json.dumps({"delivery_id": delivery}),
            values=form_state(words, None, usage="named"),
        )

    old_body, kind = form("First thoughts")
    moment = int(time.time())
    assert harness.slack.post(old_body, kind, timestamp=moment).status == 200
    assert harness.slack.post(*form("Better thoughts")).status == 200
    assert harness.slack.post(old_body, kind, timestamp=moment).status == 401
    assert answers_of(harness, "U0MEMBER01") == {"working": "Better thoughts"}


def test_replicas_sharing_a_store_see_each_other_s_requests(store, clock):
    """What one process has seen, another refuses: the memory is in the database."""
    one, other = Replays(store=store, clock=clock), Replays(store=store, clock=clock)
    assert one.first_time("sig:abc") is True
    assert other.first_time("sig:abc") is False


def test_a_request_that_failed_on_our_side_can_be_sent_again(store, clock):
    replays = Replays(store=store, clock=clock)
    assert replays.first_time("sig:failed")
    replays.failed("sig:failed")
    assert replays.first_time("sig:failed")


def test_old_request_ids_are_forgotten_after_two_days(store, clock):
    replays = Replays(store=store, clock=clock)
    replays.first_time("sig:old")
    clock.advance(days=2, minutes=1)
    assert replays.forget_old() == 1
    assert replays.first_time("sig:old")  # long past any window: it would be refused by age
