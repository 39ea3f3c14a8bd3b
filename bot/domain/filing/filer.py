"""Which question a plain reply answers, judged from its words; split when it answers two.

For each clause (``clauses.py``) and each question, a score from three things:

- what the clause does (praise, a wish for change, a worry, something learnt, a message for
  the people in charge), from the learned model, weighed by how much the question asks for it
  (``questions.py``, read from the question's own words);
- whether it shares the question's telling words ("I *learnt* that ...", "the *board*");
- a label the member wrote before it ("Working: ...", "Even better if: ...") or its number in a
  numbered list as long as the list of questions.

A clause is decisive when its best question leads the next by ``CLAUSE_MARGIN``. When decisive
clauses point at different questions the reply is split there (``_new_answers_only`` keeps a
reason with the answer it explains), each undecided clause going with its neighbour; a sentence
whose halves are each sure of a different question is cut at its comma first. Otherwise the
reply goes to its best question, its clauses' scores taken with its own read whole, if that
leads by ``REPLY_MARGIN``; when it does not, the member is asked (``Filing.asking``), with
``lean`` the question it sits under until they choose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.filing.boundary import boundary_features
from bot.domain.filing.clauses import Clause, clauses, trimmed
from bot.domain.filing.cues import cue_scores, denies_trouble, passes_message
from bot.domain.filing.model import IntentModel, shipped
from bot.domain.filing.questions import CHANGE, LEADERS, PRAISE, WORRY, Asked, asked, intents_of
from bot.domain.filing.text import content_stems, echo_sequence, features, tokens

CLAUSE_MARGIN = 0.2
SHORT_REPLY, UNCLEAR = 12, 0.6  # a reply of no more words, this likely to answer nothing: ask
SURE_NEW, SURE_MARGIN = 0.8, 0.1  # a join this sure splits on a smaller lead
SURE_LEAD = 0.9  # a clause this sure of its question splits whatever its join reads like
NEW_ANSWER = 0.5  # how likely a join must be to start a new answer for the reply to split there
REPLY_MARGIN = 0.05
WHOLE_REPLY = 0.5  # the share of a one-answer reply's score read from it whole, not by clauses
COMMA_LEAD = 0.6  # halves of a sentence this sure of different questions are cut at its comma
_COMMA = re.compile(r",\s+")
ECHO = 0.5  # a clause opening with a question's own words ('What got in the way was ...')
OVERLAP = 0.25  # a clause echoing them further on
FRAME = 2.0  # as strong as a label: a clause framed by the question's words ('What's working is')
ECHO_REACH = 3  # words from the start that count as its opening
BARE = 0.6  # a bare "no" or "nothing": the question answered by yes or no, or by "nothing"
LABEL = 2.0  # a label naming the question
NUMBER = 0.3  # its place in a numbered list, as long as the list of questions
TOO_FEW_WORDS = 2  # no more content words than this, and none that tells: ask
MIN_WORDS = 1  # a clause of no more content words decides only if they praise, trouble or wish
# Labels people put before an answer that are not a question's own words.
LABEL_CUES = (
    (re.compile(r"\b(bad|negatives?|cons|minus|ebi|niggles?|gripes?|downsides?|not so good"
                r"|doesn ?t|does not|don ?t|do not|didn ?t|not working|isn ?t working|not great"
                r"|less good|not good|not so great|could be better|even better|to improve|improvements?)\b"), CHANGE),
    (re.compile(r"\b(pros|plus|www|positives?|highlights?|good|great|went well)\b"), PRAISE),
)  # fmt: skip
# A clause of no more than these words says only yes, or no, or nothing.
BARE_WORDS = frozenset(
    """no nope nah none nothing not really much at all today yes yep yeah from me worries
    honestly tbh i dont think so new in particular as such that special major""".split()
)
YES = frozenset("yes yep yeah".split())
BARE_PHRASE = re.compile(
    r"^(?:no|nope|not|nothing|none)(?: really)?(?: that)? (?:i|we) (?:can|could) think of"
    r"(?: really| right now| at the moment)?$"
)
# Messages that answer nothing: "same as last time", "see Helen's reply", "will reply later".
NON_ANSWER = re.compile(
    r"^(?:(?:ok(?:ay)?|ditto|yes|yeah) )?(?:ok(?:ay)?|k|fine|ditto|as above|(?:ditto |same as |as |like |what )\w+(?: s)? said|see my (?:answer|reply|comment|message|post)(?: above| below)?|(?:i )?had to leave early|sorry i had to (?:leave|go)(?: early)?|same(?: again| here)?(?: as (?:usual|before|always"
    r"|last time|above|the others?(?: said)?|everyone(?: else)?))?|see (?:above|below"
    r"|my (?:email|message)|\w+(?: s)? (?:reply|answer|message|comment|email)|what \w+ said)"
    r"|(?:i )?agree(?:d)?(?: with (?:all of it|\w+|everything))?|thanks?(?: you)?(?: (?:so much"
    r"|again))?(?: all| everyone| both)?(?: for (?:today|everything|this|that|organising|having me|asking))?|cheers"
    r"|will (?:reply|answer|write|get back|think|have a think|come back)\b.*"
    r"|(?:i )?(?:can not|cant|ca not) (?:remember|think)\b.*|not sure(?: really)?|dunno|idk|no comment"
    r"|pass|n a|nothing to add|sorry"
    # Putting it off or passing it on: 'not sure yet', 'I'll bring it up next time', 'ring me'.
    r"|not sure (?:yet|at the moment|right now|to be honest)|(?:fine|good|ok|okay) thanks?(?: you)?"
    r"|same as (?:my|the) (?:last|previous|other|first) (?:one|message|answer|reply|time)"
    r"|i (?:will )?(?:bring|raise|mention) (?:it|this|that)\b.*"
    r"|(?:can|could) (?:you|someone|somebody) (?:ring|call|phone|email|text|message) me\b.*"
    r"|ask (?:my|the|a) (?:carer|mum|dad|mam|wife|husband|partner|son|daughter|support worker"
    r"|keyworker|key worker|worker|facilitator))$"
)


@dataclass(frozen=True)
class Part:
    """Words of a reply filed under one question: ``start``/``end`` in the reply."""

    question_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Filing:
    parts: tuple[Part, ...]  # in the reply's order; one for a reply that is not split
    asking: bool = False  # the words did not tell: ask the member which question
    lean: str | None = None  # when asking: where it sits until they choose

    @property
    def split(self) -> bool:
        return len({p.question_id for p in self.parts}) > 1

    @property
    def question_ids(self) -> list[str]:
        return list(dict.fromkeys(p.question_id for p in self.parts))


def file_words(
    text: str, questions: Sequence[tuple[str, str]], *, model: IntentModel | None = None
) -> Filing:
    """Where the words of ``text`` go among ``questions`` (``(id, text)`` in their order)."""
    model = model or shipped()
    views = asked(tuple(questions))
    if len(views) == 1:
        return Filing((Part(views[0].id, 0, len(text), text.strip()),))
    if _answers_nothing(text) or (
        len(text.split()) <= SHORT_REPLY and model.answers_nothing(text) >= UNCLEAR
    ):
        return Filing((Part(views[0].id, 0, len(text), text.strip()),), asking=True,
                      lean=views[0].id)  # fmt: skip
    found = _cut_at_commas(clauses(text), views, model)
    scored = [_scores(c, views, model, found) for c in found]
    elaborating = _elaborating(found, any(LEADERS in q.named for q in views))
    decided = [None if e else _decisive(c, s) for c, s, e in
               zip(found, scored, elaborating, strict=True)]  # fmt: skip
    decided = _new_answers_only(text, found, scored, decided, model)
    chosen = {d for d in decided if d is not None}
    if len(found) > 1 and len(chosen) > 1:
        return Filing(_parts(text, found, decided, views))
    weights = [0.0 if e else _weight(c) for c, e in zip(found, elaborating, strict=True)]
    total = [sum(s[i] * w for s, w in zip(scored, weights, strict=True)) for i in
             range(len(views))]  # fmt: skip
    mass = sum(weights) or 1.0
    total = [t / mass for t in total]
    if len(found) > 1 and not any(c.label for c in found):
        # The model learnt from whole replies as much as from parts: read this one whole too,
        # so that a reason or an aside ('Slow pace. Good', 'A break every hour. Sitting 2 hrs
        # straight is agony') is weighed with the answer it belongs to.
        reply = Clause(0, len(text), text)
        whole = _scores(reply, views, model, [reply])
        total = [(1 - WHOLE_REPLY) * t + WHOLE_REPLY * w for t, w in zip(total, whole, strict=True)]
    best, margin = _best(total)
    if _says_too_little(found, scored):
        whole = Part(views[best].id, 0, len(text), text.strip())
        return Filing((whole,), asking=True, lean=views[best].id)
    if margin >= REPLY_MARGIN:
        return Filing((Part(views[best].id, 0, len(text), text.strip()),))
    whole = Part(views[best].id, 0, len(text), text.strip())
    return Filing((whole,), asking=True, lean=views[best].id)


OWN_ANSWER = re.compile(r"\b(?:worr\w*|concern\w*|scares?|scary|bothers?|frighten\w*)\b")


def _elaborating(found: Sequence[Clause], leaders: bool) -> list[bool]:
    """Which clauses go on with a message for the people in charge within its sentence ('Let
    the board know ..., we ...'): no second answer, and not weighed. Other clauses that only
    say more about the one before are told by how their join reads (``_new_answers_only``)."""
    marks = [False]
    message = False
    for previous, clause in zip(found, found[1:], strict=False):
        said = " ".join(t for t in tokens(clause.words) if t.isalnum())
        ended = previous.text.rstrip()[-1:] in (".", "!", "?", "\u2026")
        message = leaders and not ended and (message or passes_message(previous.words))
        marks.append(clause.label is None and message and not OWN_ANSWER.search(said))
    return marks


def _new_answers_only(
    text: str, found: Sequence[Clause], scored: Sequence[list[float]],
    decided: list[int | None], model: IntentModel,
) -> list[int | None]:
    """Where the reply splits, by how its joins read (``boundary.py``). A clause pointing at
    another question than the one before splits it only when its join reads as the start of
    a new answer, or when it carries a label, the question's own words, a lead of
    ``SURE_LEAD`` ('Chairing was strong. Could tighten up the lunch break'), or follows a
    denial ('nothing stopped me, my mum drove me'); otherwise it gives the reason for what came
    before ('Could we have a break first? Everyone was flagging by 2pm'). And a join that
    surely starts a new answer splits on a smaller lead than ``CLAUSE_MARGIN``."""
    kept = list(decided)
    owner = None
    for i, clause in enumerate(found):
        if owner is None:
            owner = kept[i]
            continue
        best, margin = _best(scored[i])
        if best == owner:
            continue
        new = model.starts_answer(boundary_features(found[i - 1], clause, text))
        if kept[i] is None:
            if margin >= SURE_MARGIN and new >= SURE_NEW and len(
                    content_stems(clause.words)) >= MIN_WORDS:  # fmt: skip
                kept[i] = owner = best
            continue
        plain = not clause.label and max(scored[i]) <= 1.0 and margin < SURE_LEAD
        if plain and not denies_trouble(found[i - 1].words) and new < NEW_ANSWER:
            kept[i] = None
            continue
        owner = kept[i]
    return kept


def _cut_at_commas(
    found: Sequence[Clause], views: Sequence[Asked], model: IntentModel
) -> list[Clause]:
    """A clause whose halves either side of a comma are each sure of a different question
    ('Good chairing, poor tech.', 'Keep the check-in round, lose the icebreaker games') is two;
    a comma alone is not a join otherwise (lists, asides, 'small thing, but it matters')."""
    cut: list[Clause] = []
    for clause in found:
        best: tuple[float, Clause, Clause] | None = None
        for comma in _COMMA.finditer(clause.text):
            at = comma.start() + 1
            halves = (
                Clause(clause.start, clause.start + at, clause.text[:at], clause.label, clause.number),
                Clause(clause.start + at, clause.end, clause.text[at:], clause.label, clause.number),
            )
            if any(len(content_stems(h.words)) < 2 for h in halves):
                continue
            (first, lead), (second, other) = (_best(_scores(h, views, model, found)) for h in halves)
            sure = min(lead, other)
            if first != second and sure >= COMMA_LEAD and (best is None or sure > best[0]):
                best = (sure, *halves)
        cut += [best[1], best[2]] if best else [clause]
    return cut


def _weight(clause: Clause) -> float:
    return 1.0 + len(content_stems(clause.words))


def _scores(
    clause: Clause, views: Sequence[Asked], model: IntentModel, every: Sequence[Clause]
) -> list[float]:
    words = clause.words
    offered = {i for q in views for i in q.named}
    intents = model.intents(words, offered) if model.evidence(words) else {}
    polar = [sum(p * q.weights.get(i, 0.0) for i, p in intents.items()) for q in views]
    total = sum(polar)
    polar = [p / total for p in polar] if total > 0 else [0.0] * len(views)
    sequence = echo_sequence(words)
    scores = [p + _echo(sequence, q) for p, q in zip(polar, views, strict=True)]
    scores = [s + c for s, c in zip(scores, cue_scores(words, views), strict=True)]
    said = [t for t in tokens(words) if t.isalnum()]
    if said and (set(said) <= BARE_WORDS or BARE_PHRASE.match(" ".join(said))):
        scores = [s + BARE * b for s, b in zip(scores, _bare(said, views), strict=True)]
    if clause.label:
        scores = [s + LABEL * w for s, w in zip(scores, _label(clause.label, views), strict=True)]
    numbers = sorted({c.number for c in every if c.number is not None})
    if clause.number is not None and numbers == list(range(1, len(views) + 1)):
        scores[clause.number - 1] += NUMBER
    return scores


def _label(label: str, views: Sequence[Asked]) -> list[float]:
    """How much a label names each question: by the question's id or own words, else by
    what it asks for ('Good:' is praise)."""
    stems = content_stems(label)
    named = [1.0 if label.replace(" ", "_") == q.id or stems & q.stems else 0.0 for q in views]
    if any(named):
        return named
    if label in YES:
        return [1.0 if q.yes_no else 0.0 for q in views]
    intents = intents_of(label)
    for pattern, intent in LABEL_CUES:
        if pattern.search(label):
            intents.setdefault(intent, 1.0)
    return [min(1.0, sum(q.weights.get(i, 0.0) * w for i, w in intents.items())) for q in views]


def _echo(sequence: list[tuple[str, str | None]], question: Asked) -> float:
    """How strongly a clause echoes a question's own words: most at its opening."""
    best = 0.0
    for i, (word, negator) in enumerate(sequence):
        pair = f"{sequence[i - 1][0]}_{word}" if i else ""
        if word not in question.stems and pair not in question.pairs:
            continue
        if negator == "not" and not question.yes_no:
            continue
        framed = sequence[0][0] == "what" and 0 < i < ECHO_REACH  # 'What's working is ...'
        best = max(best, FRAME if framed else ECHO if i < ECHO_REACH else OVERLAP)
    return best


def _says_too_little(found: Sequence[Clause], scored: Sequence[list[float]]) -> bool:
    """A word or two that neither praises nor asks for anything, nor names a question ('The
    room.', 'Staffing'): whichever question it went under would be a guess."""
    words = set().union(*(content_stems(c.words) for c in found))
    if len(words) > TOO_FEW_WORDS or any(c.label for c in found):
        return False
    if any(max(s) > 1.0 for s in scored):  # an echo of a question, or a bare 'no'
        return False
    telling = {f for c in found for f in features(c.words) if f.startswith(("@", "~@"))}
    return not telling


# A short message that points elsewhere for its answer: 'Ditto what Bernie said in the group
# chat', 'see what I put on the form', 'like I said last month really'.
ELSEWHERE = re.compile(
    r"\b(?:ditto|see (?:earlier|above|below|before)|(?:what|as|like) (?:i|we|\w+) (?:said|put|wrote"
    r"|mentioned|posted)|(?:said|put|wrote|mentioned) (?:earlier|before|above|last time"
    r"|in the (?:room|group|chat|form|meeting))|(?:my|the) (?:earlier|previous|last|other) "
    r"(?:message|answer|reply|post|comment|email)|will (?:message|reply|write|answer|send)"
    r"(?: \w+)? later|where do i (?:start|begin)|hard to say)\b"
)


def _answers_nothing(text: str) -> bool:
    """Whether every sentence of the message answers nothing ('ok', 'see Helen's reply')."""
    if not re.search(r"[^\W_]", text):  # a lone '👍' acknowledges the prompt; it answers nothing
        return True
    said = [" ".join(t for t in tokens(piece) if t.isalnum()) for piece in
            re.split(r"[.,;!?\n]+", text)]  # fmt: skip
    said = [s for s in said if s]
    if not said or all(NON_ANSWER.match(s) for s in said):
        return True
    whole = " ".join(said)
    # Longer than a short reply, a message says something of its own as well.
    return len(whole.split()) <= SHORT_REPLY and bool(ELSEWHERE.search(whole))


def _bare(said: list[str], views: Sequence[Asked]) -> list[float]:
    """A bare 'yes' or 'no' answers the question asked for yes or no; a bare 'nothing' also
    a question about what went wrong or worries ('What got in the way?' 'Nothing really')."""
    yes_no = [1.0 if q.yes_no else 0.0 for q in views]
    if any(yes_no) or set(said) & YES:
        return yes_no
    negative = [1.0 if q.named & {CHANGE, WORRY} else 0.0 for q in views]
    return negative if sum(negative) == 1 else [0.0] * len(views)


def _best(scores: Sequence[float]) -> tuple[int, float]:
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    margin = scores[order[0]] - scores[order[1]] if len(order) > 1 else scores[order[0]]
    return order[0], margin


def _decisive(clause: Clause, scores: list[float]) -> int | None:
    best, margin = _best(scores)
    # A label, an echo of the question or a bare 'no' is enough on its own.
    stems = content_stems(clause.words)
    enough = (
        clause.label is not None
        or len(stems) > MIN_WORDS
        or (len(stems) == MIN_WORDS and _telling(clause))
        or max(scores) > 1.0
    )
    return best if enough and margin >= CLAUSE_MARGIN else None


def _telling(clause: Clause) -> bool:
    """Whether a clause's words praise, trouble, wish, worry or learn (the lexicon's groups):
    'The food' names a topic and no more, whatever the model leans to."""
    return any(f.startswith(("@", "~@", "^@")) for f in features(clause.words))


def _parts(
    text: str, found: Sequence[Clause], decided: Sequence[int | None], views: Sequence[Asked]
) -> tuple[Part, ...]:
    """Each undecided clause goes with the decided one before it (or, at the start, after it);
    neighbouring clauses with the same question make one part."""
    owners: list[int] = []
    for i, d in enumerate(decided):
        if d is None:
            d = owners[-1] if owners else next(x for x in decided[i:] if x is not None)
        owners.append(d)
    parts: list[Part] = []
    run_start = 0
    for i in range(1, len(found) + 1):
        if i == len(found) or owners[i] != owners[run_start]:
            start, end = found[run_start].start, found[i - 1].end
            words = trimmed(text[start:end])
            if words:  # where the words themselves start and end, connectives left out
                start = text.index(words, start)
                parts.append(Part(views[owners[run_start]].id, start, start + len(words), words))
            run_start = i
    return tuple(parts)
