"""A member replied in words: store it (or keep it safe), then thank them, mark the prompt
answered and follow up any sign of risk.

The same workflow runs for a reply held in the spool during a database outage, when it is
stored later: a crisis reply written during an outage reaches a lead like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.domain.clock import Clock
from bot.domain.errors import UserError
from bot.domain.identity import SLACK, Identity
from bot.domain.messenger import Answered, DeliveryFailed, Messenger, Thanks
from bot.domain.replies import Replies, Saved
from bot.domain.safeguarding import URGENT
from bot.domain.safeguarding_alerts import SafeguardingAlerts
from bot.domain.usage import TOLD
from bot.domain.usecases.outcomes import AlreadyDone, Kept, Outcome, Refused, SendAgain, Stored
from storage.spool import ReplySpool

log = logging.getLogger(__name__)

KEPT = (
    "Thank you. I couldn't save your message just now because of a problem on my side, but I've "
    "kept it safe and will save it as soon as I can. I'll let you know when it's done."
)
NOW_SAVED = "Good news: the message you sent me earlier is now saved. Thank you for your patience."


class ReplyInWords:
    def __init__(
        self,
        *,
        replies: Replies,
        safeguarding: SafeguardingAlerts,
        messenger: Messenger,
        spool: ReplySpool,
        clock: Clock,
        later: Callable[[Callable[[], None]], None],
    ) -> None:
        self.clock = clock
        self.replies = replies
        self.safeguarding = safeguarding
        self.messenger = messenger
        self.spool = spool
        self.later = later

    def __call__(self, who: Identity, text: str, *, event_id: str | None = None) -> Outcome:
        """Store first (the transport answers the platform only after this returns); what is
        said to the member runs ``later``, after the platform has its answer."""
        try:
            saved = self.replies.record_text(who=who, text=text, event_id=event_id)
        except UserError as error:
            refusal = str(error)  # ``error`` itself is gone once the except block ends
            self.later(lambda: self._tell(who, refusal))
            return Refused(refusal)
        except Exception:
            log.exception("storing a reply in words failed; keeping it in the spool")
            held = {
                "platform": who.platform, "user_id": who.id, "text": text, "event_id": event_id,
                # So that it is filed under the prompt open now, whenever it is stored.
                "received_at": self.clock.now().isoformat(),
            }  # fmt: skip
            try:
                self.spool.keep(held)
            except OSError:
                log.exception("the spool failed too; the platform must send the reply again")
                return SendAgain()
            self.later(lambda: self._tell(who, KEPT))
            return Kept()
        if saved is None:  # the platform sent it again; it was thanked the first time
            return AlreadyDone()
        self.later(lambda: self._follow_up(who, saved, held=False))
        return Stored(saved)

    def store_held(self) -> int:
        """Store every held reply through the same workflow; stop at the first database
        failure and try again next time. Returns how many were stored."""
        stored = 0
        for kept in self.spool.pending():
            item = kept.item
            # Replies held by a release that knew only Slack carry no platform.
            who = Identity(item.get("platform") or SLACK, item["user_id"])
            try:
                saved = self.replies.record_text(
                    who=who, text=item["text"], event_id=item.get("event_id"),
                    received_at=_moment(item.get("received_at")),
                )  # fmt: skip
            except UserError as error:  # e.g. the prompt closed meanwhile: tell them, keep nothing
                self.spool.done(kept.token)
                self._tell(who, str(error))
                continue
            except Exception:
                log.warning(
                    "the database is still unavailable; %d held replies wait",
                    len(self.spool.pending()),
                )
                return stored
            self.spool.done(kept.token)
            stored += 1
            if saved is not None:
                self._follow_up(who, saved, held=True)
        return stored

    def _follow_up(self, who: Identity, saved: Saved, *, held: bool) -> None:
        """After the commit: thanks (or, for signs of present risk, signposting instead),
        the prompt marked answered, and the safeguarding leads told."""
        if saved.safeguarding == URGENT:  # the member first: they never wait on the alerts
            self.safeguarding.follow_up(who.id, saved)
            mark_answered(self.messenger, saved)
            return
        if held:  # and how it will be used, as the usual thanks would say
            self._tell(who, f"{NOW_SAVED} {TOLD.get(saved.usage or '', '')}".strip())
        if not held or saved.asking:  # held or not, the member is asked when words don't tell
            self._send(lambda: self.messenger.send_thanks(who.id, thanks_for(saved)))
        mark_answered(self.messenger, saved)
        self.safeguarding.follow_up(who.id, saved)  # weak signs: a gentle line

    def _tell(self, who: Identity, text: str) -> None:
        self._send(lambda: self.messenger.send_notice(who.id, text))

    @staticmethod
    def _send(send: Callable[[], object]) -> None:
        try:
            send()
        except DeliveryFailed as failure:
            log.info("could not tell a member about their reply: %s", failure.reason)


def _moment(text: str | None) -> datetime | None:
    """When a held reply arrived; None for one held by a release that did not say."""
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def thanks_for(saved: Saved, *, moved: bool = False, usage_changed: bool = False) -> Thanks:
    """The thank-you for a plain reply as it stands: where its words went, and the choices."""
    return Thanks(
        delivery_id=saved.delivery_id, usage=saved.usage or "", placed=saved.placed,
        next_question=saved.next_question, final=saved.final, message=saved.message,
        questions=saved.questions, asking=saved.asking, moved=moved, usage_changed=usage_changed,
    )  # fmt: skip


def mark_answered(messenger: Messenger, saved: Saved) -> None:
    """Turn the prompt message into a thank-you that says how the words may be used."""
    if saved.message_ref:
        messenger.mark_answered(
            saved.message_ref, Answered(saved.delivery_id, saved.day_name, saved.usage)
        )
