"""The safeguarding alert's buttons in Teams, over real HTTP: the same use case as Slack.
A lead's press turns their card in place; the other lead's card is updated to match; a
second press, or someone who is not a lead, is told so and nothing changes; a kind check-in
reaches the member and names them to the lead only if they say yes."""

from __future__ import annotations

import time

from sqlalchemy import select

from bot.domain.consent import agree_for_everyone
from bot.domain.digest import build_digest
from bot.domain.export import export_csv
from bot.domain.identity import TEAMS, Identity
from bot.domain.messenger import SafeguardingAlert
from bot.domain.weeks import IsoWeek
from handlers.teams import safeguarding_cards as sg
from handlers.teams.text import escape
from storage.models import Reply, SafeguardingAlertCopy
from tests.adaptive_cards import problems
from tests.conftest import DAY_ONE_PROMPT
from tests.teams_harness import ALI, JO, KIM, MAX, PROGRAMME, SAM, action_data, card_text, verbs

LEADS = PROGRAMME + (
    "safeguarding: [{email: jo@example.org, name: Jo Bloggs}, {email: max@example.org}]\n"
    "contact: {name: Pat Kaur, email: pat.kaur@nhs.example}\n"
)
CHECK_IN_REPLY = "I used to feel suicidal but the group helped"
URGENT_REPLY = "I don't want to be alive any more and I have been planning how to end it"
CARD = "application/vnd.microsoft.card.adaptive"


def start(teams, *, usage: str) -> None:
    teams.load(LEADS)
    teams.install_everyone()
    agree_for_everyone(teams.store, teams.clock)
    teams.services.members.set_default_usage(who=Identity(TEAMS, teams.user_aad(ALI)), usage=usage)
    teams.clock.set(DAY_ONE_PROMPT)
    teams.services.run_due()


def alert_card(teams, user_id: str) -> tuple[dict, str]:
    """The lead's alert card and its activity id, once the bot has recorded where it went."""
    call = teams.wait_to(user_id, where=lambda c: "Safeguarding" in _words(c))[-1]
    copy_id = action_data(call.cards[0], sg.FOLLOWING)["alert"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with teams.store.transaction() as session:
            if session.get(SafeguardingAlertCopy, copy_id).message_ref:
                return call.cards[0], call.activity_id
        time.sleep(0.01)
    raise AssertionError("the alert's copy was never recorded")


def _words(call) -> str:
    return "\n".join(card_text(c) for c in call.cards)


def updated(teams, activity_id: str, words: str) -> dict:
    call = teams.stand_in.wait_for(
        "update", where=lambda c: activity_id in c.path and words in _words(c)
    )[-1]
    return call.cards[0]


def decision(teams) -> tuple[str | None, str | None]:
    with teams.store.transaction() as session:
        reply = session.scalar(select(Reply))
        return reply.safeguarding_decision, reply.safeguarding_decided_by


def test_a_lead_puts_a_false_alarm_back_and_the_other_lead_sees_who_did(teams):
    start(teams, usage="unnamed")
    assert teams.teams.message(ALI, CHECK_IN_REPLY)[0] == 202
    jo_card, _ = alert_card(teams, JO)
    max_card, max_activity = alert_card(teams, MAX)
    assert "Ali" not in card_text(jo_card)  # a check-in: the name is hers to give
    assert verbs(jo_card) == ["sg_put_back", "sg_following", "sg_check_in"]
    assert not [c for c in teams.to(ALI) if "116 123" in _words(c) + c.text]

    # Someone who is not a lead: told kindly, and nothing changes.
    status, answer = teams.teams.press(SAM, sg.PUT_BACK, action_data(jo_card, sg.PUT_BACK))
    assert status == 200 and "look after safety" in answer["value"]
    assert decision(teams) == (None, None)

    status, answer = teams.teams.press(JO, sg.PUT_BACK, action_data(jo_card, sg.PUT_BACK))
    assert status == 200 and answer["type"] == CARD
    shown = card_text(answer["value"])
    assert "Jo found no concern (16:30 on Thursday 9 May 2024)" in shown
    assert verbs(answer["value"]) == []
    other = updated(teams, max_activity, "Jo found no concern")
    assert verbs(other) == []
    assert decision(teams) == ("no_concern", f"teams:{teams.user_aad(JO)}")

    # Max's old button: told it is decided, and by whom.
    status, answer = teams.teams.press(MAX, sg.FOLLOWING, action_data(max_card, sg.FOLLOWING))
    assert "Jo already decided this" in card_text(answer["value"])
    assert decision(teams)[0] == "no_concern"

    digest = build_digest(teams.store, programme_id=1, week=IsoWeek(2024, 19))
    sections = [*(s for t in digest.teams for s in t.sections), *digest.pooled]
    (quote,) = [q for s in sections for q in s.quotes if q.text == CHECK_IN_REPLY]
    assert quote.attribution is None and quote.quotable and digest.withheld == 0
    exported = export_csv(teams.store, programme_id=1).decode("utf-8-sig")
    (row,) = [r for r in exported.splitlines() if CHECK_IN_REPLY in r]
    assert "Ali" not in row


def test_following_up_an_urgent_alert_keeps_the_reply_out(teams):
    start(teams, usage="named")
    assert teams.teams.message(KIM, URGENT_REPLY)[0] == 202
    teams.wait_to(KIM, where=lambda c: "116 123" in c.text)  # urgent: crisis numbers at once
    jo_card, jo_activity = alert_card(teams, JO)
    max_card, _ = alert_card(teams, MAX)
    assert "Kim" in card_text(jo_card)  # urgent: the leads see who, to help today
    status, answer = teams.teams.press(MAX, sg.FOLLOWING, action_data(max_card, sg.FOLLOWING))
    assert "Max is following this up" in card_text(answer["value"])
    assert "Max is following this up" in card_text(updated(teams, jo_activity, "following"))
    digest = build_digest(teams.store, programme_id=1, week=IsoWeek(2024, 19))
    assert digest.withheld == 1
    assert "planning how" not in export_csv(teams.store, programme_id=1).decode("utf-8-sig")


def test_a_kind_check_in_reaches_the_member_and_names_them_only_on_yes(teams):
    start(teams, usage="themes_only")
    assert teams.teams.message(ALI, CHECK_IN_REPLY)[0] == 202
    jo_card, _ = alert_card(teams, JO)
    _, max_activity = alert_card(teams, MAX)
    status, answer = teams.teams.press(JO, sg.CHECK_IN, action_data(jo_card, sg.CHECK_IN))
    assert "I've sent them a kind check-in" in card_text(answer["value"])
    offer = teams.wait_to(ALI, where=lambda c: "chat with Jo" in _words(c))[-1].cards[0]
    assert verbs(offer) == [sg.CHECK_IN_YES, sg.CHECK_IN_NO]
    assert "Jo sent them a kind check-in" in card_text(updated(teams, max_activity, "check-in"))
    assert not [c for c in teams.to(JO) if "Ali" in c.text]

    status, answer = teams.teams.press(ALI, sg.CHECK_IN_YES, action_data(offer, sg.CHECK_IN_YES))
    assert status == 200 and "I've told Jo" in card_text(answer["value"])
    told = teams.wait_to(JO, where=lambda c: "Good news" in c.text)[-1]
    assert "Ali" in told.text and "Child and Family Services" in told.text
    status, answer = teams.teams.press(ALI, sg.CHECK_IN_NO, action_data(offer, sg.CHECK_IN_NO))
    assert "answered this already" in card_text(answer["value"])


def test_the_alert_card_fits_the_schema_in_every_state():
    text = "Safeguarding check-in.\nWho: a member\n\nTheir reply:\n**not bold** [x](y)"
    for view in (
        SafeguardingAlert(1, text, check_in=True),
        SafeguardingAlert(1, text, "Jo found no concern.", decide=False, note="Already."),
    ):
        card = sg.alert(view)
        assert problems(card) == []
        blocks = [b["text"] for b in card["body"] if b["type"] == "TextBlock"]
        assert escape("**not bold** [x](y)") in blocks  # a member's words, shown literally
