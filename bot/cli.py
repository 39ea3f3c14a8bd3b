"""The ``copro-bot`` command. The only place that reads ``.env``."""

from __future__ import annotations

import argparse
import logging
import secrets
import signal
import sys
import threading
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import replace

from dotenv import load_dotenv

from bot import __version__
from bot.config import ConfigError, Settings
from bot.domain.clock import SystemClock
from bot.domain.programme_file import ProgrammeFileError, load_programme_file
from bot.domain.programmes import load_programme
from bot.domain.theming import retheme_stale
from bot.logs import configure as configure_logging
from storage import Store
from storage.db import SchemaFromNewerRelease, head_revision

log = logging.getLogger("copro-bot")
HELD_REPLY_SECONDS = 30.0  # how often replies held while the database was away are retried


class RepeatingTimer(threading.Timer):
    """Calls ``function`` now and then every ``interval`` seconds until cancelled."""

    def run(self) -> None:
        while True:
            try:
                self.function()
            except Exception:  # never let the retry loop die; it is what saves held replies
                log.exception("retrying held replies failed")
            if self.finished.wait(self.interval):
                return


def parser() -> argparse.ArgumentParser:
    """Every subcommand, each with a line of help and a description for its own --help."""
    top = argparse.ArgumentParser(
        prog="copro-bot",
        description="A co-production reflection bot. Settings come from the environment or .env.",
    )
    top.add_argument(
        "--version", action="version", version=f"copro-bot {__version__} (schema {head_revision()})"
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=summary, description=f"{summary[0].upper()}{summary[1:]}. {description}"
        )

    command(
        "run", "run the bot",
        "Migrates the database, checks the Slack token, then serves Slack (Socket Mode, or HTTP "
        "on PORT) with /health on PORT. With no Slack credentials at all it runs offline "
        "against a local stand-in of Slack.",
    )  # fmt: skip
    demo = command(
        "demo", "walk through a programme day offline",
        "Simulated members, no Slack or Teams needed: the real app against a local stand-in.",
    )  # fmt: skip
    demo.add_argument(
        "--platform", choices=["slack", "teams"], default="slack", help="which app to show"
    )
    teams = command(
        "teams", "Microsoft Teams tools", "Build the app package to upload in Teams' admin centre."
    )
    teams_sub = teams.add_subparsers(dest="action", required=True)
    package = teams_sub.add_parser("package", help="build the Teams app package (a zip to upload)")
    package.add_argument("--out", default="copro-bot.zip", help="the zip to write")
    package.add_argument("--version", default="1.0.0", help="the app's version (x.y.z)")
    package.add_argument("--host", default="copro.example.nhs.uk", help="the bot's public host")
    command(
        "doctor", "check this deployment end to end",
        "Settings, database and migrations, the Slack tokens and scopes, the digest channel, "
        "every person in the programmes, SMTP, the spool folder and time zones; one line a "
        "check, with the fix for each failure. Exits 1 if anything failed.",
    )  # fmt: skip
    command(
        "migrate", "bring the database schema up to date",
        "Also done at every start. A database from a newer release is refused, not touched.",
    )  # fmt: skip
    retention = command(
        "retention", "delete replies older than the retention period",
        "Each programme's retention_days decides; without it nothing is deleted.",
    )  # fmt: skip
    retention.add_argument(
        "--dry-run", action="store_true", help="say what would go; change nothing"
    )
    export = command(
        "export", "write every answer to a spreadsheet file for evaluation",
        "One row per answer. The format follows --out's ending: .csv or .xlsx. With --member, "
        "one person's own answers, all of them in their own words (for a subject access "
        "request).",
    )  # fmt: skip
    export.add_argument("--programme", help="the programme's name (default: the only one)")
    export.add_argument("--out", help="the file to write, .csv or .xlsx (default: <programme>.csv)")
    export.add_argument("--xlsx", action="store_true", help="a spreadsheet, as an .xlsx --out does")
    export.add_argument("--member", metavar="PERSON", help="only this person: a chat ID or e-mail")
    digest = command(
        "digest", "write the digest as a document: text, Markdown, a web page or Word",
        "The same digest facilitators see in chat (team aims, what is working and what could "
        "change with the quotes each author allowed, response rates, themes, trends, the chart "
        "and the safeguarding note). The format follows --out's ending (.txt, .md, .html, "
        ".docx) unless --format says; without --out, text, Markdown and HTML go to the screen.",
    )  # fmt: skip
    digest.add_argument("--programme", metavar="NAME", help="the programme (default: the only one)")
    digest.add_argument(
        "--week", metavar="W",
        help="the week: 2024-W19, 19, last, a date like 2024-05-09, or a range like 19-22 "
        "(default: the latest week with a programme day)",
    )  # fmt: skip
    digest.add_argument("--from", dest="first", metavar="W1", help="the first week of a span")
    digest.add_argument("--to", dest="last", metavar="W2", help="the last week of a span")
    digest.add_argument("--team", metavar="T", help="one team only (any case, or its start)")
    digest.add_argument(
        "--format", choices=["text", "markdown", "html", "docx"],
        help="what to write (default: from --out's ending, else text)",
    )  # fmt: skip
    digest.add_argument("--out", metavar="FILE", help="the file to write (default: the screen)")
    backup = command(
        "backup", "save the database and the reply spool to one file",
        "A .tar.gz holding the database (SQLite's online backup, or pg_dump for PostgreSQL), "
        "any replies waiting in the spool, and a manifest naming the schema and app version. "
        "Safe while the bot runs.",
    )  # fmt: skip
    backup.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    restore = command(
        "restore", "put a backup back, replacing the database",
        "Stop the bot first. A backup from a newer schema is refused; an older one is restored "
        "and then migrated. The spool's replies come back too.",
    )  # fmt: skip
    restore.add_argument("file", metavar="FILE", help="a file made by copro-bot backup")
    restore.add_argument("--yes", action="store_true", help="do not ask before replacing")
    forget = command(
        "forget", "erase one person's answers and details, as /copro forget-me does",
        "For an erasure request that reaches you rather than the bot. Their chat ID stays only "
        "as a mark not to prompt them again.",
    )  # fmt: skip
    forget.add_argument("person", metavar="PERSON", help="their chat ID or e-mail address")
    forget.add_argument("--yes", action="store_true", help="do not ask before erasing")
    programme = command(
        "programme", "manage the programme", "Load its YAML file, as often as it changes."
    )
    programme_sub = programme.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = programme_sub.add_parser(
        "load", help="create or update a programme from its YAML file",
        description="Create or update a programme from its YAML file. Loading it twice changes "
        "nothing; a file with mistakes is refused whole, every problem named by line.",
    )  # fmt: skip
    load.add_argument("file")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)

    load_dotenv()  # a .env beside the bot fills in what the environment does not set
    if args.command == "doctor":  # the doctor reports bad settings itself, with the rest
        from bot.doctor import run_doctor

        return run_doctor()
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print("Configuration problem: " + "\n  ".join(error.problems), file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    try:
        return _dispatch(args, settings)
    except SchemaFromNewerRelease as error:
        print(error, file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from bot import operations

    if args.command == "demo":
        # The demo's own story is the output; routine log lines would only get in its way.
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLevelName(settings.log_level)))
        if args.platform == "teams":
            from handlers.teams.demo import run_demo as run_teams_demo

            return run_teams_demo()
        from handlers.slack.demo import run_demo

        return run_demo()
    if args.command == "teams":
        return package_command(settings, args.out, version=args.version, host=args.host)
    if args.command == "migrate":
        store = Store.from_url(settings.database_url)
        before = store.schema_revision()
        store.migrate()
        after = store.schema_revision()
        if before is None:
            said = f"The database is set up, at schema {after}"
        elif before != after:
            said = f"The database is up to date, migrated from schema {before} to {after}"
        else:
            said = f"The database is up to date, at schema {after}"
        print(f"{said} ({settings.database_path_hint()}).")
        return 0
    if args.command == "programme":
        return load_command(settings, args.file)
    if args.command == "export":
        return operations.export_command(
            settings, args.programme, args.out, xlsx=args.xlsx, member=args.member
        )
    if args.command == "digest":
        from bot.digest_command import digest_command

        return digest_command(
            settings, programme=args.programme, week=args.week, first=args.first,
            last=args.last, team=args.team, format=args.format, out=args.out,
        )  # fmt: skip
    if args.command == "backup":
        return operations.backup_command(settings, args.out)
    if args.command == "restore":
        return operations.restore_command(settings, args.file, yes=args.yes)
    if args.command == "forget":
        return operations.forget_command(settings, args.person, yes=args.yes)
    if args.command == "retention":
        return retention_command(settings, dry_run=args.dry_run)
    return run(settings)


def package_command(settings: Settings, out: str, *, version: str, host: str) -> int:
    if not settings.teams_app_id:
        print("Set TEAMS_APP_ID (the bot's Application ID in Entra ID) first.", file=sys.stderr)
        return 2
    from handlers.teams.package import build

    with open(out, "wb") as handle:
        handle.write(build(app_id=settings.teams_app_id, version=version, host=host))
    print(f"Wrote {out}: upload it in the Teams admin centre (Teams apps > Manage apps).")
    return 0


def load_command(settings: Settings, path: str) -> int:
    try:
        spec = load_programme_file(path)
    except ProgrammeFileError as error:
        print(error, file=sys.stderr)
        return 1
    store = Store.from_url(settings.database_url)
    store.migrate()
    report = load_programme(store, SystemClock(), spec)
    print("\n".join(report.lines()))
    rethemed = retheme_stale(store)  # a changed codebook re-themes earlier replies
    if rethemed:
        print(f"Assigned themes again to {rethemed} answers, for the changed codebook.")
    return 0


def _interrupt(*_args: object) -> None:
    # The first SIGTERM stops the bot; one sent again while it stops (a supervisor or an
    # operator repeating it) must not cut the cleanup short. SIGKILL still forces it, and
    # Ctrl-C still interrupts.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def retention_command(settings: Settings, *, dry_run: bool) -> int:
    from bot.domain.retention import expire

    store = Store.from_url(settings.database_url)
    store.migrate()
    results = expire(store, SystemClock(), dry_run=dry_run)
    if not results:
        print("No programme sets retention_days, so nothing is deleted.")
    for result in results:
        print(result.line(dry_run=dry_run))
    return 0


def run(settings: Settings) -> int:
    # SIGTERM (from a supervisor or orchestrator) stops the bot as Ctrl-C does: cleanly, at
    # whatever stage it has reached, through the ExitStack below.
    signal.signal(signal.SIGTERM, _interrupt)
    with ExitStack() as cleanup:
        try:
            return _serve(settings, cleanup)
        except KeyboardInterrupt:
            log.info("stopping")
            return 0


def _serve(settings: Settings, cleanup: ExitStack) -> int:
    from bot.app import create_app, slack_adapter, teams_adapter
    from bot.domain.chart import stop_painter
    from bot.leader import Leadership, SecondSQLiteProcess
    from bot.server import make_server
    from storage import DatabaseUnavailable

    if settings.has_teams_credentials and settings.has_slack_credentials:
        print(
            "Both Slack and Teams credentials are set. One process serves one platform for "
            "now (its sweeps would reach every programme): run one copro-bot for each, each "
            "with its own database, and unset the other's settings.",
            file=sys.stderr,
        )
        return 2
    if not settings.has_teams_credentials and not settings.has_slack_credentials:
        settings = _offline(settings, cleanup)
    store = Store.from_url(settings.database_url)
    try:
        store.migrate()  # first: a database from a newer release stops us before anything else
    except DatabaseUnavailable:
        pass  # serve chat anyway: replies wait in the spool until it is back (below)
    adapter = teams_adapter(settings) if settings.has_teams_credentials else slack_adapter(settings)
    cleanup.callback(stop_painter)  # after the adapter's close: work after an ack may draw
    cleanup.callback(adapter.close)
    try:
        log.info("connected as %s", adapter.check_credentials())
    except Exception as error:  # cannot reach Slack, or Slack refused us: the message says which
        print(error, file=sys.stderr)
        return 2
    bot = create_app(settings, store=store, adapter=adapter, wait_for_database=True)

    leadership = Leadership(bot.services)
    cleanup.callback(leadership.stop)
    if bot.database_ready:
        try:
            leadership.start()
        except SecondSQLiteProcess as error:
            print(error, file=sys.stderr)
            return 2
    else:
        # Serve chat now (replies go to the spool); run the scheduler once the database is back.
        log.warning(
            "the database cannot be reached; serving chat and keeping replies safe until it is "
            "back (retrying every %.0f seconds)",
            settings.database_retry_seconds,
        )
        waiting = threading.Event()
        cleanup.callback(waiting.set)
        threading.Thread(
            target=_lead_when_database_returns,
            args=(bot, leadership, waiting, settings.database_retry_seconds),
            name="database-watch",
            daemon=True,
        ).start()
    held = RepeatingTimer(HELD_REPLY_SECONDS, bot.services.store_held_replies)
    held.start()
    cleanup.callback(held.cancel)

    if bot.adapter.socket_mode:
        # Slack comes over an outbound WebSocket; only /health listens, for a container's or a
        # load balancer's check (no chat route: Socket Mode has no signing secret to check).
        health = make_server(bot, host=settings.host, port=settings.port, routes=False, threads=1)
        threading.Thread(target=health.run, name="health", daemon=True).start()
        cleanup.callback(health.trigger.pull_trigger, health.close)  # closed from its own loop
        log.info(
            "Socket Mode: no public address needed; health at http://%s:%s/health",
            settings.host,
            health.effective_port,
        )
        bot.adapter.serve_socket_mode()
        return 0
    server = make_server(bot, host=settings.host, port=settings.port)
    # The port bound, not PORT: with PORT=0 the system picks it, and tests/processes.py and
    # bench/footprint.py read it from this line (so keep "HTTP mode" and the URL in it).
    log.info(
        "HTTP mode: chat requests at http://%s:%s%s, health at /health",
        settings.host,
        server.effective_port,
        ", ".join(bot.routes()),
    )
    server.run()  # returns on KeyboardInterrupt (Ctrl-C, or SIGTERM through _interrupt)
    log.info("stopping")  # waitress took the KeyboardInterrupt, so run() above never sees it
    return 0


def _lead_when_database_returns(bot, leadership, stop: threading.Event, every: float) -> None:
    from storage import DatabaseUnavailable

    while not stop.wait(every):
        try:
            bot.services.store.migrate()
        except DatabaseUnavailable:
            continue
        log.info("the database is back; held replies are being stored")
        bot.database_ready = True
        bot.services.store_held_replies()
        leadership.start()
        return


def _offline(settings: Settings, cleanup: ExitStack) -> Settings:
    from handlers.slack.sandbox.web_api import SlackWebAPIStandIn

    stand_in = SlackWebAPIStandIn()
    api_url = stand_in.start()
    cleanup.callback(stand_in.stop)
    log.warning(
        "No Slack credentials are set, so the bot runs offline against a local stand-in of "
        "Slack at %s. Set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (or SLACK_SIGNING_SECRET) to "
        "connect it to Slack; `copro-bot demo` shows a walk-through.",
        api_url,
    )
    return replace(
        settings,
        slack_bot_token="xoxb-offline",
        slack_signing_secret=secrets.token_hex(16),
        slack_api_url=api_url,
        host="127.0.0.1",
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
