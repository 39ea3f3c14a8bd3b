"""HTTP mode: Bolt's WSGI adapter behind waitress, with a health endpoint for load balancers."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable

from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text
from waitress.server import create_server

from bot.app import BotApp

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/health"


def wsgi_app(bot: BotApp) -> Callable:
    slack = SlackRequestHandler(bot.bolt)

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            return _health(bot, start_response)
        if path == EVENTS_PATH and method == "POST":
            return slack(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"error": "not found"}']

    return application


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
