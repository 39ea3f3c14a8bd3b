"""Members answering a prompt: by form, by plain reply, by skipping; and changing an answer.

An answer can change until the digest for its week has been posted; after that the digest
people have read stays true to what is stored. So can the member's choice of how their words
may be used (``bot.domain.usage``): a new reply starts with the member's default, which is the
most private choice unless they said otherwise.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import usage as usages
from bot.domain.clock import Clock
from bot.domain.errors import NotAMember, UserError
from bot.domain.identity import Identity
from bot.domain.messenger import Question
from bot.domain.safeguarding import URGENT, assess
from bot.domain.safeguarding_review import reopen
from bot.domain.theming import tag
from bot.domain.weeks import IsoWeek
from storage import Session, Store, queries
from storage.models import Answer, PromptDelivery, Reply

SNOOZE = timedelta(hours=3)
NOT_FOUND = "I couldn't find that reflection. It may have been deleted."
# The most we keep from one message or box: more than any chat platform lets a person send
# (Slack's ceiling is 40,000 characters), so nothing a person sent is ever refused as long.
MAX_ANSWER_CHARS = 40_000


@dataclass(frozen=True)
class AnswerForm:
    """What the answer form needs: the questions, and any answer already given."""

    delivery_id: int
    day_name: str
    questions: tuple[Question, ...]
    answers: dict[str, str]
    usage: str  # the reply's choice when editing, else the member's default


@dataclass(frozen=True)
class Saved:
    delivery_id: int
    day_name: str
    edited: bool
    message_ref: str | None  # the prompt's message, for its adapter to update
    usage: str | None = None  # how the words may be used; None when there is no reply
    question: str | None = None  # the question a plain reply was filed under
    next_question: str | None = None  # what they might answer next
    safeguarding: str | None = None  # "urgent" / "check_in": signs of risk, follow up at once
    final: bool = False  # its week's digest is out: neither words nor usage can change now


def clean_text(text: str) -> str:
    """Drop control characters (keeping line breaks and tabs) and surrounding space.

    Format characters stay as written: a zero-width joiner holds an emoji such as a woman
    health worker together, a non-joiner spells Persian words right. What could mislead a
    reader (bidirectional overrides) is neutralised where the text is shown, not here.
    """
    kept = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return kept.strip()


class Replies:
    def __init__(self, *, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def form(self, *, who: Identity, delivery_id: int) -> AnswerForm:
        with self.store.transaction() as session:
            delivery = self._own_delivery(session, who, delivery_id)
            self._check_changeable(session, delivery)
            reply = delivery.reply
            return AnswerForm(
                delivery_id=delivery.id,
                day_name=delivery.day.name,
                questions=_questions(delivery),
                answers={a.question_id: a.text for a in reply.answers} if reply else {},
                usage=usages.or_most_private(
                    reply.usage if reply else delivery.member.default_usage
                ),
            )

    def submit_form(
        self,
        *,
        who: Identity,
        delivery_id: int,
        answers: dict[str, str | None],
        usage: str | None = None,
        keep: set[str] = frozenset(),
    ) -> Saved:
        """Save the form. A missing ``usage`` is the most private choice; an unknown one is
        refused before anything is stored."""
        usage = usages.checked(usage)
        # A box left empty for an answer the form could not show is not a wish to delete it.
        cleaned = {
            qid: clean_text(text or "")
            for qid, text in answers.items()
            if (text or "").strip() or qid not in keep
        }
        if not any(cleaned.values()) and not keep:
            raise UserError(
                "Please write something in at least one box, or choose “Skip this time”."
            )
        if any(len(text) > MAX_ANSWER_CHARS for text in cleaned.values()):
            raise UserError("That answer is longer than I can keep; please shorten it a little.")
        with self.store.transaction() as session:
            delivery = self._own_delivery(session, who, delivery_id)
            self._check_changeable(session, delivery)
            known = {q.id for q in _questions(delivery)}
            reply, edited = self._reply_for(session, delivery, source="form")
            usages.apply(reply, usage)
            by_question = {a.question_id: a for a in reply.answers}
            for qid, text in cleaned.items():
                if qid not in known:
                    continue
                if text and qid in by_question:
                    by_question[qid].text = text
                    tag(by_question[qid], delivery.day.programme)
                elif text:
                    answer = Answer(question_id=qid, text=text)
                    tag(answer, delivery.day.programme)
                    reply.answers.append(answer)
                elif qid in by_question:  # emptied on purpose while editing
                    reply.answers.remove(by_question[qid])
            return self._saved(delivery, edited, safeguarding=_assess(reply))

    def record_text(
        self,
        *,
        who: Identity,
        text: str,
        event_id: str | None,
        received_at: datetime | None = None,
    ) -> Saved | None:
        """File a plain reply under the member's latest prompt (with ``received_at``, the
        latest sent by then: a reply held during an outage keeps the prompt it answered).

        Returns None when this event was handled before (the platform retried it). A plain
        reply fills the questions in order; once all have an answer, more text is added to the
        last one. Replies to one prompt that arrive together take turns, so none is lost.
        """
        text = clean_text(text)
        if not text:
            raise UserError("I couldn't see any words in that message. Could you try again?")
        if len(text) > MAX_ANSWER_CHARS:
            raise UserError("That message is longer than I can keep; please send it in parts.")
        with self.store.transaction() as session:
            if event_id and not queries.claim_event(
                session, event_id=event_id, now=self.clock.now()
            ):
                return None
            member = queries.member_for_user(session, platform=who.platform, external_id=who.id)
            if member is None:
                raise NotAMember()
            latest = queries.latest_delivery(
                session,
                member_id=member.id,
                states=("sent", "answered", "skipped"),
                sent_before=received_at,
            )
            if latest is None:
                raise UserError(
                    "Thank you! There's no reflection open for you just now, so I haven't saved "
                    "this. I'll message you after the next programme day."
                )
            queries.lock_delivery(session, delivery_id=latest.id)
            delivery = queries.delivery(session, delivery_id=latest.id)
            self._check_changeable(session, delivery)
            reply, edited = self._reply_for(session, delivery, source="text")
            questions = _questions(delivery)
            answered = {a.question_id: a for a in reply.answers}
            unanswered = [q for q in questions if q.id not in answered]
            if unanswered:
                question = unanswered[0]
                answer = Answer(question_id=question.id, text=text)
                tag(answer, delivery.day.programme)
                reply.answers.append(answer)
                following = unanswered[1].text if len(unanswered) > 1 else None
            else:
                question = questions[-1]
                answered[question.id].text += "\n\n" + text
                tag(answered[question.id], delivery.day.programme)
                following = None
            return self._saved(
                delivery, edited, question=question.text, next_question=following,
                safeguarding=_assess(reply),
                # A late reply cannot change once saved, its usage choice included.
                final=not edited and digest_shared(session, delivery),
            )  # fmt: skip

    def set_usage(self, *, who: Identity, delivery_id: int, usage: str) -> Saved:
        """Change how the words of a reply may be used, until its week's digest is shared."""
        usage = usages.checked(usage)
        with self.store.transaction() as session:
            delivery = self._own_delivery(session, who, delivery_id)
            if delivery.reply is None:  # skipped or not answered: there are no words to use
                raise UserError(NOT_FOUND)
            self._check_changeable(session, delivery)
            usages.apply(delivery.reply, usage)
            return self._saved(delivery, edited=True)

    def skip(self, *, who: Identity, delivery_id: int) -> Saved:
        with self.store.transaction() as session:
            delivery = self._own_delivery(session, who, delivery_id)
            if delivery.reply is not None:
                raise UserError("You've already answered this one, so there's nothing to skip.")
            delivery.state = "skipped"
            delivery.answered_at = self.clock.now()
            return self._saved(delivery, edited=False)

    def snooze(self, *, who: Identity, delivery_id: int) -> datetime:
        """ "Remind me later": one gentle reminder after ``SNOOZE`` (moved out of quiet hours)."""
        with self.store.transaction() as session:
            delivery = self._own_delivery(session, who, delivery_id)
            if delivery.state != "sent":
                raise UserError(
                    "You've already answered or skipped this one, so there's nothing to snooze."
                )
            delivery.snoozed_until = self.clock.now() + SNOOZE
            return delivery.snoozed_until

    def delete(self, *, who: Identity, delivery_id: int) -> str:
        """Delete the member's reply to one prompt, whenever they ask; returns the day's name.

        A digest already shared cannot be unsent, but the reply leaves the store, the export
        and every later digest. The prompt counts as skipped from then on.
        """
        with self.store.transaction() as session:
            delivery = self._own_delivery(session, who, delivery_id)
            if delivery.reply is None:
                raise UserError("There's no answer to delete for that day.")
            if digest_shared(session, delivery):
                # The digest quoted it: the words go, but no new answer may take their place.
                delivery.withdrawn_at = self.clock.now()
            queries.erase_reply(session, reply_id=delivery.reply.id)
            session.expire(delivery, ["reply"])
            delivery.state = "skipped"
            return delivery.day.name

    def _own_delivery(self, session: Session, who: Identity, delivery_id: int) -> PromptDelivery:
        delivery = queries.delivery(session, delivery_id=delivery_id)
        # Someone else's prompt gets the same answer as a missing one: it reveals nothing.
        if delivery is None or delivery.member.identity_on(who.platform) != who.id:
            raise UserError(NOT_FOUND)
        return delivery

    def _check_changeable(self, session: Session, delivery: PromptDelivery) -> None:
        if delivery.reply is None and delivery.withdrawn_at is None:
            return  # a first answer, even a late one, is always welcome
        if digest_shared(session, delivery):
            raise UserError(
                f"The digest for {delivery.day.name} has already been shared, so your answer can't "
                "be changed now. Thank you for it!"
            )

    def _reply_for(
        self, session: Session, delivery: PromptDelivery, *, source: str
    ) -> tuple[Reply, bool]:
        now = self.clock.now()
        if delivery.reply is not None:
            delivery.reply.edited_at = now
            return delivery.reply, True
        reply = Reply(delivery_id=delivery.id, source=source, created_at=now, answers=[])
        # The member's default; a form then applies its own choice.
        usages.apply(reply, usages.or_most_private(delivery.member.default_usage))
        session.add(reply)
        delivery.reply = reply
        delivery.state = "answered"
        delivery.answered_at = now
        return reply, False

    @staticmethod
    def _saved(delivery: PromptDelivery, edited: bool, **extra: str | bool | None) -> Saved:
        return Saved(
            delivery_id=delivery.id,
            day_name=delivery.day.name,
            edited=edited,
            message_ref=delivery.message_ref,
            usage=delivery.reply.usage if delivery.reply else None,
            **extra,
        )


def digest_shared(session: Session, delivery: PromptDelivery) -> bool:
    """Whether the digest for this delivery's week (and team) has been posted: its answers,
    and how they may be used, are then final."""
    week = IsoWeek.of(delivery.day.date)
    return queries.digest_posted(
        session,
        programme_id=delivery.day.programme_id,
        iso_year=week.year,
        iso_week=week.week,
        team_id=delivery.member.team_id,
    )


def _assess(reply: Reply) -> str | None:
    """Look for signs of risk across the whole reply. Once flagged, a reply stays flagged
    (an edit does not clear it): a person trained in safeguarding decides, not the detector.
    When a lead has decided and the new words raise nothing, nothing more is said; new words
    that are flagged again are for a lead to decide afresh."""
    found = assess("\n".join(answer.text for answer in reply.answers))
    if found.flagged:
        if reply.safeguarding != URGENT:
            reply.safeguarding = found.severity
        if reply.safeguarding_decision is not None:
            reopen(reply)
        return reply.safeguarding
    if reply.safeguarding_decision is not None:
        return None
    return reply.safeguarding


def _questions(delivery: PromptDelivery) -> tuple[Question, ...]:
    return tuple(Question(q["id"], q["text"]) for q in delivery.day.programme.questions)
