"""``copro-bot digest``: the digest a facilitator sees in chat, written out as a document.

The command line parses (bot/cli.py); this checks every option before anything is built or
written, so a mistake is told kindly, exits 2 and leaves no file behind. A file is written
beside its final name and moved into place, so a failure half-way leaves nothing either.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.domain.digest import build_digest
from bot.domain.digests import weeks_asked
from bot.domain.documents import FORMATS, filename_for, format_of, render
from bot.domain.errors import UserError
from bot.domain.weeks import local_today
from storage import Store, queries

BAD_INPUT = 2
NAMES = {"text": "plain text", "markdown": "Markdown", "html": "a web page", "docx": "Word"}


class DigestOptionError(Exception):
    """A mistake in the options; ``str()`` says what to do instead."""


def digest_command(
    settings: Settings,
    *,
    programme: str | None,
    week: str | None,
    first: str | None,
    last: str | None,
    team: str | None,
    format: str | None,
    out: str | None,
) -> int:
    try:
        if out is not None:
            _check_writable(Path(out))
        fmt = _format(format, out)
        store = Store.from_url(settings.database_url)
        store.migrate()
        programme_id, zone = _programme(store, programme)
        today = local_today(SystemClock().now(), zone)
        start, end = weeks_asked(
            store, programme_id=programme_id, today=today, week=week, first=first, last=last
        )
        digest = build_digest(
            store, programme_id=programme_id, week=start, last_week=end, team=team
        )
    except (DigestOptionError, UserError) as error:
        print(str(error).replace("`", ""), file=sys.stderr)
        return BAD_INPUT
    content = render(digest, fmt)
    if out is None and fmt != "docx":
        sys.stdout.write(content.decode("utf-8"))
        sys.stdout.flush()
        return 0
    path = Path(out or filename_for(digest, fmt))
    try:
        _write(path, content)
    except OSError as error:
        print(f"I couldn't write {path}: {error.strerror or error}. Nothing was written.",
              file=sys.stderr)  # fmt: skip
        return BAD_INPUT
    print(f"Wrote the digest for {digest.span} as {NAMES[fmt]} to {path}.")
    return 0


def _format(given: str | None, out: str | None) -> str:
    by_name = format_of(out) if out else None
    if given is not None:
        if given not in FORMATS:  # argparse's choices stop this first; kept for callers
            raise DigestOptionError(f"--format should be one of {', '.join(FORMATS)}.")
        if out and by_name and by_name != given:
            raise DigestOptionError(
                f"--format {given} asks for {NAMES[given]}, but {out} ends like "
                f"{NAMES[by_name]}: drop one of them, or make them agree."
            )
        return given
    if out is None:
        return "text"
    if by_name is None:
        raise DigestOptionError(
            f"I can't tell the format from {out}'s ending. End it in .txt, .md, .html or "
            ".docx, or say which with --format."
        )
    return by_name


def _check_writable(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise DigestOptionError(f"{path} is a folder: give a file name for --out.")
    if not folder.is_dir():
        raise DigestOptionError(f"The folder {folder} does not exist, so I can't write {path}.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DigestOptionError(f"I'm not allowed to write {path}. Nothing was written.")


def _programme(store: Store, name: str | None) -> tuple[int, str]:
    with store.transaction() as session:
        found = list(queries.programmes(session))
        names = ", ".join(repr(p.name) for p in found) or "none loaded yet"
        if not found:
            raise DigestOptionError(
                "No programme is loaded yet. Load one first: copro-bot programme load FILE."
            )
        if name is None:
            if len(found) > 1:
                raise DigestOptionError(f"Say which programme with --programme ({names}).")
            return found[0].id, found[0].timezone
        chosen = [p for p in found if p.name.lower() == name.strip().lower()]
        if not chosen:
            raise DigestOptionError(
                f"I don't know a programme called {name!r}. The programmes: {names}."
            )
        return chosen[0].id, chosen[0].timezone


def _write(path: Path, content: bytes) -> None:
    """All of it or nothing: written beside the file, then moved into its place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
