"""Someone asked for a command by name: the same verbs on every platform.

Facilitator-only commands (status, digest, export) are refused here, before anything else
is read, with words that reveal nothing about the programme.
"""

from __future__ import annotations

from bot.domain.addresses import not_reachable
from bot.domain.clock import Clock
from bot.domain.consent import Consent
from bot.domain.digests import DigestRequest, Digests
from bot.domain.documents import document_for, word_file
from bot.domain.errors import NotAMember, UserError
from bot.domain.export import export_csv
from bot.domain.identity import Identity
from bot.domain.members import Members, away_until
from bot.domain.messenger import FileToSend, Messenger
from bot.domain.status import build_status
from bot.domain.usecases.guard import attempt
from bot.domain.usecases.outcomes import (
    ConfirmForget,
    DigestPosted,
    Help,
    Outcome,
    ShowConsent,
    Status,
    Told,
    Working,
)
from bot.domain.wording import command
from storage import Store

FORGET_WORDS = {"forget-me", "forgetme", "forget"}
EXPORT_NOTE = (
    "Every reply so far, one row per answer, with its day, team, question, theme and role. "
    "Answers that may not be quoted show their theme only, and only named answers show who "
    "wrote them. Please keep this file safe."
)
DIGEST_SENT = "I've sent you the digest in a direct message."
WORD_SENT = "I've sent you the digest as a Word document in a direct message."
EXPORT_SENT = "I've sent you the export (a CSV file) in a direct message."
BACK = "Welcome back! You'll get a reflection prompt after the next programme day."


class Commands:
    def __init__(
        self,
        *,
        store: Store,
        clock: Clock,
        messenger: Messenger,
        members: Members,
        consent: Consent,
        digests: Digests,
    ) -> None:
        self.store = store
        self.clock = clock
        self.messenger = messenger
        self.members = members
        self.consent = consent
        self.digests = digests

    def __call__(self, who: Identity, words: list[str]) -> Outcome:
        """``words`` as typed after the command's name: ``["digest", "post", "19"]``."""
        verb = words[0].lower() if words else "help"
        return attempt(f"the {verb} command", lambda: self._run(who, verb, words[1:]))

    def _run(self, who: Identity, verb: str, rest: list[str]) -> Outcome:
        if verb == "help":
            return Help(facilitator=self.is_facilitator(who))
        if verb == "pause":
            changed = self.members.set_paused(who=who, paused=True)
            return Told(
                "Done: I won't send you reflection prompts. Type "
                f"{command('resume')} whenever you'd like them again."
                if changed
                else f"You're already paused. Type {command('resume')} to restart."
            )
        if verb == "resume":
            changed = self.members.set_paused(who=who, paused=False)
            waiting = self.consent.waiting(who=who)
            if waiting:  # resuming without consent would still send nothing: ask for it here
                return ShowConsent(tuple(waiting[:1]))
            return Told(BACK if changed else "You're already getting prompts; nothing to change.")
        if verb == "consent":
            waiting = self.consent.waiting(who=who)
            if waiting:
                return ShowConsent(tuple(waiting[:1]))
            return Told(
                f"You've agreed to take part. To stop, type {command('pause')}. To delete what "
                f"you've written, type {command('forget-me')}."
            )
        if verb == "away":
            until = away_until(rest[0] if rest else "", self.clock.now().date())
            self.members.set_away(who=who, until=until)
            return Told(
                "Enjoy your time away. I won't send you anything about programme days up to "
                f"{until:%A %d %B %Y}. Type {command('back')} if you return sooner."
            )
        if verb == "back":
            self.members.set_away(who=who, until=None)
            return Told(BACK)
        if verb in FORGET_WORDS:
            if not self.members.is_member(who=who):
                raise NotAMember()
            return ConfirmForget()
        if verb == "status":
            facilitator = self.members.facilitator(who=who)
            days = build_status(self.store, programme_id=facilitator.programme_id)
            with self.store.transaction() as session:
                unreachable = not_reachable(
                    session, programme_id=facilitator.programme_id, platform=who.platform
                )
            return Status(facilitator.programme, tuple(days), tuple(unreachable))
        if verb == "digest":
            return self._digest(who, rest)
        if verb == "export":
            return self._export(who)
        return Help(facilitator=False, unknown=verb)

    def is_facilitator(self, who: Identity) -> bool:
        try:
            self.members.facilitator(who=who)
            return True
        except UserError:
            return False

    def _digest(self, who: Identity, words: list[str]) -> Outcome:
        facilitator = self.members.facilitator(who=who)  # refuses before anything else
        request = self.digests.parse(facilitator, words)  # a bad week is told at once

        def finish() -> Outcome:
            if request.post:
                digest, channel = self.digests.post(facilitator, request)
                return DigestPosted(digest.week.label(), channel)
            if request.document:
                self.send_word_file(who, request)
                return Told(WORD_SENT)
            self.send_digest(who, request)
            return Told(DIGEST_SENT)

        return Working("Putting the digest together…", lambda: attempt("digest", finish))

    def _export(self, who: Identity) -> Outcome:
        self.members.facilitator(who=who)  # refuses before anything else

        def finish() -> Outcome:
            self.send_export(who)
            return Told(EXPORT_SENT)

        return Working("Preparing the export…", lambda: attempt("export", finish))

    def send_digest(self, who: Identity, request: DigestRequest | None = None) -> None:
        """The digest (this week's, unless ``request`` says otherwise) to the facilitator alone."""
        facilitator = self.members.facilitator(who=who)
        request = request or self.digests.parse(facilitator, [])
        digest = self.digests.build(facilitator, request)
        self.messenger.post_digest(who.id, digest, document=document_for(digest))

    def send_word_file(self, who: Identity, request: DigestRequest) -> None:
        """The digest as a Word document, to the facilitator alone."""
        facilitator = self.members.facilitator(who=who)
        self.messenger.send_file(who.id, word_file(self.digests.build(facilitator, request)))

    def send_export(self, who: Identity) -> None:
        facilitator = self.members.facilitator(who=who)
        content = export_csv(self.store, programme_id=facilitator.programme_id)
        self.messenger.send_file(
            who.id,
            FileToSend(
                content=content, filename="reflections.csv", title="Reflections export",
                note=EXPORT_NOTE,
            ),
        )  # fmt: skip
