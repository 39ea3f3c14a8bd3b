"""The Home tab, built from a ``HomePage``: within Slack's limits (100 blocks a view)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.domain.home import RECENT_DAYS, RECENT_REPLIES, HomePage, PastReply
from bot.domain.usage import CHOICES, LABELS
from bot.domain.wording import shorten
from handlers.slack.blocks import ANSWER, CHANGE, button, context, header, section
from handlers.slack.text import escape

HOME_PAUSE = "copro_home_pause"
HOME_RESUME = "copro_home_resume"
HOME_AWAY = "copro_home_away"
HOME_BACK = "copro_home_back"
HOME_USAGE = "copro_home_default_usage"
HOME_CONSENT = "copro_home_consent"  # show the consent wording, to agree
HOME_WITHDRAW = "copro_home_withdraw"
HOME_DELETE = "copro_home_delete"
HOME_REPLY_USAGE = "copro_home_reply_usage"  # option values: "<delivery id>:<usage>"
HOME_DIGEST = "copro_home_digest"
HOME_EXPORT = "copro_home_export"
HOME_DIGEST_WORD = "copro_home_digest_word"  # this week's digest as a Word file, in a DM
ANSWER_PREVIEW = 600  # characters of each answer shown; the form shows it whole
MAX_BLOCKS = 100


def divider() -> dict[str, Any]:
    return {"type": "divider"}


def actions(block_id: str, *elements: dict[str, Any]) -> dict[str, Any]:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def option(value: str, text: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": shorten(text, 75)}, "value": value}


def home_view(page: HomePage) -> dict[str, Any]:
    if not page.member:
        return _view(
            [
                header("Reflections"),
                section(
                    "Hello! You're not in a co-production programme yet. If you think you "
                    "should be, please ask a facilitator to add you."
                ),
            ]
        )
    blocks = [header(f"Reflections: {page.programme}")]
    blocks += _open_prompts(page)
    blocks += _choices(page)
    blocks += _past_replies(page)
    if page.facilitator:
        blocks += _facilitator(page)
    return _view(blocks[:MAX_BLOCKS])


def _view(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "home", "blocks": blocks}


def _open_prompts(page: HomePage) -> list[dict[str, Any]]:
    if not page.consent or not page.consent.agreed:
        return []
    if not page.open_prompts:
        return [section("You have no questions waiting. Thank you!")]
    out = [header("Waiting for your thoughts")]
    for prompt in page.open_prompts[:5]:
        out.append(
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": f"{escape(prompt.day_name)} ({prompt.day_date:%d %B})",
                },
                "accessory": button("Answer", ANSWER, str(prompt.delivery_id), "primary"),
            }
        )
    return out


def _choices(page: HomePage) -> list[dict[str, Any]]:
    out = [divider(), header("Your choices")]
    consent = page.consent
    if consent and consent.agreed:
        when = f" on {consent.decided_at:%d %B %Y}" if consent.decided_at else ""
        out.append(section(f"You agreed to take part{when}."))
        out.append(actions("home_consent", button("Stop taking part", HOME_WITHDRAW, "withdraw")))
    else:
        if consent and consent.declined:
            why = "You've said no to taking part, so I won't send you any questions."
        elif consent and consent.decided_at:
            why = "The words about what I keep have changed. Please read them and agree again."
        else:
            why = "You haven't agreed to take part yet, so I won't send you any questions."
        out.append(section(why))
        out.append(actions("home_consent", button("Read and agree", HOME_CONSENT, "show")))
    usage_options = [option(choice, LABELS[choice]) for choice in CHOICES]
    chosen = next((o for o in usage_options if o["value"] == page.default_usage), None)
    select: dict[str, Any] = {
        "type": "static_select",
        "action_id": HOME_USAGE,
        "options": usage_options,
        "placeholder": {"type": "plain_text", "text": "Choose"},
    }
    if chosen:
        select["initial_option"] = chosen
    out.append(
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*How your answers may be used*, unless you choose on the answer:",
            },
            "accessory": select,
        }
    )
    if page.paused:
        out.append(section("Your questions are paused."))
        pause = button("Start my questions again", HOME_RESUME, "resume")
    else:
        pause = button("Pause my questions", HOME_PAUSE, "pause")
    picker: dict[str, Any] = {
        "type": "datepicker",
        "action_id": HOME_AWAY,
        "placeholder": {"type": "plain_text", "text": "Away until"},
    }
    if page.away_until:
        picker["initial_date"] = page.away_until.isoformat()
        out.append(section(f"You're away until {page.away_until:%A %d %B %Y}."))
        elements = [pause, picker, button("I'm back", HOME_BACK, "back")]
    else:
        elements = [pause, picker]
    out.append(actions("home_pause", *elements))
    out.append(context("Going away? Pick the last day you'll be away, and I'll stay quiet."))
    return out


def _past_replies(page: HomePage) -> list[dict[str, Any]]:
    if not page.past_replies:
        return []
    out = [divider(), header("Your answers")]
    for reply in page.past_replies[:RECENT_REPLIES]:
        out += _past_reply(reply)
    more = page.older_replies + max(len(page.past_replies) - RECENT_REPLIES, 0)
    if more:
        out.append(context(f"And {more} older answer{'s' if more != 1 else ''}."))
    return out


def _past_reply(reply: PastReply) -> list[dict[str, Any]]:
    lines = [f"*{escape(reply.day_name)}* ({reply.day_date:%d %B %Y})"]
    for question, text in reply.answers:
        lines.append(f"_{escape(question)}_")
        lines.append(escape(shorten(text, ANSWER_PREVIEW)))
    out = [section("\n".join(lines)), context(LABELS.get(reply.usage, reply.usage))]
    value = str(reply.delivery_id)
    delete = button("Delete", HOME_DELETE, value, "danger")
    delete["confirm"] = {
        "title": {"type": "plain_text", "text": "Delete this answer?"},
        "text": {"type": "plain_text", "text": "It will be gone for good."},
        "confirm": {"type": "plain_text", "text": "Delete"},
        "deny": {"type": "plain_text", "text": "Keep it"},
        "style": "danger",
    }
    elements = []
    if reply.changeable:
        choices = [option(f"{value}:{c}", LABELS[c]) for c in CHOICES]
        usage_select = {
            "type": "static_select",
            "action_id": HOME_REPLY_USAGE,
            "options": choices,
            "placeholder": {"type": "plain_text", "text": "How it may be used"},
        }
        current = next((o for o in choices if o["value"].endswith(":" + reply.usage)), None)
        if current:
            usage_select["initial_option"] = current
        elements = [button("Change", CHANGE, value), usage_select]
    out.append(actions(f"reply_{value}", *elements, delete))
    if not reply.changeable:
        out.append(context("This week's summary has been shared, so this can't be changed."))
    return out


def _facilitator(page: HomePage) -> list[dict[str, Any]]:
    out = [divider(), header("For facilitators")]
    if not page.rates:
        out.append(section("No questions have gone out yet."))
    for day in page.rates[:RECENT_DAYS]:
        lines = [f"*{escape(day.day_name)}* ({date.fromisoformat(day.day_date):%d %B %Y})"]
        for team in day.teams:
            share = f"{round(100 * team.answered / team.prompted)}%" if team.prompted else "-"
            lines.append(
                f"• {escape(team.team)}: {team.answered} of {team.prompted} answered ({share})"
            )
        if day.hidden:
            plural = "s" if day.hidden > 1 else ""
            lines.append(f"• {day.hidden} small group{plural}: not shown, so nobody is singled out")
        out.append(section("\n".join(lines)))
    out.append(
        actions(
            "home_facilitator",
            button("Send me this week's digest", HOME_DIGEST, "digest"),
            button("Get it as a Word document", HOME_DIGEST_WORD, "digest_word"),
            button("Send me the export", HOME_EXPORT, "export"),
        )
    )
    return out
