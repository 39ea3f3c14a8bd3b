"""Make the training set, ``training.jsonl``: composed reflections plus hand-written ones.

    python -m tools.themes.make_training    # rewrites bot/domain/themes/training.jsonl

How it is made, so it can be remade and extended:
1. For each theme and question, ``COMPOSED_PER_THEME`` replies are composed from the clauses in
   ``fragments.CLAUSES``: one clause (sometimes two, joined as people join them), slots filled
   from ``fragments.SLOTS``, then an opener ('Honestly,', 'As a carer'), sometimes a context
   ('when we worked on the crisis plan') and a closer, all shared by every theme so that they
   teach the classifier nothing about themes.
2. Noise as people type: no capital letters, dropped apostrophes ('dont'), '&' for 'and', and
   the odd typo (a letter dropped or two swapped) in a longer word.
3. Replies that fit no theme (the room, the food, 'n/a') are composed from ``fragments.OTHER``.
4. The hand-written replies in ``handwritten.py`` are added as they are (source ``written``),
   then those in ``voices.py`` (``voices``, and ``voices-after-dev`` for those written after
   reading the development set): situations described in everyday words, without the
   codebook's own, in which the first training set was weak.
5. The development set, ``data/themes_dev.jsonl`` (``dev``): 260 replies by a separate author
   who saw only the theme names, the same author as the blind round. Its rows labelled
   ``emerging`` are replies that fit no theme. ``tools/themes/crossval.py`` measures on it with
   it (and the voices written after reading it) left out.
A fixed seed makes the file the same on every run; a test checks the shipped file is current.
The file itself ships with the bot, which trains a programme's own codebook on it; this
generator does not.
"""

from __future__ import annotations

import json
import random
import re

from bot.domain.themes.training import PATH
from tools.themes import voices
from tools.themes.fragments import CLAUSES, OTHER, SLOTS
from tools.themes.handwritten import written
from tools.themes.measure import DEV_PATH, load_labelled

SEED = 20240509
COMPOSED_PER_THEME = 110  # per theme and question
COMPOSED_OTHER = 160

OPENERS = (
    "", "", "", "", "Honestly, ", "I think ", "For me, ", "This week ", "Today ", "I'd say ",
    "To be honest ", "Again, ", "As a carer, ", "As a patient, ", "As a member of staff, ",
    "Speaking as a parent, ", "From where I sit, ", "Mainly that ", "I noticed ", "Overall, ",
    "One thing: ", "Big one for me - ", "Same as last time, ", "I guess ",
)  # fmt: skip
CONTEXTS = (
    " when we worked on {topic}", " in {session}", " while we talked about {topic}",
    ". We were looking at {topic}", " on {topic}", " during {session}",
)  # fmt: skip
CLOSERS = {
    "working": (
        "", "", "", ".", "!", " which was great", " - more of this please",
        ", it made a difference", " and it showed", ". Really positive", ", loved that",
        ". Keep it up", " :)",
    ),
    "change": (
        "", "", "", ".", " - this needs to change", ", otherwise nothing will happen",
        " going forward", " next time", ". Just my view", " please", ", if possible",
        ". Worth thinking about",
    ),
}  # fmt: skip
JOINERS = (". ", ", and ", " - ", ". Also ", ", ", ". And ")
_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random, slots: dict[str, tuple[str, ...]]) -> str:
    return _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)


def typo(word: str, rng: random.Random) -> str:
    """A slip of the thumb: one letter dropped, or two neighbours swapped."""
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def roughen(text: str, rng: random.Random) -> str:
    """Type it as people do in a chat: sometimes careless, never unreadable."""
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.2:
        text = text.replace("'", "")
    if rng.random() < 0.15:
        text = text.replace(" and ", " & ")
    if rng.random() < 0.25:
        words = text.split(" ")
        long_ones = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha()]
        if long_ones:
            i = rng.choice(long_ones)
            words[i] = typo(words[i], rng)
        text = " ".join(words)
    return text


def compose(theme: str, question: str, rng: random.Random) -> str:
    clauses = CLAUSES[theme][question]
    text = fill(rng.choice(clauses), rng, SLOTS)
    if rng.random() < 0.25:
        text += rng.choice(JOINERS) + fill(rng.choice(clauses), rng, SLOTS)
    if rng.random() < 0.2:
        text += fill(rng.choice(CONTEXTS), rng, SLOTS)
    text = fill(rng.choice(OPENERS), rng, SLOTS) + text + rng.choice(CLOSERS[question])
    return roughen(text[0].upper() + text[1:], rng)


def compose_other(question: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        text = f"{rng.choice(OTHER['thing'])} {rng.choice(OTHER['verdict'])}"
    else:
        text = rng.choice(OTHER["plain"])
    if rng.random() < 0.2:
        text = rng.choice(OPENERS) + text
    return roughen(text[0].upper() + text[1:], rng)


def training_rows() -> list[dict[str, str | None]]:
    """Every training reply as {text, question, theme, source}, in a fixed order."""
    rng = random.Random(SEED)
    rows: list[dict[str, str | None]] = []
    seen: set[tuple[str, str]] = set()

    def add(text: str, question: str, theme: str | None, source: str) -> None:
        if (text.lower(), question) not in seen:
            seen.add((text.lower(), question))
            rows.append({"text": text, "question": question, "theme": theme, "source": source})

    for theme in CLAUSES:
        for question in ("working", "change"):
            for _ in range(COMPOSED_PER_THEME):
                add(compose(theme, question, rng), question, theme, "composed")
    for _ in range(COMPOSED_OTHER):
        question = rng.choice(("working", "change"))
        add(compose_other(question, rng), question, None, "composed")
    for question, theme, text in written():
        add(text, question, theme, "written")
    before_dev = set(voices.written(after_dev=False))
    for reply in voices.written():
        question, theme, text = reply
        add(text, question, theme, "voices" if reply in before_dev else "voices-after-dev")
    for row in load_labelled(DEV_PATH):
        add(row.text, row.question, row.theme, "dev")
    return rows


def render(rows: list[dict[str, str | None]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main() -> None:
    rows = training_rows()
    PATH.write_text(render(rows), encoding="utf-8")
    print(f"wrote {len(rows)} training replies to {PATH}")


if __name__ == "__main__":
    main()
