"""The weekly digest by e-mail, against a real SMTP server on loopback (aiosmtpd): an HTML body
with a plain-text part and the chart, the Word file attached, to exactly the programme's
addresses, once a week whatever the sweeps, restarts and second processes; tried again when
the server is down, and the facilitators told in chat when it cannot go."""

from __future__ import annotations

import io
import json
import threading
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from bot.app import create_app
from bot.config import Settings
from bot.domain.digest_email import MAX_ATTEMPTS, RETRY_MINUTES, DigestEmails
from bot.domain.programme_file import ProgrammeFileError, parse_programme
from bot.mailer import SMTPMailer
from bot.server import make_server, stop_server
from handlers.slack.messenger import make_client
from handlers.slack.sandbox.slack_requests import SlackRequests
from storage import Store
from storage.models import DigestEmail
from tests.conftest import SIGNING_SECRET, SMALL_PROGRAMME, Harness
from tests.smtp_server import SMTPServer, self_signed

ADDRESSES = ["manager@example.nhs.uk", "board@example.org"]
EMAILED = (
    SMALL_PROGRAMME
    + 'digest_weekly: "FRI 16:00"\nanonymity_min_replies: 1\n'
    + f"digest_email: [{', '.join(ADDRESSES)}]\n"
)
DAY_ONE_PROMPT = datetime(2024, 5, 9, 15, 30, tzinfo=UTC)
# Day one is reported once its reminders have had time to work (bot/domain/reply_window.py):
# at the digest time of Friday 17 May.
FRIDAY_16_BST = datetime(2024, 5, 17, 15, 0, tzinfo=UTC)
SENDER = "copro-bot@example.nhs.uk"


def settings_for(smtp: SMTPServer, slack_api, tmp_path: Path, **extra) -> Settings:
    values = dict(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack_api.base_url,
        spool_dir=str(tmp_path / "spool"),
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_from=SENDER,
        smtp_starttls=False,
    )
    values.update(extra)
    return Settings(**values)


class Bots:
    """The real bot over HTTP, with its SMTP settings; ``another()`` is a second process's
    services on the same database (its own engine, its own state)."""

    def __init__(self, settings, store, slack_api, clock) -> None:
        self.settings, self.store, self.api, self.clock = settings, store, slack_api, clock
        self.bot = create_app(
            settings, client=make_client("xoxb-test", slack_api.base_url), store=store,
            clock=clock,
        )  # fmt: skip
        self.server = make_server(self.bot, host="127.0.0.1", port=0, threads=4)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        url = f"http://127.0.0.1:{self.server.effective_port}/slack/events"
        slack = SlackRequests(
            url=url, signing_secret=SIGNING_SECRET, response_url_base=slack_api.response_url()
        )
        self.harness = Harness(self.bot, slack_api, slack, clock)
        self.others: list = []

    def another(self):
        """A second process: its own store (engine) and services on the same database."""
        store = Store.from_url(str(self.store.engine.url.render_as_string(hide_password=False)))
        bot = create_app(
            self.settings, client=make_client("xoxb-test", self.api.base_url), store=store,
            clock=self.clock,
        )  # fmt: skip
        self.others.append((bot, store))
        return bot.services

    def close(self) -> None:
        stop_server(self.server)
        self.thread.join(timeout=5)
        self.bot.close()
        for bot, store in self.others:
            bot.close()
            store.dispose()


@pytest.fixture
def smtp():
    server = SMTPServer()
    yield server
    server.stop()


@pytest.fixture
def bots(store, slack_api, clock, smtp, tmp_path):
    made = Bots(settings_for(smtp, slack_api, tmp_path), store, slack_api, clock)
    yield made
    made.close()


def answered_week(harness: Harness) -> None:
    harness.load(EMAILED)
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    harness.reply("U0MEMBER01", "The families felt heard & <welcome>", "Ev1", usage="named")
    harness.reply("U0MEMBER02", "Papers come too late", "Ev2", usage="unnamed")


def emails(store) -> list[tuple[str, int, str | None]]:
    with store.transaction() as session:
        return [
            (row.state, row.attempts, row.last_error)
            for row in session.scalars(select(DigestEmail).order_by(DigestEmail.id))
        ]


def notices_to_facilitator(api) -> list[str]:
    return [
        c.params["text"]
        for c in api.calls_to("chat.postMessage")
        if c.params["channel"].endswith("FACIL001") and "e-mail" in c.params.get("text", "")
    ]


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.images: list[dict] = []
        self.lang = None
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("h1", "h2", "h3", "h4"):
            self._open = tag
            self.headings.append((tag, ""))
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def test_the_weekly_digest_is_emailed_once_with_its_html_text_chart_and_word_file(bots, smtp):
    smtp.start()
    harness = bots.harness
    answered_week(harness)
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()  # posts the digest, queues its e-mail and sends it
    harness.services.run_due()  # a second sweep sends nothing more

    received = smtp.messages()
    assert len(received) == 1
    mail = received[0]
    assert mail.mail_from == SENDER and sorted(mail.recipients) == sorted(ADDRESSES)
    message = mail.message
    assert message["From"] == SENDER and message["To"] == ", ".join(ADDRESSES)
    assert message["Subject"] == "Test programme: Reflections for the week of 6 to 12 May 2024"
    assert message["Message-ID"] == "<copro-digest-1-2024-W19@example.nhs.uk>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/mixed"
    body, attachment = message.get_payload()
    assert body.get_content_type() == "multipart/alternative"
    plain, related = body.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html_part, chart = related.get_payload()
    assert html_part.get_content_type() == "text/html"
    assert chart.get_content_type() == "image/png" and chart.get_content().startswith(b"\x89PNG")

    text = plain.get_content()
    assert "The families felt heard & <welcome>" in text and "— Sam" in text
    assert "Papers come too late" in text and "Ali" not in text  # Ali asked for no name
    html = html_part.get_content()
    assert "The families felt heard &amp; &lt;welcome&gt;" in html and "<welcome>" not in html
    page = Outline()
    page.feed(html)
    assert page.lang == "en-GB"
    assert page.headings[0] == ("h1", "Reflections for the week of 6 to 12 May 2024")
    assert ("h2", "Response rates") in page.headings
    (image,) = page.images
    assert image["src"] == "cid:" + chart["Content-ID"].strip("<>")
    assert image["alt"].startswith("Response rate by team")

    assert attachment.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert attachment.get_filename() == "reflections-2024-W19.docx"
    word = docx.Document(io.BytesIO(attachment.get_content()))
    assert word.paragraphs[0].style.name == "Heading 1"
    assert any("The families felt heard" in p.text for p in word.paragraphs)
    assert emails(bots.store) == [("sent", 1, None)]
    # The Slack thread carries the same Word file.
    uploads = [c for c in bots.api.calls_to("file_upload") if c.params["docx"]]
    assert len(uploads) == 1


def test_a_restart_and_a_second_process_send_nothing_more(bots, smtp):
    smtp.start()
    harness = bots.harness
    answered_week(harness)
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()
    assert len(smtp.messages()) == 1
    later = bots.another()  # a second process, or the same one after a restart
    later.run_due()
    harness.clock.advance(hours=2)
    later.run_due()
    harness.services.run_due()
    assert len(smtp.messages()) == 1
    assert emails(bots.store) == [("sent", 1, None)]


def test_two_processes_sweeping_at_the_same_moment_send_one_email(bots, smtp):
    smtp.start()
    harness = bots.harness
    answered_week(harness)
    harness.clock.set(FRIDAY_16_BST)
    harness.services.weekly.post_due()  # posted and queued; nobody has sent it yet
    assert emails(bots.store) == [("pending", 0, None)]
    sweeps = [harness.services.digest_emails, bots.another().digest_emails]
    start = threading.Barrier(len(sweeps))
    results = []

    def sweep(emails: DigestEmails) -> None:
        start.wait()
        results.append(emails.send_due())

    threads = [threading.Thread(target=sweep, args=(e,)) for e in sweeps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(r.sent for r in results) == [0, 1]
    assert len(smtp.messages()) == 1


def test_a_server_that_is_down_is_tried_again_later_then_the_email_goes_once(bots, smtp):
    harness = bots.harness
    answered_week(harness)
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()  # the server refuses the connection
    assert smtp.messages() == []
    ((state, attempts, error),) = emails(bots.store)
    assert (state, attempts) == ("pending", 1) and "could not be reached" in error
    harness.services.run_due()  # too soon to try again: no second try yet
    assert emails(bots.store)[0][:2] == ("pending", 1)

    smtp.start()  # the server comes back on the same address
    harness.clock.advance(minutes=RETRY_MINUTES[0])
    harness.services.run_due()
    harness.services.run_due()
    assert len(smtp.messages()) == 1
    assert emails(bots.store) == [("sent", 2, None)]
    assert notices_to_facilitator(bots.api) == []  # it went in the end: nobody is bothered


def test_when_every_try_fails_the_facilitators_are_told_in_chat_once(bots, smtp):
    harness = bots.harness
    answered_week(harness)
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()
    for minutes in RETRY_MINUTES:
        assert notices_to_facilitator(bots.api) == []
        harness.clock.advance(minutes=minutes)
        harness.services.run_due()
    ((state, attempts, _),) = emails(bots.store)
    assert (state, attempts) == ("failed", MAX_ATTEMPTS)
    (notice,) = notices_to_facilitator(bots.api)
    assert "could not be sent after 7 tries" in notice and "6 to 12 May 2024" in notice
    smtp.start()
    harness.clock.advance(days=1)
    harness.services.run_due()  # given up: nothing more is sent, and nobody told twice
    assert smtp.messages() == [] and len(notices_to_facilitator(bots.api)) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_is_not_tried_again_and_is_told_at_once(store, slack_api, clock, tmp_path):
    smtp = SMTPServer(login=("copro", "right")).start()
    made = Bots(
        settings_for(smtp, slack_api, tmp_path, smtp_user="copro", smtp_password="wrong"),
        store, slack_api, clock,
    )  # fmt: skip
    try:
        answered_week(made.harness)
        clock.set(FRIDAY_16_BST)
        made.harness.services.run_due()
        ((state, attempts, error),) = emails(store)
        assert (state, attempts) == ("failed", 1) and "refused the login" in error
        (notice,) = notices_to_facilitator(slack_api)
        assert "refused the login" in notice and smtp.messages() == []
    finally:
        made.close()
        smtp.stop()


def test_starttls_and_a_login_are_used_when_the_settings_ask(
    store, slack_api, clock, tmp_path, monkeypatch
):
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate, as IT would
    smtp = SMTPServer(tls=(cert, key), login=("copro", "s3cret")).start()
    settings = settings_for(
        smtp, slack_api, tmp_path, smtp_starttls=True, smtp_user="copro", smtp_password="s3cret"
    )
    made = Bots(settings, store, slack_api, clock)
    try:
        answered_week(made.harness)
        clock.set(FRIDAY_16_BST)
        made.harness.services.run_due()
        assert len(smtp.messages()) == 1 and smtp.logins == ["copro"]
        assert emails(store) == [("sent", 1, None)]
    finally:
        made.close()
        smtp.stop()


def test_without_a_mail_server_the_facilitators_are_told_rather_than_nothing(harness):
    """The harness's settings have no SMTP_HOST: the e-mail cannot go, and Jo hears why."""
    answered_week(harness)
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()
    assert emails(harness.store)[0][:2] == ("failed", 1)
    (notice,) = notices_to_facilitator(harness.api)
    assert "no mail server is set up" in notice


def test_a_programme_with_no_digest_email_sends_no_email(bots, smtp):
    smtp.start()
    harness = bots.harness
    harness.load(SMALL_PROGRAMME + 'digest_weekly: "FRI 16:00"\nanonymity_min_replies: 1\n')
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    harness.reply("U0MEMBER01", "Good session", "Ev1")
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()
    assert smtp.messages() == [] and emails(harness.store) == []


def test_the_mailer_sorts_a_down_server_from_a_refusal(tmp_path, slack_api):
    from bot.domain.digest_email import MailFailed

    down = SMTPServer()
    mailer = SMTPMailer(settings_for(down, slack_api, tmp_path))
    from email.message import EmailMessage

    message = EmailMessage()
    message["To"], message["From"], message["Subject"] = "a@example.org", SENDER, "Hello"
    message.set_content("Hello")
    with pytest.raises(MailFailed) as failed:
        mailer.send(message)
    assert failed.value.permanent is False
    down.stop()


# -- the programme file -------------------------------------------------------------------


def test_digest_email_addresses_are_checked_and_named_by_line():
    good = parse_programme(EMAILED)
    assert good.digest_email == tuple(ADDRESSES)
    one = parse_programme(
        SMALL_PROGRAMME + 'digest_weekly: "FRI 16:00"\ndigest_email: m@example.org\n'
    )
    assert one.digest_email == ("m@example.org",)
    with pytest.raises(ProgrammeFileError) as bad:
        parse_programme(
            SMALL_PROGRAMME
            + 'digest_weekly: "FRI 16:00"\n'
            + "digest_email: [ok@example.org, not-an-address, 'two words@example.org']\n"
        )
    line = SMALL_PROGRAMME.count("\n") + 2
    assert bad.value.problems == [
        f"line {line}, digest_email[2]: 'not-an-address' is not an e-mail address (write one "
        "address, like manager@example.nhs.uk)",
        f"line {line}, digest_email[3]: 'two words@example.org' is not an e-mail address "
        "(write one address, like manager@example.nhs.uk)",
    ]
    assert "nothing was changed" in str(bad.value)
    with pytest.raises(ProgrammeFileError) as no_weekly:
        parse_programme(SMALL_PROGRAMME + "digest_email: [m@example.org]\n")
    assert "also say when that is, with digest_weekly" in str(no_weekly.value)


def test_the_doctor_fails_a_programme_that_emails_without_a_mail_server(
    tmp_path, monkeypatch, capsys
):
    from bot.cli import main

    path = tmp_path / "programme.yaml"
    path.write_text(EMAILED)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'copro.db'}")
    for name in ("SMTP_HOST", "SMTP_FROM", "SMTP_USER", "SMTP_PASSWORD", "SMTP_PORT"):
        monkeypatch.delenv(name, raising=False)
    assert main(["programme", "load", str(path)]) == 0
    capsys.readouterr()
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    line = next(li for li in out.splitlines() if li.startswith("✗ Digest e-mail"))
    assert "'Test programme' e-mails the weekly digest" in line
    assert "Set SMTP_HOST" in out.split(line, 1)[1].splitlines()[1]


def test_nothing_in_the_queue_row_holds_a_reply(bots, smtp):
    """The queue keeps when and how, never the words: forget-me and retention stay whole."""
    harness = bots.harness
    answered_week(harness)
    harness.clock.set(FRIDAY_16_BST)
    harness.services.run_due()
    with bots.store.transaction() as session:
        row = session.scalars(select(DigestEmail)).one()
        kept = json.dumps({c.name: str(getattr(row, c.name)) for c in DigestEmail.__table__.c})
    assert "families" not in kept.lower() and "Papers" not in kept
    assert row.next_attempt_at == FRIDAY_16_BST + timedelta(minutes=RETRY_MINUTES[0])
