"""Crafted requests, correctly signed or not, get a 4xx and change nothing; fuzzing every
payload type the bot accepts finds no 5xx and no traceback."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.slack.sandbox.slack_requests import signature_for
from tests.conftest import SIGNING_SECRET
from tests.test_hostile_input import snapshot

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FORM = "application/x-www-form-urlencoded"


def signed_post(harness, body: str, content_type: str = FORM, *, timestamp: str | None = None):
    moment = timestamp if timestamp is not None else str(int(time.time()))
    headers = {
        "X-Slack-Request-Timestamp": moment,
        "X-Slack-Signature": signature_for(SIGNING_SECRET, moment, body),
    }
    return harness.slack.post(body, content_type, extra_headers=headers)


def payload_form(payload) -> str:
    return urlencode({"payload": json.dumps(payload)})


def interaction(kind: str, **extra) -> dict:
    if "view" in extra and isinstance(extra["view"], dict):
        extra["view"] = {"type": "modal", **extra["view"]}
    return {
        "type": kind,
        "user": {"id": "U0MEMBER01"},
        "team": {"id": "T0TEAM"},
        "trigger_id": "1.2.3",
        **extra,
    }


@pytest.mark.parametrize("timestamp", ["abc", "", "1e20", "1700000000.5", "9" * 30, "-1"])
def test_a_timestamp_that_is_not_whole_seconds_is_refused_as_unsigned(harness, timestamp):
    harness.prompt_day_one()
    before = snapshot(harness.store)
    body = urlencode({"command": "/copro", "text": "pause", "user_id": "U0MEMBER01"})
    assert signed_post(harness, body, timestamp=timestamp).status == 401
    assert snapshot(harness.store) == before


@pytest.mark.parametrize(
    "body",
    [
        payload_form(interaction("view_submission", view={"state": []})),
        payload_form(interaction("view_submission", view={"state": "values"})),
        payload_form(interaction("view_submission", view={"state": {"values": [1, 2]}})),
        payload_form(
            interaction(
                "view_submission",
                view={"state": {"values": {"q:working": {"answer": {"value": {"x": 1}}}}}},
            )
        ),
        payload_form(
            interaction(
                "view_submission",
                view={"state": {"values": {"usage": {"usage_choice": {"selected_option": 7}}}}},
            )
        ),
        payload_form(interaction("view_submission", view={"private_metadata": {"id": 1}})),
        payload_form(interaction("block_actions", actions=[{"action_id": 17, "value": "1"}])),
        payload_form(
            interaction("block_actions", actions=[{"action_id": "copro_skip", "value": 3}])
        ),
        payload_form(interaction("block_actions", actions=[{"action_id": "x"}], message=[])),
        payload_form(interaction("block_actions", user={"id": 5}, actions=[])),
        urlencode({"command": "/copro", "text": "status"}),  # who typed it?
        urlencode({"command": "/copro", "text": "status", "user_id": ""}),
        urlencode({"text": "status", "user_id": "U0MEMBER01"}),  # no command at all
    ],
)
def test_a_signed_body_of_the_wrong_shape_gets_400_and_changes_nothing(harness, body, caplog):
    harness.prompt_day_one()
    before = snapshot(harness.store)
    with caplog.at_level(logging.WARNING):
        assert signed_post(harness, body).status == 400
    assert snapshot(harness.store) == before
    assert not [r for r in caplog.records if r.exc_info]


# -- fuzzing ---------------------------------------------------------------------------------

anything = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
action_ids = st.sampled_from(
    ["copro_answer", "copro_skip", "copro_snooze", "copro_opt_out", "copro_change",
     "copro_usage:named", "copro_consent_agree", "copro_forget_confirm", "copro_home_pause",
     "copro_home_away", "copro_home_delete", "copro_home_reply_usage", "copro_home_digest",
     "copro_sg_put_back", "copro_sg_following", "copro_sg_check_in", "copro_sg_yes"]
)  # fmt: skip


@st.composite
def block_actions(draw):
    action = {"action_id": draw(action_ids | anything)}
    for key in ("value", "selected_date", "selected_option", "block_id"):
        if draw(st.booleans()):
            action[key] = draw(anything | st.text(max_size=8) | st.just("12"))
    body = interaction("block_actions", actions=draw(st.just([action]) | anything))
    for key in ("container", "channel", "message", "view", "user"):
        if draw(st.booleans()):
            body[key] = draw(anything)
    return payload_form(body)


@st.composite
def view_submissions(draw):
    view = {"callback_id": draw(st.just("copro_answer_form") | anything)}
    if draw(st.booleans()):
        view["private_metadata"] = draw(
            st.just('{"delivery_id": 1}') | st.text(max_size=12) | anything
        )
    values = draw(
        st.dictionaries(
            st.sampled_from(["q:working", "q:change", "usage", "x"]),
            st.dictionaries(st.sampled_from(["answer", "usage_choice"]), anything, max_size=2),
            max_size=3,
        )
        | anything
    )
    view["state"] = draw(st.just({"values": values}) | anything)
    return payload_form(interaction("view_submission", view=view))


@st.composite
def events(draw):
    event = {"type": "message", "channel_type": "im", "channel": "D0MEMBER01"}
    for key in ("user", "text", "subtype", "bot_id", "channel", "channel_type", "type"):
        if draw(st.booleans()):
            event[key] = draw(anything | st.just("U0MEMBER01"))
    body = {"type": "event_callback", "event_id": draw(st.text(min_size=1, max_size=10))}
    body["event"] = draw(st.just(event) | anything)
    return json.dumps(body)


@st.composite
def commands(draw):
    fields = {"command": draw(st.just("/copro") | st.text(max_size=6))}
    for key in ("text", "user_id", "response_url", "trigger_id", "channel_id"):
        if draw(st.booleans()):
            fields[key] = draw(
                st.text(max_size=20) | st.sampled_from(["U0MEMBER01", "digest post", "away x"])
            )
    return urlencode(fields)


@FUZZ
@given(body=st.one_of(block_actions(), view_submissions(), commands()))
def test_fuzzed_interactions_and_commands_never_fail_on_our_side(harness, body):
    assert signed_post(harness, body).status < 500


@FUZZ
@given(body=events())
def test_fuzzed_events_never_fail_on_our_side(harness, body):
    assert signed_post(harness, body, "application/json").status < 500


def test_fuzzing_left_no_traceback_in_the_log(harness, caplog):
    """One more round of each kind, with the log watched: errors are told, never raised."""
    harness.prompt_day_one()
    samples = [
        payload_form(interaction("block_actions", actions=[{"action_id": "copro_skip"}])),
        payload_form(interaction("block_actions", actions=[{"action_id": "copro_home_delete"}])),
        payload_form(interaction("view_submission", view={"callback_id": "copro_answer_form"})),
        urlencode({"command": "/copro", "text": "away someday", "user_id": "U0MEMBER01"}),
    ]
    with caplog.at_level(logging.INFO):
        for body in samples:
            assert signed_post(harness, body).status < 500
    harness.bot.adapter.pool.shutdown(wait=True)  # the work after each ack is done
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
