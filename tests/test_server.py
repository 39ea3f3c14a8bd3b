"""HTTP mode as a load balancer and Slack see it: health, routing, and `copro-bot run` itself."""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request

import pytest

from bot.app import create_app
from bot.config import Settings
from bot.server import make_server, stop_server
from handlers.slack.messenger import make_client
from storage import Store
from tests.processes import BotProcess


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_health_is_ok_when_the_database_answers(harness):
    base = harness.slack.url.removesuffix("/slack/events")
    assert get(base + "/health") == (200, {"status": "ok"})
    assert get(base + "/nowhere")[0] == 404


def test_health_reports_503_when_the_database_is_unreachable(slack_api, tmp_path):
    settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret="s")
    bot = create_app(
        settings,
        client=make_client("xoxb-test", slack_api.base_url),
        store=Store.from_url(f"sqlite:///{tmp_path / 'db.sqlite'}"),
    )
    # Swap in a store whose database cannot be reached, as when PostgreSQL goes away.
    bot.services.store = Store.from_url("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
    server = make_server(bot, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        status, body = get(f"http://127.0.0.1:{server.effective_port}/health")
    finally:
        stop_server(server)
        bot.close()
    assert (status, body) == (503, {"status": "database unreachable"})


def test_stopping_a_server_whose_loop_is_already_awake_closes_it_without_an_error(harness):
    """The teardown error's order of events, made to happen every time: waitress queues the
    stop for the server's loop, and before it writes the byte that wakes the loop, the loop,
    already awake from a worker's last response, runs the stop. The stop must not have closed
    the pipe that byte goes to ("Bad file descriptor")."""
    server = make_server(harness.bot, host="127.0.0.1", port=0, threads=1)
    loop = threading.Thread(target=server.run, daemon=True)
    loop.start()
    base = f"http://127.0.0.1:{server.effective_port}"
    assert get(base + "/health") == (200, {"status": "ok"})
    trigger, write_wake_up = server.trigger, server.trigger._physical_pull
    beat = threading.Event()  # never set: a bounded wait that no test's clock replaces

    def wake_up_late() -> None:
        os.write(trigger.trigger, b"x")  # as a worker does when its response is ready
        for _ in range(5000):
            with trigger.lock:
                if not trigger.thunks:  # the loop has run the stop
                    break
            beat.wait(0.001)
        write_wake_up()

    trigger._physical_pull = wake_up_late
    stop_server(server)  # raised OSError(9, 'Bad file descriptor') before the fix
    loop.join(timeout=5)
    assert not loop.is_alive() and trigger._closed and not server.accepting
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/health", timeout=5)


def test_copro_bot_run_starts_offline_without_credentials_and_stops_on_sigterm(tmp_path):
    bot = BotProcess(database_url=f"sqlite:///{tmp_path / 'run.db'}", api_url=None, folder=tmp_path)
    try:
        assert bot.wait_for_line("HTTP mode"), bot.output  # the server is up once it says so
        assert get(f"http://127.0.0.1:{bot.port}/health") == (200, {"status": "ok"})
    finally:
        code = bot.stop()  # SIGTERM
    assert code == 0, bot.output
    assert "runs offline against a local stand-in" in bot.output
    assert "INFO copro-bot: stopping" in bot.output, bot.output  # an operator sees it stop


def test_sigterm_again_while_stopping_does_not_cut_the_cleanup_short(tmp_path):
    """A supervisor or an operator may send SIGTERM more than once; the first one stops the bot,
    and those after it must not interrupt the stopping (SIGKILL is the way to force it)."""
    import signal
    import time

    bot = BotProcess(database_url=f"sqlite:///{tmp_path / 'run.db'}", api_url=None, folder=tmp_path)
    try:
        assert get(f"http://127.0.0.1:{bot.port}/health") == (200, {"status": "ok"})
        while bot.process.poll() is None:  # every 2 ms until it has gone
            bot.process.send_signal(signal.SIGTERM)
            time.sleep(0.002)
    finally:
        code = bot.stop()
    assert code == 0, bot.output
    assert "INFO copro-bot: stopping" in bot.output, bot.output
    assert "Traceback" not in bot.output, bot.output


def test_slow_clients_dripping_headers_do_not_starve_signed_requests(harness):
    """120 connections each sending a byte of header now and then, all still open: a signed
    request from Slack is answered meanwhile."""
    import socket

    harness.prompt_day_one()
    host, port = "127.0.0.1", int(harness.slack.url.split(":")[2].split("/")[0])
    slow = []
    try:
        for _ in range(120):
            connection = socket.create_connection((host, port), timeout=5)
            connection.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Dri")
            slow.append(connection)
        answered = harness.slack.command("U0MEMBER01", "help")
        assert answered.status == 200 and "what I can do" in answered.body
        for connection in slow:  # every slow one was still open: nothing was shed to manage
            connection.sendall(b"p")
    finally:
        for connection in slow:
            connection.close()


def test_socket_mode_serves_health_alone_and_no_chat_route(slack_api, tmp_path):
    """Socket Mode has no signing secret to check requests with, so the port it opens for a
    container's HEALTHCHECK answers /health and nothing else."""
    settings = Settings(slack_bot_token="xoxb-test", slack_app_token="xapp-test")
    bot = create_app(
        settings,
        client=make_client("xoxb-test", slack_api.base_url),
        store=Store.from_url(f"sqlite:///{tmp_path / 'db.sqlite'}"),
    )
    server = make_server(bot, host="127.0.0.1", port=0, routes=False, threads=1)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    try:
        assert get(base + "/health") == (200, {"status": "ok"})
        request = urllib.request.Request(base + "/slack/events", data=b"{}", method="POST")
        try:
            urllib.request.urlopen(request, timeout=5)
            status = 200
        except urllib.error.HTTPError as error:
            status = error.code
        assert status == 404
    finally:
        stop_server(server)
        bot.close()
