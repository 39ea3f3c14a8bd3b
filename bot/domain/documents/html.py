"""The digest outline as one self-contained, accessible HTML page.

Real headings, a ``lang``, a viewport for phones, no fixed widths, dark text on white (at
least 7:1), the rates as a table with a caption and headers, and the chart inline as a PNG
``data:`` URI with its text alternative. Every text is escaped. ``image_src`` lets the e-mail
point the chart at an attached part (``cid:``) instead, as many mail programs block data URIs.
"""

from __future__ import annotations

import base64
from html import escape as _escape

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

LANG = "en-GB"
STYLE = """
body { margin: 0; background: #ffffff; color: #1a1a1a; font: 1.05rem/1.55 system-ui,
  -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid #1d5fa8; }
h3 { font-size: 1.15rem; margin: 1.75rem 0 0.25rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
p { margin: 0.4rem 0; }
.aim { font-style: italic; }
.note { color: #3d3d3d; font-size: 0.95rem; }
.theme { font-weight: 600; margin-top: 0.9rem; }
blockquote { margin: 0.4rem 0 0.6rem; padding: 0.25rem 0 0.25rem 0.9rem;
  border-left: 4px solid #1d5fa8; }
blockquote p { margin: 0; }
.who { color: #3d3d3d; font-size: 0.95rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem;
  border-bottom: 1px solid #8a8a8a; overflow-wrap: anywhere; }
figure { margin: 0.5rem 0; }
img { max-width: 100%; height: auto; }
figcaption { color: #3d3d3d; font-size: 0.95rem; }
"""


def escape(text: str) -> str:
    return _escape(clean(text), quote=True)


def _lines(text: str) -> str:
    """Escaped, each line of the text kept as a line."""
    return "<br>".join(escape(line) for line in clean(text).splitlines() if line.strip())


def write_html(doc: Outline, *, image_src: str | None = None) -> str:
    body: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            body.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            kind = f' class="{block.kind}"' if block.kind != "body" else ""
            body.append(f"<p{kind}>{_lines(block.text)}</p>")
        elif isinstance(block, Quoted):
            who = attribution(block)
            footer = f'<p class="who">{escape(who)}</p>' if who else ""
            body.append(f"<blockquote><p>“{_lines(block.text)}”</p>{footer}</blockquote>")
        elif isinstance(block, Table):
            head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in block.header)
            rows = "".join(
                f'<tr><th scope="row">{escape(row[0])}</th>'
                + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
                + "</tr>"
                for row in block.rows
            )
            body.append(
                f"<table><caption>{escape(block.caption)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            )
        elif isinstance(block, Figure):
            picture = block.picture
            src = image_src or "data:image/png;base64," + base64.b64encode(picture.png).decode()
            body.append(
                f'<figure><img src="{escape(src)}" alt="{escape(picture.alt_text)}">'
                f"<figcaption>{escape(picture.title)}</figcaption></figure>"
            )
    content = "\n".join(body)
    return (
        f'<!DOCTYPE html>\n<html lang="{LANG}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{content}\n</main>\n</body>\n</html>\n"
    )
