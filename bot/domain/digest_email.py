"""The weekly digest by e-mail, to the addresses in the programme file's ``digest_email``.

When the weekly digest is posted, its e-mail is queued in the same transaction (one row per
programme and week: a second is impossible). Each sweep sends what is due: a row is claimed
with one UPDATE before anything is sent, so two processes, or a sweep and a restart, cannot
both send it. A mail server that is down is tried again later, at growing intervals kept in
the row (``RETRY_MINUTES``), never by waiting in a loop; after the last try, or at once when
trying again cannot help (the server refused the login or every address), the facilitators
are told in chat, through the Messenger, rather than it failing silently.

The e-mail is built when it is sent, normally within a minute of the post, from what the store
holds then: a reply deleted or a person forgotten in between is not in it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol

from bot.domain.chart import response_rate_chart
from bot.domain.clock import Clock
from bot.domain.digest import Digest, build_digest
from bot.domain.documents import MEDIA_TYPES, filename_for
from bot.domain.documents.docx import write_docx
from bot.domain.documents.html import write_html
from bot.domain.documents.outline import outline
from bot.domain.documents.text import write_text
from bot.domain.messenger import DeliveryFailed, Messenger
from bot.domain.weeks import IsoWeek
from storage import Store, queries

log = logging.getLogger(__name__)

# Minutes to wait after each failed try: about a day and a half in all, then the facilitators
# are told. A sweep runs every minute, so a try is at most a minute late.
RETRY_MINUTES = (5, 15, 60, 180, 480, 960)
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
STALE_CLAIM = timedelta(minutes=30)  # a claim this old was left by a process that stopped
CHART_ID = "chart"


class MailFailed(Exception):
    """The mail server would not take the message. ``permanent``: trying again cannot help."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Mailer(Protocol):
    sender: str  # the From address (SMTP_FROM)

    def send(self, message: EmailMessage) -> list[str]:
        """Send it to its To addresses; returns those the server refused (the rest went).
        Raises MailFailed when it went to nobody."""
        ...


@dataclass(frozen=True)
class Sending:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def compose(digest: Digest, *, sender: str, recipients: list[str], message_id: str) -> EmailMessage:
    """The digest as an e-mail: a plain-text part, an HTML part with the chart attached to it
    (``cid:``, as most mail programs block ``data:`` pictures), and the Word file."""
    picture = response_rate_chart(digest)
    doc = outline(digest, picture=picture)
    message = EmailMessage()
    message["Subject"] = f"{digest.programme}: {digest.title}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    message["Content-Language"] = "en-GB"
    message.set_content(write_text(doc), subtype="plain", charset="utf-8")
    chart_cid = make_msgid(CHART_ID, domain=_domain_of(sender))
    html = write_html(doc, image_src=f"cid:{chart_cid[1:-1]}" if picture else None)
    message.add_alternative(html, subtype="html", charset="utf-8")
    if picture is not None:
        html_part = message.get_payload()[-1]
        html_part.add_related(
            picture.png, maintype="image", subtype="png", cid=chart_cid,
            filename="response-rates.png",
        )  # fmt: skip
    maintype, subtype = MEDIA_TYPES["docx"].split("/")
    message.add_attachment(
        write_docx(doc), maintype=maintype, subtype=subtype, filename=filename_for(digest, "docx")
    )
    return message


def message_id_for(programme_id: int, week: IsoWeek, sender: str) -> str:
    """The same for every try of one week's e-mail, so a mail system can spot a repeat."""
    return f"<copro-digest-{programme_id}-{week}@{_domain_of(sender)}>"


def _domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip(" >") or "copro-bot.invalid"


NO_SERVER = "no mail server is set up for the bot (SMTP_HOST and SMTP_FROM)"


def failure_notice(week: IsoWeek, reason: str, *, tries: int) -> str:
    """What the facilitators are told when the e-mail could not go, in plain words."""
    after = f" after {tries} tries" if tries > 1 else ""
    return (
        f"The e-mail of the weekly digest for {week.label()} could not be sent{after}: {reason}. "
        "The digest itself is in the digest channel. Please ask whoever runs the bot to check "
        "its e-mail settings (copro-bot doctor tests them)."
    )


def refused_notice(week: IsoWeek, refused: list[str]) -> str:
    return (
        f"The e-mail of the weekly digest for {week.label()} went out, but the mail server "
        f"refused these addresses: {', '.join(refused)}. Please check them in the programme "
        "file's digest_email."
    )


class DigestEmails:
    def __init__(
        self, *, store: Store, clock: Clock, messenger: Messenger, mailer: Mailer | None
    ) -> None:
        self.store = store
        self.clock = clock
        self.messenger = messenger
        self.mailer = mailer

    def send_due(self) -> Sending:
        """Send every e-mail whose time has come; idempotent, so safe at every sweep."""
        now = self.clock.now()
        with self.store.transaction() as session:
            due = queries.digest_emails_due(session, now=now, stale_before=now - STALE_CLAIM)
        sent = retrying = failed = 0
        for email_id in due:
            outcome = self._send_one(email_id)
            sent += outcome == "sent"
            retrying += outcome == "pending"
            failed += outcome == "failed"
        return Sending(sent, retrying, failed)

    def _send_one(self, email_id: int) -> str | None:
        now = self.clock.now()
        with self.store.transaction() as session:
            row = queries.claim_digest_email(
                session, email_id=email_id, now=now, stale_before=now - STALE_CLAIM
            )
            if row is None:
                return None  # another sweep or process has it
            programme = queries.programme(session, programme_id=row.programme_id)
            recipients = list(programme.digest_email or [])
            week, attempts, since = (
                IsoWeek(row.iso_year, row.iso_week),
                row.attempts,
                row.late_since,
            )
            programme_id = programme.id
        if not recipients:  # taken out of the file since: nothing to send, nobody to tell
            return self._finish(email_id, "sent", None)
        refused: list[str] = []
        try:
            if self.mailer is None:
                raise MailFailed(NO_SERVER, permanent=True)
            digest = build_digest(
                self.store, programme_id=programme_id, week=week, late_since=since
            )
            message = compose(
                digest, sender=self.mailer.sender, recipients=recipients,
                message_id=message_id_for(programme_id, week, self.mailer.sender),
            )  # fmt: skip
            refused = self.mailer.send(message)
        except Exception as error:
            failure = error if isinstance(error, MailFailed) else None
            if failure is None:  # our fault: logged with its context, and tried again later
                log.exception("putting the digest e-mail for %s together failed", week)
                failure = MailFailed("the e-mail could not be put together", permanent=False)
            last = failure.permanent or attempts >= MAX_ATTEMPTS
            log.warning(
                "the digest e-mail for %s was not sent (try %d): %s", week, attempts, failure.reason
            )
            if last:
                self._finish(email_id, "failed", failure.reason)
                self._tell(programme_id, failure_notice(week, failure.reason, tries=attempts))
                return "failed"
            later = self.clock.now() + timedelta(minutes=RETRY_MINUTES[attempts - 1])
            return self._finish(email_id, "pending", failure.reason, next_attempt_at=later)
        self._finish(email_id, "sent", f"refused: {', '.join(refused)}" if refused else None)
        log.info("the digest e-mail for %s went to %d address(es)", week, len(recipients))
        if refused:
            self._tell(programme_id, refused_notice(week, refused))
        return "sent"

    def _finish(self, email_id: int, state: str, error: str | None, **later) -> str:
        with self.store.transaction() as session:
            queries.finish_digest_email(
                session, email_id=email_id, state=state, now=self.clock.now(), error=error, **later
            )
        return state

    def _tell(self, programme_id: int, text: str) -> None:
        with self.store.transaction() as session:
            people = queries.facilitator_identities(
                session, programme_id=programme_id, platform=self.messenger.platform
            )
        told = 0
        for person in people:
            try:
                self.messenger.send_notice(person, text)
                told += 1
            except DeliveryFailed as failure:
                log.warning("a facilitator could not be told about the e-mail: %s", failure.reason)
        if not told:
            log.error("the digest e-mail failed and no facilitator could be told: %s", text)
