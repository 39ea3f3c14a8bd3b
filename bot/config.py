"""Settings, validated from the environment once, at start-up; nothing is read at import time."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import proxy_bypass_environment

DEFAULT_DATABASE_URL = "sqlite:///copro-bot.db"
# Where the Bot Framework publishes the keys that sign the tokens on Teams' requests to us.
DEFAULT_TEAMS_OPENID_METADATA_URL = (
    "https://login.botframework.com/v1/.well-known/openidconfiguration"
)
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# Placeholders from .env.example: refusing them saves a confusing "invalid_auth" later on.
PLACEHOLDERS = {
    "xoxb-your-bot-token", "xapp-your-app-token", "your-signing-secret", "changeme",
    "your-app-password", "00000000-0000-0000-0000-000000000000",
}  # fmt: skip
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
YES, NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class ConfigError(ValueError):
    """Settings are missing or wrong; ``problems`` says each one and how to fix it."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str | None = None
    # Microsoft Teams (the Entra ID app registration of a single-tenant bot).
    teams_app_id: str | None = None
    teams_app_password: str | None = None
    teams_tenant_id: str | None = None
    teams_certificate_file: str | None = None  # instead of the password: a PEM with its key
    teams_managed_identity: bool = False  # instead of either, on Azure
    teams_openid_metadata_url: str = DEFAULT_TEAMS_OPENID_METADATA_URL
    port: int = 3000
    host: str = "0.0.0.0"
    # How late a prompt or reminder may still go out after the bot was down (see README).
    catch_up_hours: int = 24
    # Where replies wait, durably, if the database is briefly unreachable.
    spool_dir: str = "copro-spool"
    log_level: str = "INFO"
    # How often a bot that started while its database was away looks for it again.
    database_retry_seconds: int = 5
    log_format: str = "text"  # or "json": one object a line, for log collectors
    # The organisation's web proxy for outbound HTTPS (Slack's Web API and Socket Mode), and
    # the hosts reached directly (NO_PROXY: "localhost,.nhs.uk").
    https_proxy: str | None = None
    no_proxy: str | None = None
    # E-mail, when an SMTP relay is set.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str | None = None
    smtp_starttls: bool = True

    @property
    def socket_mode(self) -> bool:
        return bool(self.slack_app_token)

    @property
    def has_slack_credentials(self) -> bool:
        return bool(self.slack_bot_token and (self.slack_app_token or self.slack_signing_secret))

    @property
    def has_teams_credentials(self) -> bool:
        return bool(self.teams_app_id)

    def proxy_for(self, url: str) -> str | None:
        """The proxy an outbound request to ``url`` goes through, or None to go direct
        (no proxy set, or the host is listed in NO_PROXY)."""
        if not self.https_proxy:
            return None
        host = urlsplit(url).hostname or ""
        if self.no_proxy and proxy_bypass_environment(host, {"no": self.no_proxy}):
            return None
        return self.https_proxy

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Every setting from ``env`` (the process environment by default); ConfigError names
        every problem at once, so one run shows all there is to fix."""
        env = os.environ if env is None else env
        problems: list[str] = []

        def text(name: str, *, also: str | None = None) -> str | None:
            value = (env.get(name) or (env.get(also) if also else None) or "").strip()
            if value in PLACEHOLDERS:
                problems.append(f"{name} still holds the example value; set the real one.")
                return None
            return value or None

        def number(name: str, default: int, low: int, high: int) -> int:
            raw = text(name)
            if raw is None:
                return default
            try:
                value = int(raw)
            except ValueError:
                problems.append(f"{name} must be a whole number, not {raw!r}.")
                return default
            if not low <= value <= high:
                problems.append(f"{name} must be between {low} and {high}, not {value}.")
                return default
            return value

        def yes_no(name: str, default: bool) -> bool:
            raw = (text(name) or "").lower()
            if raw and raw not in YES + NO:
                problems.append(f"{name} must be true or false, not {raw!r}.")
            return default if raw not in YES + NO else raw in YES

        settings = cls(
            database_url=text("DATABASE_URL") or DEFAULT_DATABASE_URL,
            slack_bot_token=text("SLACK_BOT_TOKEN"),
            slack_signing_secret=text("SLACK_SIGNING_SECRET"),
            slack_app_token=text("SLACK_APP_TOKEN"),
            slack_api_url=text("SLACK_API_URL"),
            teams_app_id=text("TEAMS_APP_ID"),
            teams_app_password=text("TEAMS_APP_PASSWORD"),
            teams_tenant_id=text("TEAMS_TENANT_ID"),
            teams_certificate_file=text("TEAMS_CERTIFICATE_FILE"),
            teams_managed_identity=(text("TEAMS_MANAGED_IDENTITY") or "").lower()
            in {"1", "true", "yes"},
            teams_openid_metadata_url=text("TEAMS_OPENID_METADATA_URL")
            or DEFAULT_TEAMS_OPENID_METADATA_URL,
            port=number("PORT", 3000, 0, 65535),  # 0: the system picks; the log says which
            host=text("HOST") or "0.0.0.0",
            catch_up_hours=number("COPRO_CATCH_UP_HOURS", 24, 0, 24 * 14),
            spool_dir=text("COPRO_SPOOL_DIR") or "copro-spool",
            log_level=(text("LOG_LEVEL") or "INFO").upper(),
            database_retry_seconds=number("COPRO_DATABASE_RETRY_SECONDS", 5, 1, 300),
            log_format=(text("LOG_FORMAT") or "text").lower(),
            https_proxy=text("HTTPS_PROXY", also="https_proxy"),
            no_proxy=text("NO_PROXY", also="no_proxy"),
            smtp_host=text("SMTP_HOST"),
            smtp_port=number("SMTP_PORT", 587, 1, 65535),
            smtp_user=text("SMTP_USER"),
            smtp_password=text("SMTP_PASSWORD"),
            smtp_from=text("SMTP_FROM"),
            smtp_starttls=yes_no("SMTP_STARTTLS", True),
        )
        problems += settings.problems()
        if problems:
            raise ConfigError(problems)
        return settings

    def check(self) -> None:
        """Raise ConfigError naming every problem, if there is any."""
        if found := self.problems():
            raise ConfigError(found)

    def problems(self) -> list[str]:
        """What is inconsistent or malformed, each with how to put it right."""
        found = []
        if self.slack_bot_token and not self.slack_bot_token.startswith("xoxb-"):
            found.append("SLACK_BOT_TOKEN should start with xoxb- (the Bot User OAuth Token).")
        if self.slack_app_token and not self.slack_app_token.startswith("xapp-"):
            found.append("SLACK_APP_TOKEN should start with xapp- (an app-level token).")
        if self.slack_bot_token and not (self.slack_app_token or self.slack_signing_secret):
            found.append(
                "With SLACK_BOT_TOKEN set, also set SLACK_APP_TOKEN (Socket Mode) or "
                "SLACK_SIGNING_SECRET (HTTP mode)."
            )
        if (self.slack_app_token or self.slack_signing_secret) and not self.slack_bot_token:
            found.append("SLACK_BOT_TOKEN is missing (it starts with xoxb-).")
        if self.slack_api_url and not self.slack_api_url.startswith(("http://", "https://")):
            found.append("SLACK_API_URL must be an http(s) URL such as https://slack.com/api/.")
        if self.log_level not in LOG_LEVELS:
            found.append("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR.")
        if self.log_format not in LOG_FORMATS:
            found.append("LOG_FORMAT must be text or json.")
        if self.https_proxy:
            proxy = urlsplit(self.https_proxy)
            if proxy.scheme != "http" or not proxy.hostname:
                found.append(
                    "HTTPS_PROXY should be the proxy's address with http:// in front, like "
                    "http://proxy.example.nhs.uk:8080."
                )
        smtp_others = [
            name
            for name, value in (
                ("SMTP_USER", self.smtp_user),
                ("SMTP_PASSWORD", self.smtp_password),
                ("SMTP_FROM", self.smtp_from),
            )
            if value
        ]
        if smtp_others and not self.smtp_host:
            found.append(f"{', '.join(smtp_others)} set but SMTP_HOST is missing: set it too.")
        if self.smtp_host and not self.smtp_from:
            found.append("SMTP_HOST is set, so also set SMTP_FROM (the address e-mail comes from).")
        if bool(self.smtp_user) != bool(self.smtp_password):
            found.append("Set SMTP_USER and SMTP_PASSWORD together, or neither.")
        try:
            self._check_teams()
        except ConfigError as error:
            found += error.problems
        return found

    def _check_teams(self) -> None:
        extra = (self.teams_app_password, self.teams_tenant_id, self.teams_certificate_file)
        if not self.teams_app_id:
            if any(extra) or self.teams_managed_identity:
                raise ConfigError(
                    "TEAMS_APP_ID is missing: it is the bot's Application (client) ID in Entra ID."
                )
            return
        if not GUID.match(self.teams_app_id):
            raise ConfigError("TEAMS_APP_ID should be a GUID, the Application (client) ID.")
        if not self.teams_tenant_id or not GUID.match(self.teams_tenant_id):
            raise ConfigError(
                "TEAMS_TENANT_ID should be your organisation's Directory (tenant) ID, a GUID: "
                "the bot is registered in one tenant."
            )
        ways = [
            bool(self.teams_app_password),
            bool(self.teams_certificate_file),
            self.teams_managed_identity,
        ]
        if sum(ways) != 1:
            raise ConfigError(
                "With TEAMS_APP_ID set, set one of TEAMS_APP_PASSWORD (a client secret), "
                "TEAMS_CERTIFICATE_FILE or TEAMS_MANAGED_IDENTITY=true."
            )
        if not self.teams_openid_metadata_url.startswith(
            ("https://", "http://127.", "http://localhost")
        ):
            raise ConfigError(
                "TEAMS_OPENID_METADATA_URL must be an https URL (or a loopback one, for a stand-in)."
            )

    def database_path_hint(self) -> str:
        if self.database_url.startswith("sqlite:///"):
            return str(Path(self.database_url.removeprefix("sqlite:///")).resolve())
        return "the database at DATABASE_URL"

    @property
    def database_kind(self) -> str:
        return "SQLite" if self.database_url.startswith("sqlite") else "PostgreSQL"
