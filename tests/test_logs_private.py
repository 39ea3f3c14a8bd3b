"""Nothing a member wrote, and no personal details, reach the logs at the default level."""

from __future__ import annotations

import json
import logging

SECRET_WORDS = "my private worry about the ward"


def test_default_log_level_keeps_reply_text_names_and_emails_out_of_the_logs(harness, caplog):
    caplog.set_level(logging.INFO)
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

    logged = "\n".join(r.getMessage() for r in caplog.records)
    for private in ("private worry", "sam@example.org", "Sam", "Ali", "Kim"):
        assert private not in logged, f"{private!r} reached the logs"
    assert "sending 5 prompt(s)" in logged  # the logs still say what happened
