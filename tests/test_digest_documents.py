"""The digest as a document: HTML a screen reader and a phone can read, a Word file with real
headings and the chart, Markdown and text; each says what the chat digest says and no more.
Written by ``copro-bot digest`` from a store seeded through the real use cases; bad options
are told kindly, exit 2 and write nothing. Also: the chart, and who is a row of the digest."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from bot.cli import main
from bot.domain.chart import draw, response_rate_chart
from bot.domain.digest import NO_TEAM, SAFEGUARDING_NOTE, build_digest
from bot.domain.documents import render
from bot.domain.weeks import IsoWeek
from handlers.slack.digest_blocks import digest_messages, summary_message
from storage import Store
from tests.digest_seed import ANONYMOUS_AUTHORS, HOSTILE, PROGRAMME, WEEK_19, WEEK_20, seed

SHOWN = (
    "Families feel heard in the co-design sessions",
    "The waiting room is cold and bare",
    "The discharge leaflet helped families plan",
    "Papers arrive too late to read",
    "Kind people, good tea",
    "Shorter meetings would help",
    "A small team's only reply",
)
NEVER = (
    "Never quote me: staffing",  # its author asked for it to count in the themes only
    "Facilitating felt easy this week",  # a facilitator outside any team: not in the digest
    "Only in week 20",  # another week
)


@pytest.fixture
def digest(store):
    seeded = seed(store)
    return build_digest(store, programme_id=seeded.programme_id, week=WEEK_19)


class Page(HTMLParser):
    """What a screen reader finds in a page: its language, headings, pictures, tables."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.meta: list[dict] = []
        self.headings: list[tuple[int, str]] = []
        self.images: list[dict] = []
        self.tags: list[str] = []
        self.captions: list[str] = []
        self.header_cells: list[dict] = []
        self.links: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self._in.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "meta":
            self.meta.append(attrs)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((int(tag[1]), ""))
        elif tag == "img":
            self.images.append(attrs)
            self._in.pop()
        elif tag == "th":
            self.header_cells.append(attrs)
        elif tag == "caption":
            self.captions.append("")
        elif tag in ("a", "link", "script"):
            self.links.append(tag)
        if tag in ("br", "meta"):
            self._in.pop()

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if self._in and self._in[-1] in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level, words = self.headings[-1]
            self.headings[-1] = (level, words + data)
        if self._in and self._in[-1] == "caption":
            self.captions[-1] += data


def page_of(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


# -- HTML ------------------------------------------------------------------------------------


def test_html_is_one_accessible_page_with_headings_alt_text_and_a_captioned_table(digest):
    html = render(digest, "html").decode("utf-8")
    page = page_of(html)
    assert html.startswith("<!DOCTYPE html>") and page.lang == "en-GB"
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in page.meta
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1  # one title
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))  # none skipped
    names = [words for _, words in page.headings]
    assert names[0] == digest.title
    for heading in ("Summary", "Response rates", "Team by team", "Child and Family Services",
                    "What is working", "From smaller groups", "About this digest"):  # fmt: skip
        assert heading in names
    (image,) = page.images  # the chart, inline, with its words for those who cannot see it
    picture = response_rate_chart(digest)
    assert image["src"].startswith("data:image/png;base64,")
    assert image["alt"] == picture.alt_text and "Child and Family Services: 50%" in image["alt"]
    assert page.captions == ["How many of the people asked answered, team by team"]
    assert {c.get("scope") for c in page.header_cells} == {"col", "row"}
    # Self-contained, and readable on a phone: nothing fetched, no script, no fixed widths.
    assert page.links == [] and "http" not in html.replace(HOSTILE_ESCAPED, "")
    assert "width:" not in html.replace("max-width:", "").replace("width: 100%", "")
    assert 'width="' not in html


HOSTILE_ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; **bold** [link](http://evil.example) &amp; co"


def test_user_text_is_escaped_in_every_format(digest):
    html = render(digest, "html").decode()
    assert HOSTILE_ESCAPED in html and "<script>" not in html
    assert "Make the move home feel &lt;safe&gt; &amp; kind" in html
    markdown = render(digest, "markdown").decode()
    assert (
        "\\<script\\>alert('x')\\</script\\> \\*\\*bold\\*\\* \\[link\\](http://evil.example)"
        in (markdown)
    )
    assert "Make the move home feel \\<safe\\> \\& kind" in markdown
    words = docx.Document(io.BytesIO(render(digest, "docx")))
    assert any(HOSTILE in p.text for p in words.paragraphs)  # Word shows it as written


# -- Word ------------------------------------------------------------------------------------


def test_the_word_file_has_real_headings_a_header_row_and_the_chart_with_alt_text(digest):
    document = docx.Document(io.BytesIO(render(digest, "docx")))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", digest.title)
    assert ("Heading 2", "Response rates") in headings
    assert ("Heading 3", "Child and Family Services") in headings
    assert ("Heading 4", "What is working") in headings
    (shape,) = document.inline_shapes
    properties = shape._inline.docPr
    picture = response_rate_chart(digest)
    assert properties.get("descr") == picture.alt_text and properties.get("title") == picture.title
    assert shape.width <= document.sections[0].page_width  # fits the page
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == ["Team", "Response rate"]
    assert table.rows[1].cells[0].text == "Child and Family Services"
    assert document.core_properties.title == digest.title
    assert document.core_properties.language == "en-GB"
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert "“Families feel heard in the co-design sessions”" in quotes and "— Amy" in quotes


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("COPRO_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice (soffice) is not installed; CI installs it and sets "
    "COPRO_REQUIRE_LIBREOFFICE=1, so there this test runs or fails",
)
def test_libreoffice_opens_the_word_file(digest, tmp_path):
    """LibreOffice reads the file as a document (converted headless to text, then to PDF)."""
    path = tmp_path / "digest.docx"
    path.write_bytes(render(digest, "docx"))
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    for target in ("txt:Text", "pdf"):
        done = subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(tmp_path),
             str(path)],
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    text = (tmp_path / "digest.txt").read_text(encoding="utf-8-sig")
    assert digest.title in text and "Families feel heard in the co-design sessions" in text
    assert (tmp_path / "digest.pdf").read_bytes().startswith(b"%PDF")


# -- what the documents say ----------------------------------------------------------------


def test_every_format_says_what_the_chat_digest_says_and_no_more(digest):
    chat = json.dumps([summary_message(digest), *digest_messages(digest)], ensure_ascii=False)
    documents = {
        "text": render(digest, "text").decode(),
        "markdown": re.sub(r"\\(.)", r"\1", render(digest, "markdown").decode()),
        "html": unescape(render(digest, "html").decode()),
        "docx": "\n".join(
            p.text for p in docx.Document(io.BytesIO(render(digest, "docx"))).paragraphs
        ),
    }
    for fmt, words in documents.items():
        for quote in SHOWN:
            assert quote in chat and quote in words, (fmt, quote)
        for hidden in NEVER:
            assert hidden not in chat and hidden not in words, (fmt, hidden)
        for author in ANONYMOUS_AUTHORS:
            assert author not in chat and author not in words, (fmt, author)
        for shared in ("Shape the waiting-room experience with families", "4 of 8 answered (50%)",
                       "9 of 18 answered (50%)", SAFEGUARDING_NOTE[:60], "Counted here, not quoted"):  # fmt: skip
            assert shared in words, (fmt, shared)
        assert NO_TEAM not in words


def test_a_protected_team_shows_no_rate_in_the_table_or_the_chart(store):
    seeded = seed(store, PROGRAMME + "anonymity_min_replies: 10\n")
    digest = build_digest(store, programme_id=seeded.programme_id, week=WEEK_19)
    protected = sorted(t.name for t in digest.teams if t.protected)
    assert protected == ["Child and Family Services", "Older People's Services"]
    html = render(digest, "html").decode()
    assert "4 of 8 answered" not in html and "Numbers not shown" in html
    picture = response_rate_chart(digest)  # only the team whose rate may be shown is drawn
    assert "Adult Mental Health: 50% (1 of 2)" in picture.alt_text
    for team in protected:
        assert f"{team}: numbers not shown" in picture.alt_text


def test_the_programme_rate_is_hidden_when_it_would_give_a_protected_team_away(store):
    """With one team's counts hidden and the others shown, the programme's rate less theirs
    is that team's: so it is not shown. Two hidden teams together, enough people: shown."""
    seeded = seed(store, PROGRAMME + "anonymity_min_replies: 6\n")
    digest = build_digest(store, programme_id=seeded.programme_id, week=WEEK_19)
    assert [t.name for t in digest.teams if t.protected] == ["Child and Family Services"]
    assert digest.headline_hidden
    chat = json.dumps([summary_message(digest), *digest_messages(digest)])
    for words in (chat, *(render(digest, f).decode() for f in ("text", "markdown", "html"))):
        assert "9 of 18" not in words and "4 of 8 answered" in words  # Older People's shown
    together = build_digest(store, programme_id=seeded.programme_id, week=WEEK_19)
    together.min_replies = 10
    from bot.domain.digest import group_by_theme

    group_by_theme(together)  # the two teams hidden now hold 12 people between them
    assert not together.headline_hidden


def test_a_week_with_nothing_to_share_says_so_in_every_format(store):
    seed(store)
    empty = build_digest(store, programme_id=1, week=IsoWeek(2024, 30))
    for fmt in ("text", "markdown", "html"):
        assert "There were no programme days this week" in render(empty, fmt).decode()


# -- who is a row ----------------------------------------------------------------------------


def test_facilitators_not_in_a_team_are_no_row_and_not_in_the_headline_rate(digest):
    assert [t.name for t in digest.teams] == [
        "Child and Family Services", "Older People's Services", "Adult Mental Health",
    ]  # fmt: skip
    assert (digest.answered, digest.prompted) == (9, 18)  # Jo's prompt and reply are not in it
    text = json.dumps(summary_message(digest))
    assert "9 of 18 answered" in text


# -- the chart ------------------------------------------------------------------------------


def test_one_week_is_drawn_as_bars_each_named_on_the_chart_with_its_rate(digest):
    series = digest.trends.weekly_rates
    figure = draw(series, [WEEK_19], "One week")
    (axes,) = figure.axes
    assert axes.get_legend() is None
    assert len(axes.patches) == 3  # a bar a team
    assert {t.get_text() for t in axes.get_yticklabels()} == {
        "Adult Mental Health", "Child and Family\nServices", "Older People's\nServices",
    }  # fmt: skip
    beside = sorted(t.get_text() for t in axes.texts)
    assert beside == ["50%  (1 of 2)", "50%  (4 of 8)", "50%  (4 of 8)"]
    picture = response_rate_chart(digest)
    assert picture.title == "Response rate by team, week of 6 to 12 May 2024"
    assert picture.png.startswith(b"\x89PNG")


def test_several_weeks_are_drawn_as_lines_each_named_at_its_end_without_a_legend(store):
    seeded = seed(store)
    digest = build_digest(store, programme_id=seeded.programme_id, week=WEEK_19, last_week=WEEK_20)
    picture = response_rate_chart(digest)
    assert picture.title == "Response rate by team, 06 May to 19 May 2024"
    series = digest.trends.weekly_rates
    figure = draw(series, [WEEK_19, WEEK_20], picture.title)
    (axes,) = figure.axes
    assert axes.get_legend() is None
    names = [t.get_text() for t in axes.texts]
    assert len(names) == len(series) and all(
        any(n.startswith(team) for n in names) for team in series
    )
    ys = sorted(t.get_position()[1] for t in axes.texts)
    assert all(b - a >= 5.9 for a, b in zip(ys, ys[1:], strict=False))  # no two names overlap
    assert "06 May" in picture.alt_text and "13 May" in picture.alt_text


# -- the command line -----------------------------------------------------------------------


@pytest.fixture
def seeded_database(tmp_path, monkeypatch):
    """A SQLite store seeded through the real use cases, named in DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'copro.db'}"
    store = Store.from_url(url)
    store.migrate()
    seed(store)
    store.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    for name in [n for n in __import__("os").environ if n.startswith("SLACK_")]:
        monkeypatch.delenv(name)
    out = tmp_path / "out"
    out.mkdir()
    return out


def test_the_command_writes_each_format_by_the_ending_of_out(seeded_database, capsys):
    out = seeded_database
    for name in ("digest.html", "digest.docx", "digest.md", "digest.txt"):
        assert main(["digest", "--week", "2024-W19", "--out", str(out / name)]) == 0
        assert f"to {out / name}." in capsys.readouterr().out
    assert page_of((out / "digest.html").read_text()).headings[0][1] == (
        "Reflections for the week of 6 to 12 May 2024"
    )
    document = docx.Document(str(out / "digest.docx"))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert (
        (out / "digest.md")
        .read_text()
        .startswith("# Reflections for the week of 6 to 12 May 2024\n")
    )
    assert "== Child and Family Services ==" in (out / "digest.txt").read_text()
    assert sorted(p.name for p in out.iterdir()) == [
        "digest.docx",
        "digest.html",
        "digest.md",
        "digest.txt",
    ]  # fmt: skip: nothing half-written left beside them


def test_without_out_text_markdown_and_html_go_to_the_screen(seeded_database, capsys):
    assert main(["digest", "--week", "2024-W19"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Reflections for the week of 6 to 12 May 2024\n====")
    assert main(["digest", "--week", "2024-W19", "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main(["digest", "--week", "2024-W19", "--format", "markdown", "--team", "older"]) == 0
    markdown = capsys.readouterr().out
    assert "(Older People's Services)" in markdown and "Child and Family" not in markdown


def test_a_span_of_weeks_and_one_programme_by_name(seeded_database, capsys):
    args = [
        "digest",
        "--programme",
        "documents programme",
        "--from",
        "2024-W19",
        "--to",
        "2024-W20",
    ]
    assert main(args) == 0
    shown = capsys.readouterr().out
    assert "6 May 2024 to 19 May 2024" in shown and "Only in week 20" in shown


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--programme", "Nope"], "I don't know a programme called 'Nope'"),
        (["--team", "Cardiology"], "I don't know a team called 'Cardiology'"),
        (["--week", "W77"], "I couldn't read 'W77' as a week"),
        (["--from", "2024-W20", "--to", "2024-W19"], "comes after the last week"),
        (["--from", "2024-W20"], "Give both the first week and the last week"),
        (["--week", "19", "--from", "19", "--to", "20"], "Give either a week"),
        (["--out", "{out}/digest.pdf"], "I can't tell the format from"),
        (["--format", "html", "--out", "{out}/digest.docx"], "drop one of them"),
        (["--out", "{out}/missing/digest.docx"], "does not exist"),
        (["--out", "{out}"], "is a folder"),
    ],
)
def test_bad_options_are_told_kindly_exit_2_and_write_nothing(seeded_database, capsys, args, said):
    out = seeded_database
    code = main(["digest", *[a.replace("{out}", str(out)) for a in args]])
    captured = capsys.readouterr()
    assert code == 2
    assert said in captured.err and "Traceback" not in captured.err
    assert captured.out == "" and list(out.iterdir()) == []


def test_an_unwritable_file_is_told_and_left_as_it_was(seeded_database, capsys, monkeypatch):
    out = seeded_database
    target = out / "digest.docx"
    target.write_bytes(b"before")
    import os

    real_replace = os.replace

    def full_disk(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bot.digest_command.os.replace", full_disk)
    assert main(["digest", "--week", "2024-W19", "--out", str(target)]) == 2
    assert "No space left on device. Nothing was written." in capsys.readouterr().err
    monkeypatch.setattr("bot.digest_command.os.replace", real_replace)
    assert target.read_bytes() == b"before" and sorted(out.iterdir()) == [target]


def test_an_empty_database_says_to_load_a_programme(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["digest"]) == 2
    assert "No programme is loaded yet" in capsys.readouterr().err


def test_the_default_word_file_is_named_after_the_week(seeded_database, capsys, monkeypatch):
    monkeypatch.chdir(seeded_database)
    assert main(["digest", "--week", "2024-W19", "--format", "docx"]) == 0
    assert (Path(seeded_database) / "reflections-2024-W19.docx").exists()
