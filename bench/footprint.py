"""Footprint: start-up time and idle resident memory of ``copro-bot run``.

    python -m bench.footprint [--json] [--runs 3] [--idle-seconds 2]

Starts ``python -m bot.cli run`` (what the ``copro-bot run`` command runs) in a subprocess
with no Slack credentials, so it serves HTTP offline against its own Web API stand-in, on a
fresh SQLite database. Start-up time runs from starting the process until ``/health`` answers
200; idle memory is VmRSS from /proc after ``--idle-seconds`` of quiet. The first run creates
the schema; later runs restart on the same database, as a redeploy would.

The baseline, in the same run: a bare ``slack_bolt.App`` behind waitress with a ``/health``
that answers 200, started the same way.
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import ROOT, Table, parser, report, rss_mb, verdict

TARGET_RSS_MB = 120.0
TARGET_STARTUP_S = 1.5


# Both processes listen on a port the system picks (PORT=0: one picked here and let go could be
# taken before they bind it) and print it: the bot in its "HTTP mode" line (bot/cli.py), the
# bare one in the line serve_bare prints.
LISTENING = re.compile(r"(?:HTTP mode: chat requests|bare Bolt listening) at http://[^\s/]+:(\d+)/")
BARE_LISTENING = "bare Bolt listening at http://127.0.0.1:{port}/health"


def serve_bare() -> None:
    """The baseline process: Bolt and waitress, nothing of the bot's."""
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from waitress.server import create_server

    app = App(token="xoxb-bare", signing_secret="bare-secret", token_verification_enabled=False)

    @app.command("/copro")
    def command(ack) -> None:
        ack()

    slack = SlackRequestHandler(app)

    def application(environ, start_response):
        if environ.get("PATH_INFO") == "/health":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b'{"status": "ok"}']
        return slack(environ, start_response)

    server = create_server(application, host="127.0.0.1", port=0, threads=8)
    print(BARE_LISTENING.format(port=server.effective_port), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: server.close())
    try:
        server.run()
    except OSError:
        pass


def start_once(command: list[str], env: dict, log: Path, idle_s: float) -> dict:
    earlier = log.stat().st_size if log.exists() else 0  # the runs before write to it too
    with log.open("ab") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=log.parent, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            port = _wait_listening(log, earlier, process, started)
            startup = _wait_healthy(f"http://127.0.0.1:{port}/health", process, started)
            time.sleep(idle_s)
            idle = rss_mb(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return {"startup_s": startup, "idle_rss_mb": idle}


def _wait_listening(log: Path, earlier: int, process: subprocess.Popen, started: float) -> int:
    """The port the process says it listens on, from what it wrote to ``log`` after ``earlier``."""
    deadline = started + 60
    while time.perf_counter() < deadline:
        with log.open("rb") as written:
            written.seek(earlier)
            found = LISTENING.search(written.read().decode(errors="replace"))
        if found:
            return int(found[1])
        if process.poll() is not None:
            raise RuntimeError(
                f"the process stopped with code {process.returncode} before listening"
            )
        time.sleep(0.01)
    raise RuntimeError(f"the process did not say which port it listens on within 60 s (see {log})")


def _wait_healthy(url: str, process: subprocess.Popen, started: float) -> float:
    deadline = started + 60
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the process stopped with code {process.returncode} before /health")
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.01)
    raise RuntimeError(f"{url} did not answer 200 within 60 s")


def measure(kind: str, runs: int, idle_s: float, folder: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COPRO_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Set but empty: a .env file must not fill them in (dotenv never overrides the environment).
    env.update(SLACK_BOT_TOKEN="", SLACK_SIGNING_SECRET="", SLACK_APP_TOKEN="", SLACK_API_URL="")
    env["DATABASE_URL"] = f"sqlite:///{folder / 'copro.db'}"
    samples = []
    env["PORT"] = "0"
    if kind == "bot":
        command = [sys.executable, "-m", "bot.cli", "run"]
    else:
        command = [sys.executable, "-m", "bench.footprint", "--serve-bare"]
    for _ in range(runs):
        samples.append(start_once(command, env, folder / f"{kind}.log", idle_s))
    startups = [s["startup_s"] for s in samples]
    memory = [s["idle_rss_mb"] for s in samples]
    return {
        "startup_s": round(statistics.median(startups), 3),
        "idle_rss_mb": round(statistics.median(memory), 1),
        "startup_first_s": round(startups[0], 3),
        "startup_max_s": round(max(startups), 3),
        "idle_rss_max_mb": round(max(memory), 1),
        "runs": len(samples),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=3, help="start-ups of each process")
    options.add_argument("--idle-seconds", type=float, default=2.0, help="quiet before reading RSS")
    options.add_argument("--serve-bare", action="store_true", help=argparse_hidden())
    args = options.parse_args(argv)
    if args.serve_bare:
        serve_bare()
        return {}
    if args.runs < 1:
        raise SystemExit("--runs must be at least 1")

    with tempfile.TemporaryDirectory(prefix="copro-footprint-") as folder:
        bare_dir, bot_dir = Path(folder, "bare"), Path(folder, "bot")
        bare_dir.mkdir()
        bot_dir.mkdir()
        bare = measure("bare", args.runs, args.idle_seconds, bare_dir)
        bot = measure("bot", args.runs, args.idle_seconds, bot_dir)

    checks = {
        "idle_rss_under_120mb": bot["idle_rss_max_mb"] < TARGET_RSS_MB,
        "startup_under_1_5s": bot["startup_max_s"] < TARGET_STARTUP_S,
    }
    table = Table(
        f"Footprint: copro-bot run, offline, {args.runs} start(s), RSS after "
        f"{args.idle_seconds:g} s idle",
        ["", "bare Bolt", "bot", "target", "verdict"],
    )
    table.add("start-up s (median)", bare["startup_s"], bot["startup_s"], None, None)
    table.add("start-up s (first, new db)", bare["startup_first_s"], bot["startup_first_s"],
              None, None)  # fmt: skip
    table.add("start-up s (slowest)", bare["startup_max_s"], bot["startup_max_s"],
              f"< {TARGET_STARTUP_S:g}", verdict(checks["startup_under_1_5s"]))  # fmt: skip
    table.add("idle RSS MB (median)", bare["idle_rss_mb"], bot["idle_rss_mb"], None, None)
    table.add("idle RSS MB (largest)", bare["idle_rss_max_mb"], bot["idle_rss_max_mb"],
              f"< {TARGET_RSS_MB:g}", verdict(checks["idle_rss_under_120mb"]))  # fmt: skip
    table.notes.append(
        "start-up: process start until /health answers 200; the target is checked on every run."
    )
    payload = {
        "footprint": {
            "idle_rss_mb": bot["idle_rss_mb"],
            "startup_s": bot["startup_s"],
            "startup_first_s": bot["startup_first_s"],
            "startup_max_s": bot["startup_max_s"],
            "idle_rss_max_mb": bot["idle_rss_max_mb"],
            "runs": bot["runs"],
            "bare": bare,
            "checks": checks,
            "target_met": all(checks.values()),
        }
    }
    report([table], payload, args.json)
    return payload


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    main()
