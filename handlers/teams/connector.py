"""Writing to Teams through the Bot Connector, within its limits, without losing or doubling.

Every outgoing activity goes through the Agents SDK's adapter (``continue_conversation`` for a
chat we know, ``create_conversation`` for a new thread in a channel), whose connector client
posts to the conversation's own service URL. Around each call:

- **Pacing**: Teams allows a bot about 7 messages a second in one conversation, and a limit
  per tenant across all of them (not published as one number; we assume 50 a second, see
  the README). Calls are spaced to stay under both, so 429s are rare rather than routine.
- **Retries**: 429 (throttled), 412, 502 and 504 are tried again, after ``Retry-After`` when
  the service says, else after a growing pause (0.5 s, 1 s, 2 s … at most 30 s), up to
  ``attempts`` times; then ``DeliveryFailed(permanent=False)``, so the domain tries again
  later. A refused call was not delivered, so trying again sends it once. (A 502 or 504 could
  in principle come after Teams delivered the message; Teams gives bots no way to check, so
  that rare case could show a message twice: documented.)
- **Permanent**: 403 (the person blocked or removed the app, or the bot is not in the team)
  and 404 (no such conversation) raise ``DeliveryFailed(permanent=True)``: trying again
  cannot help, so the domain marks the prompt failed.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from microsoft_agents.activity import Activity, ConversationParameters, ConversationReference

from bot.domain.messenger import DeliveryFailed

log = logging.getLogger(__name__)

RETRIED = {429, 412, 502, 503, 504}
PERMANENT = {400, 403, 404}
CALL_TIMEOUT_S = 30.0


class Refused(DeliveryFailed):
    """Teams answered with an HTTP error; ``status`` says which."""

    def __init__(self, what: str, status: int, *, permanent: bool) -> None:
        super().__init__(f"{what}: HTTP {status}", permanent=permanent)
        self.status = status


@dataclass(frozen=True)
class Limits:
    """Messages a second: in one conversation, and across the tenant."""

    per_conversation: float = 7.0
    per_tenant: float = 50.0


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    base_s: float = 0.5
    cap_s: float = 30.0

    def pause(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.cap_s)
        if self.base_s <= 0:
            return 0.0
        grown = self.base_s * 2**attempt
        return min(grown * (0.8 + 0.4 * random.random()), self.cap_s)


DEFAULT_LIMITS = Limits()
DEFAULT_RETRY = RetryPolicy()


class Pacer:
    """Spaces calls so that neither limit is passed; runs on the loop (one thread)."""

    def __init__(self, limits: Limits | None) -> None:
        self.limits = limits
        self._next: dict[str, float] = {}

    async def wait(self, conversation: str) -> None:
        if self.limits is None:
            return
        now = time.monotonic()
        conversation_key = "c:" + conversation.split(";")[0]
        at = max(now, self._next.get(conversation_key, 0.0), self._next.get("tenant", 0.0))
        if self.limits.per_conversation:
            self._next[conversation_key] = at + 1 / self.limits.per_conversation
        if self.limits.per_tenant:
            self._next["tenant"] = at + 1 / self.limits.per_tenant
        if at > now:
            await asyncio.sleep(at - now)


class Connector:
    def __init__(
        self,
        adapter: Any,
        *,
        app_id: str,
        limits: Limits | None = DEFAULT_LIMITS,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> None:
        self.adapter = adapter
        self.app_id = app_id
        self.pacer = Pacer(limits)
        self.retry = retry

    async def send(self, where: ConversationReference, activity: Activity) -> str:
        """Post ``activity`` in the conversation; returns its id."""
        sent: dict[str, str] = {}

        async def post(context) -> None:
            context.activity.id = None  # a new message, not a reply to the continuation event
            response = await context.send_activity(activity.model_copy(deep=True))
            sent["id"] = response.id or ""

        await self._call("send", where.conversation.id, lambda: self._continue(where, post))
        return sent.get("id", "")

    async def update(self, where: ConversationReference, activity: Activity) -> None:
        async def put(context) -> None:
            await context.update_activity(activity.model_copy(deep=True))

        await self._call("update", where.conversation.id, lambda: self._continue(where, put))

    async def create_in_channel(
        self, *, service_url: str, tenant: str | None, channel: str, activity: Activity
    ) -> str:
        """A new thread in a channel, starting with ``activity``; returns the thread's
        conversation id (``19:…;messageid=…``), to reply in."""
        created: dict[str, str] = {}
        parameters = ConversationParameters.model_validate(
            {
                "isGroup": True,
                "channelData": {"channel": {"id": channel}, "tenant": {"id": tenant}},
                "activity": activity.model_dump(by_alias=True, exclude_none=True, mode="json"),
                "tenantId": tenant,
                "bot": {"id": f"28:{self.app_id}"},
            }
        )

        async def remember(context) -> None:
            created["id"] = context.activity.conversation.id

        async def create() -> None:
            await self.adapter.create_conversation(
                self.app_id, "msteams", service_url, "https://api.botframework.com",
                parameters, remember,
            )  # fmt: skip

        await self._call("create", channel, create)
        return created.get("id", "")

    async def _continue(self, where: ConversationReference, callback) -> None:
        await self.adapter.continue_conversation(
            self.app_id, where.get_continuation_activity(), callback
        )

    async def _call(self, what: str, conversation: str, op: Callable[[], Awaitable[None]]) -> None:
        for attempt in range(self.retry.attempts):
            await self.pacer.wait(conversation)
            try:
                await asyncio.wait_for(op(), CALL_TIMEOUT_S)
                return
            except aiohttp.ClientResponseError as error:
                if error.status in PERMANENT:
                    raise Refused(what, error.status, permanent=True) from None
                if error.status not in RETRIED:
                    raise Refused(what, error.status, permanent=False) from None
                delay = self.retry.pause(attempt, _retry_after(error.headers))
                log.info("Teams said %s to a %s; trying again in %.1f s", error.status, what, delay)
            except (aiohttp.ClientConnectionError, TimeoutError) as error:
                delay = self.retry.pause(attempt, None)
                log.info("a %s did not reach Teams (%s); trying again", what, type(error).__name__)
            if attempt + 1 < self.retry.attempts:
                await asyncio.sleep(delay)
        raise DeliveryFailed(
            f"{what}: still refused after {self.retry.attempts} tries", permanent=False
        )


def _retry_after(headers: Any) -> float | None:
    try:
        value = (headers or {}).get("Retry-After")
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
