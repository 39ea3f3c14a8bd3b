"""Ack latency: how fast the bot in HTTP mode answers Slack under mixed traffic, against a bare
Bolt app in the same run.

    python -m bench.ack_latency [--json] [--rate 200] [--seconds 30] [--processes 2]
                                [--threads 8] [--db postgres] [--members 1000]

Mixed traffic, signed as Slack signs it, in a fixed cycle of 20 requests: 6 replies
(``message.im``), 6 buttons on the prompt (2 Answer, 2 Remind me later, 2 how-my-words-are-used),
3 ``/copro help``, 1 ``/copro status`` and 1 ``/copro digest`` (from the facilitator) and 3
``app_home_opened``. A load generator in its own process sends them on an open-loop schedule
(request i leaves at start + i / rate, whether or not earlier ones were answered) and times
each from opening the connection to the last byte of the answer.

Each side (first the baseline, then the bot) runs as ``--processes`` server processes, each a
``copro-bot run``-like process (``create_app`` and ``bot.server``'s waitress with ``--threads``
threads) on one database, all listening on one port with SO_REUSEPORT: the kernel shares the
connections out, standing in for the load balancer in front of several replicas (Slack sends
to one URL). Several processes need PostgreSQL (``--db postgres``), as in production.
The baseline is a bare ``slack_bolt.App`` whose listeners only ack, served the same way.
The Slack Web API stand-in runs in a process of its own, as Slack's servers would.

Before the timed traffic, ``--cpu-each`` requests of each kind go one at a time, and the
server processes' own CPU time (every thread, the work after the ack included) is read
before and after: CPU ms per request by kind, the figure a shared machine does not blur.
``--profile DIR`` writes a yappi profile (CPU clock, all threads) per kind there.
"""

from __future__ import annotations

import http.client
import logging
import multiprocessing
import os
import re
import resource
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    StandInProcess,
    Table,
    member_id,
    parser,
    percentile,
    postgres_url,
    programme_yaml,
    quiet_logging,
    report,
    temporary_database,
    verdict,
)

SIGNING_SECRET = "bench-signing-secret"
# Day one of the generated programme ends 16:00 BST; its prompts go out at 15:30 UTC.
PROMPTED_AT = datetime(2024, 5, 9, 15, 30, tzinfo=UTC)
FACILITATOR = member_id(1)
# One cycle of the mixed traffic, spread out so that no kind comes in a bunch.
CYCLE = (
    "reply", "help", "answer", "home", "reply", "later", "reply", "usage", "status", "reply",
    "home", "help", "reply", "answer", "later", "reply", "home", "usage", "digest", "help",
)  # fmt: skip
KINDS = ("reply", "answer", "later", "usage", "help", "status", "digest", "home")
TARGET_P99_MS = 50.0
STARTED = time.monotonic()


# -- the requests -------------------------------------------------------------------------
def signed_requests(url: str, response_base: str, people: list[dict], kinds: list[str]) -> list:
    """(kind, body bytes, headers) for each kind in order, signed now (good for 5 minutes)."""
    import uuid

    from bot.domain.usage import CHOICES
    from handlers.slack.sandbox.slack_requests import SlackRequests

    slack = SlackRequests(url=url, signing_secret=SIGNING_SECRET, response_url_base=response_base)
    made = []
    for i, kind in enumerate(kinds):
        person = people[i % len(people)]
        user, delivery = person["user_id"], str(person["delivery_id"])
        prompt = {"channel_id": person["channel"], "message_ts": person["ts"]}
        if kind == "reply":
            text = f"Reflection number {i}: the room felt calmer when we listened."
            body, content_type = slack.message_im_body(user, text, event_id=f"Ev{uuid.uuid4().hex}")
        elif kind == "answer":
            body, content_type = slack.block_action_body(user, "copro_answer", delivery, **prompt)
        elif kind == "later":
            body, content_type = slack.block_action_body(user, "copro_snooze", delivery, **prompt)
        elif kind == "usage":
            chosen = "copro_usage:" + CHOICES[i % len(CHOICES)]
            body, content_type = slack.block_action_body(user, chosen, delivery, **prompt)
        elif kind in ("help", "status", "digest"):
            who = user if kind == "help" else FACILITATOR
            body, content_type = slack.slash_command_body(who, kind)
        elif kind == "home":
            body, content_type = slack.app_home_opened_body(user)
        else:
            raise ValueError(kind)
        headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            "Connection": "close",
            **slack.sign(body),
        }
        made.append((kind, body.encode("utf-8"), headers))
    return made


def send(port: int, item: tuple, timeout: float = 10.0) -> tuple:
    kind, data, headers = item
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request("POST", "/slack/events", body=data, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        finally:
            connection.close()
        error = None if status == 200 else f"HTTP {status}"
    except Exception as failure:  # a timeout or a dropped connection is an error, not a crash
        error = type(failure).__name__
    return kind, time.perf_counter() - started, error, started


# -- the load generator (its own process) -------------------------------------------------
def generate(connection, port: int, response_base: str, people: list, args: dict) -> None:
    """Send ``warmup + rate * seconds`` mixed requests on schedule; report each outcome."""
    rate, warmup = args["rate"], args["warmup"]
    total = warmup + round(rate * args["seconds"])
    kinds = [CYCLE[i % len(CYCLE)] for i in range(total)]
    url = f"http://127.0.0.1:{port}/slack/events"
    items = signed_requests(url, response_base, people, kinds)
    # Enough senders that a slow answer never delays the next departure.
    senders = ThreadPoolExecutor(max_workers=max(16, int(rate * 2)))
    futures, lags = [], []
    cpu_before = time.process_time()
    start = time.perf_counter() + 0.2
    for i, item in enumerate(items):
        due = start + i / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        lags.append(time.perf_counter() - due)
        futures.append(senders.submit(send, port, item))
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
            "cpu_s": time.process_time() - cpu_before,
        }
    )
    connection.close()


def run_load(port: int, response_base: str, people: list, args: dict) -> dict:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(
        target=generate, args=(theirs, port, response_base, people, args), name="bench-load"
    )
    process.start()
    theirs.close()
    outcome = ours.recv()
    process.join()
    return outcome


# -- the server processes -----------------------------------------------------------------
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

    @app.event("app_home_opened")
    def home() -> None:
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


def the_bot(database_url: str, api_url: str):
    """The bot as ``create_app`` builds it, on a store already set up, at prompt time."""
    from bot.app import create_app
    from bot.config import Settings
    from bot.domain.clock import ManualClock
    from handlers.slack.messenger import make_client
    from storage import Store

    settings = Settings(
        database_url=database_url,
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=api_url,
    )
    return create_app(
        settings,
        client=make_client("xoxb-bench", api_url),
        store=Store.from_url(database_url),
        clock=ManualClock(PROMPTED_AT + timedelta(minutes=1)),
    )


def cpu_now() -> float:
    """This process's CPU time so far, every thread, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def children_of(parents: list[int]) -> list[int]:
    """The live child processes of ``parents`` (a server's chart process), from /proc."""
    wanted, found = set(parents), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) in wanted:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def shared_socket(port: int) -> socket.socket:
    """Bound to ``port`` (0: any) on loopback, and open to other processes binding it too."""
    shared = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    shared.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    shared.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    shared.bind(("127.0.0.1", port))
    return shared


def serve(connection, spec: dict) -> None:  # runs in each server process
    from bot.server import make_server, stop_server

    quiet_logging()
    errors = ErrorCount()
    logging.getLogger().addHandler(errors)
    if spec["app"] == "bare":
        bot = bare_app(spec["api_url"])
    else:
        bot = the_bot(spec["database_url"], spec["api_url"])
    listening = shared_socket(spec["port"])
    server = make_server(bot, sockets=[listening], threads=spec["threads"])
    thread = threading.Thread(target=server.run, name="bench-waitress", daemon=True)
    thread.start()
    connection.send(os.getpid())
    profiler = None
    try:
        while True:
            command, argument = connection.recv()
            if command == "cpu":
                connection.send(cpu_now())
            elif command == "profile":
                import yappi

                profiler = yappi
                yappi.set_clock_type("cpu")
                yappi.clear_stats()
                yappi.start(builtins=False, profile_threads=True)
                connection.send(True)
            elif command == "profile_save":
                profiler.stop()
                profiler.get_func_stats().save(argument, type="pstat")
                profiler.clear_stats()
                connection.send(True)
            else:
                break
    except EOFError:
        pass
    finally:
        stop_server(server)
        thread.join(timeout=5)
        bot.close()
        if spec["app"] == "bot":
            from bot.domain.chart import stop_painter

            stop_painter()
            bot.services.store.dispose()
        connection.send(errors.count)


class Servers:
    """``count`` server processes of one app, all on one port."""

    def __init__(self, spec: dict, count: int) -> None:
        self.spec, self.count = spec, count
        self.processes: list = []
        self.connections: list = []
        self.pids: list[int] = []
        self.errors = 0

    def __enter__(self) -> Servers:
        context = multiprocessing.get_context("spawn")
        for n in range(self.count):
            ours, theirs = context.Pipe()
            process = context.Process(
                target=serve, args=(theirs, self.spec), name=f"bench-{self.spec['app']}-{n}"
            )
            process.start()
            self.processes.append(process)
            self.connections.append(ours)
        for ours in self.connections:
            if not ours.poll(120):
                raise RuntimeError("a server process did not start within 120 s")
            self.pids.append(ours.recv())
        return self

    def ask(self, command: str, argument: Any = None) -> list:
        for ours in self.connections:
            ours.send((command, argument))
        return [ours.recv() for ours in self.connections]

    def cpu(self) -> float:
        """The servers' CPU so far, and their children's (read from here, so reading it
        costs them nothing)."""
        children = sum(process_cpu(pid) for pid in children_of(self.pids))
        return sum(self.ask("cpu")) + children

    def settled_cpu(self, quiet_s: float = 0.25, limit_s: float = 30.0) -> float:
        """CPU time once the work after the acks has finished (none used for ``quiet_s``)."""
        before, waited = self.cpu(), 0.0
        while waited < limit_s:
            time.sleep(quiet_s)
            waited += quiet_s
            now = self.cpu()
            if now - before < 0.002 * self.count:
                return now
            before = now
        return before

    def __exit__(self, *exc: object) -> None:
        for ours, process in zip(self.connections, self.processes, strict=True):
            try:
                ours.send(("stop", None))
                if ours.poll(30):
                    self.errors += ours.recv()
            except (BrokenPipeError, EOFError, OSError):
                pass
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()


# -- setting the scene --------------------------------------------------------------------
def prepare(stand_in: StandInProcess, database_url: str, members: int) -> list[dict]:
    """A programme of ``members``, everyone agreed, Day one's prompts sent: who can reply."""
    from bot.app import create_app
    from bot.config import Settings
    from bot.domain.clock import ManualClock
    from bot.domain.consent import agree_for_everyone
    from bot.domain.programme_file import parse_programme
    from bot.domain.programmes import load_programme
    from handlers.slack.messenger import channel_and_ts, make_client
    from storage import Store
    from storage.models import PromptDelivery

    api_url = stand_in.base_url
    settings = Settings(
        database_url=database_url,
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=api_url,
    )
    clock = ManualClock(PROMPTED_AT)
    store = Store.from_url(database_url)
    bot = create_app(settings, client=make_client("xoxb-bench", api_url), store=store, clock=clock)
    try:
        load_programme(store, clock, parse_programme(programme_yaml(members)))
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
    finally:
        bot.close()
        store.dispose()
    if not people:
        raise RuntimeError("no prompt went out, so there is nobody to send requests as")
    return sorted(people, key=lambda p: p["user_id"])


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def process_cpu(pid: int) -> float:
    """Another process's CPU time so far, from /proc (0.0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- one side of the run ------------------------------------------------------------------
def cpu_by_kind(servers: Servers, port: int, base: str, people: list, args) -> dict[str, float]:
    """CPU ms per request of each kind, its requests sent one at a time."""
    found = {}
    before = servers.settled_cpu()
    for kind in KINDS:
        items = signed_requests("", base, people[::-1], [kind] * args.cpu_each)
        if args.profile:
            servers.ask("profile")
        for item in items:
            send(port, item)
        after = servers.settled_cpu()
        if args.profile:
            folder = Path(args.profile)
            folder.mkdir(parents=True, exist_ok=True)
            pid_paths = [
                str(folder / f"{servers.spec['app']}-{kind}-{n}.pstat")
                for n in range(servers.count)
            ]
            for ours, path in zip(servers.connections, pid_paths, strict=True):
                ours.send(("profile_save", path))
                ours.recv()
        found[kind] = round(1000 * (after - before) / max(1, len(items)), 2)
        before = servers.cpu() if args.profile else after  # saving a profile is not a request
    return found


def side(app: str, stand_in: StandInProcess, database_url: str, people: list, args) -> dict:
    say(f"{app}: starting {args.processes} process(es)")
    # Held, never listening, while the servers run: a port picked and let go could be taken by
    # an outgoing connection before they bind it. Only listening sockets get connections.
    reserved = shared_socket(0)
    port = reserved.getsockname()[1]
    spec = {
        "app": app, "database_url": database_url, "api_url": stand_in.base_url,
        "port": port, "threads": args.threads,
    }  # fmt: skip
    response_base = stand_in.base_url.replace("/api/", "/response/")
    with reserved, Servers(spec, args.processes) as servers:
        for item in signed_requests("", response_base, people, list(CYCLE)):
            send(port, item)  # warm every code path once before anything is measured
        say(f"{app}: CPU by kind")
        cpu = cpu_by_kind(servers, port, response_base, people, args) if args.cpu_each else {}
        say(f"{app}: {args.rate:g} mixed requests/s for {args.seconds:g} s")
        load_before = loadavg()
        stand_in_cpu = process_cpu(stand_in.pid)
        server_cpu = servers.settled_cpu()
        load = {"rate": args.rate, "seconds": args.seconds, "warmup": args.warmup}
        outcome = run_load(port, response_base, people, load)
        say(f"{app}: sent; waiting for the work after the acks")
        server_cpu = servers.settled_cpu() - server_cpu
        stand_in_cpu = process_cpu(stand_in.pid) - stand_in_cpu
        load_after = loadavg()
        say(f"{app}: stopping")
    say(f"{app}: stopped")
    found = summarise(outcome, servers.errors)
    sent = args.warmup + len(outcome["results"])
    found.update(
        cpu_ms_by_kind=cpu,
        cpu_ms_per_request=round(1000 * server_cpu / sent, 2),
        cpu_ms_mixed_one_at_a_time=mixed(cpu),
        generator_cpu_ms_per_request=round(1000 * outcome["cpu_s"] / sent, 2),
        stand_in_cpu_ms_per_request=round(1000 * stand_in_cpu / sent, 2),
        load_average=[load_before, load_after],
    )
    return found


def say(text: str) -> None:
    """Progress on standard error (the table and the JSON are on standard output)."""
    print(
        f"bench.ack_latency {time.monotonic() - STARTED:5.1f} s: {text}",
        file=sys.stderr,
        flush=True,
    )


def mixed(cpu: dict[str, float]) -> float | None:
    """CPU ms of an average request of the mix, from the one-at-a-time figures."""
    if not cpu:
        return None
    return round(sum(cpu[kind] for kind in CYCLE) / len(CYCLE), 2)


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
        "p95_ms": round(percentile(answered, 95), 2),
        "p99_ms": round(percentile(answered, 99), 2),
        "max_ms": round(max(answered, default=0.0), 2),
        "errors": len(failed),
        "requests": len(results),
        "server_errors": server_errors,
        "error_kinds": sorted(set(failed)),
        "sent_per_s": round(len(results) / outcome["span_s"], 1) if outcome["span_s"] else None,
        "max_send_lag_ms": round(outcome["max_lag_ms"], 2),
        "by_kind": by_kind,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument("--rate", type=float, default=200.0, help="requests a second")
    options.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    options.add_argument("--warmup", type=int, default=40, help="uncounted requests first")
    options.add_argument("--processes", type=int, default=1, help="server processes a side")
    options.add_argument("--threads", type=int, default=8, help="waitress threads a process")
    options.add_argument("--members", type=int, default=1000, help="people in the programme")
    options.add_argument(
        "--cpu-each", type=int, default=30, help="requests of each kind for CPU ms (0: none)"
    )
    options.add_argument("--profile", metavar="DIR", help="yappi profiles per kind (needs yappi)")
    options.add_argument(
        "--api-latency-ms", type=float, default=50.0, help="the Web API stand-in's time a call"
    )
    options.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    options.add_argument("--postgres-url", help="default: $COPRO_BENCH_POSTGRES_URL")
    args = options.parse_args(argv)
    if args.rate <= 0 or args.seconds <= 0 or args.processes < 1 or args.threads < 1:
        raise SystemExit("--rate, --seconds, --processes and --threads must be above 0")
    if args.processes > 1 and args.db == "sqlite":
        raise SystemExit("several processes share one database only on PostgreSQL: --db postgres")
    quiet_logging()

    with (
        StandInProcess(latency_s=args.api_latency_ms / 1000) as stand_in,
        temporary_database(args.db, postgres_url(args.postgres_url)) as database_url,
    ):
        say(f"setting up {args.members} members on {args.db}")
        people = prepare(stand_in, database_url, args.members)
        bare = side("bare", stand_in, database_url, people, args)
        ours = side("bot", stand_in, database_url, people, args)
        say("stopping the Web API stand-in")

    checks = {
        "p99_under_50ms": ours["p99_ms"] < TARGET_P99_MS,
        "no_errors": ours["errors"] == 0 and ours["server_errors"] == 0 and bare["errors"] == 0,
    }
    table = Table(
        f"Ack latency: {args.rate:g} mixed requests/s for {args.seconds:g} s each, {args.db}, "
        f"{args.processes} process(es) x {args.threads} threads, {len(people)} members, "
        f"Web API {args.api_latency_ms:g} ms a call",
        ["", "bare Bolt", "bot", "target", "verdict"],
    )
    ratio = ours["median_ms"] / bare["median_ms"] if bare["median_ms"] else None
    table.add("p50 ms", bare["median_ms"], ours["median_ms"], None, None)
    table.add("  bot / bare", None, f"{ratio:.2f}x" if ratio else None, None, None)
    table.add("p95 ms", bare["p95_ms"], ours["p95_ms"], None, None)
    table.add("p99 ms", bare["p99_ms"], ours["p99_ms"], f"< {TARGET_P99_MS:g}",
              verdict(checks["p99_under_50ms"]))  # fmt: skip
    table.add("max ms", bare["max_ms"], ours["max_ms"], None, None)
    table.add("errors (HTTP)", bare["errors"], ours["errors"], "0", verdict(checks["no_errors"]))
    table.add("errors (logged)", bare["server_errors"], ours["server_errors"], "0", None)
    for kind in KINDS:
        table.add(
            f"{kind} p50 / p99 ms",
            f"{bare['by_kind'][kind]['median_ms']:.1f} / {bare['by_kind'][kind]['p99_ms']:.1f}",
            f"{ours['by_kind'][kind]['median_ms']:.1f} / {ours['by_kind'][kind]['p99_ms']:.1f}",
            None,
            None,
        )
    for kind in KINDS if args.cpu_each else ():
        table.add(f"{kind} CPU ms", bare["cpu_ms_by_kind"][kind], ours["cpu_ms_by_kind"][kind],
                  None, None)  # fmt: skip
    table.add("mix CPU ms, one at a time", bare["cpu_ms_mixed_one_at_a_time"],
              ours["cpu_ms_mixed_one_at_a_time"], None, None)  # fmt: skip
    table.add("mix CPU ms, under load", bare["cpu_ms_per_request"], ours["cpu_ms_per_request"],
              None, None)  # fmt: skip
    table.add("load generator CPU ms", bare["generator_cpu_ms_per_request"],
              ours["generator_cpu_ms_per_request"], None, None)  # fmt: skip
    table.add("Web API stand-in CPU ms", bare["stand_in_cpu_ms_per_request"],
              ours["stand_in_cpu_ms_per_request"], None, None)  # fmt: skip
    table.add("requests", bare["requests"], ours["requests"], None, None)
    table.add("sent per s", bare["sent_per_s"], ours["sent_per_s"], None, None)
    table.add("max send lag ms", bare["max_send_lag_ms"], ours["max_send_lag_ms"], None, None)
    table.add("load average before/after", " / ".join(bare["load_average"]),
              " / ".join(ours["load_average"]), None, None)  # fmt: skip
    table.notes.append(
        "time to HTTP response, from connecting to the last byte; send lag is how late the "
        "generator left its schedule (open loop). CPU ms: the server processes' own CPU a "
        "request (all threads, work after the ack included); under load, over the timed run."
    )
    payload = {
        "ack": {
            "rate_per_s": args.rate,
            "seconds": args.seconds,
            "processes": args.processes,
            "threads": args.threads,
            "members": len(people),
            "api_latency_ms": args.api_latency_ms,
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
