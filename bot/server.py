"""HTTP mode: each chat adapter's endpoints behind waitress, with a health endpoint for load
balancers. Which platform a path belongs to is the adapter's business, not this module's."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable

from waitress import wasyncore
from waitress.server import create_server

from bot.app import BotApp

log = logging.getLogger(__name__)

HEALTH_PATH = "/health"


def wsgi_app(bot: BotApp, *, routes: bool = True) -> Callable:
    """Health, and with ``routes`` every chat route of the adapter."""
    chat = bot.routes() if routes else {}

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            return _health(bot, start_response)
        endpoint = chat.get(path)
        if endpoint is not None:
            return endpoint(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"error": "not found"}']

    return application


def _health(bot: BotApp, start_response: Callable) -> Iterable[bytes]:
    """Healthy when the database answers: without it no reply could be stored."""
    if bot.services.store.reachable():
        status, body = "200 OK", {"status": "ok"}
    else:  # report, do not raise: a load balancer only reads the status
        status, body = "503 Service Unavailable", {"status": "database unreachable"}
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


# Slow clients cannot starve the platform's requests: waitress reads requests without
# holding a worker thread, so what matters is how many connections it keeps and for how
# long an idle one may sit. Slack and Teams send a whole request at once.
CONNECTION_LIMIT = 1000
IDLE_SECONDS = 10


def make_server(
    bot: BotApp,
    *,
    host: str | None = None,
    port: int | None = None,
    threads: int = 8,
    routes: bool = True,
    sockets: list | None = None,
):
    """A waitress server, not started; ``port=0`` picks a free port (read ``server.effective_port``).
    ``routes=False`` serves /health alone (Socket Mode). ``sockets``: bound sockets to listen
    on instead of ``host`` and ``port`` (several processes sharing one port)."""
    where = {"sockets": sockets} if sockets else {"host": host, "port": port}
    return create_server(
        wsgi_app(bot, routes=routes),
        **where,
        threads=threads,
        ident="copro-bot",
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=IDLE_SECONDS,
        cleanup_interval=2,
        asyncore_use_poll=True,  # select() stops at 1,024 open sockets
        max_request_body_size=2_000_000,
    )


def stop_server(server, *, wait: float = 5.0) -> None:
    """Stop a server started with ``server.run()`` in another thread, cleanly.

    Workers finish the requests they hold first, so none writes to a closed wake-up pipe.
    Then the server's own loop stops listening and lets go of the pipe, and only after that
    is the pipe closed, here. Closed by the loop itself (waitress's ``server.close``), the
    pipe could be gone before this thread had written the byte that wakes the loop: waitress
    queues the request first and writes second, and a loop already awake (a worker's last
    response had woken it) ran it in between. That write then failed with "Bad file
    descriptor", the teardown error that turned test runs red now and then."""
    server.task_dispatcher.shutdown(cancel_pending=False, timeout=wait)
    let_go = threading.Event()

    def stop_listening() -> None:  # in the server's loop, so the loop ends at once
        server.trigger.del_channel()  # out of the loop, still open for the write below
        wasyncore.dispatcher.close(server)  # the listening socket
        let_go.set()

    server.trigger.pull_trigger(stop_listening)
    if not let_go.wait(wait):  # no loop is running: nothing else can touch the server
        wasyncore.dispatcher.close(server)
    server.trigger.close()
