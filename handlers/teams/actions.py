"""Card buttons (``Action.Execute``): each verb calls one use case, and the answer is the card
that replaces the pressed one, or a short message Teams shows on it.

These run off the event loop, in the adapter's pool: use cases touch the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.domain.home import build_home
from bot.domain.identity import Identity
from bot.domain.usecases.outcomes import (
    AlertShown,
    ConsentDecided,
    Refused,
    ShowConsent,
    ShowForm,
    Skipped,
    Stored,
    Told,
    UsageChosen,
)
from bot.domain.usecases.submit_form import NOT_SAVED, USAGE
from handlers.teams import cards, safeguarding_cards
from handlers.teams.feedback import SORRY, words_of

CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"
MY_ANSWERS = "my_answers"  # data["from"] on buttons of the "my answers" card


@dataclass(frozen=True)
class Answer:
    """What an ``adaptiveCard/action`` invoke answers: a card in place, or a message."""

    card: dict[str, Any] | None = None
    message: str | None = None

    def body(self) -> dict[str, Any]:
        if self.card is not None:
            return {"statusCode": 200, "type": CARD, "value": self.card}
        return {"statusCode": 200, "type": MESSAGE, "value": self.message or ""}


def _delivery(data: dict) -> int | None:
    try:
        return int(data.get("delivery"))
    except (TypeError, ValueError):
        return None


def _said(outcome) -> Answer:
    return Answer(message=words_of(outcome) or SORRY)


def _in_place(outcome) -> Answer:
    words = words_of(outcome) or SORRY
    return Answer(card=cards.notice(words))


def open_form(services: Any, who: Identity, data: dict) -> Answer:
    outcome = services.choices.open_form(who, _delivery(data))
    if isinstance(outcome, ShowForm):
        return Answer(card=cards.form(outcome.form))
    return _said(outcome)


def later(services: Any, who: Identity, data: dict) -> Answer:
    return _said(services.choices.remind_later(who, _delivery(data)))


def skip(services: Any, who: Identity, data: dict) -> Answer:
    outcome = services.choices.skip(who, _delivery(data))
    if isinstance(outcome, Skipped):
        return Answer(card=cards.skipped(outcome.day_name))
    return _said(outcome)


def opt_out(services: Any, who: Identity, data: dict) -> Answer:
    outcome = services.choices.opt_out(who)
    return _in_place(outcome) if isinstance(outcome, Told) else _said(outcome)


def save(services: Any, who: Identity, data: dict) -> Answer:
    """The answer form: a box per question (``q:<id>``) and the usage choice."""
    answers = {
        key.removeprefix(cards.QUESTION_INPUT): (str(value) if value is not None else None)
        for key, value in data.items()
        if key.startswith(cards.QUESTION_INPUT)
    }
    delivery = _delivery(data)
    outcome = services.submit_form(
        who, delivery_id=delivery, answers=answers, usage=data.get(cards.USAGE_INPUT) or None
    )
    if isinstance(outcome, Stored):
        saved = outcome.saved
        return Answer(card=cards.answered(saved.day_name, saved.delivery_id, usage=saved.usage))
    problem = outcome.text if isinstance(outcome, Refused) else NOT_SAVED
    reopened = services.choices.open_form(who, delivery)
    if not isinstance(reopened, ShowForm):
        return Answer(message=words_of(outcome) or SORRY)
    typed = {k: str(v) for k, v in data.items() if isinstance(v, str | int)}
    about_usage = isinstance(outcome, Refused) and outcome.field == USAGE
    return Answer(
        card=cards.form(reopened.form, problem=problem, about_usage=about_usage, typed=typed)
    )


def choose_usage(services: Any, who: Identity, data: dict) -> Answer:
    outcome = services.choices.choose_usage(who, _delivery(data), str(data.get("usage") or ""))
    if not isinstance(outcome, UsageChosen):
        return _said(outcome)
    if data.get("from") == MY_ANSWERS:
        return my_answers(services, who)
    return Answer(card=cards.usage_changed(outcome.delivery_id, outcome.usage))


def delete(services: Any, who: Identity, data: dict) -> Answer:
    outcome = services.choices.delete_reply(who, _delivery(data))
    if isinstance(outcome, Told):
        return my_answers(services, who, note=words_of(outcome))
    return _said(outcome)


def consent(agreed: bool) -> Callable[[Any, Identity, dict], Answer]:
    def decide(services: Any, who: Identity, data: dict) -> Answer:
        outcome = services.choices.decide_consent(who, str(data.get("version") or ""), agreed)
        if isinstance(outcome, ConsentDecided):
            return Answer(card=cards.notice(cards.consent_answered(outcome.agreed)))
        if isinstance(outcome, ShowConsent):
            return Answer(card=cards.consent(outcome.wordings[0], outcome.note))
        return _said(outcome)

    return decide


def forget(services: Any, who: Identity, data: dict) -> Answer:
    return _in_place(services.choices.forget_me(who))


def keep(services: Any, who: Identity, data: dict) -> Answer:
    return _in_place(services.choices.keep_everything(who))


def _id(data: dict, key: str) -> int | None:
    try:
        return int(data.get(key))
    except (TypeError, ValueError):
        return None


def safeguarding(decide: str) -> Callable[[Any, Identity, dict], Answer]:
    """A lead's press on their copy of an alert: the card, as it now stands, in place."""

    def press(services: Any, who: Identity, data: dict) -> Answer:
        decisions = services.safeguarding_decisions
        use_case = {
            safeguarding_cards.PUT_BACK: decisions.put_back,
            safeguarding_cards.FOLLOWING: decisions.following_up,
            safeguarding_cards.CHECK_IN: decisions.check_in,
        }[decide]
        outcome = use_case(who, _id(data, "alert"))
        if isinstance(outcome, AlertShown):
            return Answer(card=safeguarding_cards.alert(outcome.alert))
        return _said(outcome)

    return press


def check_in_answer(yes: bool) -> Callable[[Any, Identity, dict], Answer]:
    """A member's yes or no to a lead's kind check-in: the offer turns into the answer."""

    def answer(services: Any, who: Identity, data: dict) -> Answer:
        outcome = services.safeguarding_decisions.answer_check_in(who, _id(data, "check_in"), yes)
        return _in_place(outcome) if isinstance(outcome, Told) else _said(outcome)

    return answer


def my_answers(services: Any, who: Identity, note: str | None = None) -> Answer:
    page = build_home(services.store, who=who)
    return Answer(card=cards.my_answers(page, note=note))


VERBS: dict[str, Callable[[Any, Identity, dict], Answer]] = {
    cards.ANSWER: open_form,
    cards.CHANGE: open_form,
    cards.LATER: later,
    cards.SKIP: skip,
    cards.OPT_OUT: opt_out,
    cards.SAVE: save,
    cards.USAGE: choose_usage,
    cards.DELETE: delete,
    cards.CONSENT_YES: consent(True),
    cards.CONSENT_NO: consent(False),
    cards.FORGET_YES: forget,
    cards.FORGET_NO: keep,
    safeguarding_cards.PUT_BACK: safeguarding(safeguarding_cards.PUT_BACK),
    safeguarding_cards.FOLLOWING: safeguarding(safeguarding_cards.FOLLOWING),
    safeguarding_cards.CHECK_IN: safeguarding(safeguarding_cards.CHECK_IN),
    safeguarding_cards.CHECK_IN_YES: check_in_answer(True),
    safeguarding_cards.CHECK_IN_NO: check_in_answer(False),
}
UNKNOWN = "Sorry, that button didn't work. Please try the one on my latest message."


def pressed(services: Any, who: Identity, verb: str, data: dict) -> Answer:
    handler = VERBS.get(verb)
    if handler is None:
        return Answer(message=UNKNOWN)
    return handler(services, who, data if isinstance(data, dict) else {})
