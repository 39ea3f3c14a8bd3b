"""The digest outline as Markdown (CommonMark and GitHub's tables), every user text escaped,
the chart inline as a PNG with its text alternative."""

from __future__ import annotations

import base64
import re

from bot.domain.documents import clean
from bot.domain.documents.outline import (
    Figure,
    Heading,
    Outline,
    Paragraph,
    Quoted,
    Table,
    attribution,
)

# Characters that could make text into markup: escaped with a backslash wherever they are.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
# At the start of a line these would begin a list, a heading's underline or a quote.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)


def escape(text: str) -> str:
    """Text shown as written: nothing in it becomes a link, a heading, emphasis or HTML."""
    return _LINE_START.sub(
        lambda m: m.group(1) + "\\" + m.group(2), _SPECIAL.sub(r"\\\1", clean(text))
    )


def _lines(text: str, prefix: str = "") -> str:
    """Each line of the text, escaped, as a line of its own (no reflowing into one)."""
    lines = [escape(line) for line in clean(text).splitlines() if line.strip()] or [""]
    return "\n".join(
        prefix + line + ("  " if i < len(lines) - 1 else "") for i, line in enumerate(lines)
    )


def write_markdown(doc: Outline) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + escape(" ".join(block.text.split())))
        elif isinstance(block, Paragraph):
            words = _lines(block.text)
            if block.kind in ("aim", "note"):
                words = f"_{words}_"
            elif block.kind == "theme":
                words = f"**{words}**"
            out.append(words)
        elif isinstance(block, Quoted):
            quoted = _lines(f"“{block.text}”", "> ")
            if attribution(block):
                quoted += "\n>\n> " + escape(attribution(block))
            out.append(quoted)
        elif isinstance(block, Table):
            rows = [block.header, *block.rows]
            cells = [
                "| " + " | ".join(escape(" ".join(c.split())) for c in row) + " |" for row in rows
            ]
            cells.insert(1, "|" + "|".join(" --- " for _ in block.header) + "|")
            out.append(f"_{escape(block.caption)}_\n\n" + "\n".join(cells))
        elif isinstance(block, Figure):
            picture = block.picture
            data = base64.b64encode(picture.png).decode("ascii")
            alt = escape(" ".join(picture.alt_text.split()))
            out.append(f"![{alt}](data:image/png;base64,{data})\n\n_{escape(picture.title)}_")
    return "\n\n".join(out) + "\n"
