"""The evaluation export: one row per answer, ready for a spreadsheet.

Each row obeys its reply's usage choice (``bot.domain.usage``): only a reply quoted by name
carries its member (by name, as facilitators know them, never by chat ID), and a reply to be
counted in the themes only keeps its theme but not its words. The role is the person's part in
the programme: patient, carer, staff, other, or facilitator. Cells that a spreadsheet would run as a formula are made inert, because reply text is
written by anyone.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from bot.domain import anonymity
from bot.domain import usage as usages
from bot.domain.filing import pieces
from bot.domain.theming import codebook_of
from bot.domain.weeks import IsoWeek
from storage import Store, queries

COLUMNS = (
    "programme", "day", "date", "iso_week", "team", "question_id", "question", "answer",
    "theme", "role", "anonymous", "member", "answered_at", "edited_at",
    "usage",  # after the others, so spreadsheets built on the earlier columns keep working
    "filed",  # how the answer came to be under its question (``filed_as``)
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: str) -> str:
    """Stop a spreadsheet from treating text like ``=HYPERLINK(...)`` as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Exported:
    content: bytes
    rows: int
    format: str


def export_rows(
    store: Store, *, programme_id: int, member_ids: Sequence[int] | None = None
) -> Iterator[dict[str, str]]:
    """The export's rows. With ``member_ids``, one person's own export (a subject access
    request): every answer they gave is there in their own words, whatever they chose for the
    digest, with their name."""
    subject = member_ids is not None
    with store.transaction() as session:
        programme = queries.programme(session, programme_id=programme_id)
        questions = {q["id"]: q["text"] for q in programme.questions}
        codebook = codebook_of(programme)
        rows = list(
            queries.export_answers(session, programme_id=programme_id, member_ids=member_ids)
        )
        floor = programme.anonymity_min_replies or anonymity.DEFAULT_FLOOR
        # Who could be behind an unnamed row: the unnamed authors of its team (and role).
        unnamed: dict[tuple, set] = defaultdict(set)
        for row in rows:
            team, participant, usage, author = row[2], row[6], row[8], row[14]
            if not usages.named(usage):
                unnamed[(team,)].add(author)
                unnamed[(team, participant)].add(author)
        for row in rows:
            (day, when, team, qid, text, theme, participant, member_role, usage, name, email,
             created, edited, _safeguarding, _author, filing) = row  # fmt: skip
            named = usages.named(usage)
            if not subject and not named and len(unnamed[(team,)]) < floor:
                team = participant = member_role = None  # a small team points at its few
            elif not subject and not named and len(unnamed[(team, participant)]) < floor:
                participant = member_role = None  # a role few share in the team points at them
            yield {
                "programme": programme.name,
                "day": day,
                "date": when.isoformat(),
                "iso_week": str(IsoWeek.of(when)),
                "team": team or "",
                "question_id": qid,
                "question": questions.get(qid, qid),
                "answer": text if subject or usages.quotable(usage) else "",
                "theme": codebook.name_of(theme) if theme in codebook.ids else "",
                "role": "facilitator" if member_role == "facilitator" else participant or "",
                "anonymous": "no" if named else "yes",
                # As a facilitator knows them: their name, never a chat ID.
                "member": (name or email or "") if named or subject else "",
                "answered_at": created.isoformat(timespec="seconds"),
                "edited_at": edited.isoformat(timespec="seconds") if edited else "",
                "usage": usage,
                "filed": filed_as(filing),
            }


def filed_as(filing: list[dict] | None) -> str:
    """How an answer came to be under its question, for the export's ``filed`` column."""
    if filing is None:
        return ""  # stored before replies were filed by their words
    if not filing:
        return "in the form"
    how = {piece.get("by") for piece in filing}
    if pieces.ASKED in how:
        return "waiting for its author to choose"
    if how == {pieces.BY_MEMBER}:
        return "by its author"
    if pieces.BY_MEMBER in how:
        return "by its words and its author"
    return "by its words"


def export_file(
    store: Store, *, programme_id: int, format: str = "csv", member_ids: Sequence[int] | None = None
) -> Exported:
    """The export as a file's bytes in ``format`` (csv or xlsx), with how many rows it holds.
    xlsx needs openpyxl (``pip install 'copro-bot[xlsx]'``): ImportError without it."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    counted = _Counted(export_rows(store, programme_id=programme_id, member_ids=member_ids))
    content = _xlsx(counted) if format == "xlsx" else _csv(counted)
    return Exported(content, counted.count, format)


def export_csv(store: Store, *, programme_id: int) -> bytes:
    return export_file(store, programme_id=programme_id).content


def export_xlsx(store: Store, *, programme_id: int) -> bytes:
    return export_file(store, programme_id=programme_id, format="xlsx").content


class _Counted:
    def __init__(self, rows: Iterator[dict[str, str]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[dict[str, str]]:
        for row in self.rows:
            self.count += 1
            yield row


def _csv(rows: Iterable[dict[str, str]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accents and emoji correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: inert(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(rows: Iterable[dict[str, str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Reflections")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([inert(row[column]) for column in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
