"""Hostile and broken input: each gets a refusal or a safe result, and changes nothing else."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.domain.programme_file import ProgrammeFileError, parse_programme
from storage.models import Answer, Member, ProcessedEvent, PromptDelivery, Reply

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def snapshot(store) -> tuple:
    with store.transaction() as session:
        return (
            session.scalar(select(func.count(Reply.id))),
            session.scalar(select(func.count(Answer.id))),
            tuple(
                session.execute(
                    select(PromptDelivery.id, PromptDelivery.state).order_by(PromptDelivery.id)
                )
            ),
            tuple(session.execute(select(Member.id, Member.opted_out).order_by(Member.id))),
        )


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["16:00", "25:61", "2024-02-30", "U0ABC", "a@b.c", "Europe/London"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["name", "aim", "members", "date", "ends", "id", "text", "slack", "email", "x"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
programme_docs = st.dictionaries(
    st.sampled_from(
        [
            "programme",
            "timezone",
            "digest_channel",
            "facilitators",
            "teams",
            "days",
            "prompt_delay_minutes",
            "reminder_hours",
            "questions",
            "retention_days",
            "typo",
        ]
    ),
    yaml_values,
    max_size=10,
)


@FUZZ
@given(doc=programme_docs)
def test_any_programme_document_is_either_accepted_or_refused_with_named_problems(doc):
    try:
        spec = parse_programme(json.dumps(doc))  # JSON is YAML: structured fuzz
    except ProgrammeFileError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
    else:
        assert spec.name and spec.questions


@FUZZ
@given(text=st.text(alphabet=string.printable + "\u00e9\u2028\x00\x1b", max_size=300))
def test_any_text_as_a_programme_file_never_crashes_the_loader(text):
    try:
        parse_programme(text)
    except ProgrammeFileError as error:
        assert error.problems


@FUZZ
@given(
    content_type=st.sampled_from(
        ["application/json", "application/x-www-form-urlencoded", "text/plain"]
    ),
    body=st.one_of(
        st.text(max_size=400),
        st.builds(
            lambda d: "payload=" + json.dumps(d),
            st.dictionaries(st.text(max_size=8), yaml_values, max_size=5),
        ),
        st.builds(
            json.dumps,
            st.dictionaries(
                st.sampled_from(["type", "event", "event_id", "user", "text"]),
                yaml_values,
                max_size=5,
            ),
        ),
    ),
)
def test_signed_garbage_to_the_events_endpoint_is_refused_or_ignored_and_stores_nothing(
    harness, content_type, body
):
    if not hasattr(harness, "_before"):
        harness.prompt_day_one()
        harness._before = snapshot(harness.store)
    response = harness.slack.post(body, content_type)
    assert response.status < 500
    assert snapshot(harness.store) == harness._before


def test_requests_with_a_bad_signature_or_replayed_timestamp_never_reach_the_store(harness):
    harness.prompt_day_one()
    before = snapshot(harness.store)
    body, content_type = harness.slack.message_im_body("U0MEMBER01", "hello", event_id="EvReplay")
    assert harness.slack.post(body, content_type, signature="v0=deadbeef").status == 401
    assert harness.slack.post(body, content_type, timestamp=0).status == 401
    assert (
        harness.slack.post(body + " ", content_type, extra_headers=harness.slack.sign(body)).status
        == 401
    )  # body changed after signing
    assert snapshot(harness.store) == before
    with harness.store.transaction() as session:
        assert session.scalar(select(func.count(ProcessedEvent.event_id))) == 0


def test_unknown_users_and_someone_elses_prompt_get_kind_answers_and_change_nothing(harness):
    deliveries = harness.prompt_day_one()
    before = snapshot(harness.store)
    stranger = harness.slack.command("U0STRANGER", "pause")
    assert "can't find you in a co-production programme" in stranger.body
    harness.slack.action("U0MEMBER02", "copro_skip", deliveries["U0MEMBER01"])  # not theirs
    harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: "couldn't find that reflection" in c.params.get("text", ""),
    )
    harness.slack.action("U0MEMBER02", "copro_answer", "not-a-number", trigger_id="t")
    harness.api.wait_for(
        "views.open", where=lambda c: "that button didn't work" in json.dumps(c.params.get("view"))
    )
    assert snapshot(harness.store) == before


def test_a_100_kb_reply_with_control_characters_and_mentions_is_kept_safely(harness):
    harness.prompt_day_one()
    long_text = ("<!channel> <@U0FACIL001> \x00\x1b[31m " + "word " * 8000)[:39_000]
    harness.slack.message("U0MEMBER02", long_text, event_id="EvLong")
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "saved that" in c.params.get("text", "")
    )
    huge = "x" * 100_000
    harness.slack.message("U0MEMBER01", huge, event_id="EvHuge")
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "longer than I can keep" in c.params.get("text", "")
    )
    with harness.store.transaction() as session:
        stored = session.scalars(select(Answer.text)).all()
    assert len(stored) == 1 and "\x00" not in stored[0] and "\x1b" not in stored[0]
    assert stored[0].startswith("<!channel> <@U0FACIL001>")  # kept as written; escaped when shown
