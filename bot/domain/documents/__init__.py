"""The digest as a document: plain text, Markdown, HTML or Word, written from one outline
(``outline.py``) so every format says the same, and no more than the digest in chat.

These know no chat platform; the command line, the weekly e-mail and the chat adapters (for
the Word file in a digest's thread) all use them.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.domain.chart import Picture
from bot.domain.digest import Digest
from bot.domain.messenger import FileToSend
from bot.domain.wording import command

FORMATS = ("text", "markdown", "html", "docx")
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".docx": "docx",
}  # fmt: skip
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "docx": ".docx"}
WORD_NOTE = (
    "The digest as a Word document, to share with managers or a board. It holds what the "
    "digest shows here, and no more."
)

# Shown, these make text read differently from what it is (bidirectional overrides); and
# control characters have no place in a document (Word refuses them outright).
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """User-written text fit to show in any document (then escaped by each format)."""
    return _HIDDEN.sub("", text)


def format_of(path: str | Path) -> str | None:
    """The format a file's name asks for, by its ending; None when it names none we write."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def render(digest: Digest, format: str, *, picture: Picture | None = None) -> bytes:
    """The digest in ``format`` (one of ``FORMATS``), as the bytes of a file."""
    from bot.domain.documents.outline import outline

    doc = outline(digest, picture=picture)
    if format == "text":
        from bot.domain.documents.text import write_text

        return write_text(doc).encode("utf-8")
    if format == "markdown":
        from bot.domain.documents.markdown import write_markdown

        return write_markdown(doc).encode("utf-8")
    if format == "html":
        from bot.domain.documents.html import write_html

        return write_html(doc).encode("utf-8")
    if format == "docx":
        from bot.domain.documents.docx import write_docx

        return write_docx(doc)
    raise ValueError(f"unknown document format {format!r}")


def filename_for(digest: Digest, format: str) -> str:
    """``reflections-2024-W19.docx``; a range or a team says so in the name."""
    span = str(digest.week)
    if digest.last_week and digest.last_week != digest.week:
        span += f"-to-{digest.last_week}"
    team = ""
    if digest.team_filter:
        team = "-" + re.sub(r"[^a-z0-9]+", "-", digest.team_filter.lower()).strip("-")
    return f"reflections-{span}{team}{SUFFIXES[format]}"


def word_file(digest: Digest, *, picture: Picture | None = None) -> FileToSend:
    """The digest's Word document, ready to go with it in chat."""
    return FileToSend(
        content=render(digest, "docx", picture=picture),
        filename=filename_for(digest, "docx"),
        title=digest.title,
        note=WORD_NOTE,
    )


def document_for(digest: Digest) -> FileToSend | None:
    """The Word file to go with a digest in chat; None when it has nothing to share."""
    return word_file(digest) if digest.has_replies else None


def word_words(digest: Digest) -> str:
    """The command's words that ask for this digest as a Word file: ``digest word 2024-W19``."""
    span = str(digest.week)
    if digest.last_week and digest.last_week != digest.week:
        span += f"..{digest.last_week}"
    team = f" {digest.team_filter}" if digest.team_filter else ""
    return f"digest word {span}{team}"


def ask_for_word(digest: Digest) -> str:
    """Where the Word file cannot go with the digest: how to ask for it."""
    return f"For this digest as a Word document, send me {command(word_words(digest))}."
