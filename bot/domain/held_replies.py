"""Replies kept aside while the database was away, stored once it is back."""

from __future__ import annotations

import logging

from bot.domain.errors import UserError
from bot.domain.messenger import DeliveryFailed, Messenger
from bot.domain.replies import Replies
from bot.domain.usage import TOLD
from storage.spool import ReplySpool

log = logging.getLogger(__name__)

NOW_SAVED = "Good news: the message you sent me earlier is now saved. Thank you for your patience."


def store_held_replies(*, spool: ReplySpool, replies: Replies, messenger: Messenger) -> int:
    """Store every held reply; stop at the first database failure and try again next time."""
    stored = 0
    for kept in spool.pending():
        item = kept.item
        try:
            saved = replies.record_text(
                user_id=item["user_id"], text=item["text"], event_id=item.get("event_id")
            )
        except UserError as error:  # e.g. the prompt closed meanwhile: tell them, keep nothing
            spool.done(kept.token)
            _tell(messenger, item["user_id"], str(error))
            continue
        except Exception:
            log.warning(
                "the database is still unavailable; %d held replies wait", len(spool.pending())
            )
            return stored
        spool.done(kept.token)
        stored += 1
        if saved is not None:  # and how it will be used, as the usual thanks would say
            told = TOLD.get(saved.usage or "", "")
            _tell(messenger, item["user_id"], f"{NOW_SAVED} {told}".strip())
    return stored


def _tell(messenger: Messenger, user_id: str, text: str) -> None:
    try:
        messenger.send_notice(user_id, text)
    except DeliveryFailed as failure:
        log.info("could not tell a member their held reply's outcome: %s", failure.reason)
