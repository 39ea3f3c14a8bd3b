"""`copro-bot doctor`: checks a deployment end to end and prints a checklist, one line a check,
with the fix for each failure. The chat platform's own checks come from its adapter."""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import text

from bot.checklist import Check, PersonToFind, PlatformCheckRequest, summary
from bot.config import ConfigError, Settings
from bot.logs import configure as configure_logging
from storage import Store, queries
from storage.db import head_revision, is_known_revision

SETTINGS = "Settings"


def run_doctor(env: dict[str, str] | None = None, out=None) -> int:
    """Print the checklist to ``out`` (standard output); 1 when anything failed, else 0."""
    out = out or sys.stdout
    print("copro-bot doctor: checking this deployment", file=out)
    checks = diagnose(env)
    for check in checks:
        for line in check.lines():
            print(line, file=out)
    print(summary(checks), file=out)
    return 1 if any(c.ok is False for c in checks) else 0


def diagnose(env: dict[str, str] | None = None) -> list[Check]:
    try:
        settings = Settings.from_env(env)
    except ConfigError as error:
        return [
            Check.failed(SETTINGS, problem, "Correct it in the environment or .env.")
            for problem in error.problems
        ] + [Check.skipped("Everything else", "the settings must be right first")]
    configure_logging("WARNING" if settings.log_level != "DEBUG" else "DEBUG", settings.log_format)
    slack_log = logging.getLogger("slack_sdk")
    level = slack_log.level
    if settings.log_level != "DEBUG":  # each failed call is explained on its checklist line
        slack_log.setLevel(logging.CRITICAL)
    try:
        return _diagnose(settings)
    finally:
        slack_log.setLevel(level)


def _diagnose(settings: Settings) -> list[Check]:
    checks = [_settings(settings)]
    store = Store.from_url(settings.database_url)
    try:
        database = _database(store, settings)
        checks.append(database)
        programmes = None
        if database.ok:
            migrations = _migrations(store)
            checks.append(migrations)
            if migrations.ok:
                programmes = _programmes(store)
                checks.append(programmes[0])
        else:
            checks.append(Check.skipped("Migrations", "the database did not answer"))
        checks += _platform(settings, programmes[1] if programmes else None)
    finally:
        store.dispose()
    if settings.smtp_host:
        checks.append(_smtp(settings))
    emailed = [p["name"] for p in (programmes[1] if programmes else []) if p["emails"]]
    if emailed and not settings.smtp_host:
        checks.append(
            Check.failed(
                "Digest e-mail",
                f"{', '.join(map(repr, emailed))} e-mails the weekly digest (digest_email), "
                "but no mail server is set, so it could not go.",
                "Set SMTP_HOST, SMTP_PORT and SMTP_FROM (and SMTP_USER and SMTP_PASSWORD if "
                "the relay asks for a login), or take digest_email out of the programme file.",
            )
        )
    checks.append(_spool(Path(settings.spool_dir)))
    checks += _time_zones(programmes[1] if programmes else [])
    return checks


def _settings(settings: Settings) -> Check:
    if not settings.has_slack_credentials:
        return Check.failed(
            SETTINGS,
            "no Slack credentials are set, so the bot would run offline against a stand-in.",
            "Set SLACK_BOT_TOKEN, and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET "
            "(HTTP mode); .env.example lists them.",
        )
    port = f"port {settings.port}" if settings.port else "a free port the system picks"
    mode = "Socket Mode" if settings.socket_mode else f"HTTP mode on {port}"
    proxy = ", through the proxy in HTTPS_PROXY" if settings.https_proxy else ""
    return Check.passed(
        SETTINGS, f"complete and consistent ({mode}, {settings.database_kind}{proxy})"
    )


def _database(store: Store, settings: Settings) -> Check:
    where = settings.database_path_hint()
    try:
        with store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0][:200]
        if settings.database_kind == "SQLite":
            fix = "Check DATABASE_URL, and that the bot's user may write to that folder."
        else:
            fix = (
                "Check DATABASE_URL (host, port, database, user and password), that PostgreSQL "
                "is running, and that it lets this server in (pg_hba.conf, firewalls)."
            )
        return Check.failed("Database", f"{where} did not answer ({reason}).", fix)
    return Check.passed("Database", f"{settings.database_kind} answers ({where})")


def _migrations(store: Store) -> Check:
    current, head = store.schema_revision(), head_revision()
    if current == head:
        return Check.passed("Migrations", f"up to date (schema {head})")
    if current is None:
        return Check.failed(
            "Migrations", "the database has no tables yet.", "Run copro-bot migrate."
        )
    if not is_known_revision(current):
        return Check.failed(
            "Migrations",
            f"the database is at schema {current}, from a newer release; this one knows up to "
            f"{head}, and copro-bot run refuses to start on it.",
            "Run the newer release again, or restore a backup made by this one.",
        )
    return Check.failed(
        "Migrations",
        f"the database is at schema {current}; this release has {head}.",
        "Take a backup (copro-bot backup --out FILE), then run copro-bot migrate "
        "(copro-bot run also does it when it starts).",
    )


def _programmes(store: Store) -> tuple[Check, list]:
    """The programmes, as plain values the later checks read."""
    with store.transaction() as session:
        found = []
        for programme in queries.programmes(session):
            members = queries.programme_members(session, programme_id=programme.id)
            found.append(
                {
                    "name": programme.name,
                    "platform": programme.platform,
                    "timezone": programme.timezone,
                    "channel": programme.digest_channel,
                    "leads": list(programme.safeguarding_leads or []),
                    "emails": list(programme.digest_email or []),
                    "people": [
                        (m.role, m.identity_on(programme.platform), m.email)
                        for m in members
                        if m.active and not (m.role == "member" and m.opted_out)
                    ],
                }
            )
    if not found:
        return Check.failed(
            "Programmes",
            "none is loaded, so nobody would be asked anything.",
            "Run copro-bot programme load programme.yaml.",
        ), []
    names = ", ".join(repr(p["name"]) for p in found)
    return Check.passed("Programmes", f"{len(found)} loaded ({names})"), found


def _platform(settings: Settings, programmes: list | None) -> list[Check]:
    if not settings.has_slack_credentials:
        return [Check.skipped("Slack", "no Slack credentials are set")]
    request = PlatformCheckRequest()
    slack = [p for p in programmes or [] if p["platform"] == "slack"]
    if slack:
        people = []
        for p in slack:
            for role, chat_id, email in p["people"]:
                people.append(PersonToFind(p["name"], role, chat_id, email))
            people += [
                PersonToFind(p["name"], "safeguarding lead", lead, None) for lead in p["leads"]
            ]
        request = PlatformCheckRequest(
            channels=tuple((p["name"], p["channel"]) for p in slack if p["channel"]),
            people=tuple(people),
        )
    from bot.app import slack_adapter

    adapter = slack_adapter(settings)
    try:
        return adapter.checks(request)
    finally:
        adapter.close()


def _smtp(settings: Settings) -> Check:
    what = f"E-mail (SMTP at {settings.smtp_host}:{settings.smtp_port})"
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            code, _ = smtp.ehlo()
            if code != 250:
                return Check.failed(
                    what, f"the server answered EHLO with {code}.", "Ask IT about the relay."
                )
            if settings.smtp_starttls and not smtp.has_extn("starttls"):
                return Check.failed(
                    what,
                    "the server does not offer STARTTLS, so e-mail would go unencrypted.",
                    "Use the relay's TLS port (often 587), or set SMTP_STARTTLS=false only if "
                    "IT confirms the relay is on a trusted network.",
                )
    except (OSError, smtplib.SMTPException, ssl.SSLError) as error:
        why = "the name could not be looked up" if isinstance(error, socket.gaierror) else error
        return Check.failed(
            what,
            f"could not talk to it ({why}).",
            "Check SMTP_HOST and SMTP_PORT with IT, and that this server may reach the relay.",
        )
    return Check.passed(what, "answers")


def _spool(folder: Path) -> Check:
    what = f"Spool folder {folder}"
    if not folder.exists():
        parent = folder.resolve().parent
        if os.access(parent, os.W_OK):
            return Check.passed(what, "not made yet; it will be made private (0700) when needed")
        return Check.failed(
            what,
            f"does not exist, and the bot may not create it in {parent}.",
            f"Make it: mkdir -m 700 {folder}, owned by the bot's user.",
        )
    if not folder.is_dir():
        return Check.failed(what, "is not a folder.", "Point COPRO_SPOOL_DIR at a folder.")
    mode = folder.stat().st_mode & 0o777
    if mode & 0o077:
        return Check.failed(
            what,
            f"others may read it (mode {mode:o}), and it holds replies.",
            f"chmod 700 {folder}",
        )
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError:
        return Check.failed(
            what, "the bot may not write to it.", f"chown it to the bot's user: chown USER {folder}"
        )
    waiting = len(list(folder.glob("*.json")))
    if waiting:
        return Check.failed(
            what,
            f"{waiting} repl{'y is' if waiting == 1 else 'ies are'} waiting there for the database.",
            "Start the bot with the database reachable; it stores them within a minute. Do not "
            "delete them: they are members' words.",
        )
    return Check.passed(what, "private (0700), writable and empty")


def _time_zones(programmes: list) -> list[Check]:
    found = []
    server = os.environ.get("TZ")
    try:
        ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:
        return [
            Check.failed(
                "Time zones",
                "this server has no time zone data, so no programme time can be worked out.",
                "Install it: apt-get install tzdata (or pip install tzdata).",
            )
        ]
    bad = [
        f"{p['name']!r} has {p['timezone']!r}" for p in programmes if not _known_zone(p["timezone"])
    ]
    if bad:
        found.append(
            Check.failed(
                "Programme time zones",
                f"unknown: {'; '.join(bad)}.",
                "Use a name like Europe/London in the programme file and load it again.",
            )
        )
    elif programmes:
        zones = ", ".join(sorted({p["timezone"] for p in programmes}))
        found.append(Check.passed("Programme time zones", f"known ({zones})"))
    if server and not _known_zone(server.removeprefix(":")):
        found.append(
            Check.failed(
                "Server time zone",
                f"TZ={server!r} is not a time zone this server knows.",
                "Set TZ to a name like Europe/London, or unset it.",
            )
        )
    else:
        found.append(
            Check.passed("Server time zone", f"{_server_zone()} (the bot keeps UTC inside)")
        )
    return found


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError):
        return False


def _server_zone() -> str:
    if os.environ.get("TZ"):
        return os.environ["TZ"]
    local = Path("/etc/localtime")
    if local.exists() and "zoneinfo/" in str(local.resolve()):
        return str(local.resolve()).split("zoneinfo/")[-1]
    return "UTC (none set)"
