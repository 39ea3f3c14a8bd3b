"""A loopback stand-in for the Slack Web API.

It lets the offline demo and the tests point a real ``slack_sdk.WebClient``
at ``base_url=standin.start()`` and then inspect, in order, every call the
bot made. It can also answer slowly or with HTTP 429 so that benchmarks and
fault tests exercise the same code paths a real workspace would.

Two ways to answer 429 on ``chat.postMessage``, which can be combined:

* ``rate_limit_every=N``: every Nth call is refused, whatever the pace (fault tests).
* ``rate_limit_per_s=R`` (with ``rate_limit_burst=B``): a token bucket like Slack's own
  limits. The bucket holds at most B calls and refills at R calls a second; a call that
  finds it empty is refused with ``Retry-After`` in whole seconds (at least 1, as Slack
  sends it). So no client can get ``n`` calls through in less than
  :meth:`SlackWebAPIStandIn.rate_limit_floor_s` (``(n - B) / R``), however it sends them.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from handlers.slack.checks import BOT_SCOPES

BOT_USER_ID = "U0COPROBOT"
BOT_ID = "B0COPROBOT"
TEAM_ID = "T0SANDBOX"

AUTH_TEST = {
    "ok": True,
    "url": "https://copro.example/",
    "team": "Copro Sandbox",
    "user": "copro-bot",
    "team_id": TEAM_ID,
    "user_id": BOT_USER_ID,
    "bot_id": BOT_ID,
}


@dataclass(frozen=True)
class Call:
    """One request received by the stand-in.

    ``params`` merges the query string and the decoded body; ``headers`` has
    lower-cased names so lookups do not depend on how a client spelled them.
    ``status`` is the HTTP status answered (429 when rate limited).
    """

    method: str
    params: dict
    headers: dict
    at: float
    status: int = 200


@dataclass
class _Canned:
    body: dict
    status: int = 200
    headers: dict = field(default_factory=dict)


def _maybe_json(value: Any) -> Any:
    """Decode JSON-looking strings (``blocks``, ``view``...) so tests see objects."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _parse_form(text: str) -> dict[str, Any]:
    """Flatten form/query fields: single values become plain strings."""
    parsed = parse_qs(text, keep_blank_values=True)
    return {k: _maybe_json(v[0] if len(v) == 1 else v) for k, v in parsed.items()}


class SlackWebAPIStandIn:
    """Records Web API calls and answers them with plausible Slack responses."""

    def __init__(
        self,
        *,
        latency_s: float = 0.0,
        rate_limit_every: int = 0,
        retry_after_s: int = 1,
        users: dict[str, dict] | None = None,
        rate_limit_per_s: float = 0.0,
        rate_limit_burst: int | None = None,
    ) -> None:
        self.latency_s = latency_s
        self.rate_limit_every = rate_limit_every
        self.retry_after_s = retry_after_s
        if rate_limit_per_s < 0:
            raise ValueError("rate_limit_per_s must be 0 (no limit) or more")
        self.rate_limit_per_s = rate_limit_per_s
        # By default the bucket holds one second's worth of calls (at least one call).
        burst = rate_limit_burst if rate_limit_burst is not None else math.ceil(rate_limit_per_s)
        self.rate_limit_burst = max(1, burst)
        self._tokens = float(self.rate_limit_burst)
        self._refilled = time.monotonic()
        self.users: dict[str, dict] = dict(users or {})
        # What the bot token may do, sent as auth.test's x-oauth-scopes header as Slack does.
        self.scopes: list[str] = list(BOT_SCOPES)
        # The tokens Slack would accept (None: any token of the right kind), and the channels
        # it knows for conversations.info (id -> channel).
        self.bot_tokens: set[str] | None = None
        self.app_tokens: set[str] | None = None
        self.channels: dict[str, dict] = {}
        self._history: dict[str, list[dict]] = {}
        # One condition guards every piece of mutable state, and lets
        # wait_for() sleep until a handler thread records a new call.
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        # Every file uploaded with files_upload_v2, by file id: its bytes, to open in a test.
        self.uploads: dict[str, bytes] = {}
        self._queued: dict[str, deque[_Canned]] = defaultdict(deque)
        self._post_count = 0
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    # -- lifecycle -------------------------------------------------------
    def start(self) -> str:
        """Serve on an ephemeral loopback port; return the WebClient base_url."""
        if self._server is not None:
            return self.base_url
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        # A short poll interval keeps stop() (and so each test teardown) quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="slack-web-api-standin",
            daemon=True,
        )
        self._thread.start()
        port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{port}/api/"
        return self.base_url

    def stop(self) -> None:
        """Shut the server down and release its port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> SlackWebAPIStandIn:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def response_url(self, name: str = "") -> str:
        """A ``response_url`` pointing back at this stand-in."""
        if not self.base_url:
            raise RuntimeError("start() the stand-in first")
        return self.base_url.replace("/api/", "/response/") + (name or f"r{self._next_id()}")

    # -- configuration ---------------------------------------------------
    def add_user(
        self, user_id: str, *, real_name: str, email: str | None = None, tz: str = "Europe/London"
    ) -> dict:
        """Register a user for ``users.info`` / ``users.lookupByEmail``."""
        first = real_name.split()[0] if real_name else user_id
        profile = {"display_name": first, "real_name": real_name}
        if email:
            profile["email"] = email
        user = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": first.lower(),
            "real_name": real_name,
            "tz": tz,
            "is_bot": False,
            "profile": profile,
        }
        with self._cond:
            self.users[user_id] = user
        return user

    def add_channel(
        self, channel_id: str, *, name: str, is_member: bool = True, is_private: bool = False
    ) -> dict:
        """A channel for ``conversations.info``; ``is_member``: whether the bot is in it."""
        channel = {
            "id": channel_id, "name": name, "is_channel": not is_private,
            "is_group": is_private, "is_private": is_private, "is_member": is_member,
            "is_archived": False,
        }  # fmt: skip
        with self._cond:
            self.channels[channel_id] = channel
        return channel

    def queue_response(
        self, method: str, body: dict, *, status: int = 200, headers: dict | None = None
    ) -> None:
        """Answer the next call to ``method`` with ``body`` (FIFO, before defaults)."""
        with self._cond:
            self._queued[method].append(_Canned(dict(body), status, dict(headers or {})))

    # -- inspection ------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """A snapshot of every call so far, in the order they were answered."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if c.method == method]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 20.0,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until ``count`` matching calls were recorded; return them all."""

        def matching() -> list[Call]:
            return [c for c in self._calls if c.method == method and (where is None or where(c))]

        with self._cond:
            if self._cond.wait_for(lambda: len(matching()) >= count, timeout=timeout):
                return matching()
            seen = Counter(c.method for c in self._calls)
            found = len(matching())
        summary = ", ".join(f"{m} x{n}" for m, n in seen.items()) or "no calls at all"
        raise TimeoutError(
            f"waited {timeout}s for {count} matching call(s) to {method!r}, "
            f"got {found}; seen: {summary}"
        )

    def reset(self) -> None:
        """Forget recorded calls and the rate-limit state (queued answers and users stay)."""
        with self._cond:
            self._calls.clear()
            self.uploads.clear()
            self._post_count = 0
            self._tokens = float(self.rate_limit_burst)
            self._refilled = time.monotonic()

    def rate_limit_floor_s(self, calls: int) -> float:
        """The least time in which the token bucket lets ``calls`` posts through.

        The bucket starts full, so the first ``rate_limit_burst`` go at once and each
        further call waits for a token; 0.0 when there is no ``rate_limit_per_s``.
        """
        if self.rate_limit_per_s <= 0:
            return 0.0
        return max(0, calls - self.rate_limit_burst) / self.rate_limit_per_s

    # -- request handling ------------------------------------------------
    def _next_id(self) -> int:
        with self._cond:
            return next(self._ids)

    def _ts(self) -> str:
        # Unique, increasing and shaped like Slack's "seconds.micros" ts.
        micros = 1_700_000_000_000_000 + self._next_id()
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _record(self, call: Call) -> None:
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()

    def _take_token(self) -> float:
        """0.0 when the bucket lets this call through, else seconds until it would.

        Call with ``self._cond`` held.
        """
        now = time.monotonic()
        refill = (now - self._refilled) * self.rate_limit_per_s
        self._tokens = min(float(self.rate_limit_burst), self._tokens + refill)
        self._refilled = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0.0
        return (1.0 - self._tokens) / self.rate_limit_per_s

    @staticmethod
    def _rate_limited(retry_after_s: int) -> _Canned:
        return _Canned(
            {"ok": False, "error": "ratelimited"}, 429, {"Retry-After": str(retry_after_s)}
        )

    def _refused_token(self, method: str, headers: dict) -> _Canned | None:
        """Slack's answer to a token it does not accept: invalid_auth (HTTP 200, as Slack)."""
        token = headers.get("authorization", "").removeprefix("Bearer ").strip()
        if method == "apps.connections.open":
            good = token.startswith("xapp-") and (
                self.app_tokens is None or token in self.app_tokens
            )
        elif method in ("response_url", "file_upload"):
            return None
        else:
            good = self.bot_tokens is None or token in self.bot_tokens
        return None if good else _Canned({"ok": False, "error": "invalid_auth"})

    def _answer(self, method: str, params: dict, headers: dict | None = None) -> _Canned:
        """Pick the reply: a refused token first, then the rate limit (so it never eats a
        canned answer)."""
        refused = self._refused_token(method, headers or {})
        if refused is not None:
            return refused
        with self._cond:
            if method == "chat.postMessage" and self.rate_limit_every > 0:
                self._post_count += 1
                if self._post_count % self.rate_limit_every == 0:
                    return self._rate_limited(self.retry_after_s)
            if method == "chat.postMessage" and self.rate_limit_per_s > 0:
                wait = self._take_token()
                if wait > 0:
                    return self._rate_limited(max(1, math.ceil(wait)))
            if self._queued[method]:
                return self._queued[method].popleft()
        if method == "auth.test":
            return _Canned(dict(AUTH_TEST), headers={"x-oauth-scopes": ",".join(self.scopes)})
        return _Canned(self._default(method, params))

    def _default(self, method: str, params: dict) -> dict:
        if method == "apps.connections.open":
            return {"ok": True, "url": "wss://wss-primary.slack.com/link/?ticket=sandbox"}
        if method == "conversations.info":
            channel = self.channels.get(str(params.get("channel")))
            if channel is None:
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "channel": dict(channel)}
        if method == "chat.postMessage":
            channel = str(params.get("channel", ""))
            if channel.startswith("U"):  # posting to a user id opens their DM
                channel = "D" + channel[1:]
            ts = self._ts()
            message = {
                "type": "message",
                "text": params.get("text"),
                "blocks": params.get("blocks"),
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "ts": ts,
            }
            if params.get("metadata"):
                message["metadata"] = params["metadata"]
            # Kept per channel, newest last, so conversations.history can answer as Slack does.
            self._history.setdefault(channel, []).append(message)
            return {"ok": True, "channel": channel, "ts": ts, "message": message}
        if method == "files.getUploadURLExternal":
            file_id = f"F0SB{self._next_id():06d}"
            upload = self.base_url.replace("/api/", f"/upload/{file_id}")
            return {"ok": True, "upload_url": upload, "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = params.get("files")
            files = files if isinstance(files, list) else []
            return {
                "ok": True,
                "files": [{"id": f.get("id"), "title": f.get("title")} for f in files],
            }
        if method == "conversations.history":
            found = list(reversed(self._history.get(str(params.get("channel")), [])))
            limit = int(params.get("limit") or 100)
            with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
            messages = [
                m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                for m in found[:limit]
            ]
            return {"ok": True, "messages": messages, "has_more": len(found) > limit}
        if method == "chat.update":
            return {
                "ok": True,
                "channel": params.get("channel"),
                "ts": params.get("ts"),
                "text": params.get("text"),
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._ts()}
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            view = params.get("view")
            view = dict(view) if isinstance(view, dict) else {}
            view["id"] = params.get("view_id") or f"V0SB{self._next_id():06d}"
            return {"ok": True, "view": view}
        if method == "conversations.open":
            user = str(params.get("users", "")).split(",")[0]
            return {"ok": True, "channel": {"id": params.get("channel") or "D" + user[1:]}}
        if method == "users.info":
            user = self.users.get(str(params.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "users.lookupByEmail":
            wanted = str(params.get("email", "")).lower()
            for user in self.users.values():
                email = (user.get("profile") or {}).get("email") or user.get("email") or ""
                if wanted and email.lower() == wanted:
                    return {"ok": True, "user": user}
            return {"ok": False, "error": "users_not_found"}
        return {"ok": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test and demo output clean

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                arrived = time.time()
                url = urlsplit(self.path)
                if url.path.startswith("/api/"):
                    method = url.path[len("/api/") :]
                elif url.path.startswith("/response/"):
                    method = "response_url"
                elif url.path.startswith("/upload/"):  # files_upload_v2 sends the bytes here
                    length = int(self.headers.get("Content-Length") or 0)
                    content = self.rfile.read(length) if length else b""
                    file_id = url.path[len("/upload/") :]
                    params = {"file_id": file_id, "size": len(content),
                              "png": content.startswith(b"\x89PNG"),
                              "docx": content.startswith(b"PK") and b"word/document.xml" in content}  # fmt: skip
                    with standin._cond:
                        standin.uploads[file_id] = content
                    standin._record(Call("file_upload", params, dict(self.headers), arrived, 200))
                    self._send(200, {"ok": True}, {})
                    return
                else:
                    self._send(404, {"ok": False, "error": "unknown_path"}, {})
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                params = _parse_form(url.query)
                params.update(self._body(headers.get("content-type", "")))
                reply = standin._answer(method, params, headers)
                if standin.latency_s > 0:
                    time.sleep(standin.latency_s)  # simulated network latency
                # Recorded just before answering: once a client has its
                # response, the call is guaranteed to be visible in `calls`.
                standin._record(Call(method, params, headers, arrived, reply.status))
                self._send(reply.status, reply.body, reply.headers)

            def _body(self, content_type: str) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                if not raw:
                    return {}
                if content_type.startswith("application/json"):
                    try:
                        data = json.loads(raw)
                    except ValueError:
                        return {"_raw": raw}
                    if not isinstance(data, dict):
                        return {"_json": data}
                    return {k: _maybe_json(v) for k, v in data.items()}
                return _parse_form(raw)

            def _send(self, status: int, body: dict, extra: dict) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler
