"""A member saved the answer form: store it, then mark the prompt answered and follow up
any sign of risk. A problem keeps the form open with the member's words in it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.domain import usage as usages
from bot.domain.errors import UserError
from bot.domain.identity import Identity
from bot.domain.messenger import Messenger
from bot.domain.replies import Replies
from bot.domain.safeguarding_alerts import SafeguardingAlerts
from bot.domain.usecases.outcomes import Outcome, Refused, Stored
from bot.domain.usecases.reply_in_words import mark_answered

log = logging.getLogger(__name__)

OUT_OF_DATE = "This form is out of date. Please close it and press Answer again."
NOT_SAVED = (
    "Sorry, I couldn't save this just now. Your words are still here; please press Save again "
    "in a minute."
)
USAGE = "usage"  # the field a problem with the usage choice belongs to


class SubmitForm:
    def __init__(
        self,
        *,
        replies: Replies,
        safeguarding: SafeguardingAlerts,
        messenger: Messenger,
        later: Callable[[Callable[[], None]], None],
    ) -> None:
        self.replies = replies
        self.safeguarding = safeguarding
        self.messenger = messenger
        self.later = later

    def __call__(
        self,
        who: Identity,
        *,
        delivery_id: int | None,
        answers: dict[str, str | None],
        usage: str | None,
        keep: set[str] = frozenset(),
    ) -> Outcome:
        """``delivery_id`` is None when the form's own record of its prompt was unreadable.
        ``keep``: questions whose answer the form could not show whole (a platform's box is
        smaller than what the member wrote); an empty box leaves those answers as they are."""
        try:
            usages.checked(usage)  # shown under the choice, not under the first question
        except UserError as error:
            return Refused(str(error), field=USAGE)
        if delivery_id is None:
            return Refused(OUT_OF_DATE)
        try:
            saved = self.replies.submit_form(
                who=who, delivery_id=delivery_id, answers=answers, usage=usage, keep=keep
            )
        except UserError as error:
            return Refused(str(error))
        except Exception:
            log.exception("saving an answer form failed")
            return Refused(NOT_SAVED)  # the form stays open with their words in it

        def follow_up() -> None:
            mark_answered(self.messenger, saved)
            self.safeguarding.follow_up(who.id, saved)

        self.later(follow_up)
        return Stored(saved)
