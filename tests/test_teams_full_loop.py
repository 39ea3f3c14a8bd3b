"""The whole loop in Teams, over real HTTP, on SQLite and PostgreSQL: the app installed for
each person (their conversation kept), consent, the prompt card, a reply in words and one by
the card's form, thanks with usage buttons, a reminder, a safeguarding alert to the lead,
the digest in the channel, status for a facilitator, and the export by file consent."""

from __future__ import annotations

import json

from bot.domain.identity import TEAMS
from storage.models import Member, PromptDelivery, Reply
from tests.conftest import DAY_ONE_PROMPT
from tests.teams_harness import (
    ALI,
    DIGEST_CHANNEL,
    JO,
    KIM,
    MAX,
    SAM,
    action_data,
    card_text,
    verbs,
)


def _has_card(call, word: str) -> bool:
    return any(word in card_text(c) for c in call.cards)


def _last_card(harness, user_id: str, word: str) -> dict:
    calls = harness.wait_to(user_id, where=lambda c: _has_card(c, word))
    return next(c for c in calls[-1].cards if word in card_text(c))


def test_installing_the_app_keeps_the_conversation_and_asks_for_consent(teams):
    report = teams.load()
    assert any("5 not reachable yet" in line for line in report.lines())
    status, _ = teams.teams.install(SAM)
    assert status == 202
    # The member look-up found Sam by e-mail; Sam is now known by their Entra object id,
    # with their 1:1 conversation kept to write to later.
    with teams.store.transaction() as session:
        sam = session.query(Member).filter_by(email="sam@example.org").one()
        assert sam.identity_on(TEAMS) == teams.user_aad(SAM)
        address = json.loads(sam.address_on(TEAMS))
        assert address["serviceUrl"] == teams.stand_in.service_url
        assert address["conversation"]["id"] == "a:1sam-0001"
        assert address["user"]["id"] == SAM and address["bot"]["id"].startswith("28:")
        assert sam.display_name == "Sam" and sam.timezone == "Europe/London"
    assert teams.stand_in.calls("member")[0].path.endswith("/members/29:sam-0001")
    consent = _last_card(teams, SAM, "Yes, I agree")
    assert consent["version"] == "1.5" and consent["fallbackText"]
    # A member listed by their Teams id is found by it too (conversationUpdate this time).
    assert teams.teams.bot_added(KIM)[0] == 202
    _last_card(teams, KIM, "Yes, I agree")
    # Someone in no programme is told so, kindly.
    teams.stand_in.add_user("29:nobody-01", name="Nobody", email="nobody@example.org")
    assert teams.teams.install("29:nobody-01")[0] == 202
    (hello,) = teams.wait_to("29:nobody-01")
    assert "not in one yet" in hello.text


def test_the_whole_loop_in_teams(teams):
    teams.load()
    teams.install_everyone()
    for user_id in (JO, SAM, ALI, KIM, MAX):
        card = _last_card(teams, user_id, "Yes, I agree")
        data = action_data(card, "consent_yes" if user_id != MAX else "consent_no")
        status, answer = teams.teams.press(
            user_id, "consent_yes" if user_id != MAX else "consent_no", data
        )
        assert status == 200 and answer["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Thank you!" in card_text(answer["value"]) or "That's fine" in card_text(answer["value"])

    # The prompt card, with its four buttons, to everyone who agreed.
    teams.clock.set(DAY_ONE_PROMPT)
    teams.services.run_due()
    prompts = {}
    for user_id in (JO, SAM, ALI, KIM):
        call = teams.wait_to(user_id, where=lambda c: _has_card(c, "Remind me later"))[-1]
        (card,) = call.cards
        assert verbs(card) == ["answer", "later", "skip", "opt_out"]
        assert call.body["summary"].startswith("Thank you for joining Day one")
        prompts[user_id] = (action_data(card, "answer")["delivery"], call.activity_id)
    assert not [c for c in teams.to(MAX) if _has_card(c, "Remind me later")]

    # A reply in words: stored before the 202, thanked with usage buttons, prompt updated.
    assert teams.teams.message(SAM, "The buddy system works really well")[0] == 202
    with teams.store.transaction() as session:
        assert session.query(Reply).count() == 1
    thanks = _last_card(teams, SAM, "saved that")
    assert "What is working?" in card_text(thanks)
    assert verbs(thanks) == ["file", "usage", "usage"]  # move it, or choose its use
    updated = teams.stand_in.wait_for("update", where=lambda c: prompts[SAM][1] in c.path)
    assert "is saved" in card_text(updated[-1].cards[0])
    status, answer = teams.teams.press(SAM, "usage", action_data(thanks, "usage"))
    assert status == 200 and "Done." in card_text(answer["value"])

    # The form: Answer opens it in place; Save stores it and the card says so.
    delivery = prompts[ALI][0]
    status, answer = teams.teams.press(ALI, "answer", {"delivery": delivery})
    form = answer["value"]
    inputs = [b for b in form["body"] if b["type"].startswith("Input.")]
    assert [b["type"] for b in inputs] == ["Input.Text", "Input.Text", "Input.ChoiceSet"]
    assert all(b["isMultiline"] for b in inputs[:2])
    data = {
        "delivery": delivery,
        "q:working": "Clear agendas",
        "q:change": "Papers a week before",
        "usage": "named",
    }
    status, answer = teams.teams.press(ALI, "save", data)
    assert status == 200 and "is saved" in card_text(answer["value"])
    # A bad choice keeps the words in the form, with the note under the choice.
    status, answer = teams.teams.press(ALI, "save", {**data, "usage": "everyone"})
    text = card_text(answer["value"])
    assert "Clear agendas" in text and "recognise that choice" in text

    # A crisis reply: the lead (the facilitator) gets the alert, the member is signposted.
    crisis = "I don't want to be alive any more and I have been planning how to end it"
    assert teams.teams.message(KIM, crisis)[0] == 202
    alert = _last_card(teams, JO, "Safeguarding alert")
    assert "URGENT" in card_text(alert) and "Kim" in card_text(alert)
    assert verbs(alert) == ["sg_put_back", "sg_following"]
    teams.wait_to(KIM, where=lambda c: "116 123" in c.text)

    # A reminder a day on, for the one who has not answered (Jo).
    teams.clock.advance(hours=24, minutes=1)
    teams.services.run_due()
    reminder = _last_card(teams, JO, "gentle reminder")
    assert verbs(reminder) == ["answer", "skip"]
    assert not [c for c in teams.to(SAM) if _has_card(c, "gentle reminder")]

    # Status for the facilitator, typed as a message; others are refused.
    assert teams.teams.message(SAM, "status")[0] == 202
    teams.wait_to(SAM, where=lambda c: "only the programme's facilitators" in c.text)
    assert teams.teams.message(JO, "status")[0] == 202
    status_card = _last_card(teams, JO, "Who has answered")
    assert "Child and Family Services" in card_text(status_card)
    assert "Not reachable" not in card_text(status_card)  # everyone installed the app

    # The digest posted to the channel: a summary starts a thread, the rest replies in it.
    assert teams.teams.message(JO, "digest post 2024-W19")[0] == 202
    teams.wait_to(JO, where=lambda c: "Posted the digest" in c.text)
    (created,) = teams.stand_in.calls("create")
    assert created.body["channelData"]["channel"]["id"] == DIGEST_CHANNEL
    assert created.body["isGroup"] is True
    thread = created.conversation
    assert thread.startswith(DIGEST_CHANNEL + ";messageid=")
    replies = teams.stand_in.wait_delivered(thread, count=2)
    words = "\n".join(card_text(c) for call in replies for c in call.cards)
    assert "Clear agendas" in words and crisis not in words
    # The one team is too small for its counts to be shown: no rate, and so no chart of it.
    assert "Numbers not shown" in words and "3 of 3" not in words
    assert not any(
        b.get("type") == "Image" for call in replies for c in call.cards for b in c["body"]
    )
    summary = created.body["activity"]["attachments"][0]["content"]
    assert "send me **digest word 2024-W19**" in card_text(summary)

    # The export, by Teams' file consent: a FileConsentCard, then the upload on Allow.
    assert teams.teams.message(JO, "export")[0] == 202
    consent_call = teams.wait_to(
        JO,
        where=lambda c: "application/vnd.microsoft.teams.card.file.consent" in c.attachment_types,
    )[-1]
    file_card = consent_call.body["attachments"][0]
    assert file_card["name"] == "reflections.csv" and file_card["content"]["sizeInBytes"] > 0
    token = file_card["content"]["acceptContext"]["file"]
    assert teams.teams.file_consent(JO, token)[0] == 200
    uploaded = teams.stand_in.uploads["reflections.csv"]
    assert "Clear agendas" in uploaded.decode("utf-8-sig")
    info = teams.wait_to(
        JO, where=lambda c: "application/vnd.microsoft.teams.card.file.info" in c.attachment_types
    )[-1]
    assert info.body["attachments"][0]["content"]["uniqueId"] == "1a2b3c"
    assert teams.teams.file_consent(JO, token)[0] == 200  # a second Allow: nothing twice
    assert len(teams.stand_in.calls("upload")) == 1


def test_my_answers_lists_replies_with_change_usage_and_delete(teams):
    teams.load()
    teams.install_everyone()
    from bot.domain.consent import agree_for_everyone

    agree_for_everyone(teams.store, teams.clock)
    teams.clock.set(DAY_ONE_PROMPT)
    teams.services.run_due()
    teams.wait_to(SAM, where=lambda c: _has_card(c, "Remind me later"))
    teams.teams.message(SAM, "Meetings start on time")
    _last_card(teams, SAM, "saved that")
    assert teams.teams.message(SAM, "my answers")[0] == 202
    page = _last_card(teams, SAM, "Your answers")
    assert "Meetings start on time" in card_text(page)
    assert verbs(page) == ["change", "usage", "usage", "delete"]
    status, answer = teams.teams.press(SAM, "delete", action_data(page, "delete"))
    assert status == 200 and "is deleted" in card_text(answer["value"])
    with teams.store.transaction() as session:
        assert session.query(Reply).count() == 0
        assert session.query(PromptDelivery).count() == 5  # the prompt stays; its reply is gone
