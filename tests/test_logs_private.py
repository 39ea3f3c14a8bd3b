"""Nothing a member wrote, and no personal details, reach the logs at the default level."""

from __future__ import annotations

import io
import json
import logging
from datetime import datetime, timedelta

from bot.logs import handler

SECRET_WORDS = "my private worry about the ward"


PRIVATE = ("private worry", "sam@example.org", "Sam", "Ali", "Kim")


def test_default_log_level_keeps_reply_text_names_and_emails_out_of_the_logs(harness, caplog):
    caplog.set_level(logging.INFO)
    play_what_members_and_facilitators_do(harness)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for private in PRIVATE:
        assert private not in logged, f"{private!r} reached the logs"
    assert "sending 5 prompt(s)" in logged  # the logs still say what happened


def test_json_logs_are_one_object_a_line_and_just_as_private(harness, caplog):
    """LOG_FORMAT=json, for log collectors: time, level, logger and message on each line."""
    caplog.set_level(logging.INFO)
    written = io.StringIO()
    collector = handler("json", stream=written)
    logging.getLogger().addHandler(collector)
    try:
        play_what_members_and_facilitators_do(harness)
    finally:
        logging.getLogger().removeHandler(collector)
    lines = written.getvalue().splitlines()
    assert len(lines) >= 2  # the prompts sent, and Bolt's warning about the unknown button
    entries = [json.loads(line) for line in lines]  # each line is one whole JSON object
    for entry in entries:
        assert {"time", "level", "logger", "message"} <= set(entry) <= {
            "time", "level", "logger", "message", "error",
        }  # fmt: skip
        assert datetime.fromisoformat(entry["time"]).utcoffset() == timedelta(0)
    assert any(e["message"] == "sending 5 prompt(s)" and e["level"] == "INFO" for e in entries)
    assert any(e["logger"] == "slack_bolt.App" and e["level"] == "WARNING" for e in entries)
    for private in PRIVATE:
        assert private not in written.getvalue(), f"{private!r} reached the JSON logs"


def play_what_members_and_facilitators_do(harness) -> None:
    """Prompts, a reply in words, a form, an unknown button, an edited message and a digest:
    everything that could tempt a log line to carry what people wrote."""
    deliveries = harness.prompt_day_one()
    harness.slack.message("U0MEMBER02", SECRET_WORDS, event_id="EvLog1")
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "saved that" in c.params.get("text", "")
    )
    harness.slack.submit_view(
        "U0MEMBER01",
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(deliveries["U0MEMBER01"])}),
        values={
            "q:working": {"answer": {"type": "plain_text_input", "value": SECRET_WORDS + " 2"}}
        },
    )
    harness.api.wait_for("chat.update")
    harness.slack.action("U0MEMBER04", "some_unknown_button", "x")  # Bolt's unhandled-request path
    harness.slack.message(
        "U0MEMBER04", SECRET_WORDS + " 3", event_id="EvLog2", subtype="message_changed"
    )
    harness.slack.command("U0FACIL001", "digest 2024-W19")
    harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.params.get("channel") == "U0FACIL001" and "Reflections" in c.params.get("text", "")
        ),
    )
    harness.bot.close()  # let listeners finish so everything they log is captured
