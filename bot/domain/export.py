"""The evaluation export: one row per answer, ready for a spreadsheet.

Each row obeys its reply's usage choice (``bot.domain.usage``): only a reply quoted by name
carries its member, and a reply to be counted in the themes only keeps its theme but not its
words. Cells that a spreadsheet would run as a formula are made inert, because reply text is
written by anyone.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator

from bot.domain import anonymity
from bot.domain import usage as usages
from bot.domain.theming import codebook_of
from bot.domain.weeks import IsoWeek
from storage import Store, queries

COLUMNS = (
    "programme", "day", "date", "iso_week", "team", "question_id", "question", "answer",
    "theme", "role", "anonymous", "member", "answered_at", "edited_at",
    "usage",  # last, so spreadsheets built on the earlier columns keep working
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: str) -> str:
    """Stop a spreadsheet from treating text like ``=HYPERLINK(...)`` as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_rows(store: Store, *, programme_id: int) -> Iterator[dict[str, str]]:
    with store.transaction() as session:
        programme = queries.programme(session, programme_id=programme_id)
        questions = {q["id"]: q["text"] for q in programme.questions}
        codebook = codebook_of(programme)
        rows = list(queries.export_answers(session, programme_id=programme_id))
        floor = programme.anonymity_min_replies or anonymity.DEFAULT_FLOOR
        # Who could be behind an unnamed row: the unnamed authors of its team (and role).
        unnamed: dict[tuple, set] = defaultdict(set)
        for _day, _when, team, *_rest, role, usage, user, _created, _edited in rows:
            if not usages.named(usage):
                unnamed[(team,)].add(user)
                unnamed[(team, role)].add(user)
        for day, when, team, qid, text, theme, role, usage, user, created, edited in rows:
            named = usages.named(usage)
            if not named and len(unnamed[(team,)]) < floor:
                team = role = None  # a small team would point at its few unnamed authors
            elif not named and len(unnamed[(team, role)]) < floor:
                role = None  # a role few share in the team would point at them
            yield {
                "programme": programme.name,
                "day": day,
                "date": when.isoformat(),
                "iso_week": str(IsoWeek.of(when)),
                "team": team or "",
                "question_id": qid,
                "question": questions.get(qid, qid),
                "answer": text if usages.quotable(usage) else "",
                "theme": codebook.name_of(theme) if theme in codebook.ids else "",
                "role": role or "",
                "anonymous": "no" if named else "yes",
                "member": (user or "") if named else "",
                "answered_at": created.isoformat(timespec="seconds"),
                "edited_at": edited.isoformat(timespec="seconds") if edited else "",
                "usage": usage,
            }


def export_csv(store: Store, *, programme_id: int) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accents and emoji correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in export_rows(store, programme_id=programme_id):
        writer.writerow({key: inert(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(store: Store, *, programme_id: int) -> bytes:
    """The same rows as a spreadsheet (needs openpyxl: ``pip install 'copro-bot[xlsx]'``)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Reflections")
    sheet.append(list(COLUMNS))
    for row in export_rows(store, programme_id=programme_id):
        sheet.append([inert(row[column]) for column in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
