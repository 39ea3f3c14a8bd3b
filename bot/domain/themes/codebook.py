"""The codebook: the themes a programme looks for, each a name and a few describing words.

A programme file may set its own; otherwise replies are sorted into ``DEFAULT_CODEBOOK``, the
themes from this programme's own reflections. A theme keeps its id when the programme reuses it,
so a programme that lists ``id: time-capacity`` still gets everything learnt for that theme.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

THEME_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
SPEC_KEYS = ("id", "name", "words")


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    words: tuple[str, ...]  # describing words and example phrases, as people would say them


@dataclass(frozen=True)
class Codebook:
    themes: tuple[Theme, ...]

    def __post_init__(self) -> None:
        ids = [t.id for t in self.themes]
        if len(set(ids)) != len(ids):
            raise ValueError(f"theme ids must be unique, got {ids}")

    def __iter__(self) -> Iterator[Theme]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def get(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def name_of(self, theme_id: str | None) -> str:
        theme = self.get(theme_id) if theme_id else None
        return theme.name if theme else "Other"


def _theme(theme_id: str, name: str, words: str) -> Theme:
    return Theme(theme_id, name, tuple(w.strip() for w in words.split(";") if w.strip()))


DEFAULT_CODEBOOK = Codebook(
    (
        _theme(
            "right-people",
            "Involving the right people, not just the usual voices",
            "the right people in the room; not just the usual voices; the same faces; "
            "seldom heard groups; who is missing; lived experience; diverse voices; "
            "invite patients and carers; reach out to communities; young people; "
            "recruit new members",
        ),
        _theme(
            "buy-in",
            "Service buy-in and support from managers",
            "support from managers; manager backing; senior leaders on board; buy-in; "
            "sign-off; permission; leadership; champion; director; commissioners; "
            "tick box exercise; taken seriously",
        ),
        _theme(
            "time-capacity",
            "Time and capacity",
            "time; capacity; workload; busy; short staffed; stretched; protected time; "
            "rota; caseload; pressures; no time to prepare; rushed",
        ),
        _theme(
            "system-change",
            "The wider health and care system is slow to change",
            "slow to change; bureaucracy; red tape; governance; approval; policy; "
            "IT systems; processes; hierarchy; the NHS system; health and social care; "
            "takes months",
        ),
        _theme(
            "funding",
            "Funding and recognising people's time",
            "funding; budget; payment; paid for their time; vouchers; expenses; travel costs; "
            "reimbursed; money; recognition; thanked; valued for their time",
        ),
        _theme(
            "accessibility",
            "Accessibility and inclusion",
            "accessible; inclusion; easy read; plain English; jargon; interpreter; "
            "wheelchair access; venue; online or in person; hearing loop; large print; "
            "timing of meetings; childcare",
        ),
        _theme(
            "relationships-trust",
            "Relationships and trust",
            "trust; relationships; listened to; heard; respect; honest; open; "
            "safe space; rapport; getting to know each other; feeling valued; kindness",
        ),
        _theme(
            "assets",
            "Assets: what people bring",
            "assets; strengths; skills; talents; lived experience as expertise; "
            "what people bring; knowledge; experts by experience; what people can do",
        ),
        _theme(
            "catalysts",
            "Catalysts: making change happen",
            "catalysts; making things happen; momentum; action; ideas into action; "
            "trying things out; test of change; taking the lead; seeing change; next steps",
        ),
        _theme(
            "mutuality",
            "Mutuality: give and take",
            "mutuality; give and take; reciprocity; two way; learning from each other; "
            "both sides benefit; shared responsibility; partnership; giving something back",
        ),
        _theme(
            "blurring-roles",
            "Blurring roles between staff and people who use services",
            "blurring roles; no us and them; equals; leave job titles at the door; "
            "no hierarchy in the room; patients leading; co-facilitating; "
            "professionals and patients as one group",
        ),
        _theme(
            "networks",
            "Networks: connecting people and groups",
            "networks; peer support; connections; community groups; linking up; "
            "meeting others in the same situation; sharing across teams; friendships; "
            "voluntary sector",
        ),
    )
)


class CodebookError(ValueError):
    """Every problem found in a codebook spec, one per line, each naming the theme entry."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the themes are not right:\n" + "\n".join(f"  - {p}" for p in problems))


def slug(name: str) -> str:
    """'Time and capacity' -> 'time-and-capacity'; the id a theme gets when none is given."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    text = "-".join(words)[:40].strip("-")
    return text if text and text[0].isalpha() else f"theme-{text}".strip("-")


def codebook_from_spec(spec: Any) -> Codebook:
    """A codebook from the programme file's ``themes:`` list of ``{id?, name, words}``."""
    if not isinstance(spec, list) or not spec:
        raise CodebookError(
            ["themes must be a list, each theme with a name and words, for example "
             "[{name: Waiting times, words: [waiting, delays, queue]}]"]
        )  # fmt: skip
    problems: list[str] = []
    themes: list[Theme] = []
    first_entry: dict[str, str] = {}
    for number, entry in enumerate(spec, start=1):
        where = f"theme {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where} should be a mapping with a name and words, not {entry!r}")
            continue
        name = entry.get("name")
        if isinstance(name, str) and name.strip():
            where = f"theme {number} ({name.strip()!r})"
        unknown = sorted(str(k) for k in entry if k not in SPEC_KEYS)
        if unknown:
            problems.append(
                f"{where}: unknown key {', '.join(unknown)}; a theme has id, name and words"
            )
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: needs a name, for example name: Waiting times")
            continue
        words = entry.get("words")
        if isinstance(words, str):
            problems.append(
                f"{where}: words should be a list, for example words: [waiting, delays]"
            )
            continue
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            problems.append(
                f"{where}: words should be a list of a few describing words or phrases, "
                "none of them empty"
            )
            continue
        theme_id = entry.get("id", slug(name))
        if not isinstance(theme_id, str) or not THEME_ID.match(theme_id):
            problems.append(
                f"{where}: id {theme_id!r} should be lower-case letters, digits and dashes, "
                "starting with a letter, at most 40 characters"
            )
            continue
        if theme_id in first_entry:
            problems.append(f"{where}: id {theme_id!r} is already used by {first_entry[theme_id]}")
            continue
        first_entry[theme_id] = where
        themes.append(Theme(theme_id, name.strip(), tuple(w.strip() for w in words)))
    if problems:
        raise CodebookError(problems)
    return Codebook(tuple(themes))


def codebook_fingerprint(codebook: Codebook) -> str:
    """The codebook as canonical JSON: ids, names and words, in order."""
    return json.dumps(
        [[t.id, t.name, list(t.words)] for t in codebook], ensure_ascii=False, separators=(",", ":")
    )
