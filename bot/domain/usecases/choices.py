"""A member pressed a choice: on a prompt (answer, skip, remind me later, I'd rather not be
asked), on a reply (how its words may be used, delete), on consent, on forget-me, or in
their settings (default usage, withdraw consent, show the consent wording)."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.consent import Consent, OutdatedWording
from bot.domain.errors import UserError
from bot.domain.identity import Identity
from bot.domain.members import Members
from bot.domain.messenger import Messenger
from bot.domain.replies import Replies
from bot.domain.usecases.guard import attempt
from bot.domain.usecases.outcomes import (
    Changed,
    ConsentDecided,
    Outcome,
    Refiled,
    ShowConsent,
    ShowForm,
    Skipped,
    Told,
    UsageChosen,
)
from bot.domain.usecases.reply_in_words import mark_answered, thanks_for
from bot.domain.wording import command
from storage.spool import ReplySpool

BUTTON_BROKEN = "Sorry, that button didn't work. Please try the one on my latest message."
SNOOZED = "Of course. I'll remind you in a few hours (never late at night)."
OPTED_OUT = (
    "Understood. I won't send you any more reflection prompts. If you change your mind, type "
    f"{command('resume')}. Thank you for everything you've shared."
)
CONSENT_SENT = "I've sent you the details in a message. Please read them there and choose."
KEPT_EVERYTHING = "Nothing was deleted. Your reflections are safe."


class Choices:
    def __init__(
        self,
        *,
        replies: Replies,
        members: Members,
        consent: Consent,
        messenger: Messenger,
        spool: ReplySpool,
        later: Callable[[Callable[[], None]], None] = lambda work: work(),
    ) -> None:
        """``later`` runs what changes the person's messages after the platform has its
        answer: a click is stored before it is acknowledged, and told about afterwards."""
        self.later = later
        self.spool = spool
        self.replies = replies
        self.members = members
        self.consent = consent
        self.messenger = messenger

    def open_form(self, who: Identity, delivery_id: int | None) -> Outcome:
        """Answer (or change an answer): the form, with any answer already given."""
        return attempt(
            "opening the answer form",
            lambda: ShowForm(self.replies.form(who=who, delivery_id=_given(delivery_id))),
        )

    def skip(self, who: Identity, delivery_id: int | None) -> Outcome:
        def work() -> Outcome:
            saved = self.replies.skip(who=who, delivery_id=_given(delivery_id))
            if saved.message_ref:
                ref = saved.message_ref
                self.later(lambda: self.messenger.mark_skipped(ref, saved.day_name))
            return Skipped(saved.day_name)

        return attempt("skipping a prompt", work)

    def remind_later(self, who: Identity, delivery_id: int | None) -> Outcome:
        def work() -> Outcome:
            self.replies.snooze(who=who, delivery_id=_given(delivery_id))
            return Told(SNOOZED)

        return attempt("snoozing a prompt", work)

    def choose_usage(
        self, who: Identity, delivery_id: int | None, usage: str, message: int | None = None
    ) -> Outcome:
        """How one reply's words may be used: by name, without a name, or themes only. With
        ``message`` (pressed on the thank-you for that plain message), the thank-you as it
        now stands comes back too, its buttons to move the words included."""

        def work() -> Outcome:
            saved = self.replies.set_usage(
                who=who, delivery_id=_given(delivery_id), usage=usage, message=message
            )
            self.later(lambda: mark_answered(self.messenger, saved))  # the prompt says it too
            thanks = thanks_for(saved, usage_changed=True) if message is not None else None
            return UsageChosen(saved.delivery_id, saved.usage or "", thanks)

        return attempt("changing how a reply may be used", work)

    def refile(
        self, who: Identity, delivery_id: int | None, message: int | None, question_id: str
    ) -> Outcome:
        """The thank-you's "Move to" (or, when asked, "which question") button: the plain
        message goes under that question, and the thank-you says where it is now."""

        def work() -> Outcome:
            if message is None:
                raise UserError(BUTTON_BROKEN)
            saved = self.replies.refile(
                who=who, delivery_id=_given(delivery_id), message=message, question_id=question_id
            )
            return Refiled(thanks_for(saved, moved=True))

        return attempt("moving a reply to another question", work)

    def opt_out(self, who: Identity) -> Outcome:
        def work() -> Outcome:
            self.members.set_paused(who=who, paused=True)
            return Told(OPTED_OUT)

        return attempt("opting out", work)

    def decide_consent(self, who: Identity, version: str, agreed: bool) -> Outcome:
        def work() -> Outcome:
            try:
                self.consent.decide(who=who, version=version, agreed=agreed)
            except OutdatedWording as outdated:
                # The new words in place of the old, so there is one thing to answer.
                return ShowConsent(tuple(self.consent.waiting(who=who)), note=str(outdated))
            return ConsentDecided(agreed)

        return attempt("consent", work)

    def show_consent(self, who: Identity) -> Outcome:
        """Send the wording they have not agreed to, to read and answer in a message."""

        def work() -> Outcome:
            # Sent before the answer, so "I've sent you the details" is only said once true.
            for wording in self.consent.waiting(who=who):
                self.messenger.send_consent_request(who.id, wording)
            return Told(CONSENT_SENT)

        return attempt("showing consent", work)

    def withdraw_consent(self, who: Identity) -> Outcome:
        return attempt("withdrawing consent", lambda: _changed(self.consent.withdraw(who=who)))

    def set_default_usage(self, who: Identity, usage: str | None) -> Outcome:
        return attempt(
            "choosing a default usage",
            lambda: _changed(self.members.set_default_usage(who=who, usage=usage)),
        )

    def delete_reply(self, who: Identity, delivery_id: int | None) -> Outcome:
        def work() -> Outcome:
            day = self.replies.delete(who=who, delivery_id=_given(delivery_id))
            return Told(f"Done. Your answer for {day} is deleted.")

        return attempt("deleting a reply", work)

    def forget_me(self, who: Identity) -> Outcome:
        """The confirmed forget-me: everything they wrote, and their details, erased."""

        def work() -> Outcome:
            erased = self.members.forget(who=who)
            # Replies still held from an outage go too: forgetting reaches everything.
            self.spool.forget(platform=who.platform, user_id=who.id)
            plural = "s" if erased.replies != 1 else ""
            return Told(
                f"Done. I've deleted everything you wrote ({erased.replies} reflection{plural}) "
                "and your details, and I won't send you prompts. If you ever want to take part "
                f"again, type {command('resume')}."
            )

        return attempt("forget-me", work)

    def keep_everything(self, who: Identity) -> Outcome:
        """Forget-me, cancelled."""
        return Told(KEPT_EVERYTHING)


def _given(delivery_id: int | None) -> int:
    if delivery_id is None:
        raise UserError(BUTTON_BROKEN)
    return delivery_id


def _changed(_: object) -> Outcome:
    return Changed()
