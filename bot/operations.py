"""The operator's commands that read or rewrite the store as a whole: export, backup, restore,
and erasing one person on request. The command line (bot/cli.py) parses; these act."""

from __future__ import annotations

import sys
from pathlib import Path

from bot import __version__
from bot.config import Settings
from bot.domain.identity import Identity
from storage import Store, queries
from storage.backup import BackupError, backup, read_manifest, restore
from storage.locks import SchedulerLock

EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx"}


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def export_command(
    settings: Settings, name: str | None, out: str | None, *, xlsx: bool, member: str | None
) -> int:
    from bot.domain.export import export_file

    fmt = "xlsx" if xlsx else "csv"
    if out:
        fmt_of_out = EXTENSIONS.get(Path(out).suffix.lower())
        if fmt_of_out is None:
            _say(f"--out should end in .csv or .xlsx, so I know which to write (not {out}).")
            return 1
        if xlsx and fmt_of_out != "xlsx":
            _say(f"--xlsx asks for a spreadsheet, but {out} ends in .csv: drop one of them.")
            return 1
        fmt = fmt_of_out
    store = Store.from_url(settings.database_url)
    store.migrate()
    with store.transaction() as session:
        found = queries.programmes(session)
        chosen = [p for p in found if name is None or p.name == name]
        names = ", ".join(repr(p.name) for p in found) or "none loaded yet"
        if len(chosen) != 1:
            _say(f"Say which programme with --programme (programmes: {names}).")
            return 1
        programme = chosen[0]
        member_ids = None
        if member is not None:
            people = queries.members_known_by(session, programme_id=programme.id, person=member)
            if not people:
                _say(f"Nobody in {programme.name!r} is known as {member!r} (a chat ID or e-mail).")
                return 1
            member_ids = [m.id for m in people]
    try:
        exported = export_file(store, programme_id=programme.id, format=fmt, member_ids=member_ids)
    except ImportError:
        _say("A spreadsheet needs openpyxl: pip install 'copro-bot[xlsx]'.")
        return 1
    path = out or f"{programme.name}.{fmt}"
    with open(path, "wb") as handle:
        handle.write(exported.content)
    rows = f"{exported.rows} row{'s' if exported.rows != 1 else ''}"
    whose = f" of {member}'s answers, in their own words," if member else ""
    print(f"Wrote {rows}{whose} to {path}.")
    return 0


def backup_command(settings: Settings, out: str) -> int:
    store = Store.from_url(settings.database_url)
    store.refuse_newer_schema()
    try:
        made = backup(store, settings.spool_dir, out, app_version=__version__)
    except BackupError as error:
        _say(str(error))
        return 1
    print(
        f"Backed up the {made.database} database (schema {made.schema_revision}) and "
        f"{made.spool_files} waiting repl{'y' if made.spool_files == 1 else 'ies'} to {out}. "
        "Keep it as safe as the database itself: it holds everyone's answers."
    )
    return 0


def restore_command(settings: Settings, path: str, *, yes: bool) -> int:
    store = Store.from_url(settings.database_url)
    try:
        manifest = read_manifest(path)
    except BackupError as error:
        _say(str(error))
        return 1
    where = settings.database_path_hint()
    if not yes and not _confirmed(
        f"This replaces everything in {where} with the backup made {manifest.created_at} "
        f"(copro-bot {manifest.app_version}, schema {manifest.schema_revision}). Type yes to go on: "
    ):
        _say("Nothing was changed. (Add --yes to restore without being asked.)")
        return 1
    lock = SchedulerLock(store)
    if not lock.try_acquire():
        _say("copro-bot is running on this database. Stop it first, then restore.")
        return 1
    try:
        restore(store, settings.spool_dir, path)
    except BackupError as error:
        _say(str(error))
        return 1
    finally:
        lock.release()
    now = store.schema_revision()
    moved = f", then migrated to schema {now}" if now != manifest.schema_revision else ""
    print(
        f"Restored the backup made {manifest.created_at} (schema {manifest.schema_revision}"
        f"{moved}) and {manifest.spool_files} waiting repl"
        f"{'y' if manifest.spool_files == 1 else 'ies'}."
    )
    return 0


def forget_command(settings: Settings, person: str, *, yes: bool) -> int:
    """An erasure request that reaches the operator: what /copro forget-me does, for a person
    named by chat ID or e-mail, in every programme."""
    from bot.domain.members import Members

    store = Store.from_url(settings.database_url)
    store.migrate()
    with store.transaction() as session:
        found = [
            member
            for programme in queries.programmes(session)
            for member in queries.members_known_by(
                session, programme_id=programme.id, person=person
            )
        ]
        identities = {Identity(i.platform, i.external_id) for m in found for i in m.identities}
    if not found:
        _say(f"Nobody is known as {person!r} (a chat ID, or the e-mail the programme file gave).")
        return 1
    if not identities:
        _say(
            f"{person} is listed in a programme file but was never reached, so nothing they "
            "wrote is stored. Take them out of the programme file and load it again."
        )
        return 1
    if not yes and not _confirmed(
        f"This erases every answer {person} gave, their consent record and their details. "
        "It cannot be undone. Type yes to go on: "
    ):
        _say("Nothing was changed. (Add --yes to erase without being asked.)")
        return 1
    from bot.domain.clock import SystemClock
    from storage.spool import ReplySpool

    replies = programmes = 0
    members, spool = Members(store=store, clock=SystemClock()), ReplySpool(settings.spool_dir)
    for who in sorted(identities, key=str):
        erased = members.forget(who=who)
        spool.forget(platform=who.platform, user_id=who.id)  # held replies are theirs too
        replies, programmes = replies + erased.replies, max(programmes, erased.programmes)
    print(
        f"Erased {replies} answer{'s' if replies != 1 else ''} and the details of {person} in "
        f"{programmes} programme{'s' if programmes != 1 else ''}. Their chat ID stays only as a "
        "mark not to prompt them again."
    )
    return 0


def _confirmed(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(question).strip().lower() == "yes"
