"""Writing to Teams through the Bot Connector, within its limits, without losing or doubling.

Every outgoing activity goes through the Agents SDK's adapter (``continue_conversation`` for a
chat we know, ``create_conversation`` for a new thread in a channel), whose connector client
posts to the conversation's own service URL. Around each call:

- **Pacing**: Teams publishes its limits as counts in sliding windows: in one conversation
  ("per bot per thread") 7 messages in any second, 8 in any 2 s, 60 in any 30 s and 1,800 in
  any hour; across all of them 50 requests in any second ("per app per tenant"). The pacer
  keeps the times of its own recent calls and lets a call go only when every window still
  has room, with a small margin for the time a call takes to reach Teams: a fan-out goes as
  a burst of 50 each second, which is what the tenant limit allows, and 429s stay rare.
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
from collections import deque
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


Window = tuple[int, float]  # (calls, seconds): at most that many calls in any such span
# Teams' "per bot per thread" limits beyond the one-second one (Microsoft's rate-limit page).
TEAMS_CONVERSATION_WINDOWS: tuple[Window, ...] = ((8, 2.0), (60, 30.0), (1800, 3600.0))


@dataclass(frozen=True)
class Limits:
    """What Teams allows: ``per_conversation`` messages in any one second in a conversation
    (with ``conversation_windows`` besides), ``per_tenant`` requests in any one second across
    the tenant. ``margin_s`` is added to each window, for the time a call takes to arrive."""

    per_conversation: float = 7.0
    per_tenant: float = 50.0
    conversation_windows: tuple[Window, ...] = TEAMS_CONVERSATION_WINDOWS
    margin_s: float = 0.05

    def windows(self, key: str) -> tuple[Window, ...]:
        if key == TENANT:
            return ((int(self.per_tenant), 1.0),) if self.per_tenant else ()
        own = ((int(self.per_conversation), 1.0),) if self.per_conversation else ()
        return own + (self.conversation_windows if self.per_conversation else ())


TENANT = "tenant"


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
    """Lets each call go once every window of its conversation and of the tenant has room;
    runs on the loop (one thread). Each call's slot is taken when it is granted, in order, so
    the calls that wait do not overtake each other."""

    def __init__(self, limits: Limits | None) -> None:
        self.limits = limits
        self._granted: dict[str, deque[float]] = {}
        self._forget_at = MAX_CONVERSATIONS

    async def wait(self, conversation: str) -> None:
        if self.limits is None:
            return
        now = time.monotonic()
        keys = ["c:" + conversation.split(";")[0], TENANT]
        at = now
        for key in keys:
            at = max(at, self._earliest(key))
        for key in keys:
            self._take(key, at)
        if at > now:
            await asyncio.sleep(at - now)

    def _earliest(self, key: str) -> float:
        """The first moment every window of ``key`` has room for one more call."""
        granted = self._granted.get(key)
        if not granted:
            return 0.0
        at = granted[-1]  # slots are granted in order
        for count, seconds in self.limits.windows(key):
            if count > 0 and len(granted) >= count:
                at = max(at, granted[-count] + seconds + self.limits.margin_s)
        return at

    def _take(self, key: str, at: float) -> None:
        windows = self.limits.windows(key)
        if not windows:
            return
        longest = max(count for count, _ in windows)
        granted = self._granted.setdefault(key, deque(maxlen=max(1, longest)))
        granted.append(at)
        if len(self._granted) > self._forget_at:
            self._forget(at)
            self._forget_at = max(MAX_CONVERSATIONS, 2 * len(self._granted))

    def _forget(self, now: float) -> None:
        """Drop conversations whose every window has passed, so a long run stays small."""
        longest = max((s for _, s in self.limits.conversation_windows), default=1.0)
        for key in [k for k, g in self._granted.items() if k != TENANT and g[-1] < now - longest]:
            del self._granted[key]


MAX_CONVERSATIONS = 20_000


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
