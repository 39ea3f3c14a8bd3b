"""What a safeguarding lead sees of a flagged reply, and how their decision reads.

What a lead sees (README "Safeguarding" and the consent text say the same):

- **urgent** (signs of present risk): the reply's words, the member's name and their team,
  whatever the member chose for the digest, because a life may be at risk
  (``REVEAL_ANONYMOUS_TO_SAFEGUARDING``). The member gets the crisis signposting at once.
- **check_in** (weaker or past signs): the words and the team; the name only if the member
  chose "quote me by name" for that reply. The team is left out too when it has fewer active
  members than the programme's ``anonymity_min_replies``, since a team that small names
  them by itself. Where the name is not shown, the alert offers "Send them a kind check-in":
  the bot asks the member, in private, whether they would like a chat with the lead who
  pressed, and tells that lead their name only if they say yes. The member gets the usual
  thanks and no crisis numbers.

Every lead's copy then says who decided what, and when: "No concern: put it back" returns
the reply to the digest and the export as its author chose; "I'm following this up" keeps it
out. The first decision stands; a later press is told who made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import usage as usages
from bot.domain.messenger import SafeguardingAlert
from bot.domain.safeguarding import URGENT, alert_text
from storage import Session, queries
from storage.models import Reply, SafeguardingAlertCopy, SafeguardingCheckIn
from storage.queries.safeguarding import FOLLOWING_UP, NO_CONCERN

DECISIONS = (NO_CONCERN, FOLLOWING_UP)

# The buttons' words, the same on every platform.
PUT_BACK_LABEL = "No concern: put it back"
FOLLOWING_LABEL = "I'm following this up"
CHECK_IN_LABEL = "Send them a kind check-in"
YES_LABEL = "Yes, I'd like to talk"
NO_LABEL = "No, thank you"

HOW_TO_DECIDE = (
    f"“{PUT_BACK_LABEL}”: the reply goes back in the digest and the export, as its author "
    f"chose. “{FOLLOWING_LABEL}”: it stays out. Every lead's copy then shows who decided."
)
SUPERSEDED = "They changed this reply since, so a newer alert was sent. Please use that one."


@dataclass(frozen=True)
class LeadView:
    name_shown: bool
    team_shown: bool


def lead_sees(*, severity: str, usage: str | None, team_size: int | None, floor: int) -> LeadView:
    """The rule above, in one place."""
    if severity == URGENT:
        return LeadView(name_shown=True, team_shown=True)
    named = usages.named(usage or "")
    small = team_size is not None and team_size < floor
    return LeadView(name_shown=named, team_shown=named or not small)


def view_of(session: Session, reply: Reply) -> LeadView:
    member = reply.delivery.member
    size = queries.team_size(session, team_id=member.team_id) if member.team_id else None
    return lead_sees(
        severity=reply.safeguarding or URGENT,
        usage=reply.usage,
        team_size=size,
        floor=reply.delivery.day.programme.anonymity_min_replies or 3,
    )


def alert_words(session: Session, reply: Reply, platform: str) -> str:
    """The alert for a stored flagged reply, as this lead may see it."""
    delivery = reply.delivery
    member = delivery.member
    shown = view_of(session, reply)
    return alert_text(
        member_name=member.display_name or member.identity_on(platform),
        team=member.team.name if member.team else None,
        day_name=delivery.day.name,
        severity=reply.safeguarding or URGENT,
        categories=(),
        reply_text="\n\n".join(answer.text for answer in reply.answers),
        anonymous=reply.anonymous,
        name_hidden=not shown.name_shown,
        team_hidden=not shown.team_shown,
    )


def alert_view(
    session: Session, copy: SafeguardingAlertCopy, platform: str, *, note: str | None = None
) -> SafeguardingAlert:
    """One lead's copy as it stands now: its words, what was decided, and its buttons."""
    reply = copy.reply
    words = alert_words(session, reply, platform)
    if copy.superseded_at is not None:
        return SafeguardingAlert(copy.id, words, SUPERSEDED, decide=False, note=note)
    check_in = queries.check_in_for_reply(session, reply_id=reply.id)
    zone = ZoneInfo(reply.delivery.day.programme.timezone)
    status = status_line(reply, check_in, zone)
    undecided = reply.safeguarding_decision is None
    offer = (
        not view_of(session, reply).name_shown
        and check_in is None
        and reply.safeguarding_decision != NO_CONCERN
    )
    if undecided:
        words = f"{words}\n\n{HOW_TO_DECIDE}"
    return SafeguardingAlert(copy.id, words, status, decide=undecided, check_in=offer, note=note)


def status_line(reply: Reply, check_in: SafeguardingCheckIn | None, zone: ZoneInfo) -> str | None:
    """Who decided what and when, and how a check-in went; None while nothing happened."""
    lines = []
    who = reply.safeguarding_decider_name or "A safeguarding lead"
    when = at(reply.safeguarding_decided_at, zone)
    if reply.safeguarding_decision == NO_CONCERN:
        lines.append(
            f"{who} found no concern ({when}). The reply is back in the digest and the "
            "export, as its author chose."
        )
    elif reply.safeguarding_decision == FOLLOWING_UP:
        lines.append(
            f"{who} is following this up ({when}). The reply stays out of the digest and "
            "the export."
        )
    if check_in is not None:
        lead = check_in.lead_name or "A safeguarding lead"
        lines.append(f"{lead} sent them a kind check-in ({at(check_in.sent_at, zone)}).")
        if check_in.answer == "yes":
            lines.append(
                f"They said yes ({at(check_in.answered_at, zone)}), so {lead} has been told "
                "who they are."
            )
        elif check_in.answer == "no":
            lines.append(
                f"They said no, thank you ({at(check_in.answered_at, zone)}). Their name "
                "stays private."
            )
    return "\n".join(lines) or None


def already_decided(reply: Reply, zone: ZoneInfo) -> str:
    """What a second press is told, kindly."""
    who = reply.safeguarding_decider_name or "Another safeguarding lead"
    what = (
        "no concern, so the reply is back in the digest"
        if reply.safeguarding_decision == NO_CONCERN
        else "that they are following this up"
    )
    return (
        f"Thank you. {who} already decided this ({at(reply.safeguarding_decided_at, zone)}): "
        f"{what}. Nothing else has changed."
    )


def at(moment: datetime | None, zone: ZoneInfo) -> str:
    """ "14:05 on Thursday 9 May 2024", in the programme's time zone."""
    if moment is None:
        return "just now"
    local = moment.astimezone(zone)
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y}"


def reopen(reply: Reply) -> None:
    """New words flagged again: any decision was about the old words, so a lead decides
    afresh (the alert that follows replaces the old copies)."""
    reply.safeguarding_decision = None
    reply.safeguarding_decided_by = None
    reply.safeguarding_decider_name = None
    reply.safeguarding_decided_at = None
