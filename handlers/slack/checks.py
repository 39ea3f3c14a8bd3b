"""The Slack part of `copro-bot doctor`: the bot token and its scopes, the Socket Mode token,
the digest channels, and every person the programmes name."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.checklist import Check, PersonToFind, PlatformCheckRequest
from handlers.slack.rate_limit import RetryAfterHandler
from handlers.slack.reach import REFUSED, explain

# Exactly the bot scopes manifest.yaml asks for (tests/test_doctor.py keeps the two the same):
# the installed bot carries no copy of the manifest.
BOT_SCOPES = (
    "chat:write", "commands", "im:history", "users:read", "users:read.email", "im:write",
    "files:write", "channels:read", "groups:read",
)  # fmt: skip
REINSTALL = (
    "Under OAuth & Permissions > Scopes set the bot token scopes to those in manifest.yaml "
    "(or paste manifest.yaml again under App Manifest), then reinstall the app to the workspace."
)
FIND_ID = (
    "In Slack, open the person's profile, choose the three dots and Copy member ID; or give "
    "their work e-mail address instead."
)


def slack_checks(adapter: Any, request: PlatformCheckRequest) -> list[Check]:
    client = adapter.client
    # A doctor wants a quick, clear answer: no waiting through retries of a dead connection.
    client.retry_handlers = [RetryAfterHandler(max_retry_count=2)]
    found = [_bot_token(adapter)]
    if found[0].ok is not True:
        because = "the bot token did not work"
        found.append(Check.skipped("Slack token scopes", because))
        if adapter.app_token:
            found.append(_app_token(adapter))
        if request.channels:
            found.append(Check.skipped("Digest channels", because))
        if request.people:
            found.append(Check.skipped("People in Slack", because))
        return found
    found.append(_scopes(adapter))
    if adapter.app_token:
        found.append(_app_token(adapter))
    found += [_channel(client, programme, channel) for programme, channel in request.channels]
    found += _people(client, request.people)
    return found


def _bot_token(adapter: Any) -> Check:
    try:
        identity = adapter.client.auth_test()
    except Exception as error:
        trouble = explain(
            error, url=adapter.api_url, proxy=adapter.client.proxy, token_name="SLACK_BOT_TOKEN"
        )
        what = "Slack bot token" if trouble.kind == REFUSED else "Reaching Slack"
        return Check.failed(what, trouble.what, trouble.fix)
    adapter.last_auth_test = identity
    return Check.passed(
        "Slack bot token", f"works, as {identity.get('user')} in {identity.get('team')}"
    )


def _scopes(adapter: Any) -> Check:
    headers = getattr(adapter, "last_auth_test", None)
    headers = {k.lower(): v for k, v in (getattr(headers, "headers", None) or {}).items()}
    raw = headers.get("x-oauth-scopes")
    if raw is None:
        return Check.skipped("Slack token scopes", "Slack did not say the token's scopes")
    granted = {s.strip() for s in raw.split(",") if s.strip()}
    missing = [s for s in BOT_SCOPES if s not in granted]
    extra = sorted(granted - set(BOT_SCOPES))
    if missing:
        return Check.failed(
            "Slack token scopes", f"the token lacks {', '.join(missing)}.", REINSTALL
        )
    if extra:
        return Check.failed(
            "Slack token scopes",
            f"the token also has {', '.join(extra)}, which the bot does not use.",
            "Remove them, so the bot holds no more access than it needs. " + REINSTALL,
        )
    return Check.passed("Slack token scopes", "exactly those manifest.yaml asks for")


def _app_token(adapter: Any) -> Check:
    try:
        adapter.client.apps_connections_open(app_token=adapter.app_token)
    except Exception as error:
        trouble = explain(
            error,
            url=adapter.api_url,
            proxy=adapter.client.proxy,
            token_name="SLACK_APP_TOKEN",
        )
        return Check.failed("Socket Mode token", trouble.what, trouble.fix)
    return Check.passed("Socket Mode token", "Slack opens a connection with it")


def _channel(client: Any, programme: str, channel_id: str) -> Check:
    what = f"Digest channel {channel_id} ({programme})"
    try:
        channel = client.conversations_info(channel=channel_id)["channel"]
    except SlackApiError as error:
        code = error.response.get("error", "")
        if code == "channel_not_found":
            return Check.failed(
                what,
                "Slack does not know this channel, or it is private and the bot is not in it.",
                "Check digest_channel in the programme file: open the channel's details; its "
                "ID is at the bottom. If the channel is private, type /invite @copro-bot in it.",
            )
        if code == "missing_scope":
            return Check.failed(what, "the token may not read channels.", REINSTALL)
        return Check.failed(what, f"Slack answered {code!r}.", "Run copro-bot doctor again.")
    name = f"#{channel.get('name')}" if channel.get("name") else channel_id
    if channel.get("is_archived"):
        return Check.failed(
            what,
            f"{name} is archived.",
            "Unarchive it, or set another digest_channel and load the programme file again.",
        )
    if not channel.get("is_member"):
        return Check.failed(
            what,
            f"the bot is not in {name}, so it cannot post digests there.",
            f"In Slack, type /invite @copro-bot in {name}.",
        )
    return Check.passed(what, f"{name}, and the bot is in it")


def _people(client: Any, people: tuple[PersonToFind, ...]) -> list[Check]:
    groups: dict[tuple[str, str], list[PersonToFind]] = defaultdict(list)
    for person in people:
        groups[(person.programme, person.role)].append(person)
    found = []
    for (programme, role), group in groups.items():
        what = f"{role.capitalize()}s in Slack ({programme})"
        lost = [f"{p.shown} ({why})" for p in group if (why := _missing(client, p))]
        if lost:
            found.append(
                Check.failed(
                    what,
                    f"{len(lost)} of {len(group)} not found: {', '.join(lost)}.",
                    "Correct them in the programme file and load it again. " + FIND_ID,
                )
            )
        else:
            found.append(Check.passed(what, f"all {len(group)} found"))
    return found


def _missing(client: Any, person: PersonToFind) -> str | None:
    """Why this person cannot be reached in Slack, or None when they can."""
    try:
        if person.chat_id:
            user = client.users_info(user=person.chat_id)["user"]
        elif person.email:
            user = client.users_lookupByEmail(email=person.email)["user"]
        else:
            return "no Slack ID or e-mail"
    except SlackApiError as error:
        code = error.response.get("error", "")
        return "no such user" if code in ("user_not_found", "users_not_found") else code
    if user.get("deleted"):
        return "their account is deactivated"
    return None
