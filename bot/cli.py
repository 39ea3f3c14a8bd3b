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

from bot.config import ConfigError, Settings
from bot.domain.clock import SystemClock
from bot.domain.programme_file import ProgrammeFileError, load_programme_file
from bot.domain.programmes import load_programme
from bot.domain.theming import retheme_stale
from storage import Store

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="copro-bot", description="A co-production reflection bot."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "run",
        help="run the bot (offline against a local stand-in when no Slack credentials are set)",
    )
    demo = sub.add_parser(
        "demo", help="walk through a programme day offline, with simulated members"
    )
    demo.add_argument(
        "--platform", choices=["slack", "teams"], default="slack", help="which app to show"
    )
    teams = sub.add_parser("teams", help="Microsoft Teams tools")
    teams_sub = teams.add_subparsers(dest="action", required=True)
    package = teams_sub.add_parser("package", help="build the Teams app package (a zip to upload)")
    package.add_argument("--out", default="copro-bot.zip", help="the zip to write")
    package.add_argument("--version", default="1.0.0", help="the app's version (x.y.z)")
    package.add_argument("--host", default="copro.example.nhs.uk", help="the bot's public host")
    sub.add_parser(
        "migrate", help="bring the database schema up to date (also done at every start)"
    )
    retention = sub.add_parser("retention", help="delete replies older than the retention period")
    retention.add_argument(
        "--dry-run", action="store_true", help="say what would go; change nothing"
    )
    export = sub.add_parser("export", help="write every reply to a CSV file for evaluation")
    export.add_argument("--programme", help="the programme's name (default: the only one)")
    export.add_argument("--out", help="the file to write (default: <programme>.csv)")
    export.add_argument("--xlsx", action="store_true", help="a spreadsheet instead of CSV")
    programme = sub.add_parser("programme", help="manage the programme")
    programme_sub = programme.add_subparsers(dest="action", required=True)
    load = programme_sub.add_parser("load", help="create or update a programme from its YAML file")
    load.add_argument("file")
    args = parser.parse_args(argv)

    load_dotenv()  # a .env beside the bot fills in what the environment does not set
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print(f"Configuration problem: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

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
        Store.from_url(settings.database_url).migrate()
        print(f"The database is up to date ({settings.database_path_hint()}).")
        return 0
    if args.command == "programme":
        return load_command(settings, args.file)
    if args.command == "export":
        return export_command(settings, args.programme, args.out, xlsx=args.xlsx)
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
    raise KeyboardInterrupt


def export_command(settings: Settings, name: str | None, out: str | None, *, xlsx: bool) -> int:
    from bot.domain.export import export_csv, export_xlsx
    from storage import queries

    store = Store.from_url(settings.database_url)
    store.migrate()
    with store.transaction() as session:
        found = queries.programmes(session)
        chosen = [p for p in found if name is None or p.name == name]
        names = ", ".join(repr(p.name) for p in found) or "none loaded yet"
    if len(chosen) != 1:
        print(f"Say which programme with --programme (programmes: {names}).", file=sys.stderr)
        return 1
    programme = chosen[0]
    if xlsx:
        try:
            content = export_xlsx(store, programme_id=programme.id)
        except ImportError:
            print("A spreadsheet needs openpyxl: pip install 'copro-bot[xlsx]'.", file=sys.stderr)
            return 1
    else:
        content = export_csv(store, programme_id=programme.id)
    path = out or f"{programme.name}.{'xlsx' if xlsx else 'csv'}"
    with open(path, "wb") as handle:
        handle.write(content)
    print(f"Wrote {path}.")
    return 0


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
    from bot.app import create_app
    from bot.leader import Leadership, SecondSQLiteProcess

    if settings.has_teams_credentials and settings.has_slack_credentials:
        print(
            "Both Slack and Teams credentials are set. One process serves one platform for "
            "now (its sweeps would reach every programme): run one copro-bot for each, each "
            "with its own database, and unset the other's settings.",
            file=sys.stderr,
        )
        return 2
    if settings.has_teams_credentials:
        from bot.app import teams_adapter

        bot = create_app(settings, adapter=teams_adapter(settings), wait_for_database=True)
    else:
        if not settings.has_slack_credentials:
            settings = _offline(settings, cleanup)
        bot = create_app(settings, wait_for_database=True)
    cleanup.callback(bot.close)
    try:
        log.info("connected as %s", bot.adapter.check_credentials())
    except Exception as error:
        print(error, file=sys.stderr)
        return 2

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
        log.info("Socket Mode: no public address needed")
        bot.adapter.serve_socket_mode()
        return 0
    from bot.server import make_server

    server = make_server(bot, host=settings.host, port=settings.port)
    log.info(
        "HTTP mode: chat requests at http://%s:%s%s, health at /health",
        settings.host,
        server.effective_port,
        ", ".join(bot.routes()),
    )
    server.run()  # returns on KeyboardInterrupt (Ctrl-C, or SIGTERM through _interrupt)
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
