"""Every string that reaches Slack goes through the one escaping helper: a full loop with
hostile names, team names, questions and replies leaves no live mention or link anywhere in
what the bot sent (blocks, text fallbacks, file comments and titles, response_url answers)."""

from __future__ import annotations

import json
import re

from handlers.slack.sandbox.answers import form_state
from handlers.slack.text import escape
from tests.conftest import DAY_ONE_PROMPT

HOSTILE = "<!channel> <@U0FACIL001> <https://evil.example|nhs.uk> <#C0DIGEST01>"
PROGRAMME = f"""
programme: "Programme {HOSTILE}"
timezone: Europe/London
digest_channel: C0DIGEST01
digest_weekly: "THU 18:00"
facilitators: [{{slack: U0FACIL001, name: "Jo {HOSTILE}"}}]
teams:
  - name: "Team {HOSTILE}"
    aim: "Aim {HOSTILE}"
    members: [{{slack: U0MEMBER01, name: "Sam {HOSTILE}"}}, {{slack: U0MEMBER02}},
              {{slack: U0MEMBER04}}]
days:
  - {{name: "Day {HOSTILE}", date: 2024-05-09, ends: "16:00"}}
prompt_delay_minutes: 30
reminder_hours: [1]
weekends: true
bank_holidays: none
anonymity_min_replies: 1
questions:
  - {{id: working, text: "Working {HOSTILE}?"}}
  - {{id: change, text: "Change {HOSTILE}?"}}
"""
OUR_CHANNEL_LINK = "to <#C0DIGEST01>. Answers"
LIVE = re.compile(r"<(!channel|!here|!everyone|@U|#C|https?:)")


def parsed(value):
    """Blocks and views arrive as JSON text in form-encoded calls."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def mrkdwn_strings(value, *, top: bool = True) -> list[str]:
    """What Slack reads as markup (where a mention or link would be live): a message's
    ``text`` fallback, a file's ``initial_comment``, and every ``mrkdwn`` text object.
    Plain-text objects, titles and alt texts show characters as they are."""
    value = parsed(value)
    found: list[str] = []
    if isinstance(value, dict):
        if top:
            found += [
                value[k] for k in ("text", "initial_comment") if isinstance(value.get(k), str)
            ]
        if value.get("type") == "mrkdwn" and isinstance(value.get("text"), str):
            found.append(value["text"])
        for key, item in value.items():
            if key not in {"text", "initial_comment"} or not isinstance(item, str):
                found += mrkdwn_strings(item, top=False)
    elif isinstance(value, list):
        found += [s for item in value for s in mrkdwn_strings(item, top=False)]
    return found


def test_no_outgoing_call_of_a_full_loop_carries_a_live_mention_or_link(harness):
    harness.api.users["U0MEMBER02"]["real_name"] = f"Ali {HOSTILE}"
    harness.api.users["U0MEMBER02"]["profile"]["display_name"] = f"Ali {HOSTILE}"
    harness.load(PROGRAMME)
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    deliveries = harness.deliveries()
    harness.reply("U0MEMBER01", f"Working well {HOSTILE}", event_id="Ev1", usage="named")
    harness.slack.submit_view(
        "U0MEMBER02",
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(deliveries["U0MEMBER02"])}),
        values=form_state(f"Form {HOSTILE}", f"More {HOSTILE}", usage="named"),
    )
    crisis = f"I want to end my life {HOSTILE}"
    harness.slack.message("U0MEMBER04", crisis, event_id="Ev3")
    harness.api.wait_for("chat.postMessage", where=lambda c: "Safeguarding" in str(c.params))
    harness.clock.advance(hours=1, minutes=5)
    harness.services.run_due()  # the reminder, and the weekly digest at 18:00
    harness.clock.advance(hours=1)
    harness.services.run_due()
    for verb in ("status", "digest 2024-05-09", "export", "digest post 2024-05-09"):
        harness.slack.command("U0FACIL001", verb)
    harness.api.wait_for("response_url", count=3)  # status answers at once, in its ack
    harness.slack.open_home("U0FACIL001")
    harness.api.wait_for("views.publish")

    sent = [c for c in harness.api.calls if c.method not in {"users.info", "auth.test"}]
    assert len(sent) > 20
    assert {"chat.postMessage", "chat.update", "views.publish", "response_url"} <= {
        c.method for c in sent
    }
    live = [
        (call.method, text[:120])
        for call in sent
        for text in mrkdwn_strings(call.params)
        if LIVE.search(text.replace(OUR_CHANNEL_LINK, ""))
    ]
    assert live == []
    # The one link the bot writes itself: to the channel the programme file names.
    assert any(OUR_CHANNEL_LINK in c.params.get("text", "") for c in sent)


def test_the_escaping_helper_leaves_nothing_live():
    assert LIVE.search(escape(HOSTILE)) is None


def test_bidirectional_overrides_are_kept_in_the_store_but_not_shown():
    written = "I approve\u202e.devorppa ton\u202c of this"
    assert "\u202e" not in escape(written) and "\u202c" not in escape(written)
    assert "I approve" in escape(written)
