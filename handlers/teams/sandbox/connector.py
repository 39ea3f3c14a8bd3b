"""A loopback stand-in for the Bot Connector service Teams bots talk to, and for the Bot
Framework's token keys.

Activities the tests and the demo send to the bot carry this stand-in's address as their
``serviceUrl``, so everything the bot says comes back here; it binds port 0 and records every
call with its payload, in order. It also plays the Bot Framework's sign-in side: it holds an
RSA key, publishes it at an OpenID metadata document and its JWKS, and signs tokens with it
(``token()``), so the bot checks real RS256 signatures against keys it fetched, as in
production. Point ``TEAMS_OPENID_METADATA_URL`` at :attr:`metadata_url`.

Faults, per route (``send``, ``reply``, ``update``, ``create``, ``member``, ``upload``):
``fail(route, status, times=…, retry_after=…)`` answers the next calls with that status (429,
412, 502, 504, 403…) without acting on them. Rate limits as Teams states its own, as counts in
sliding windows: ``per_conversation`` messages in any second in one conversation (and any
``conversation_windows`` besides, such as Teams' 8 in 2 s), ``per_tenant`` in any second in
all; a call over any is answered 429 with ``Retry-After`` (whole seconds, at least 1), not
delivered and not counted.
"""

from __future__ import annotations

import base64
import functools
import itertools
import json
import math
import re
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://api.botframework.com"
TENANT_ID = "7c1e2f3a-0000-4000-8000-000000000001"
BOT_ID = "28:copro-bot"
OUTBOUND_TOKEN = "stand-in-outbound-token"  # what the bot must present when it writes to us

ROUTES = (
    ("upload", "PUT", re.compile(r"^/upload/(?P<name>[^/]+)$")),
    ("member", "GET", re.compile(r"^/v3/conversations/(?P<cid>[^/]+)/members/(?P<uid>[^/]+)$")),
    ("send", "POST", re.compile(r"^/v3/conversations/(?P<cid>[^/]+)/activities$")),
    ("reply", "POST", re.compile(r"^/v3/conversations/(?P<cid>[^/]+)/activities/(?P<aid>[^/]+)$")),
    ("update", "PUT", re.compile(r"^/v3/conversations/(?P<cid>[^/]+)/activities/(?P<aid>[^/]+)$")),
    ("create", "POST", re.compile(r"^/v3/conversations$")),
)


@dataclass(frozen=True)
class Call:
    """One request the stand-in received: ``route`` as named above, the conversation and
    activity it was about, its JSON body (or the bytes of an upload), and the status answered."""

    route: str
    method: str
    path: str
    conversation: str | None
    activity_id: str | None
    body: Any
    headers: dict
    status: int
    at: float

    @property
    def delivered(self) -> bool:
        return 200 <= self.status < 300

    @property
    def text(self) -> str:
        body = self.body if isinstance(self.body, dict) else {}
        return body.get("text") or ""

    @property
    def cards(self) -> list[dict]:
        body = self.body if isinstance(self.body, dict) else {}
        return [a.get("content") or {} for a in body.get("attachments") or []]

    @property
    def attachment_types(self) -> list[str]:
        body = self.body if isinstance(self.body, dict) else {}
        return [a.get("contentType", "") for a in body.get("attachments") or []]


@dataclass
class _Fault:
    status: int
    times: int
    retry_after: int | None
    conversation: str | None


@dataclass
class _Windows:
    """Teams' limits as it states them: at most ``count`` calls in any ``seconds``, for each
    window. Only calls let through count."""

    windows: tuple[tuple[int, float], ...]
    times: deque = field(default_factory=deque)

    def peek(self) -> float:
        """0 when a call may go now; otherwise seconds until it could."""
        now = time.monotonic()
        longest = max(seconds for _, seconds in self.windows)
        while self.times and self.times[0] <= now - longest:
            self.times.popleft()
        wait = 0.0
        for count, seconds in self.windows:
            if len(self.times) < count:
                continue
            inside = [t for t in self.times if t > now - seconds]
            if len(inside) >= count:
                wait = max(wait, inside[-count] + seconds - now)
        return wait


class ConnectorStandIn:
    def __init__(
        self,
        *,
        app_id: str = "00000000-0000-4000-8000-00000000c0b0",
        latency_s: float = 0.0,
        per_conversation: float = 0.0,
        per_tenant: float = 0.0,
        conversation_windows: tuple[tuple[int, float], ...] = (),
    ) -> None:
        self.app_id = app_id
        self.latency_s = latency_s
        self.per_conversation = per_conversation
        self.per_tenant = per_tenant
        self.conversation_windows = conversation_windows
        self.key, self.rogue_key = _keys()
        self.kid = "stand-in-key-1"
        self.users: dict[str, dict] = {}  # by their 29: id
        self.uploads: dict[str, bytes] = {}
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._faults: dict[str, deque[_Fault]] = defaultdict(deque)
        self._limits: dict[str, _Windows] = {}
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- life ---------------------------------------------------------------------------
    def start(self) -> str:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="connector-stand-in", daemon=True
        )
        self._thread.start()
        return self.service_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> ConnectorStandIn:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def service_url(self) -> str:
        assert self._server is not None, "start() the stand-in first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def metadata_url(self) -> str:
        return self.service_url + ".well-known/openidconfiguration"

    # --- people -------------------------------------------------------------------------
    def add_user(
        self, user_id: str, *, name: str, email: str, aad: str | None = None
    ) -> dict[str, Any]:
        """Someone in the tenant, as ``GET …/members/{id}`` describes them."""
        aad = aad or str(uuid.uuid5(uuid.NAMESPACE_URL, user_id))
        self.users[user_id] = {
            "id": user_id, "name": name, "aadObjectId": aad, "email": email,
            "userPrincipalName": email, "givenName": name.split()[0], "tenantId": TENANT_ID,
            "userRole": "user",
        }  # fmt: skip
        return self.users[user_id]

    # --- tokens -------------------------------------------------------------------------
    def token(
        self,
        *,
        audience: str | None = None,
        issuer: str = ISSUER,
        lifetime_s: float = 3600,
        not_before_s: float = -300,
        service_url: str | None = None,
        kid: str | None = None,
        rogue: bool = False,
        now: float | None = None,
    ) -> str:
        """A Bot Framework token as Teams sends it, signed with the stand-in's key (or, with
        ``rogue``, a key nobody published under the same ``kid``)."""
        at = time.time() if now is None else now
        claims = {
            "iss": issuer,
            "aud": audience or self.app_id,
            "exp": int(at + lifetime_s),
            "nbf": int(at + not_before_s),
            "serviceurl": service_url or self.service_url,
        }
        key = self.rogue_key if rogue else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid or self.kid})

    def _jwks(self) -> dict:
        numbers = self.key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid,
                    "n": _b64(numbers.n), "e": _b64(numbers.e), "endorsements": ["msteams"],
                }
            ]
        }  # fmt: skip

    # --- faults and record ---------------------------------------------------------------
    def fail(
        self,
        route: str,
        status: int,
        *,
        times: int = 1,
        retry_after: int | None = None,
        conversation: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls on ``route`` (to ``conversation``, if given) with
        ``status``, acting on none of them."""
        with self._cond:
            self._faults[route].append(_Fault(status, times, retry_after, conversation))

    def calls(self, route: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if route is None or c.route == route]

    def delivered(self, conversation: str | None = None) -> list[Call]:
        """Activities that reached a conversation (sent, replied, or created with it)."""
        return [
            c
            for c in self.calls()
            if c.route in {"send", "reply", "create"}
            and c.delivered
            and (conversation is None or (c.conversation or "").startswith(conversation))
        ]

    def wait_for(
        self,
        route: str,
        *,
        count: int = 1,
        where: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
    ) -> list[Call]:
        def matching() -> list[Call]:
            return [
                c
                for c in self._calls
                if c.route == route and c.delivered and (where is None or where(c))
            ]

        with self._cond:
            self._cond.wait_for(lambda: len(matching()) >= count, timeout=timeout)
            found = matching()
        if len(found) < count:
            raise AssertionError(f"expected {count} delivered {route} call(s), got {len(found)}")
        return found

    def wait_delivered(
        self,
        conversation: str,
        *,
        count: int = 1,
        where: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
    ) -> list[Call]:
        """Wait until ``count`` activities matching ``where`` reached ``conversation`` (sent,
        replied to, or started a channel thread); returns them all, oldest first."""

        def matching() -> list[Call]:
            return [
                c
                for c in self._calls
                if c.route in {"send", "reply", "create"}
                and c.delivered
                and (c.conversation or "").startswith(conversation)
                and (where is None or where(c))
            ]

        with self._cond:
            self._cond.wait_for(lambda: len(matching()) >= count, timeout=timeout)
            found = matching()
        if len(found) < count:
            raise AssertionError(f"expected {count} message(s) in {conversation}, got {len(found)}")
        return found

    def reset(self) -> None:
        with self._cond:
            self._calls.clear()
            self._faults.clear()
            self._limits.clear()
            self.uploads.clear()

    def floor_s(self, messages: int) -> float:
        """No sender can deliver ``messages`` (one per conversation) faster than the tenant's
        limit allows: ``per_tenant`` in the first second, as many in each one after, so the
        last goes ``ceil(messages / per_tenant) - 1`` seconds after the first."""
        if not self.per_tenant or messages <= 0:
            return 0.0
        return float(math.ceil(messages / int(self.per_tenant)) - 1)

    # --- answering ----------------------------------------------------------------------
    def _take_fault(self, route: str, conversation: str | None) -> _Fault | None:
        queue = self._faults.get(route)
        if not queue:
            return None
        for fault in queue:
            if fault.conversation is None or fault.conversation == conversation:
                fault.times -= 1
                if fault.times <= 0:
                    queue.remove(fault)
                return fault
        return None

    def _limited(self, conversation: str | None) -> float:
        """Seconds to wait when a call is over a limit (0: it goes, and is counted)."""
        limits = []
        if self.per_conversation and conversation:
            windows = ((int(self.per_conversation), 1.0), *self.conversation_windows)
            limits.append(("c:" + conversation.split(";")[0], windows))
        if self.per_tenant:
            limits.append(("tenant", ((int(self.per_tenant), 1.0),)))
        for key, windows in limits:  # over any limit: refused, and counted in none
            state = self._limits.setdefault(key, _Windows(windows))
            wait = state.peek()
            if wait > 0:
                return wait
        for key, _ in limits:
            self._limits[key].times.append(time.monotonic())
        return 0.0

    def _answer(self, route: str, groups: dict, body: Any, headers: dict) -> tuple[int, Any, dict]:
        conversation = unquote(groups["cid"]) if "cid" in groups else None
        if route == "create":
            conversation = ((body or {}).get("channelData") or {}).get("channel", {}).get("id")
        if route != "upload" and headers.get("authorization") != f"Bearer {OUTBOUND_TOKEN}":
            return 401, {"error": {"code": "Unauthorized", "message": "no valid token"}}, {}
        fault = self._take_fault(route, conversation)
        if fault is not None:
            extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return fault.status, {"error": {"code": "Injected", "message": "fault"}}, extra
        if route in {"send", "reply", "create"}:
            wait = self._limited(conversation)
            if wait > 0:
                retry = str(max(1, math.ceil(wait)))
                return (
                    429,
                    {"error": {"code": "Throttled", "message": "slow down"}},
                    {"Retry-After": retry},
                )
        if route == "member":
            user = self.users.get(unquote(groups["uid"]))
            if user is None:
                return 404, {"error": {"code": "MemberNotFoundInConversation"}}, {}
            return 200, user, {}
        if route == "upload":
            self.uploads[unquote(groups["name"])] = body
            return 201, {"id": f"file-{next(self._ids)}", "name": unquote(groups["name"])}, {}
        if route == "update":
            return 200, {"id": unquote(groups["aid"])}, {}
        activity_id = f"1{next(self._ids):012d}"
        if route == "create":
            channel = conversation or f"a:created-{activity_id}"
            return 201, {"id": f"{channel};messageid={activity_id}", "activityId": activity_id}, {}
        return 201, {"id": activity_id}, {}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                if path == "/.well-known/openidconfiguration":
                    return self._send(200, {
                        "issuer": ISSUER, "jwks_uri": stand_in.service_url + "keys",
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                    }, {})  # fmt: skip
                if path == "/keys":
                    return self._send(200, stand_in._jwks(), {})
                self._route("GET")

            def do_POST(self) -> None:
                self._route("POST")

            def do_PUT(self) -> None:
                self._route("PUT")

            def _route(self, method: str) -> None:
                path = urlsplit(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                for route, wanted, pattern in ROUTES:  # noqa: B007 (route is read after the loop)
                    match = pattern.match(path)
                    if match and wanted == method:
                        break
                else:
                    return self._send(404, {"error": {"code": "NotFound"}}, {})
                body: Any = raw if route == "upload" else (json.loads(raw) if raw else None)
                headers = {k.lower(): v for k, v in self.headers.items()}
                if stand_in.latency_s:
                    time.sleep(stand_in.latency_s)
                with stand_in._cond:
                    status, answer, extra = stand_in._answer(
                        route, match.groupdict(), body, headers
                    )
                    conversation = match.groupdict().get("cid")
                    if route == "create" and isinstance(answer, dict) and "id" in answer:
                        conversation = answer["id"]
                    stand_in._calls.append(
                        Call(
                            route=route, method=method, path=path,
                            conversation=unquote(conversation) if conversation else None,
                            activity_id=(
                                unquote(match.groupdict()["aid"]) if "aid" in match.groupdict()
                                else (answer or {}).get("id") if route in {"send", "reply"}
                                and status < 300 else None
                            ),
                            body=body, headers=headers, status=status, at=time.monotonic(),
                        )
                    )  # fmt: skip
                    stand_in._cond.notify_all()
                self._send(status, answer, extra)

            def _send(self, status: int, body: Any, extra: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler


@functools.cache
def _keys() -> tuple[rsa.RSAPrivateKey, rsa.RSAPrivateKey]:
    """The stand-in's signing key and a rogue one, made once per process (RSA is slow)."""
    return (
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
    )


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
