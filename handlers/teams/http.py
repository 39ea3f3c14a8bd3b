"""Teams' HTTP endpoint, ``POST /api/messages``, as a WSGI application behind waitress.

The Bot Framework token is checked first, on every request (``handlers.teams.auth``): a request
without a good one gets 401 and nothing else happens. A good one is handed, with its claims,
to the Agents SDK's adapter on the adapter's event loop, which runs the turn and answers: 202
for a message (after the reply is stored), 200 with a body for an invoke (a card's button).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from microsoft_agents.hosting.core.authorization import ClaimsIdentity

from handlers.teams.auth import Unauthorized

log = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
MAX_BODY_BYTES = 1_000_000
TURN_TIMEOUT_S = 60.0
STATUS_TEXT = {200: "OK", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized",
               404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error",
               501: "Not Implemented"}  # fmt: skip


class WsgiRequest:
    """The SDK's ``HttpRequestProtocol`` over a request waitress has read."""

    def __init__(self, body: dict, headers: dict[str, str], claims: ClaimsIdentity) -> None:
        self._body = body
        self.headers = headers
        self._claims = claims
        self.method = "POST"

    async def json(self) -> dict[str, Any]:
        return self._body

    def get_claims_identity(self) -> ClaimsIdentity:
        return self._claims

    def get_path_param(self, name: str) -> str:
        return ""


def _answer(start_response: Callable, status: int, body: Any = None) -> Iterable[bytes]:
    data = b"" if body is None else json.dumps(body).encode()
    headers = [("Content-Length", str(len(data)))]
    if body is not None:
        headers.append(("Content-Type", "application/json"))
    start_response(f"{status} {STATUS_TEXT.get(status, '')}".strip(), headers)
    return [data]


def messages_endpoint(adapter: Any) -> Callable:
    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(start_response, 405, {"error": "method not allowed"})
        authorization = environ.get("HTTP_AUTHORIZATION")
        if not authorization:
            return _answer(start_response, 401, {"error": "unauthorized"})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        raw = environ["wsgi.input"].read(min(length, MAX_BODY_BYTES)) if length > 0 else b""
        try:
            body = json.loads(raw)
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError:
            return _answer(start_response, 400, {"error": "malformed request"})
        try:
            claims = adapter.tokens.claims(
                authorization,
                service_url=body.get("serviceUrl"),
                channel_id=body.get("channelId"),
            )
        except Unauthorized as refused:
            log.warning("refused a Teams request: %s", refused.reason)
            return _answer(start_response, 401, {"error": "unauthorized"})
        headers = {
            k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")
        }
        try:
            status, answer = adapter.process(body, headers, ClaimsIdentity(claims, "Bearer"))
        except Exception:
            log.exception(
                "a Teams activity (%s) failed; Teams will send it again", body.get("type")
            )
            return _answer(start_response, 500, {"error": "try again"})
        return _answer(start_response, status, answer)

    return application
