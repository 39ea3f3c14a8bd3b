"""`copro-bot doctor` against the Slack and SMTP stand-ins: a good set-up passes every check,
and each thing that can be wrong is broken on purpose, once, to see its line, its fix and the
exit code."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from bot.cli import main
from handlers.slack.checks import BOT_SCOPES
from storage import Store
from storage.db import head_revision
from tests.conftest import SMALL_PROGRAMME
from tests.smtp_stand_in import SMTPStandIn

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def closed_port():
    """A port that refuses connections: bound for the whole test, so nothing else can take
    it and listen, and never listening itself."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


class Deployment:
    """A good set-up: settings in the environment, a loaded programme, the stand-ins."""

    def __init__(self, tmp_path, monkeypatch, slack_api, smtp, capsys) -> None:
        self.tmp, self.env, self.api, self.smtp, self.capsys = (
            tmp_path, monkeypatch, slack_api, smtp, capsys
        )  # fmt: skip
        self.database = f"sqlite:///{tmp_path / 'copro.db'}"
        self.spool = tmp_path / "spool"
        self.spool.mkdir(mode=0o700)
        slack_api.bot_tokens, slack_api.app_tokens = {"xoxb-good"}, {"xapp-good"}
        slack_api.add_channel("C0DIGEST01", name="copro-digests")
        for name in ("HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "TZ"):
            monkeypatch.delenv(name, raising=False)
        for name, value in {
            "DATABASE_URL": self.database,
            "SLACK_BOT_TOKEN": "xoxb-good",
            "SLACK_APP_TOKEN": "xapp-good",
            "SLACK_API_URL": slack_api.base_url,
            "COPRO_SPOOL_DIR": str(self.spool),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_FROM": "copro-bot@example.nhs.uk",
        }.items():
            monkeypatch.setenv(name, value)
        self.load(SMALL_PROGRAMME)

    def load(self, programme: str) -> None:
        path = self.tmp / "programme.yaml"
        path.write_text(programme)
        assert main(["programme", "load", str(path)]) == 0
        self.capsys.readouterr()

    def sql(self, statement: str) -> None:
        store = Store.from_url(self.database)
        with store.engine.begin() as connection:
            connection.execute(text(statement))
        store.dispose()

    def doctor(self) -> tuple[int, str]:
        code = main(["doctor"])
        return code, self.capsys.readouterr().out

    def failing(self, what: str) -> str:
        """Run the doctor, which must fail, and return the failing line about ``what`` with
        its fix."""
        code, out = self.doctor()
        assert code == 1, out
        lines = out.splitlines()
        for number, line in enumerate(lines):
            if line.startswith(f"✗ {what}"):
                fix = lines[number + 1] if number + 1 < len(lines) else ""
                assert fix.startswith("    Fix: "), out
                return f"{line}\n{fix}"
        raise AssertionError(f"no failing line for {what!r} in:\n{out}")


@pytest.fixture
def smtp():
    with SMTPStandIn() as server:
        yield server


@pytest.fixture
def deployment(tmp_path, monkeypatch, slack_api, smtp, capsys) -> Deployment:
    return Deployment(tmp_path, monkeypatch, slack_api, smtp, capsys)


def test_a_good_set_up_passes_every_check(deployment):
    code, out = deployment.doctor()
    assert code == 0, out
    assert "✗" not in out and "–" not in out
    for line in (
        "✓ Settings: complete and consistent (Socket Mode, SQLite)",
        "✓ Database: SQLite answers",
        f"✓ Migrations: up to date (schema {head_revision()})",
        "✓ Programmes: 1 loaded ('Test programme')",
        "✓ Slack bot token: works, as copro-bot in Copro Sandbox",
        "✓ Slack token scopes: exactly those manifest.yaml asks for",
        "✓ Socket Mode token: Slack opens a connection with it",
        "✓ Digest channel C0DIGEST01 (Test programme): #copro-digests, and the bot is in it",
        "✓ Facilitators in Slack (Test programme): all 1 found",
        "✓ Members in Slack (Test programme): all 4 found",
        "✓ Safeguarding leads in Slack (Test programme): all 1 found",
        "✓ E-mail (SMTP at 127.0.0.1:",
        "✓ Spool folder",
        "✓ Programme time zones: known (Europe/London)",
        "✓ Server time zone:",
    ):
        assert line in out, out
    assert "All 15 checks passed." in out
    assert deployment.smtp.greeted  # it really said EHLO
    assert [c.params.get("channel") for c in deployment.api.calls_to("conversations.info")] == [
        "C0DIGEST01"
    ]


def test_the_scopes_checked_are_exactly_the_manifest_s():
    manifest = yaml.safe_load((ROOT / "manifest.yaml").read_text())
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)


def test_a_malformed_setting_is_named_with_its_fix(deployment):
    deployment.env.setenv("SLACK_APP_TOKEN", "slack-app-token")
    deployment.env.setenv("LOG_FORMAT", "xml")
    code, out = deployment.doctor()
    assert code == 1
    assert "✗ Settings: SLACK_APP_TOKEN should start with xapp- (an app-level token)." in out
    assert "✗ Settings: LOG_FORMAT must be text or json." in out  # every problem at once
    assert "Fix: Correct it in the environment or .env." in out


def test_missing_slack_credentials_fail_the_settings_check(deployment):
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        deployment.env.delenv(name)
    found = deployment.failing("Settings")
    assert "would run offline" in found and "Set SLACK_BOT_TOKEN" in found


def test_smtp_settings_that_do_not_fit_together_are_named(deployment):
    deployment.env.delenv("SMTP_FROM")
    deployment.env.setenv("SMTP_USER", "copro")
    found = deployment.doctor()[1]
    assert "SMTP_HOST is set, so also set SMTP_FROM" in found
    assert "Set SMTP_USER and SMTP_PASSWORD together, or neither." in found


def test_an_unreachable_database_is_named_with_its_fix(deployment, closed_port):
    deployment.env.setenv("DATABASE_URL", f"postgresql://copro@127.0.0.1:{closed_port}/copro")
    found = deployment.failing("Database")
    assert "did not answer" in found and "that PostgreSQL is running" in found
    assert (
        "– Migrations: not checked, because the database did not answer" in deployment.doctor()[1]
    )


def test_a_database_behind_this_release_says_to_migrate(deployment):
    store = Store.from_url(deployment.database)
    store.downgrade("0008")
    store.dispose()
    found = deployment.failing("Migrations")
    assert f"at schema 0008; this release has {head_revision()}" in found
    assert "run copro-bot migrate" in found


def test_a_database_from_a_newer_release_is_refused_by_doctor_and_by_run(deployment):
    deployment.sql("UPDATE alembic_version SET version_num = '0042'")
    found = deployment.failing("Migrations")
    assert "schema 0042, from a newer release" in found and "Run the newer release" in found
    assert main(["run"]) == 2
    said = deployment.capsys.readouterr().err
    assert "set up by a newer release of copro-bot (schema 0042" in said
    assert "Nothing was changed" in said
    assert main(["migrate"]) == 2  # nor does migrate touch it


def test_no_programme_loaded_says_how_to_load_one(deployment):
    deployment.sql("DELETE FROM programmes")
    found = deployment.failing("Programmes")
    assert "copro-bot programme load programme.yaml" in found


def test_a_refused_bot_token_is_told_apart_from_an_unreachable_slack(deployment):
    deployment.env.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    found = deployment.failing("Slack bot token")
    assert "Slack answered 'invalid_auth' for SLACK_BOT_TOKEN" in found
    assert "Copy the Bot User OAuth Token" in found
    assert (
        "– Digest channels: not checked, because the bot token did not work"
        in (deployment.doctor()[1])
    )


def test_slack_out_of_reach_says_to_open_the_network_or_set_a_proxy(deployment, closed_port):
    deployment.env.setenv("SLACK_API_URL", f"http://127.0.0.1:{closed_port}/api/")
    found = deployment.failing("Reaching Slack")
    assert "connection refused" in found and "set HTTPS_PROXY" in found


def test_a_proxy_out_of_reach_says_to_check_the_proxy(deployment, closed_port):
    deployment.env.setenv("HTTPS_PROXY", f"http://user:secret@127.0.0.1:{closed_port}")
    found = deployment.failing("Reaching Slack")
    assert f"could not connect to the proxy at http://127.0.0.1:{closed_port}" in found
    assert "Check HTTPS_PROXY" in found
    assert "secret" not in found  # the proxy's password is never printed


def test_a_missing_scope_says_to_reinstall_with_the_manifest(deployment):
    deployment.api.scopes = [s for s in BOT_SCOPES if s != "im:write"]
    found = deployment.failing("Slack token scopes")
    assert "the token lacks im:write" in found and "reinstall the app" in found


def test_a_scope_the_bot_does_not_use_is_flagged(deployment):
    deployment.api.scopes = [*BOT_SCOPES, "channels:history"]
    found = deployment.failing("Slack token scopes")
    assert "also has channels:history" in found and "no more access than it needs" in found


def test_a_refused_socket_mode_token_says_where_to_make_one(deployment):
    deployment.env.setenv("SLACK_APP_TOKEN", "xapp-old")
    found = deployment.failing("Socket Mode token")
    assert "invalid_auth" in found and "App-Level Tokens" in found


def test_a_digest_channel_slack_does_not_know_says_where_to_find_its_id(deployment):
    deployment.api.channels.clear()
    found = deployment.failing("Digest channel C0DIGEST01")
    assert "does not know this channel" in found and "its ID is at the bottom" in found


def test_a_digest_channel_without_the_bot_says_to_invite_it(deployment):
    deployment.api.add_channel("C0DIGEST01", name="copro-digests", is_member=False)
    found = deployment.failing("Digest channel C0DIGEST01")
    assert "the bot is not in #copro-digests" in found
    assert "/invite @copro-bot in #copro-digests" in found


def test_a_person_slack_does_not_know_is_named(deployment):
    deployment.load(
        SMALL_PROGRAMME.replace("{slack: U0MEMBER04, name: Kim}", "{slack: U0NOBODY01}").replace(
            "sam@example.org", "gone@example.org"
        )
    )
    found = deployment.failing("Members in Slack")
    assert "2 of 4 not found: " in found
    assert "U0NOBODY01 (no such user)" in found and "gone@example.org (no such user)" in found
    assert "Copy member ID" in found


def test_a_safeguarding_lead_slack_does_not_know_is_named(deployment):
    deployment.load(SMALL_PROGRAMME + "safeguarding: [U0FACIL001, U0LEAD0001]\n")
    found = deployment.failing("Safeguarding leads in Slack")
    assert "1 of 2 not found: U0LEAD0001" in found


def test_a_deactivated_facilitator_is_named(deployment):
    deployment.api.users["U0FACIL001"]["deleted"] = True
    found = deployment.failing("Facilitators in Slack")
    assert "U0FACIL001 (their account is deactivated)" in found


def test_an_smtp_relay_out_of_reach_is_named(deployment, closed_port):
    deployment.env.setenv("SMTP_PORT", str(closed_port))
    found = deployment.failing("E-mail (SMTP")
    assert "could not talk to it" in found and "Check SMTP_HOST and SMTP_PORT" in found


def test_an_smtp_relay_without_starttls_is_flagged(deployment):
    deployment.smtp.starttls = False
    found = deployment.failing("E-mail (SMTP")
    assert "does not offer STARTTLS" in found and "SMTP_STARTTLS=false" in found


def test_a_spool_others_can_read_says_chmod(deployment):
    deployment.spool.chmod(0o755)
    found = deployment.failing("Spool folder")
    assert "others may read it (mode 755)" in found and f"chmod 700 {deployment.spool}" in found


def test_replies_waiting_in_the_spool_are_not_to_be_deleted(deployment):
    (deployment.spool / "abc.json").write_text("{}")
    found = deployment.failing("Spool folder")
    assert "1 reply is waiting there" in found and "Do not delete them" in found


def test_an_unknown_programme_time_zone_is_named(deployment):
    deployment.sql("UPDATE programmes SET timezone = 'Europe/Londres'")
    found = deployment.failing("Programme time zones")
    assert "'Test programme' has 'Europe/Londres'" in found and "Europe/London" in found


def test_an_unknown_server_time_zone_is_named(deployment):
    deployment.env.setenv("TZ", "Middle/Earth")
    found = deployment.failing("Server time zone")
    assert "TZ='Middle/Earth'" in found and "unset it" in found
