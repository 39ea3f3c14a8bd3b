"""A reply cut into the clauses that might answer different questions.

People answering two questions at once mark the join: a contrast ("the buddy system works,
but papers come too late"; "however"; "although ..., ..."), a new sentence or line, a semicolon,
or a label ("Working: ...", "Change - ...", "Went well: ...", "Even better if: ..."). Each clause
keeps its place in the reply (``start``, ``end``), so parts can be put back together exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A contrast inside a sentence: the clause after it may answer another question.
_CONTRAST = re.compile(
    r"(?:,|\s)\s*(?:but|however|although|though|whereas|whilst|except that|on the other hand"
    r"|that said|having said that|apart from that|other than that|saying that"
    r"|the only (?:thing|problem|downside|issue)|only thing|my only|the downside"
    r"|everything else|otherwise|the rest (?:was|is|were))\b",
    re.IGNORECASE,
)
_AFTER_COMMA = re.compile(
    r",\s*(?:while|yet|and yet|still|even so|which (?:is|was|makes|made|means|feels)|maybe"
    r"|perhaps|next time|would be|it would|it'?d|could we|can we|we need|need|please|if only"
    r"|i wish|wish|i'?d)\b",
    re.IGNORECASE,
)
# Within a sentence, an 'and' that opens a worry or a message for the board: a new answer.
_NEW_ANSWER = re.compile(
    r"(?:,\s*|\s+)(?:and\s+|but\s+|so\s+)?(?=(?:i['’]?m|i am|im|we['’]?re|we are) (?:really |a bit |"
    r"quite |very )?(?:worried|concerned|scared|nervous|anxious)\b|(?:which|that|this|it) (?:really )?"
    r"(?:worries|concerns|scares|frightens) (?:me|us)\b|the board (?:needs?|should|must|ought)\b"
    r"|(?:they|leaders|managers|the bosses) (?:need|needs|should|must) to (?:know|hear|see)\b"
    r"|tell the (?:board|boss|bosses|leaders|managers)\b)"
    # 'The panel is brilliant and should be at every meeting': praise, then a wish.
    r"|\s+(?:and|but)\s+(?=(?:it |they |we |that )?(?:should|could|needs? to|must) (?:be|have|come|go"
    r"|happen|get|do|run|start|stay)\b)",
    re.IGNORECASE,
)
# A label in the middle of a line ('Change - more parents Working - the parents ...'): a new
# sentence, so the label is read as one.
_INLINE_LABEL = (
    r"|\s+(?=(?:Working|Works|Change|Changes|Good|Bad|Positives?|Negatives?|Pros|Cons|Went well"
    r"|Even better(?: if)?|Better|Learn(?:ed|t)|Worr(?:ied|ies)|Board|Helped|Barriers"
    r"|Differently)\s?(?::|\s[-–—])\s)"
)
# An emoji or a slash between words ends a sentence as a full stop does: 'the people are
# lovely the room is not 😂 so cramped', 'priya chairing well / bleep going off constantly'.
_EMOJI_OR_SLASH = r"|(?<=[\u2600-\u27bf\U0001f300-\U0001faff])\ufe0f?\s+(?=\w)|\s+/\s+"
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"'”’)]*\s+|\s*;\s*" + _EMOJI_OR_SLASH + _INLINE_LABEL
)
_DASH = re.compile(r"\s+[-–—]{1,2}\s+(?=[A-Za-z])")
_OPENING_CONCESSION = re.compile(
    r"^\s*(?:although|though|while|whilst|even though)\b[^,]*,", re.IGNORECASE
)
# "Nothing wrong with the content, it's the timing": a denial, then the answer that matters.
_OPENING_DENIAL = re.compile(
    r"^\s*(?:honestly |to be honest |tbh )?(?:there (?:was|is|s|'s) )?(?:nothing|no problems?"
    r"|no issues?|no complaints?|no barriers?|nobody|no one)\b[^,]{0,60},",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·–—>]+|\(?\d{1,2}[.):]|\(?[a-c][.)])\s*")
_NUMBERED = re.compile(r"^\s*\(?(\d{1,2})[.):]\s*")
# A label at the start of a line or sentence: a few words, then a colon or a dash.
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z' /&+]{0,40}?)\s*(:|\s[-–—]\s|-\s)\s*")
LEADING = re.compile(
    r"^(?:[\s,;:./\-–—]|\b(?:but|however|although|though|whereas|whilst|and|also|plus|so|yet"
    r"|that said|having said that|on the other hand|apart from that|other than that"
    r"|saying that|except that|still|even so)\b)+",
    re.IGNORECASE,
)
ONE_SENTENCE_LABELS = frozenset("yes yeah yep no nope nah".split())
TRAILING = re.compile(r"[\s,;:\-–—]+$")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str  # as written, between start and end
    label: str | None = None  # the label it was written under ("working", "even better if")
    number: int | None = None  # its number, in a numbered list ("1.", "2)")

    @property
    def words(self) -> str:
        """Its words without the connective that opened it or its label."""
        return trimmed(self.text)


def trimmed(text: str) -> str:
    return TRAILING.sub("", LEADING.sub("", text)).strip()


def clauses(text: str) -> list[Clause]:
    """The clauses of a reply in order; a reply with no join is one clause."""
    found: list[Clause] = []
    label: str | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        start, body = offset, line.rstrip("\r\n")
        offset += len(line)
        if not body.strip():
            continue
        number = None
        numbered = _NUMBERED.match(body)
        if numbered:
            number = int(numbered.group(1))
        bullet = _BULLET.match(body)
        if bullet:
            start, body = start + bullet.end(), body[bullet.end() :]
        for sentence_start, sentence in _pieces(body, _SENTENCE_END):
            named = _LABEL.match(sentence)
            if named and _looks_like_label(named.group(1), colon=named.group(2) == ":"):
                label = named.group(1).strip().lower()
                sentence_start += named.end()
                sentence = sentence[named.end() :]
            for part_start, part in _contrasts(sentence):
                at = start + sentence_start + part_start
                if trimmed(part):
                    found.append(Clause(at, at + len(part), part, label, number))
                elif found and part.strip():  # a word left over ('..., though.'): keep it
                    last = found[-1]
                    found[-1] = Clause(last.start, at + len(part), text[last.start : at + len(part)],
                                       last.label, last.number)  # fmt: skip
            if label in ONE_SENTENCE_LABELS:  # "Yes - ..." answers with its sentence only
                label = None
    return found or [Clause(0, len(text), text)]


def _pieces(text: str, separator: re.Pattern) -> list[tuple[int, str]]:
    """``text`` cut before each separator match (the separator stays with what follows)."""
    cuts = [0] + [m.start() for m in separator.finditer(text) if 0 < m.start() < len(text)]
    cuts.append(len(text))
    return [(a, text[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]


def _contrasts(sentence: str) -> list[tuple[int, str]]:
    cuts = {m.start() for m in _CONTRAST.finditer(sentence)}
    cuts |= {m.start() for m in _AFTER_COMMA.finditer(sentence)}
    cuts |= {m.start() for m in _DASH.finditer(sentence)}
    cuts |= {m.start() for m in _NEW_ANSWER.finditer(sentence)}
    denial = _OPENING_DENIAL.match(sentence)
    if denial:
        cuts.add(denial.end() - 1)
    opening = _OPENING_CONCESSION.match(sentence)
    if opening:  # "Although the room was nice, nobody listened": two clauses
        cuts = {c for c in cuts if c >= opening.end() or c == 0} | {opening.end() - 1}
    points = sorted(c for c in cuts if 0 < c < len(sentence))
    bounds = [0, *points, len(sentence)]
    return [(a, sentence[a:b]) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


def _looks_like_label(words: str, *, colon: bool) -> bool:
    """A label is short and is not the start of a sentence ('I think: ...' is not one); one
    followed by a dash is shorter still ('The food was great - ...' is a sentence)."""
    parts = words.split()
    if not 0 < len(parts) <= (4 if colon else 2):
        return False
    return parts[0].lower() not in {"i", "we", "it", "they", "you", "the", "this", "that", "my"}
