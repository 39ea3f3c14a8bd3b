"""A false alarm is cheap to clear, in Slack over real HTTP: the leads' alert has "No concern:
put it back" and "I'm following this up"; the first decision stands and every lead's copy
says who made it and when; only a lead may press; a check-in sign gets a kind check-in
instead of crisis numbers, and the lead learns the member's name only if they say yes."""

from __future__ import annotations

import json
import time
from datetime import timedelta

from sqlalchemy import select

from bot.domain.digest import build_digest
from bot.domain.export import export_csv
from bot.domain.identity import slack
from bot.domain.safeguarding import CHECK_IN, URGENT, assess
from bot.domain.safeguarding_review import lead_sees
from bot.domain.weeks import IsoWeek
from handlers.slack import safeguarding_blocks as sg
from storage.models import Reply, SafeguardingAlertCopy, SafeguardingCheckIn
from tests.conftest import DAY_ONE_PROMPT, SMALL_PROGRAMME

LEADS = SMALL_PROGRAMME + (
    "safeguarding: [{slack: U0FACIL001, name: Jo Bloggs}, {slack: U0LEAD0001, name: Lee Park}]\n"
    "signposting: Call the team on 0800 000 000.\n"
    "contact: {name: Pat Kaur, email: pat.kaur@nhs.example}\n"
)
URGENT_REPLY = (
    "Honestly I don't see the point in going on any more, I've been stockpiling my tablets"
)
CHECK_IN_REPLY = "I used to feel suicidal but the group helped"
JO, LEE, ALI, SAM = "U0FACIL001", "U0LEAD0001", "U0MEMBER02", "U0MEMBER01"
LEAD_DMS = {"D0FACIL001", "D0LEAD0001"}


def start(harness, *, usage: str = "unnamed") -> None:
    """Two leads; Ali has chosen how her words may be used; the Day one prompt is out."""
    harness.api.add_user(LEE, real_name="Lee Park")
    harness.load(LEADS)
    harness.services.members.set_default_usage(who=slack(ALI), usage=usage)
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    harness.api.reset()


def alerts_to(harness, user: str, count: int = 1) -> list:
    """The alerts a lead got, once the bot has stored where each landed (right after
    posting it), so a press can update every copy."""
    found = harness.api.wait_for(
        "chat.postMessage", count=count,
        where=lambda c: c.params["channel"] == user and "Safeguarding" in c.params["text"],
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with harness.store.transaction() as session:
            refs = session.scalars(
                select(SafeguardingAlertCopy.message_ref).where(
                    SafeguardingAlertCopy.user_id == user
                )
            ).all()
        if len([r for r in refs if r]) >= count:
            return found
        time.sleep(0.01)
    raise AssertionError(f"the alerts to {user} were never recorded")


def buttons(message: dict) -> dict[str, str]:
    """action id -> value, for the buttons a message has."""
    return {
        e["action_id"]: e["value"]
        for block in message.get("blocks") or []
        if block["type"] == "actions"
        for e in block["elements"]
    }


def press(harness, user: str, action_id: str, value: str, ts: str) -> list:
    """A lead presses a button on their copy; returns the update that shows it in place."""

    def mine(call) -> bool:
        return call.params["channel"] == "D" + user[1:] and call.params["ts"] == ts

    before = len([c for c in harness.api.calls_to("chat.update") if mine(c)])
    response = harness.slack.action(
        user, action_id, value, channel_id="D" + user[1:], message_ts=ts
    )
    assert response.status == 200
    return harness.api.wait_for("chat.update", count=before + 1, where=mine)[before:]


def ts_of(harness, call) -> str:
    """The ts Slack gave the alert ``call`` posted: kept with the lead's copy in the store."""
    copy_id = int(next(iter(buttons(call.params).values())))
    with harness.store.transaction() as session:
        copy = session.get(SafeguardingAlertCopy, copy_id)
        channel, ts = copy.message_ref.split(" ")
    assert channel == "D" + call.params["channel"][1:]
    return ts


def reply_row(harness) -> Reply:
    with harness.store.transaction() as session:
        reply = session.scalar(select(Reply))
        session.expunge(reply)
        return reply


def quotes(harness) -> list:
    """The week's digest, and every quote it shows (one reply in a team is read in the pool
    of small groups, without its team)."""
    digest = build_digest(harness.store, programme_id=1, week=IsoWeek(2024, 19))
    sections = [*(s for t in digest.teams for s in t.sections), *digest.pooled]
    return digest, [q for s in sections for q in s.quotes]


def test_put_back_returns_a_false_alarm_to_the_digest_and_export_as_its_author_chose(harness):
    assert assess(CHECK_IN_REPLY).severity == CHECK_IN
    start(harness, usage="unnamed")
    harness.slack.message(ALI, CHECK_IN_REPLY, event_id="EvCheck")
    (jo_alert,) = alerts_to(harness, JO)
    (lee_alert,) = alerts_to(harness, LEE)
    digest, quoted = quotes(harness)
    assert digest.withheld == 1 and CHECK_IN_REPLY not in [q.text for q in quoted]
    assert CHECK_IN_REPLY not in export_csv(harness.store, programme_id=1).decode("utf-8-sig")

    harness.clock.advance(minutes=20)
    value = buttons(jo_alert.params)[sg.PUT_BACK]
    (pressed,) = press(harness, JO, sg.PUT_BACK, value, ts_of(harness, jo_alert))
    # Jo's own copy, in place: who decided what, and when; no buttons left to press.
    assert pressed.params["channel"] == "D" + JO[1:]
    assert "Jo found no concern (16:50 on Thursday 9 May 2024)" in pressed.params["text"]
    assert buttons(pressed.params) == {}
    # Lee's copy says the same, so two leads never both act.
    (other,) = harness.api.wait_for(
        "chat.update", where=lambda c: c.params["channel"] == "D" + LEE[1:]
    )
    assert other.params["ts"] == ts_of(harness, lee_alert)
    assert "Jo found no concern" in other.params["text"] and buttons(other.params) == {}

    reply = reply_row(harness)
    assert reply.safeguarding == CHECK_IN and reply.safeguarding_decision == "no_concern"
    assert (
        reply.safeguarding_decided_by == f"slack:{JO}" and reply.safeguarding_decider_name == "Jo"
    )
    assert reply.safeguarding_decided_at == DAY_ONE_PROMPT + timedelta(minutes=20)
    # Back in the digest, quoted without her name as she chose; and in the export, unnamed.
    digest, quoted = quotes(harness)
    (quote,) = [q for q in quoted if q.text == CHECK_IN_REPLY]
    assert quote.attribution is None and digest.withheld == 0
    rows = export_csv(harness.store, programme_id=1).decode("utf-8-sig").splitlines()
    (row,) = [r for r in rows if CHECK_IN_REPLY in r]
    assert "Ali" not in row


def test_a_put_back_reply_counted_in_the_themes_only_is_still_never_quoted(harness):
    start(harness, usage="themes_only")
    harness.slack.message(ALI, CHECK_IN_REPLY, event_id="EvThemes")
    (alert,) = alerts_to(harness, JO)
    press(harness, JO, sg.PUT_BACK, buttons(alert.params)[sg.PUT_BACK], ts_of(harness, alert))
    digest, quoted = quotes(harness)
    (counted,) = [q for q in quoted if q.text == CHECK_IN_REPLY]
    assert digest.withheld == 0 and not counted.quotable  # counted in the themes, not shown
    assert digest.answered == 1
    assert CHECK_IN_REPLY not in export_csv(harness.store, programme_id=1).decode("utf-8-sig")


def test_following_up_keeps_it_out_and_a_second_press_is_told_who_decided(harness):
    assert assess(URGENT_REPLY).severity == URGENT
    start(harness, usage="named")
    harness.slack.message(ALI, URGENT_REPLY, event_id="EvUrgent")
    (jo_alert,) = alerts_to(harness, JO)
    (lee_alert,) = alerts_to(harness, LEE)
    assert "Ali" in jo_alert.params["text"]  # urgent: the leads see who, to help today

    (pressed,) = press(
        harness, LEE, sg.FOLLOWING, buttons(lee_alert.params)[sg.FOLLOWING],
        ts_of(harness, lee_alert),
    )  # fmt: skip
    assert "Lee is following this up" in pressed.params["text"]
    jo_copy = harness.api.wait_for(
        "chat.update", where=lambda c: c.params["channel"] == "D" + JO[1:]
    )[0]
    assert "Lee is following this up" in jo_copy.params["text"] and buttons(jo_copy.params) == {}

    # Jo presses the old button on her copy: told kindly, and nothing changes.
    (again,) = press(
        harness, JO, sg.PUT_BACK, buttons(jo_alert.params)[sg.PUT_BACK], ts_of(harness, jo_alert)
    )
    assert "Lee already decided this" in again.params["text"]
    assert "Nothing else has changed" in again.params["text"]
    reply = reply_row(harness)
    assert reply.safeguarding_decision == "following_up"
    assert reply.safeguarding_decided_by == f"slack:{LEE}"
    digest, quoted = quotes(harness)
    assert digest.withheld == 1 and URGENT_REPLY not in [q.text for q in quoted]
    assert "stockpiling" not in export_csv(harness.store, programme_id=1).decode("utf-8-sig")


def test_someone_who_is_not_a_lead_is_refused_and_nothing_changes(harness):
    start(harness)
    harness.slack.message(ALI, URGENT_REPLY, event_id="EvNotLead")
    (alert,) = alerts_to(harness, JO)
    copy_id = buttons(alert.params)[sg.PUT_BACK]

    def to_leads() -> list:
        return [c for c in harness.api.calls_to("chat.update") if c.params["channel"] in LEAD_DMS]

    updates = len(to_leads())
    response = harness.slack.action(SAM, sg.PUT_BACK, copy_id, message_ts="1.1")
    assert response.status == 200
    (told,) = harness.api.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == SAM
        and "look after safety" in c.params["text"],
    )  # fmt: skip
    assert "Nothing has changed" in told.params["text"]
    assert reply_row(harness).safeguarding_decision is None
    assert len(to_leads()) == updates
    assert quotes(harness)[0].withheld == 1


def test_urgent_signs_send_crisis_numbers_and_check_in_signs_do_not(harness):
    start(harness, usage="themes_only")
    harness.slack.message(SAM, URGENT_REPLY, event_id="EvU")
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == SAM
        and "0800 000 000" in c.params["text"],
    )  # fmt: skip
    harness.slack.message(ALI, CHECK_IN_REPLY, event_id="EvC")
    alerts_to(harness, JO, count=2)
    harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: c.params["channel"] == ALI and "saved that" in c.params["text"],
    )
    to_ali = " ".join(
        json.dumps(c.params) for c in harness.api.calls_to("chat.postMessage")
        if c.params["channel"] == ALI
    )  # fmt: skip
    for crisis_words in ("0800 000 000", "Samaritans", "116 123", "999", "NHS 111"):
        assert crisis_words not in to_ali


def test_a_check_in_hides_the_name_and_a_kind_check_in_tells_it_only_on_yes(harness):
    start(harness, usage="unnamed")
    harness.slack.message(ALI, CHECK_IN_REPLY, event_id="EvKind")
    (jo_alert,) = alerts_to(harness, JO)
    (lee_alert,) = alerts_to(harness, LEE)
    text = jo_alert.params["text"]
    assert "Ali" not in text and "Child and Family Services" in text
    assert CHECK_IN_REPLY in text and "did not choose to be quoted by name" in text
    assert set(buttons(jo_alert.params)) == {sg.PUT_BACK, sg.FOLLOWING, sg.CHECK_IN}

    (pressed,) = press(
        harness, JO, sg.CHECK_IN, buttons(jo_alert.params)[sg.CHECK_IN], ts_of(harness, jo_alert)
    )
    assert "I've sent them a kind check-in" in pressed.params["text"]
    assert "Jo is following this up" in pressed.params["text"]
    offer = harness.api.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == ALI
        and sg.CHECK_IN_YES in buttons(c.params),
    )[0]  # fmt: skip
    assert "chat with Jo" in offer.params["text"]
    assert "0800" not in offer.params["text"] and "116 123" not in offer.params["text"]
    lee_copy = harness.api.wait_for(
        "chat.update", where=lambda c: c.params["channel"] == "D" + LEE[1:]
    )[-1]
    assert "Jo sent them a kind check-in" in lee_copy.params["text"]
    assert sg.CHECK_IN not in buttons(lee_copy.params)

    # Lee's stale check-in button: told it was sent already, and no second message goes out.
    (again,) = press(
        harness, LEE, sg.CHECK_IN, buttons(lee_alert.params)[sg.CHECK_IN], ts_of(harness, lee_alert)
    )
    assert "Jo already sent them a kind check-in" in again.params["text"]
    not_yet = [
        c for c in harness.api.calls_to("chat.postMessage")
        if c.params["channel"] == JO and "Ali" in c.params["text"]
    ]  # fmt: skip
    assert not_yet == []  # Jo does not learn who it is before Ali says yes

    check_in_id = buttons(offer.params)[sg.CHECK_IN_YES]
    harness.slack.action(
        ALI, sg.CHECK_IN_YES, check_in_id, channel_id="D" + ALI[1:], message_ts="9.9"
    )
    told = harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: c.params["channel"] == JO and "Good news" in c.params["text"],
    )[0]
    assert "Ali" in told.params["text"] and "Child and Family Services" in told.params["text"]
    to_ali = harness.api.wait_for(  # her check-in turns into the answer, in place
        "chat.update",
        where=lambda c: c.params["channel"] == "D" + ALI[1:] and c.params["ts"] == "9.9",
    )[-1]
    assert "I've told Jo" in to_ali.params["text"]
    with harness.store.transaction() as session:
        assert session.scalar(select(SafeguardingCheckIn.answer)) == "yes"
    harness.api.wait_for(
        "chat.update",
        where=lambda c: (
            c.params["channel"] == "D" + LEE[1:] and "They said yes" in c.params["text"]
        ),
    )


def test_a_member_who_says_no_stays_unnamed(harness):
    start(harness, usage="themes_only")
    harness.slack.message(ALI, CHECK_IN_REPLY, event_id="EvNo")
    (alert,) = alerts_to(harness, JO)
    press(harness, JO, sg.CHECK_IN, buttons(alert.params)[sg.CHECK_IN], ts_of(harness, alert))
    offer = harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: c.params["channel"] == ALI and sg.CHECK_IN_NO in buttons(c.params),
    )[0]
    harness.slack.action(
        ALI, sg.CHECK_IN_NO, buttons(offer.params)[sg.CHECK_IN_NO],
        channel_id="D" + ALI[1:], message_ts="9.9",
    )  # fmt: skip
    told = harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: c.params["channel"] == JO and "said no, thank you" in c.params["text"],
    )[0]
    assert "Ali" not in told.params["text"]
    # Someone else pressing her answer button is told nothing about it.
    harness.slack.action(SAM, sg.CHECK_IN_YES, buttons(offer.params)[sg.CHECK_IN_YES])
    harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: c.params["channel"] == SAM and "didn't work" in c.params["text"],
    )
    with harness.store.transaction() as session:
        assert session.scalar(select(SafeguardingCheckIn.answer)) == "no"


def test_new_flagged_words_after_a_put_back_are_for_a_lead_to_decide_again(harness):
    start(harness, usage="unnamed")
    harness.slack.message(ALI, CHECK_IN_REPLY, event_id="EvFirst")
    (alert,) = alerts_to(harness, JO)
    press(harness, JO, sg.PUT_BACK, buttons(alert.params)[sg.PUT_BACK], ts_of(harness, alert))
    harness.slack.message(ALI, "I want to kill myself", event_id="EvSecond")
    alerts_to(harness, JO, count=2)
    assert reply_row(harness).safeguarding_decision is None  # held back again
    assert quotes(harness)[0].withheld == 1
    # The old copy says a newer alert was sent, and its buttons no longer decide anything.
    harness.api.wait_for(
        "chat.update", where=lambda c: "a newer alert was sent" in c.params["text"]
    )
    (old,) = press(
        harness, JO, sg.FOLLOWING, buttons(alert.params)[sg.FOLLOWING], ts_of(harness, alert)
    )
    assert "a newer alert was sent" in old.params["text"]
    assert reply_row(harness).safeguarding_decision is None


def test_the_consent_text_names_the_leads_and_the_contact(harness):
    harness.api.add_user(LEE, real_name="Lee Park")
    harness.load(LEADS, consented=False)
    harness.services.run_due()
    (request,) = [
        c for c in harness.api.calls_to("chat.postMessage")
        if c.params["channel"] == SAM and "Yes, I agree" in json.dumps(c.params)
    ]  # fmt: skip
    text = request.params["text"]
    assert "safeguarding leads, Jo Bloggs and Lee Park" in text
    assert "Ask Pat Kaur: pat.kaur@nhs.example" in text
    assert "the group, and with the managers they send it to" in text
    assert "your name only if you chose to be quoted by name" in text


def test_what_a_lead_sees_follows_the_rule():
    urgent = lead_sees(severity=URGENT, usage="themes_only", team_size=1, floor=3)
    assert urgent.name_shown and urgent.team_shown
    named = lead_sees(severity=CHECK_IN, usage="named", team_size=1, floor=3)
    assert named.name_shown and named.team_shown
    unnamed = lead_sees(severity=CHECK_IN, usage="unnamed", team_size=5, floor=3)
    assert not unnamed.name_shown and unnamed.team_shown
    small = lead_sees(severity=CHECK_IN, usage="themes_only", team_size=2, floor=3)
    assert not small.name_shown and not small.team_shown  # a team of two points at them
