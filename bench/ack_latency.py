"""Ack latency: how fast the bot in HTTP mode answers Slack, against a bare Bolt app.

    python -m bench.ack_latency [--json] [--rate 50] [--seconds 30]

A load generator in a separate process sends signed requests on an open-loop schedule
(request i leaves at start + i / rate, whether or not earlier ones were answered), cycling
through ``/copro help`` slash commands, ``copro_answer`` block actions and ``message.im``
events from the members of the example programme, whose Day one prompts have gone out. It
times each request from opening the connection to the last byte of the HTTP response.

The same requests go first to a bare ``slack_bolt.App`` whose listeners only ack (the
baseline), then to the real bot from ``create_app``; both are served by ``bot.server``'s
waitress set-up on loopback, one after the other, in this process. The Slack Web API
stand-in runs in a process of its own, as Slack's servers would. A few warm-up requests
before each phase are not counted.
"""

from __future__ import annotations

import http.client
import logging
import multiprocessing
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.common import (
    ROOT,
    StandInProcess,
    Table,
    parser,
    percentile,
    postgres_url,
    quiet_logging,
    report,
    temporary_database,
    verdict,
)

SIGNING_SECRET = "bench-signing-secret"
EXAMPLE = ROOT / "examples" / "programme.yaml"
# Day one of the example ends 16:00 BST; its prompts go out at 15:30 UTC.
PROMPTED_AT = datetime(2024, 5, 9, 15, 30, tzinfo=UTC)
KINDS = ("command", "action", "event")
TARGET_MEDIAN_RATIO = 1.5
TARGET_P99_MS = 100.0


# -- the load generator (its own process) -------------------------------------------------
def _bodies(url: str, response_base: str, people: list[dict], count: int) -> list[tuple]:
    import uuid

    from handlers.slack.sandbox.slack_requests import SlackRequests

    slack = SlackRequests(url=url, signing_secret=SIGNING_SECRET, response_url_base=response_base)
    bodies = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        person = people[(i // len(KINDS)) % len(people)]
        user = person["user_id"]
        if kind == "command":
            body, content_type = slack.slash_command_body(user, "help")
        elif kind == "action":
            body, content_type = slack.block_action_body(
                user,
                "copro_answer",
                str(person["delivery_id"]),
                channel_id=person["channel"],
                message_ts=person["ts"],
            )
        else:
            body, content_type = slack.message_im_body(
                user,
                f"Reflection number {i}: the room felt calmer.",
                event_id=f"Ev{uuid.uuid4().hex}",
            )
        bodies.append((kind, body, content_type))
    return bodies


def _send(slack, host: str, port: int, path: str, item: tuple, timeout: float) -> tuple:
    kind, body, content_type = item
    headers = {
        "Content-Type": content_type,
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        "Connection": "close",
        **slack.sign(body),
    }
    data = body.encode("utf-8")
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            connection.request("POST", path, body=data, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        finally:
            connection.close()
        error = None if status == 200 else f"HTTP {status}"
    except Exception as failure:  # a timeout or a dropped connection is an error, not a crash
        error = type(failure).__name__
    return kind, time.perf_counter() - started, error, started


def generate(
    connection, url: str, response_base: str, people: list, rate: float, seconds: float, warmup: int
) -> None:
    """Send ``warmup + rate * seconds`` requests on schedule; report each one's outcome."""
    from handlers.slack.sandbox.slack_requests import SlackRequests

    slack = SlackRequests(url=url, signing_secret=SIGNING_SECRET)
    parts = urlsplit(url)
    total = warmup + round(rate * seconds)
    bodies = _bodies(url, response_base, people, total)
    # Enough senders that a slow answer never delays the next departure.
    senders = ThreadPoolExecutor(max_workers=max(16, int(rate * 2)))
    futures = []
    lags = []
    start = time.perf_counter() + 0.2
    for i, item in enumerate(bodies):
        due = start + i / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        lags.append(time.perf_counter() - due)
        futures.append(
            senders.submit(_send, slack, parts.hostname, parts.port, parts.path, item, 10.0)
        )
    results = [f.result() for f in futures]
    senders.shutdown()
    measured = results[warmup:]
    first = measured[0][3] if measured else start
    last = max((r[3] for r in measured), default=first)
    connection.send(
        {
            "results": [(kind, latency, error) for kind, latency, error, _ in measured],
            "max_lag_ms": 1000 * max(lags[warmup:], default=0.0),
            "span_s": last - first,
        }
    )
    connection.close()


def run_load(url: str, response_base: str, people: list, rate: float, seconds: float, warmup: int):
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(
        target=generate,
        args=(theirs, url, response_base, people, rate, seconds, warmup),
        name="bench-load-generator",
    )
    process.start()
    theirs.close()
    outcome = ours.recv()
    process.join()
    return outcome


# -- the two apps under test --------------------------------------------------------------
class ErrorCount(logging.Handler):
    """Counts ERROR log records: a listener that failed after its ack shows up here."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def bare_app(base_url: str):
    """A Bolt app with the bot's construction and server, whose listeners only ack."""
    from slack_bolt import App

    from bot.app import BotApp
    from handlers.slack.messenger import make_client

    pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="listener")
    app = App(
        listener_executor=pool,
        client=make_client("xoxb-bench", base_url),
        signing_secret=SIGNING_SECRET,
        token_verification_enabled=False,
        process_before_response=False,
    )

    @app.command("/copro")
    def command(ack) -> None:
        ack()

    @app.action(re.compile(".*"))
    def action(ack) -> None:
        ack()

    @app.event("message")
    def message() -> None:
        """Events are acked by Bolt itself."""

    # bot.server only reads ``services`` for /health, which this benchmark does not call.
    return BotApp(services=None, adapter=BareAdapter(app, pool))  # type: ignore[arg-type]


class BareAdapter:
    """Serves a bare Bolt app at Slack's path, as the real adapter serves the bot's."""

    def __init__(self, app, pool) -> None:
        self.bolt, self.pool = app, pool

    def routes(self) -> dict:
        from handlers.slack.http import EVENTS_PATH, events_endpoint

        return {EVENTS_PATH: events_endpoint(self.bolt)}

    def close(self) -> None:
        self.pool.shutdown(wait=True)


def real_bot(stand_in: StandInProcess, database_url: str):
    """The bot as ``create_app`` builds it, with the example programme and Day one prompted."""
    from bot.app import create_app
    from bot.config import Settings
    from bot.domain.clock import ManualClock
    from bot.domain.consent import agree_for_everyone
    from bot.domain.programme_file import load_programme_file
    from bot.domain.programmes import load_programme
    from handlers.slack.messenger import channel_and_ts, make_client
    from storage import Store
    from storage.models import PromptDelivery

    base_url = stand_in.base_url
    settings = Settings(
        database_url=database_url,
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=base_url,
    )
    spec = load_programme_file(Path(EXAMPLE))
    # Members listed by e-mail are found in the workspace, as they would be in Slack.
    by_email = [p for t in spec.teams for p in t.members if p.email and not p.chat_id]
    for n, person in enumerate(by_email, start=1):
        stand_in.add_user(f"U0BEM{n:04d}", real_name=person.email.split("@")[0], email=person.email)
    clock = ManualClock(PROMPTED_AT)
    store = Store.from_url(database_url)
    bot = create_app(settings, client=make_client("xoxb-bench", base_url), store=store, clock=clock)
    load_programme(store, clock, spec)
    agree_for_everyone(store, clock)  # everyone has said yes to the consent wording
    bot.services.prompts.send_due()
    with store.transaction() as session:
        people = [
            {
                "user_id": d.member.identity_on("slack"),
                "delivery_id": d.id,
                "channel": channel_and_ts(d.message_ref)[0],
                "ts": channel_and_ts(d.message_ref)[1],
            }
            for d in session.query(PromptDelivery).filter(PromptDelivery.state == "sent")
        ]
    if not people:
        raise RuntimeError("no prompt went out, so there is nobody to send requests as")
    return bot, sorted(people, key=lambda p: p["user_id"])


def phase(bot, stand_in: StandInProcess, people: list, args) -> dict[str, Any]:
    from bot.server import make_server, stop_server

    errors = ErrorCount()
    logging.getLogger().addHandler(errors)
    server = make_server(bot, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, name="bench-waitress", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}/slack/events"
    try:
        outcome = run_load(
            url, stand_in.base_url.replace("/api/", "/response/"), people, args.rate,
            args.seconds, args.warmup,
        )  # fmt: skip
        time.sleep(0.5)  # let listeners still working after their ack finish and log
    finally:
        stop_server(server)
        thread.join(timeout=5)
        bot.close()
        logging.getLogger().removeHandler(errors)
    return summarise(outcome, errors.count)


def summarise(outcome: dict, server_errors: int) -> dict[str, Any]:
    results = outcome["results"]
    answered = [latency * 1000 for _, latency, error in results if error is None]
    failed = [error for _, _, error in results if error is not None]
    by_kind = {}
    for kind in KINDS:
        mine = [latency * 1000 for k, latency, error in results if k == kind and error is None]
        by_kind[kind] = {
            "median_ms": round(percentile(mine, 50), 2),
            "p99_ms": round(percentile(mine, 99), 2),
        }
    return {
        "median_ms": round(percentile(answered, 50), 2),
        "p99_ms": round(percentile(answered, 99), 2),
        "errors": len(failed),
        "requests": len(results),
        "p90_ms": round(percentile(answered, 90), 2),
        "max_ms": round(max(answered, default=0.0), 2),
        "server_errors": server_errors,
        "error_kinds": sorted(set(failed)),
        "sent_per_s": round(len(results) / outcome["span_s"], 1) if outcome["span_s"] else None,
        "max_send_lag_ms": round(outcome["max_lag_ms"], 2),
        "by_kind": by_kind,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument("--rate", type=float, default=50.0, help="requests a second")
    options.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    options.add_argument("--warmup", type=int, default=15, help="uncounted requests first")
    options.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    options.add_argument("--postgres-url", help="default: $COPRO_BENCH_POSTGRES_URL")
    args = options.parse_args(argv)
    if args.rate <= 0 or args.seconds <= 0:
        raise SystemExit("--rate and --seconds must be above 0")
    quiet_logging()

    with (
        StandInProcess() as stand_in,
        temporary_database(args.db, postgres_url(args.postgres_url)) as database_url,
    ):
        bot, people = real_bot(stand_in, database_url)
        bare = phase(bare_app(stand_in.base_url), stand_in, people, args)
        time.sleep(1.0)
        ours = phase(bot, stand_in, people, args)
        bot.services.store.dispose()

    ratio = ours["median_ms"] / bare["median_ms"] if bare["median_ms"] else None
    checks = {
        "median_within_1_5x": ratio is not None and ratio <= TARGET_MEDIAN_RATIO,
        "p99_under_100ms": ours["p99_ms"] < TARGET_P99_MS,
        "no_errors": ours["errors"] == 0 and ours["server_errors"] == 0 and bare["errors"] == 0,
    }
    table = Table(
        f"Ack latency: {args.rate:g} requests/s for {args.seconds:g} s each, "
        f"{args.db}, {len(people)} members",
        ["", "bare Bolt", "bot", "target", "verdict"],
    )
    table.add("median ms", bare["median_ms"], ours["median_ms"],
              f"<= {TARGET_MEDIAN_RATIO}x bare", verdict(checks["median_within_1_5x"]))  # fmt: skip
    table.add("  bot / bare", None, f"{ratio:.2f}x" if ratio else None, None, None)
    table.add("p90 ms", bare["p90_ms"], ours["p90_ms"], None, None)
    table.add("p99 ms", bare["p99_ms"], ours["p99_ms"], f"< {TARGET_P99_MS:g}",
              verdict(checks["p99_under_100ms"]))  # fmt: skip
    table.add("max ms", bare["max_ms"], ours["max_ms"], None, None)
    table.add("errors (HTTP)", bare["errors"], ours["errors"], "0", verdict(checks["no_errors"]))
    table.add("errors (logged)", bare["server_errors"], ours["server_errors"], "0", None)
    for kind in KINDS:
        table.add(
            f"{kind} median / p99 ms",
            f"{bare['by_kind'][kind]['median_ms']:.1f} / {bare['by_kind'][kind]['p99_ms']:.1f}",
            f"{ours['by_kind'][kind]['median_ms']:.1f} / {ours['by_kind'][kind]['p99_ms']:.1f}",
            None,
            None,
        )
    table.add("requests", bare["requests"], ours["requests"], None, None)
    table.add("sent per s", bare["sent_per_s"], ours["sent_per_s"], None, None)
    table.add("max send lag ms", bare["max_send_lag_ms"], ours["max_send_lag_ms"], None, None)
    table.notes.append(
        "time to HTTP response, from connecting to the last byte; send lag is how late the "
        "generator left its schedule (open loop)."
    )
    payload = {
        "ack": {
            "rate_per_s": args.rate,
            "seconds": args.seconds,
            "bot": ours,
            "bare": bare,
            "median_ratio": round(ratio, 3) if ratio else None,
            "db": args.db,
            "checks": checks,
            "target_met": all(checks.values()),
        }
    }
    report([table], payload, args.json)
    return payload


if __name__ == "__main__":
    main()
