"""HTTP mode: Bolt's WSGI adapter behind waitress, with a health endpoint for load balancers."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterable

from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text
from waitress.server import create_server

from bot.app import BotApp
from bot.request_shape import well_formed

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/health"
MAX_BODY_BYTES = 1_000_000  # Slack's largest payloads (a 40,000-character message) fit easily


def wsgi_app(bot: BotApp) -> Callable:
    slack = SlackRequestHandler(bot.bolt)

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            return _health(bot, start_response)
        if path == EVENTS_PATH and method == "POST":
            body = _read_body(environ)
            if not well_formed(body, environ.get("CONTENT_TYPE", "")):
                start_response("400 Bad Request", [("Content-Type", "application/json")])
                return [b'{"error": "malformed request"}']
            try:
                return slack(environ, start_response)
            except Exception as error:
                # Bolt assumes a JSON body is an object; "0" or "[]" makes it raise before the
                # signature is even checked. Such a request is malformed, not our failure.
                log.warning("refused a malformed request (%s)", type(error).__name__)
                start_response("400 Bad Request", [("Content-Type", "application/json")])
                return [b'{"error": "malformed request"}']
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"error": "not found"}']

    return application


def _read_body(environ: dict) -> bytes:
    """Read the body once and put it back, so Bolt reads the very same bytes."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(min(length, MAX_BODY_BYTES)) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def _health(bot: BotApp, start_response: Callable) -> Iterable[bytes]:
    """Healthy when the database answers: without it no reply could be stored."""
    try:
        with bot.services.store.transaction() as session:
            session.execute(text("SELECT 1"))
        status, body = "200 OK", {"status": "ok"}
    except Exception as error:  # report, do not raise: a load balancer only reads the status
        log.warning("health check: database unreachable (%s)", type(error).__name__)
        status, body = "503 Service Unavailable", {"status": "database unreachable"}
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


def make_server(bot: BotApp, *, host: str, port: int, threads: int = 8):
    """A waitress server, not started; ``port=0`` picks a free port (read ``server.effective_port``)."""
    return create_server(wsgi_app(bot), host=host, port=port, threads=threads, ident="copro-bot")
