"""The digest outline as a Word document (python-docx): Word's own heading styles, so the
navigation pane and screen readers find the structure; the rates as a table with a header
row and a caption; the chart as a picture with its text alternative (``descr``); A4, British
English. It opens in Word and in LibreOffice."""

from __future__ import annotations

import io

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
HEADING_INK = (0x1F, 0x3A, 0x5F)  # a dark blue: 11:1 on white, readable printed in grey
NOTE_INK = (0x3D, 0x3D, 0x3D)


def write_docx(doc: Outline) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    _page(document, Cm)
    _styles(document, OxmlElement, qn, RGBColor)
    properties = document.core_properties
    properties.title = clean(doc.title)
    properties.subject = "Reflections digest"
    properties.author = "copro-bot"
    properties.language = LANG
    properties.keywords = "co-production, reflections, digest"
    width = _text_width(document)
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(clean(block.text), level=min(max(block.level, 1), 9))
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(clean(block.text))
            if block.kind == "aim":
                run.italic = True
            elif block.kind == "theme":
                run.bold = True
                paragraph.paragraph_format.space_before = Pt(8)
                paragraph.paragraph_format.keep_with_next = True
            elif block.kind == "note":
                run.font.size = Pt(10)
                run.font.color.rgb = RGBColor(*NOTE_INK)
        elif isinstance(block, Quoted):
            quote = document.add_paragraph(f"“{clean(block.text)}”", style="Quote")
            who = attribution(block)
            if who:  # the attribution right under its quote, on the same page
                quote.paragraph_format.keep_with_next = True
                quote.paragraph_format.space_after = Pt(0)
                line = document.add_paragraph(style="Quote")
                line.paragraph_format.space_before = Pt(0)
                line.add_run(clean(who)).italic = False
        elif isinstance(block, Table):
            _table(document, block, OxmlElement, qn)
        elif isinstance(block, Figure):
            picture = block.picture
            shape = (
                document.add_paragraph().add_run().add_picture(io.BytesIO(picture.png), width=width)
            )
            properties_of = shape._inline.docPr  # the picture's alternative text, as Word keeps it
            properties_of.set("descr", clean(picture.alt_text))
            properties_of.set("title", clean(picture.title))
            document.add_paragraph(clean(picture.title), style="Caption")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document, Cm) -> None:
    """A4 with 2.5 cm margins: the paper a UK office prints on."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)


def _text_width(document):
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _styles(document, OxmlElement, qn, RGBColor) -> None:
    styles = document.styles
    normal = styles["Normal"]
    properties = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANG)
    properties.append(lang)
    for level in range(1, 5):
        styles[f"Heading {level}"].font.color.rgb = RGBColor(*HEADING_INK)
    styles["Quote"].font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    styles["Caption"].font.color.rgb = RGBColor(*NOTE_INK)


def _table(document, block: Table, OxmlElement, qn) -> None:
    caption = document.add_paragraph(clean(block.caption), style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(block.header), style="Table Grid")
    header = table.rows[0]
    for cell, words in zip(header.cells, block.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(words)).bold = True
    # The first row is the table's header: read as such, and repeated on a new page.
    row_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_properties.append(repeat)
    for values in block.rows:
        cells = table.add_row().cells
        for cell, words in zip(cells, values, strict=True):
            cell.text = clean(words)
    for tag in ("w:tblCaption", "w:tblDescription"):  # the table's own title, for readers
        element = OxmlElement(tag)
        element.set(qn("w:val"), clean(block.caption))
        table._tbl.tblPr.append(element)
