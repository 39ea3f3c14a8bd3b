"""What a reply shows, before anything is decided: rule matches, the wide net's signs, and
the checks for ordinary replies. ``detector`` weighs it; ``tools.safeguarding.train`` learns from it.

A rule's match counts unless the words around it show it is not about the member's own safety:
a service ("the crisis team was brilliant"), people in general ("how we support people who
self-harm"), a thing ("I can't cope with the slides"), a denial ("I'm not suicidal"), or a
subject that cannot hurt anyone ("this programme is killing me"). Past risk told as a recovery
story ("I used to feel suicidal but the group helped") still counts, as a check-in rather
than urgent: the member has disclosed something a trained person should decide about.

Before any of that, sentences of fiction or of staff describing their work are set aside
(``frames``), unless something in them is about the member. Then ``sentinel`` casts a wider
net over the same text, for the many ways of saying it that no rule knows.

Nothing here decides on its own except a plain rule for present risk ("I want to kill myself",
"he hits me"): that is ``Evidence.sure``. Everything else is a signal for the learned tier,
which was trained on what these signals and the words said in every labelled reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.safeguarding import frames, sentinel
from bot.domain.safeguarding import lexicon as lx
from bot.domain.safeguarding.normalise import normalise
from bot.domain.safeguarding.rules import (
    ABUSE,
    ABUSE_OR_DV,
    CHECK_IN,
    DOMESTIC_VIOLENCE,
    RULES,
    URGENT,
    Rule,
)

NONE = "none"
RANK = {NONE: 0, CHECK_IN: 1, URGENT: 2}
MAX_PHRASE = 60
MIN_WORDS = 3  # "my laptop died again" less its figure of speech is "again": too little to judge


@dataclass(frozen=True)
class Hit:
    """One rule's match that counted."""

    position: int
    category: str
    severity: str
    phrase: str
    keyword: bool  # a bare keyword ("suicidal", "crisis"): a sign, not a statement of risk
    plain: bool  # a statement of present risk in so many words ("I want to kill myself")


@dataclass(frozen=True)
class Evidence:
    hits: tuple[Hit, ...]
    signs: sentinel.Signs
    readable: str  # what the learned tier reads: figures of speech and services taken out
    aside: bool  # a sentence of fiction or of staff describing their work was set aside
    joking: bool
    past: bool  # told as a recovery story, with nothing to say the risk is back
    ordinary: str  # why the learned tier may not flag this alone ("" when it may)

    @property
    def sure(self) -> bool:
        """A plain rule for present risk matched: flagged whatever the learned tier says."""
        return any(hit.plain for hit in self.hits)

    def signals(self) -> tuple[str, ...]:
        """The evidence as named features for the learned tier, in a fixed order."""
        named = [f"@rule:{h.severity}{':keyword' if h.keyword else ''}" for h in self.hits]
        if self.signs.score:
            named.append(f"@wide:{min(self.signs.score, 5)}")
        named += [f"@cue:{phrase}" for phrase in self.signs.phrases]
        if self.ordinary:
            named.append(f"@ordinary:{self.ordinary}")
        named += [name for name, on in (("@aside", self.aside), ("@joking", self.joking),
                                       ("@past", self.past)) if on]  # fmt: skip
        return tuple(dict.fromkeys(named))


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_SEARCH_WHOLE_FIRST = tuple(
    not re.search(r"\$|\^|\(\?[=!<]", rule.pattern.pattern) for rule in RULES
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\bbut\b|\s-\s")
_SELF_SUBJECT = frozenset({"i", "i'm", "i'll", "i'd", "i've"})
_PERSON_SUBJECT = re.compile(
    rf"^(?:he|she|they|he's|she's|he'd|she'd|he'll|she'll|they've|they'd|they'll|they're"
    rf"|someone|somebody|man|woman|men|people|staff|lads|girls|boys|{lx.PERSON_NOUNS})$"
)
# Subjects that hit or kill only in figures of speech: "that video hit me hard".
_THING_SUBJECT = re.compile(
    r"^(?:it|it's|that|this|which|what|reality|news|video|talk|story|film|words|comment"
    r"|comments|silence|everything|programme|paperwork|deadline|deadlines|work|job|commute"
    r"|traffic|stairs|chairs|feet|back|admin|forms|meetings|rota|weather|heat|cold)$"
)
_KILL = re.compile(r"^kill")
_NO_ONE = re.compile(r"^(?:nobody|nobody's|no one|no one's|no one is)$")


def examine(text: str) -> Evidence:
    """Everything the tiers see in one reply. Deterministic, offline, and cheap."""
    normalised = normalise(text)
    plain = frames.set_aside(normalised)  # fiction, staff describing their work
    whole = sentinel.FIGURES.sub(" ", plain)  # figures of speech are never signs
    hits: list[Hit] = []
    # A rule with no anchor or lookaround that finds nothing in the whole text finds nothing in
    # any of its sentences: one search instead of one a sentence (most rules, most replies).
    rules = [
        r
        for r, first in zip(RULES, _SEARCH_WHOLE_FIRST, strict=True)
        if not first or r.pattern.search(whole)
    ]
    for sentence_match in _SENTENCE.finditer(whole):
        sentence = sentence_match.group(0)
        for rule in rules:
            for match in rule.pattern.finditer(sentence):
                judged = _judge(rule, sentence, match, whole)
                if judged is not None:
                    category, severity = judged
                    hits.append(
                        Hit(
                            position=sentence_match.start() + match.start(),
                            category=category,
                            severity=severity,
                            phrase=match.group(0).strip()[:MAX_PHRASE],
                            keyword=rule.framed,
                            plain=rule.severity == URGENT
                            and (not rule.framed or _said_of_oneself(sentence, match)),
                        )
                    )
    hits.sort(key=lambda hit: hit.position)
    signs = sentinel.scan(whole)  # the wide net, for what the rules do not know how to say
    text_read = readable(plain) if whole != plain else sentinel.SERVICES.sub(" ", plain)
    return Evidence(
        hits=tuple(hits),
        signs=signs,
        readable=text_read,
        aside=plain != normalised,
        joking=bool(lx.JOKING.search(normalised)),
        past=_told_as_past(text_read, 0),
        ordinary=_ordinary(text_read, signs),
    )


def readable(plain: str) -> str:
    """What the learned tier reads: no sentence with a figure of speech in it, no service names.

    A sentence that holds "dying to see" or "killing me with paperwork" is hyperbole as a whole:
    blanking only the figure would leave "again" or "I'm going to" for the model to misread.
    """
    kept = [
        s.group(0) for s in _SENTENCE.finditer(plain) if not sentinel.FIGURES.search(s.group(0))
    ]
    return sentinel.SERVICES.sub(" ", " ".join(kept))


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _ordinary(text: str, signs: sentinel.Signs) -> str:
    """Why a reply reads as ordinary to the checks, or "" when none of them applies."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return "short"
    clauses = [c.group(0) for c in sentinel.CLAUSES.finditer(text)]
    if not any(sentinel.PERSONAL.search(c) or not sentinel.GENERAL.search(c) for c in clauses):
        return "general"  # only people in general or services: "someone says they're suicidal"
    if lx.DENIAL.search(text) or lx.ABOUT_THINGS_ONLY.search(text):
        return "denial"  # "I'm not suicidal, just tired", "I don't see the point in the new form"
    if not signs.phrases and (lx.RECOVERY.search(text) or sentinel.REASSURED.search(text)):
        return "recovery"  # good news with no word of risk: "feeling much better since the group"
    return ""


def _judge(rule: Rule, sentence: str, match: re.Match[str], whole: str) -> tuple[str, str] | None:
    """The category and severity this match stands for, or None when it does not count."""
    clause_start, clause_end = _clause(sentence, match)
    before = sentence[clause_start : match.start()]
    after = sentence[match.end() : clause_end]
    if rule.unless is not None and rule.unless.search(sentence):
        return None
    if rule.about_things and _about_a_thing(after):
        return None
    if rule.framed and not _about_the_member(sentence, match, before, after):
        return None
    if rule.not_self and _last_words(before, 4) & _SELF_SUBJECT:
        return None
    category = rule.category
    if rule.perpetrator:
        if not _a_person_does_it(before, match.group(0)):
            return None
    if category == ABUSE_OR_DV:
        category = _abuse_or_domestic(whole, before)

    severity = rule.severity
    if rule.negatable:
        window = before[-30:] + " " + match.group(0)
        if lx.NEGATION.search(window):
            if lx.HEDGE.search(window):
                severity = CHECK_IN
            elif lx.RECOVERED_NEGATION.search(window + after):
                severity = CHECK_IN
            else:
                return None
    if severity == URGENT and _told_as_past(sentence, match.end()):
        severity = CHECK_IN
    if severity == URGENT and lx.JOKING.search(whole):
        severity = CHECK_IN  # still flagged: a joke about dying can be a way of saying it
    return category, severity


def _clause(sentence: str, match: re.Match[str]) -> tuple[int, int]:
    start = 0
    for brk in _CLAUSE_BREAK.finditer(sentence, 0, match.start()):
        start = brk.end()
    following = _CLAUSE_BREAK.search(sentence, match.end())
    return start, following.start() if following else len(sentence)


def _last_words(text: str, count: int) -> set[str]:
    return set(text.split()[-count:])


def _about_a_thing(after: str) -> bool:
    """'can't cope with the slides': a thing follows, and not one that is itself distress."""
    return bool(lx.ABOUT_THINGS.match(after)) and not lx.PERSONAL_THINGS.search(after[:40])


def _said_of_oneself(sentence: str, match: re.Match[str]) -> bool:
    """A keyword with the member as its subject, close before it: "I've not been safe",
    "I'm suicidal again". Said so plainly, it is a statement of risk, not a topic."""
    clause_start, _ = _clause(sentence, match)
    window = " ".join(sentence[clause_start : match.start()].split()[-4:])
    return bool(_SUBJECT_SELF.search(window)) and not lx.GENERIC_RE.search(window)


_SUBJECT_SELF = re.compile(r"\b(?:i|i'm|i've|i'd|i am|i was|i feel|i felt)\b")


def _about_the_member(sentence: str, match: re.Match[str], before: str, after: str) -> bool:
    """A keyword ("suicidal", "crisis", "self harm") about the member, not a service or topic."""
    if lx.SERVICE_AFTER.match(sentence[match.end() :]):
        return False
    if lx.SERVICE_BEFORE.search(sentence[: match.start()]):
        return False
    window = " ".join(before.split()[-6:])
    last_self = max((m.end() for m in lx.FIRST_PERSON_RE.finditer(window)), default=-1)
    last_generic = max((m.end() for m in lx.GENERIC_RE.finditer(window)), default=-1)
    if last_generic > last_self:
        return False  # "people who self-harm", "I think we talked about self-harm"
    if last_self >= 0:
        return True
    following = " ".join(after.split()[:6])
    if lx.GENERIC_RE.search(following) and not lx.FIRST_PERSON_RE.search(following):
        return False  # "self-harm in young people was discussed"
    return True  # nothing says it is about others: a bare "suicidal again" is the member's


def _a_person_does_it(before: str, matched: str) -> bool:
    """'he hits me' counts; 'that video hit me hard' and 'the deadline is killing us' do not."""
    kill = bool(_KILL.match(matched))
    if kill and lx.WORK_ROLES_RE.search(" ".join(before.split()[-6:])):
        return False  # "my manager will kill me if I miss another session"
    words = before.split()[-6:]
    for index in range(len(words) - 1, -1, -1):
        word = words[index].strip("\"'()")
        pair = " ".join(words[index : index + 2])
        if _NO_ONE.match(word) or _NO_ONE.match(" ".join(words[max(0, index - 1) : index + 1])):
            return False  # "no one's hurting me, I was late because of the buses"
        if word in _SELF_SUBJECT:
            return False  # the member is the one acting: harm to others has its own rule
        if _THING_SUBJECT.match(word):
            return False
        if _PERSON_SUBJECT.match(word) or _PERSON_SUBJECT.match(pair):
            return True
    return not kill  # "kill" needs someone who could do it; other verbs are taken as meant


def _abuse_or_domestic(whole: str, before: str) -> str:
    if lx.PARTNER_RE.search(whole):
        return DOMESTIC_VIOLENCE
    words = before.split()[-4:]
    if ("he" in words or "she" in words) and not re.search(
        rf"\b(?:{lx.FAMILY}|{lx.OTHERS_CLOSE})\b", whole
    ):
        return DOMESTIC_VIOLENCE
    return ABUSE


def _told_as_past(sentence: str, end: int) -> bool:
    """A recovery story, with nothing in the sentence to say the risk is back.

    Past-time words count anywhere in the sentence; recovery words only after the match, as
    in a story: "the session helped, but I want to die" is not a recovery story.
    """
    if not (lx.PAST.search(sentence) or lx.RECOVERY.search(sentence, end)):
        return False
    return not lx.CURRENT.search(lx.NEVER_AGAIN.sub(" ", sentence))
