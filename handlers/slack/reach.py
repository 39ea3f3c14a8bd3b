"""Why a call to Slack failed, in words an operator can act on.

Two different troubles look alike in a traceback: Slack could not be reached at all (the
network, DNS, the organisation's proxy, TLS), and Slack answered but refused the token. The
fixes differ completely, so :func:`explain` tells them apart and says what to do for each.
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_sdk.errors import SlackApiError

UNREACHABLE = "unreachable"  # the network, DNS, a proxy or TLS stood between us and Slack
REFUSED = "refused"  # Slack answered, and said no
# Slack's answers that mean "this token is not (or no longer) good".
TOKEN_REFUSED = {
    "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
    "not_allowed_token_type", "team_disabled", "invalid_token", "ekm_access_denied",
}  # fmt: skip
SLACK_HOSTS = "slack.com, *.slack.com and wss-primary.slack.com (port 443)"


@dataclass(frozen=True)
class Trouble:
    kind: str  # UNREACHABLE or REFUSED
    what: str  # what happened, in a sentence
    fix: str  # what to do about it

    def __str__(self) -> str:
        lead = "Cannot reach Slack" if self.kind == UNREACHABLE else "Slack refused the token"
        return f"{lead}: {self.what} Fix: {self.fix}"


class SlackTrouble(Exception):
    """A failed call to Slack, explained; ``trouble`` says which kind and the fix."""

    def __init__(self, trouble: Trouble) -> None:
        self.trouble = trouble
        super().__init__(str(trouble))


def explain(error: BaseException, *, url: str, proxy: str | None, token_name: str) -> Trouble:
    """What ``error`` from a call to ``url`` (through ``proxy``, if any) means, and its fix.
    ``token_name`` is the setting holding the token used (SLACK_BOT_TOKEN, say)."""
    host = urlsplit(url).hostname or url
    if isinstance(error, SlackApiError):
        return _answered(error, host=host, proxy=proxy, token_name=token_name)
    reason = error.reason if isinstance(error, URLError) else error
    text = str(reason)
    if "Tunnel connection failed" in text or "Failed to connect to the proxy" in text:
        return _proxy_refused(text, proxy)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return Trouble(
            UNREACHABLE,
            f"the certificate {host} showed was not trusted ({reason.verify_message}).",
            "If your organisation's proxy inspects HTTPS, set SSL_CERT_FILE to a file of trusted "
            "certificates that includes your organisation's root certificate (ask IT for it). "
            "Otherwise check the server's clock and its ca-certificates package.",
        )
    if isinstance(reason, ssl.SSLError):
        return Trouble(
            UNREACHABLE,
            f"the secure (TLS) connection to {host} failed ({reason.reason or reason}).",
            "Check that SLACK_API_URL (if set) is Slack's https address, and that any proxy "
            "in between passes HTTPS through; if it inspects HTTPS, set SSL_CERT_FILE to a "
            "bundle with your organisation's root certificate.",
        )
    if isinstance(reason, socket.gaierror):
        if proxy:
            return Trouble(
                UNREACHABLE,
                f"the proxy's name in HTTPS_PROXY ({_safe(proxy)}) could not be looked up (DNS).",
                "Check the proxy address in HTTPS_PROXY with your IT team.",
            )
        return Trouble(
            UNREACHABLE,
            f"the name {host} could not be looked up (DNS).",
            "Check this server's DNS settings. If it reaches the internet only through a "
            "proxy, set HTTPS_PROXY to it (http://proxy.example.nhs.uk:8080).",
        )
    if isinstance(reason, OSError | TimeoutError):
        why = _os_reason(reason)
        if proxy:
            return Trouble(
                UNREACHABLE,
                f"could not connect to the proxy at {_safe(proxy)} ({why}).",
                "Check HTTPS_PROXY (address and port) and that the proxy is up. If "
                f"{host} should be reached directly, add it to NO_PROXY.",
            )
        return Trouble(
            UNREACHABLE,
            f"could not connect to {host} ({why}).",
            f"Allow outbound HTTPS from this server to {SLACK_HOSTS}, or, if your network "
            "requires a proxy, set HTTPS_PROXY to it.",
        )
    return Trouble(
        UNREACHABLE,
        f"the call to {host} failed ({type(error).__name__}: {error}).",
        "Run `copro-bot doctor` for a full check of the connection and the settings.",
    )


def _answered(error: SlackApiError, *, host: str, proxy: str | None, token_name: str) -> Trouble:
    status = getattr(error.response, "status_code", 200)
    code = error.response.get("error", "") if error.response is not None else ""
    if status == 407:
        return _proxy_refused("407 Proxy Authentication Required", proxy)
    if code in TOKEN_REFUSED:
        return Trouble(
            REFUSED,
            f"Slack answered {code!r} for {token_name}.",
            _token_fix(token_name),
        )
    if status >= 400 or "non-JSON" in str(code):
        return Trouble(
            UNREACHABLE,
            f"something other than Slack answered {host} (HTTP {status}), most likely a proxy "
            "or a firewall.",
            f"Ask IT to let this server reach {SLACK_HOSTS}; set HTTPS_PROXY if the proxy "
            "must be used, and NO_PROXY for hosts that must not.",
        )
    return Trouble(REFUSED, f"Slack answered {code!r}.", _token_fix(token_name))


def _token_fix(token_name: str) -> str:
    if token_name == "SLACK_APP_TOKEN":
        return (
            "Under Basic Information > App-Level Tokens, make a token with connections:write "
            "and put it (xapp-...) in SLACK_APP_TOKEN."
        )
    return (
        "Copy the Bot User OAuth Token (xoxb-...) again from OAuth & Permissions into "
        f"{token_name}. If the app was removed from the workspace, install it again first."
    )


def _proxy_refused(text: str, proxy: str | None) -> Trouble:
    if "407" in text:
        return Trouble(
            UNREACHABLE,
            f"the proxy at {_safe(proxy)} wants a user name and password (HTTP 407).",
            "Give them in HTTPS_PROXY (http://USER:PASSWORD@proxy:port), or ask IT to let "
            f"this server reach {SLACK_HOSTS} without signing in.",
        )
    return Trouble(
        UNREACHABLE,
        f"the proxy at {_safe(proxy)} would not connect us to Slack ({text}).",
        f"Ask IT to allow {SLACK_HOSTS} through the proxy.",
    )


def _os_reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return getattr(error, "strerror", None) or type(error).__name__


def _safe(proxy: str | None) -> str:
    """The proxy's address without any password in it, fit for a message or a log."""
    if not proxy:
        return "(none)"
    parts = urlsplit(proxy)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
