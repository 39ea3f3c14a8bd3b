"""The digest's Word file in chat: asked for with `digest word` or from the Home tab on Slack,
by Teams' file consent flow on Teams; and a digest e-mail that cannot go is told to Teams'
facilitators too, through the same Messenger."""

from __future__ import annotations

import io

import docx

from bot.domain.consent import agree_for_everyone
from handlers.slack import home_blocks as hb
from tests.conftest import DAY_ONE_PROMPT
from tests.teams_harness import JO, PROGRAMME, SAM

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent"


def word_uploaded_to(harness, channel: str) -> docx.document.Document:
    """The one Word file uploaded into ``channel``, opened."""
    shared = [
        c
        for c in harness.api.calls_to("files.completeUploadExternal")
        if c.params.get("channel_id") == channel
    ]
    words = [u for u in harness.api.calls_to("file_upload") if u.params["docx"]]
    assert len(shared) == 1 and len(words) == 1, (shared, words)
    return docx.Document(io.BytesIO(harness.api.uploads[words[0].params["file_id"]]))


def test_digest_word_sends_the_facilitator_the_word_file_alone(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "The families felt heard", "Ev1", usage="named")
    harness.api.reset()
    harness.slack.command("U0FACIL001", "digest word 2024-W19")
    told = harness.api.wait_for("response_url", timeout=30)[0].params["text"]
    assert "as a Word document" in told
    document = word_uploaded_to(harness, "D0FACIL001")
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.paragraphs[0].text == "Reflections for the week of 6 to 12 May 2024"
    assert any("The families felt heard" in p.text for p in document.paragraphs)
    assert harness.api.calls_to("chat.postMessage") == []  # the file alone, no digest messages


def test_a_member_asking_for_the_word_file_is_refused_and_sent_nothing(harness):
    harness.prompt_day_one()
    harness.api.reset()
    answer = harness.slack.command("U0MEMBER01", "digest word")
    assert "only the programme's facilitators" in answer.body
    assert harness.api.calls_to("file_upload") == []


def test_the_home_tab_offers_the_word_file(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "Good day", "Ev1", usage="named")
    harness.clock.set(DAY_ONE_PROMPT.replace(hour=18))
    harness.api.reset()
    harness.slack.open_home("U0FACIL001")
    view = harness.api.wait_for("views.publish")[0].params["view"]
    buttons = {
        e["action_id"]: e.get("text", {}).get("text")
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    assert buttons[hb.HOME_DIGEST_WORD] == "Get it as a Word document"
    harness.api.reset()
    harness.slack.action("U0FACIL001", hb.HOME_DIGEST_WORD, "digest_word", view={"type": "home"})
    harness.api.wait_for("views.publish", timeout=30)
    document = word_uploaded_to(harness, "D0FACIL001")
    assert any("Good day" in p.text for p in document.paragraphs)


def test_the_digest_sent_to_a_facilitator_carries_the_word_file_in_its_thread(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "The families felt heard", "Ev1", usage="named")
    harness.api.reset()
    harness.slack.command("U0FACIL001", "digest 2024-W19")
    harness.api.wait_for("response_url", timeout=30)
    summary = harness.api.calls_to("chat.postMessage")[0]
    (shared,) = [
        c
        for c in harness.api.calls_to("files.completeUploadExternal")
        if c.params["files"][0]["title"].startswith("Reflections")
    ]
    assert shared.params["channel_id"] == "D0FACIL001"
    assert (
        shared.params["thread_ts"]
        == harness.api.calls_to("chat.postMessage")[1].params["thread_ts"]
    )
    assert "thread_ts" not in summary.params


# -- Teams -------------------------------------------------------------------------------------


def _ready(teams) -> None:
    teams.load()
    teams.install_everyone()
    agree_for_everyone(teams.store, teams.clock)
    teams.clock.set(DAY_ONE_PROMPT)
    teams.services.run_due()


def test_on_teams_digest_word_offers_the_file_by_consent_and_uploads_it_on_allow(teams):
    _ready(teams)
    teams.wait_to(SAM, where=lambda c: "Remind me later" in str(c.body))
    teams.teams.message(SAM, "Meetings start on time")
    teams.wait_to(SAM, where=lambda c: "saved that" in str(c.body))
    assert teams.teams.message(JO, "digest word 2024-W19")[0] == 202
    offer = teams.wait_to(JO, where=lambda c: FILE_CONSENT in c.attachment_types)[-1]
    card = offer.body["attachments"][0]
    assert card["name"] == "reflections-2024-W19.docx" and card["content"]["sizeInBytes"] > 1000
    token = card["content"]["acceptContext"]["file"]
    assert teams.teams.file_consent(JO, token, name=card["name"])[0] == 200  # Allow
    document = docx.Document(io.BytesIO(teams.stand_in.uploads["reflections-2024-W19.docx"]))
    assert document.paragraphs[0].style.name == "Heading 1"


def test_on_teams_a_digest_email_that_cannot_go_is_told_to_the_facilitators(teams):
    """No SMTP_HOST in these settings: the e-mail fails once, and Jo hears it in Teams."""
    emailed = PROGRAMME + 'digest_weekly: "FRI 16:00"\ndigest_email: [board@example.org]\n'
    teams.load(emailed)
    teams.install_everyone()
    agree_for_everyone(teams.store, teams.clock)
    teams.clock.set(DAY_ONE_PROMPT)
    teams.services.run_due()
    teams.teams.message(SAM, "Meetings start on time")
    teams.wait_to(SAM, where=lambda c: "saved that" in str(c.body))
    teams.clock.set(DAY_ONE_PROMPT.replace(day=17, hour=15, minute=0))  # Friday 16:00 BST
    teams.services.run_due()
    told = teams.wait_to(JO, where=lambda c: "could not be sent" in (c.text or ""))
    assert "no mail server is set up" in told[-1].text
