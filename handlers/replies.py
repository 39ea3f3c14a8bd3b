"""Shared by listeners: turning a saved reply into what the member sees, and failing kindly."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.errors import UserError
from bot.domain.replies import Saved
from handlers import blocks

log = logging.getLogger(__name__)

SORRY = (
    "Sorry, that didn't work on my side. Nothing you wrote has been lost; please try again in a "
    "few minutes, and tell a facilitator if it keeps happening."
)


def mark_answered(client: WebClient, saved: Saved) -> None:
    """Turn the prompt message into a thank-you, saying how the words may be used, with a
    "Change my answer" button."""
    if saved.channel and saved.message_ts:
        try:
            client.chat_update(
                channel=saved.channel,
                ts=saved.message_ts,
                **blocks.answered_message(saved.day_name, saved.delivery_id, usage=saved.usage),
            )
        except SlackApiError as error:  # the thank-you is a courtesy; the answer is stored
            log.info("could not update the prompt message: %s", error.response.get("error"))


@contextmanager
def kindly(tell: Callable[[str], object], what: str) -> Iterator[None]:
    """Show a user's own mistake in their words; log anything else and say sorry."""
    try:
        yield
    except UserError as error:
        tell(str(error))
    except Exception:
        log.exception("%s failed", what)
        tell(SORRY)
