"""The digest outline as plain text: underlined headings, indented quotes, lines of 88."""

from __future__ import annotations

import textwrap

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

WIDTH = 88


def _fill(text: str, indent: str = "") -> list[str]:
    lines = []
    for line in clean(text).splitlines() or [""]:
        lines += textwrap.wrap(
            line, WIDTH, initial_indent=indent, subsequent_indent=indent,
            break_long_words=False, break_on_hyphens=False,
        ) or [indent.rstrip()]  # fmt: skip
    return lines


def write_text(doc: Outline) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            words = clean(block.text)
            if out:
                out.append("")
            if block.level == 1:
                out += [words, "=" * len(words)]
            elif block.level == 2:
                out += [words, "-" * len(words)]
            elif block.level == 3:
                out.append(f"== {words} ==")
            else:
                out.append(f"-- {words}")
        elif isinstance(block, Paragraph):
            indent = {"theme": "  ", "note": "  "}.get(block.kind, "")
            out += _fill(block.text if block.kind != "aim" else f"Aim: {block.text}", indent)
        elif isinstance(block, Quoted):
            out += _fill(f"“{block.text}”", "    ")
            if attribution(block):
                out += _fill(attribution(block), "      ")
        elif isinstance(block, Table):
            out += _fill(block.caption + ":")
            for row in block.rows:
                out += _fill(": ".join(row), "  ")
        elif isinstance(block, Figure):
            out += _fill(f"Chart. {block.picture.alt_text}")
    return "\n".join(out) + "\n"
