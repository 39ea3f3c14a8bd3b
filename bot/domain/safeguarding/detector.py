"""Does a reply show signs of distress or risk? Rules over normalised text, then checks.

A rule's match counts unless the words around it show it is not about the member's own safety:
a service ("the crisis team was brilliant"), people in general ("how we support people who
self-harm"), a thing ("I can't cope with the slides"), a denial ("I'm not suicidal"), or a
subject that cannot hurt anyone ("this programme is killing me"). Past risk told as a recovery
story ("I used to feel suicidal but the group helped") is still flagged, as a check-in rather
than urgent: the member has disclosed something a trained person should decide about, and
a missed crisis is worse than a false alarm.

Before any of that, sentences of fiction or of staff describing their work are set aside
(``frames``), unless something in them is about the member.

Then ``sentinel`` casts a wider net over the same text, for the many ways of saying it that no
rule knows; what it alone finds is usually a check-in. Last, ``learned`` (a model of the
labelled replies) hears what neither knows how to say; it counts only when none of the checks
for ordinary replies applies (figures of speech, services, people in general, denials, jokes,
good news with no sign of risk), and what it alone finds is a check-in unless it is sure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.safeguarding import frames, learned, sentinel
from bot.domain.safeguarding import lexicon as lx
from bot.domain.safeguarding.normalise import normalise
from bot.domain.safeguarding.rules import (
    ABUSE,
    ABUSE_OR_DV,
    CATEGORIES,
    CHECK_IN,
    CRISIS,
    DOMESTIC_VIOLENCE,
    RULES,
    URGENT,
    Rule,
)

NONE = "none"
_RANK = {NONE: 0, CHECK_IN: 1, URGENT: 2}
MAX_MATCHED = 6  # enough for the alert; the alert shows the reply itself
MAX_PHRASE = 60
# The learned tier's thresholds, chosen by leaving each tuning part out of training in turn
# (see tools/safeguarding/data/README.md): a model-only flag from LEARNED_AT, urgent from
# LEARNED_URGENT_AT.
LEARNED_AT = 0.4
LEARNED_URGENT_AT = 0.9
LEARNED_JOKING_AT = 0.8  # "I was losing the will to live lol" needs more to go on


@dataclass(frozen=True)
class Assessment:
    flagged: bool
    categories: tuple[str, ...]
    severity: str  # "none", "check_in" (a human decides, soon) or "urgent" (act today)
    matched: tuple[str, ...]  # short phrases that raised the flag, for the facilitator alert


NOT_FLAGGED = Assessment(False, (), NONE, ())

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
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


def assess(text: str) -> Assessment:
    """Assess one reply. Deterministic, offline, and cheap enough to run on every reply."""
    plain = frames.set_aside(normalise(text))  # fiction, staff describing their work
    whole = sentinel.FIGURES.sub(" ", plain)  # figures of speech are never signs
    hits: list[tuple[int, str, str, str]] = []  # (position, category, severity, phrase)
    for sentence_match in _SENTENCE.finditer(whole):
        sentence = sentence_match.group(0)
        for rule in RULES:
            for match in rule.pattern.finditer(sentence):
                judged = _judge(rule, sentence, match, whole)
                if judged is not None:
                    category, severity = judged
                    phrase = match.group(0).strip()[:MAX_PHRASE]
                    hits.append(
                        (sentence_match.start() + match.start(), category, severity, phrase)
                    )
    hits.sort()
    severity = max((s for _, _, s, _ in hits), default=NONE, key=_RANK.__getitem__)
    if len({p for _, _, s, p in hits if s == CHECK_IN}) >= 2 and not _told_as_past(whole, 0):
        severity = URGENT  # several signs together say more than each does alone
    categories = [category for _, category, _, _ in hits]
    phrases = [phrase for _, _, _, phrase in hits]

    signs = sentinel.scan(whole)  # the wide net, for what the rules do not know how to say
    if signs.score >= sentinel.FLAG_AT:
        wide = URGENT if signs.score >= sentinel.URGENT_AT else CHECK_IN
        severity = max(severity, wide, key=_RANK.__getitem__)
        if not categories:  # the rules' categories are more exact when they have any
            categories += signs.categories
        phrases += [p[:MAX_PHRASE] for p in signs.phrases if not any(p in q for q in phrases)]
    if severity == NONE:
        heard = _learned(plain, signs)
        if heard is None:
            return NOT_FLAGGED
        severity, learned_phrases = heard
        categories += signs.categories or [CRISIS]
        phrases += learned_phrases
    return Assessment(
        flagged=True,
        categories=tuple(c for c in CATEGORIES if c in categories),
        severity=severity,
        matched=tuple(dict.fromkeys(phrases))[:MAX_MATCHED],
    )


def _learned(plain: str, signs: sentinel.Signs) -> tuple[str, list[str]] | None:
    """The learned tier's severity and the words it heard, or None when it does not count."""
    text = learned.readable(plain)
    if not learned.enough_words(text):
        return None
    clauses = [c.group(0) for c in sentinel.CLAUSES.finditer(text)]
    if not any(sentinel.PERSONAL.search(c) or not sentinel.GENERAL.search(c) for c in clauses):
        return None  # only people in general or services: "someone says they're suicidal"
    if lx.DENIAL.search(text) or lx.ABOUT_THINGS_ONLY.search(text):
        return None  # "I'm not suicidal, just tired", "I don't see the point in the new form"
    if not signs.phrases and (lx.RECOVERY.search(text) or sentinel.REASSURED.search(text)):
        return None  # good news with no word of risk: "feeling much better since the group"
    model = learned.model()
    probability = model.probability(text)
    joking = bool(lx.JOKING.search(text))
    if probability < (LEARNED_JOKING_AT if joking else LEARNED_AT):
        return None
    urgent = probability >= LEARNED_URGENT_AT and not joking and not _told_as_past(text, 0)
    return (URGENT if urgent else CHECK_IN), model.strongest(text)


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
