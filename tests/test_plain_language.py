"""Every message the bot can send reads easily.

The measure is the Flesch reading-ease score (textstat). NHS guidance aims patient information
at a reading age of about 9 to 11; on Flesch's scale that is 70 or more ("fairly easy" and
easier), so 70 is the floor. Commands in backticks are read as one short word. Every message
also carries a plain-text fallback for notifications and screen readers.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import textstat

from bot.domain import safeguarding_review as review
from bot.domain import usage
from bot.domain.consent import ConsentState, OutdatedWording
from bot.domain.consent_wording import consent_wording
from bot.domain.digest import NOT_QUOTED, unquoted_note
from bot.domain.errors import NotAllowed, NotAMember
from bot.domain.home import DayRates, HomePage, OpenPrompt, PastReply, TeamRate
from bot.domain.messenger import CheckInOffer, PromptMessage, Question, ReminderMessage
from bot.domain.replies import NOT_FOUND
from bot.domain.safeguarding import member_reply
from bot.domain.usage import MOST_PRIVATE
from bot.domain.usecases import safeguarding_decisions as decisions
from bot.domain.usecases.reply_in_words import KEPT, NOW_SAVED
from handlers.slack import blocks, consent_blocks, safeguarding_blocks
from handlers.slack.commands import FACILITATOR_HELP, HELP
from handlers.slack.feedback import SORRY
from handlers.slack.home_blocks import home_view

FLOOR = 70
ROOT = Path(__file__).resolve().parents[1]
PROMPT = PromptMessage(1, "P", "Day one", "Team", (Question("working", "What is working?"),))


def readable(text: str) -> float:
    return textstat.flesch_reading_ease(re.sub(r"`[^`]*`", "it", text).replace("*", ""))


def message_texts(message: dict) -> list[str]:
    texts = [message["text"]]
    for block in message.get("blocks", []):
        if block["type"] == "section":
            texts.append(block["text"]["text"])
        elif block["type"] == "context":
            texts += [e["text"] for e in block["elements"]]
    return texts


WORDING = consent_wording(programme="Our programme", retention_days=365)
# As a programme file names them: the consent says who the leads are and whom to ask.
NAMED_WORDING = consent_wording(
    programme="Our programme", retention_days=365, leads=("Jo Bloggs", "Ann Lee"),
    facilitators=("Jo Bloggs",),
    contact={"name": "Pat Kaur", "email": "pat.kaur@nhs.example", "phone": "0161 496 0000"},
)  # fmt: skip
CHECK_IN = CheckInOffer(1, "Jo Bloggs", decisions.check_in_words("Jo Bloggs", "Day one"))
EVERYTHING = HomePage(
    member=True, programme="Our programme", consent=None, default_usage=MOST_PRIVATE,
    open_prompts=(OpenPrompt(1, "Day one", date(2024, 5, 9)),),
    past_replies=(PastReply(2, "Day one", date(2024, 5, 9), (("What is working?", "It"),),
                            MOST_PRIVATE, changeable=False),),
    older_replies=3, facilitator=True,
    rates=(DayRates("Day one", "2024-05-09", (TeamRate("Team", 4, 2),)),),
)  # fmt: skip
FIXED = {
    "consent request": consent_blocks.consent_message(WORDING),
    "consent request, leads and contact named": consent_blocks.consent_message(NAMED_WORDING),
    "a lead's kind check-in": safeguarding_blocks.check_in_message(CHECK_IN),
    "home": {"text": "Home", **home_view(EVERYTHING)},
    "home, not a member": {"text": "Home", **home_view(HomePage(member=False))},
    **{
        f"home, consent {name}": {"text": "Home", **home_view(replace(EVERYTHING, consent=state))}
        for name, state in (
            ("given", ConsentState("P", WORDING, True, False, datetime(2024, 5, 1, tzinfo=UTC))),
            ("declined", ConsentState("P", WORDING, False, True, None)),
            ("changed", ConsentState("P", WORDING, False, False, datetime(2024, 5, 1, tzinfo=UTC))),
        )
    },
    "prompt": blocks.prompt_message(PROMPT),
    "reminder": blocks.reminder_message(ReminderMessage(1, "Day one", 0, False)),
    "last reminder": blocks.reminder_message(ReminderMessage(1, "Day one", 1, True)),
    "skipped": blocks.skipped_message("Day one"),
    "forget-me": blocks.forget_me_confirmation(),
}
for choice in usage.CHOICES:
    FIXED[f"answered, {choice}"] = blocks.answered_message("Day one", 1, usage=choice)
    FIXED[f"thanks, {choice}"] = blocks.thanks_message(
        1, choice, question="What is working?", next_question="What could change?"
    )
    FIXED[f"usage changed, {choice}"] = blocks.usage_changed_message(1, choice)
PLAIN = {
    "help": HELP, "facilitator help": FACILITATOR_HELP, "sorry": SORRY, "kept": KEPT,
    "now saved": NOW_SAVED, "signposting": member_reply(""),
    "check-in, yes": decisions.said_yes("Jo Bloggs"), "check-in, no": decisions.SAID_NO,
    "check-in answered": decisions.ANSWERED_ALREADY, "not a lead": decisions.NOT_A_LEAD,
    "alert gone": decisions.GONE, "check-in sent": decisions.CHECK_IN_SENT,
    "name shown": decisions.NAME_SHOWN, "member not reached": decisions.NOT_REACHED,
    "how to decide": review.HOW_TO_DECIDE, "superseded": review.SUPERSEDED,
    "not allowed": str(NotAllowed()), "not a member": str(NotAMember()),
    "consent agreed": consent_blocks.consent_answered(True),
    "consent declined": consent_blocks.consent_answered(False),
    "consent wording changed": str(OutdatedWording()),
    "not found": NOT_FOUND, "not quoted": NOT_QUOTED, "one unquoted": unquoted_note(1),
    "many unquoted": unquoted_note(12),
    **{f"choice {c}": f"{usage.LABELS[c]}. {usage.TOLD[c]}" for c in usage.CHOICES},
}  # fmt: skip


def user_error_texts() -> dict[str, str]:
    """Every message written for a person's own mistake: the literals given to UserError."""
    found = {}
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "UserError":
                parts = []
                for part in ast.walk(node.args[0]) if node.args else []:
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        parts.append(part.value)
                    elif isinstance(part, ast.FormattedValue):
                        parts.append("it")
                if parts:
                    found[f"{path.name}:{node.lineno}"] = "".join(parts)
    return found


@pytest.mark.parametrize("name", sorted(FIXED))
def test_every_message_has_a_plain_text_fallback_and_reads_easily(name):
    message = FIXED[name]
    assert message["text"].strip()
    for text in message_texts(message):
        assert readable(text) >= FLOOR, (name, text)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_notices_read_easily(name):
    assert readable(PLAIN[name]) >= FLOOR, (name, PLAIN[name])


def test_every_user_error_message_reads_easily():
    texts = user_error_texts()
    assert len(texts) >= 15  # the scan found them
    hard = {where: round(readable(text)) for where, text in texts.items() if readable(text) < FLOOR}
    assert hard == {}, hard
