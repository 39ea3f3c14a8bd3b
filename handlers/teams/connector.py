"""Writing to Teams through the Bot Connector, within its limits, without losing or doubling.

Every outgoing activity goes through the Agents SDK's adapter (``continue_conversation`` for a
chat we know, ``create_conversation`` for a new thread in a channel), whose connector client
posts to the conversation's own service URL. Around each call:

- **Pacing**: Teams publishes its limits as counts in sliding windows: in one conversation
  ("per bot per thread") 7 messages in any second, 8 in any 2 s, 60 in any 30 s and 1,800 in
  any hour; across all of them 50 requests in any second ("per app per tenant"). The pacer
  keeps the times of its own recent calls, each counted at its answer, and lets a call go
  only when every window still has room: a fan-out goes as a burst of 50 each second (and a
  call's time), which is what the tenant limit allows, and 429s stay rare.
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
import math
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
CLIENT_FOR_S = 300.0


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
    the tenant. ``margin_s`` is added to each window, a precaution for clocks and rounding."""

    per_conversation: float = 7.0
    per_tenant: float = 50.0
    conversation_windows: tuple[Window, ...] = TEAMS_CONVERSATION_WINDOWS
    margin_s: float = 0.01

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
    runs on the loop (one thread). A call takes its place in the windows when it is let go
    and is counted as the moment it is answered (``done``): Teams counts a call when it
    arrives, which is somewhere in between, so a window the pacer keeps can never hold more
    than Teams' own, whatever the network or the loop's queue did to the call on the way. A
    call whose window is full of calls still in flight waits for one of them to be answered."""

    def __init__(self, limits: Limits | None) -> None:
        self.limits = limits
        self._granted: dict[str, deque[list]] = {}
        self._forget_at = MAX_CONVERSATIONS
        self._answered: asyncio.Event | None = None

    async def wait(self, conversation: str) -> list[list]:
        """Wait for room; returns the call's places, to give to :meth:`done` when answered."""
        if self.limits is None:
            return []
        keys = ["c:" + conversation.split(";")[0], TENANT]
        while True:
            now = time.monotonic()
            at = max([now, *(self._earliest(key) for key in keys)])
            if at != math.inf:
                break
            if self._answered is None:
                self._answered = asyncio.Event()
            self._answered.clear()
            await self._answered.wait()
        slots = [slot for key in keys if (slot := self._take(key, at)) is not None]
        if at > now:
            await asyncio.sleep(at - now)
        return slots

    def done(self, slots: list[list]) -> None:
        """The call was answered (or failed) now: it counts as now."""
        now = time.monotonic()
        for slot in slots:
            slot[0], slot[1] = max(slot[0], now), True
        if slots and self._answered is not None:
            self._answered.set()

    def _earliest(self, key: str) -> float:
        """The first moment every window of ``key`` has room for one more call (inf: not
        until a call in flight is answered)."""
        granted = self._granted.get(key)
        if not granted:
            return 0.0
        # A conversation's messages keep their order.
        at = max(slot[0] for slot in granted) if key != TENANT else 0.0
        times = sorted(slot[0] if slot[1] else math.inf for slot in granted)
        for count, seconds in self.limits.windows(key):
            if count > 0 and len(times) >= count:
                at = max(at, times[-count] + seconds + self.limits.margin_s)
        return at

    def _take(self, key: str, at: float) -> list | None:
        windows = self.limits.windows(key)
        if not windows:
            return None
        longest = max(count for count, _ in windows)
        granted = self._granted.setdefault(key, deque(maxlen=max(1, longest)))
        slot = [at, False]  # [when it counts, answered]
        granted.append(slot)
        if len(self._granted) > self._forget_at:
            self._forget(at)
            self._forget_at = max(MAX_CONVERSATIONS, 2 * len(self._granted))
        return slot

    def _forget(self, now: float) -> None:
        """Drop conversations whose every window has passed, so a long run stays small."""
        longest = max((s for _, s in self.limits.conversation_windows), default=1.0)
        stale = [
            key
            for key, granted in self._granted.items()
            if key != TENANT and all(s[1] and s[0] < now - longest for s in granted)
        ]
        for key in stale:
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
        self._clients: dict[str, tuple[Any, float]] = {}
        self._retired: list[Any] = []

    async def send(self, where: ConversationReference, activity: Activity) -> str:
        """Post ``activity`` in the conversation; returns its id.

        Straight through a connector client kept for the service URL, as the SDK's own
        ``send_activity`` in a continued conversation would post it: ``continue_conversation``
        makes, and closes, a connector client and a user-token client (each with its own HTTP
        session) for every message, which held a 1,000-member fan-out well off the Teams
        floor (bench/teams_fanout.py)."""
        sent: dict[str, str] = {}
        reference = where.model_copy(update={"activity_id": None})  # new, not a reply

        async def post() -> None:
            outgoing = activity.model_copy(deep=True)
            outgoing.apply_conversation_reference(reference, is_incoming=False)
            client = await self._client(where.service_url)
            response = await client.conversations.send_to_conversation(
                outgoing.conversation.id, outgoing
            )
            sent["id"] = (response.id if response else None) or ""

        await self._call("send", where.conversation.id, post)
        return sent.get("id", "")

    async def _client(self, service_url: str) -> Any:
        """The connector client for ``service_url``, made again every ``CLIENT_FOR_S`` so its
        token never goes stale (Entra ID's last an hour or more)."""
        now = time.monotonic()
        kept = self._clients.get(service_url)
        if kept is not None and kept[1] > now:
            return kept[0]
        identity = self.adapter.create_claims_identity(self.app_id)
        client = await self.adapter._channel_service_client_factory.create_connector_client(
            None, identity, service_url, identity.get_token_audience()
        )
        self._clients[service_url] = (client, now + CLIENT_FOR_S)
        if kept is not None:
            self._retired.append(kept[0])  # calls may still be using it: closed at the end
        return client

    async def close(self) -> None:
        for client in [*(c for c, _ in self._clients.values()), *self._retired]:
            try:
                await client.close()
            except Exception:  # closing is best effort
                log.debug("a connector client did not close cleanly", exc_info=True)
        self._clients.clear()
        self._retired.clear()

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
            slots = await self.pacer.wait(conversation)
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
            finally:
                self.pacer.done(slots)
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
