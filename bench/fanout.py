"""Fan-out: reflection prompts to every member through a slow, rate-limited Web API stand-in.

    python -m bench.fanout [--json] [--members 10000] [--workers default,8,16]

The stand-in answers each call after ``--latency-ms`` and lets ``chat.postMessage`` through a
token bucket: ``--rate-limit`` calls a second, at most ``--burst`` at once; a call over the
limit is answered 429 with ``Retry-After`` (whole seconds, as Slack sends it). That sets a
floor no sender can beat: ``(members - burst) / rate_limit + latency`` seconds.

The baseline is that floor, taken from the stand-in in the same run. Measured: the wall time
of one ``PromptSender.send_due()`` (claiming every delivery, then sending), and from the
stand-in's own record: members with no successful post (lost) and with more than one
(duplicates). Each ``--workers`` value runs on a fresh database; ``default`` is the
production default of :class:`bot.domain.prompts.PromptSender`.
"""

from __future__ import annotations

import inspect
import os
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.common import (
    StandInProcess,
    Table,
    load_note,
    member_id,
    parser,
    postgres_url,
    programme_yaml,
    quiet_logging,
    report,
    temporary_database,
    verdict,
)

TARGET_RATIO = 1.1  # at 10,000 members or more
SMALL_TARGET_RATIO = 1.2  # below: one Retry-After second is a tenth of a 1,000-member floor
LARGE = 10_000
PROMPT_AT = datetime(2024, 5, 9, 15, 30, tzinfo=UTC)  # Day one ends 16:00 BST; +30 minutes


def production_workers() -> int:
    from bot.domain.prompts import PromptSender

    return inspect.signature(PromptSender.__init__).parameters["workers"].default


def worker_counts(text: str) -> list[int]:
    counts = []
    for part in text.split(","):
        part = part.strip()
        if part:
            counts.append(production_workers() if part == "default" else int(part))
    if not counts or min(counts) < 1:
        raise SystemExit("--workers: one or more numbers above 0, or 'default'")
    return counts


def run_once(
    stand_in: StandInProcess, *, members: int, workers: int, db: str, pg_url: str | None
) -> dict[str, Any]:
    from bot.domain.clock import ManualClock
    from bot.domain.consent import Consent, agree_for_everyone
    from bot.domain.programme_file import parse_programme
    from bot.domain.programmes import load_programme
    from bot.domain.prompts import PromptSender
    from handlers.slack.messenger import SlackMessenger, make_client
    from storage import Store

    with temporary_database(db, pg_url) as url:
        store = Store.from_url(url)
        try:
            store.migrate()
            clock = ManualClock(PROMPT_AT - timedelta(days=1))
            load_programme(store, clock, parse_programme(programme_yaml(members)))
            # The production client: it waits out 429s as Retry-After says (5 tries at most).
            messenger = SlackMessenger(make_client("xoxb-bench", stand_in.base_url))
            # As in production, everyone is first asked for consent (which also learns each
            # person's time zone), and says yes, the day before the prompts.
            consent = Consent(
                store=store, messenger=messenger, clock=clock, catch_up=timedelta(hours=24)
            )
            stand_in.reset()
            started = time.perf_counter()
            asked = consent.ask_due()
            consent_seconds = time.perf_counter() - started
            agree_for_everyone(store, clock)
            clock.set(PROMPT_AT)
            sender = PromptSender(
                store=store,
                messenger=messenger,
                clock=clock,
                catch_up=timedelta(hours=24),
                workers=workers,
            )
            stand_in.reset()
            started, cpu = time.perf_counter(), time.process_time()
            sent = sender.send_due()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            store.dispose()

    posts = [c for c in stand_in.calls() if c.method == "chat.postMessage"]
    delivered = Counter(c.channel for c in posts if c.status == 200)
    wanted = {member_id(n) for n in range(1, members + 1)}
    latency = stand_in.options.get("latency_s", 0.0)
    floor = stand_in.floor_s(members) + latency
    return {
        "workers": workers,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "floor_seconds": round(floor, 3),
        "ratio": round(seconds / floor, 3) if floor else None,
        "lost": len(wanted - set(delivered)),
        "duplicates": sum(1 for n in delivered.values() if n > 1),
        "unexpected": len(set(delivered) - wanted),
        "calls": len(posts),
        "rate_limited": sum(1 for c in posts if c.status == 429),
        "sent": sent.sent,
        "failed": sent.failed,
        "consent_seconds": round(consent_seconds, 3),
        "consent_asked": asked,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument("--members", type=int, default=LARGE, help="people to prompt")
    options.add_argument(
        "--workers",
        default="default",
        help="PromptSender worker counts to try, comma-separated; the first is reported "
        "at the top level ('default' = the production default)",
    )
    options.add_argument("--latency-ms", type=float, default=50.0, help="added to every call")
    options.add_argument(
        "--rate-limit",
        type=float,
        default=100.0,
        help="chat.postMessage calls/s the stand-in allows",
    )
    options.add_argument("--burst", type=int, default=10, help="calls the token bucket holds")
    options.add_argument(
        "--every", type=int, default=0, help="also answer every Nth post with 429 (0: never)"
    )
    options.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    options.add_argument("--postgres-url", help="default: $COPRO_BENCH_POSTGRES_URL")
    args = options.parse_args(argv)
    if args.members < 1:
        raise SystemExit("--members must be at least 1")
    quiet_logging()
    pg_url = postgres_url(args.postgres_url)
    counts = worker_counts(args.workers)

    load = os.getloadavg()
    runs = []
    with StandInProcess(
        latency_s=args.latency_ms / 1000,
        rate_limit_per_s=args.rate_limit,
        rate_limit_burst=args.burst,
        rate_limit_every=args.every,
    ) as stand_in:
        for workers in counts:
            runs.append(
                run_once(stand_in, members=args.members, workers=workers, db=args.db, pg_url=pg_url)
            )

    default = production_workers()
    table = Table(
        f"Fan-out: {args.members} members, {args.latency_ms:g} ms a call, "
        f"{args.rate_limit:g} posts/s (burst {args.burst}), {args.db}",
        [
            "workers",
            "seconds",
            "cpu s",
            "floor s",
            "ratio",
            "target",
            "lost",
            "dupes",
            "429s",
            "verdict",
            "consent s",
        ],
    )
    target = TARGET_RATIO if args.members >= LARGE else SMALL_TARGET_RATIO
    for run in runs:
        run["target_met"] = _met(run, target)
        label = f"{run['workers']} (default)" if run["workers"] == default else run["workers"]
        table.add(
            label,
            run["seconds"],
            run["cpu_seconds"],
            run["floor_seconds"],
            f"{run['ratio']:.2f}x" if run["ratio"] else None,
            f"<= {target}x, 0 lost/dupes",
            run["lost"],
            run["duplicates"],
            run["rate_limited"],
            verdict(run["target_met"]),
            run["consent_seconds"],
        )
    table.notes.append(
        "cpu s: the bot's process during the fan-out (the stand-in runs in its own); "
        + load_note(load)
    )
    meeting = [r["workers"] for r in runs if r["target_met"]]
    recommended = min(meeting) if meeting else None
    table.notes.append(
        "floor = (members - burst) / rate limit + one call's latency; the stand-in's record "
        "decides lost (no 200 post) and duplicates (more than one). consent s: the day before, "
        "the consent request to everyone (a look-up and a message each), not in the target."
    )
    table.notes.append(
        f"fewest workers meeting the target: {recommended}"
        if recommended
        else "no worker count tried met the target"
    )
    first = runs[0]
    payload = {
        "fanout": {
            "members": args.members,
            "seconds": first["seconds"],
            "cpu_seconds": first["cpu_seconds"],
            "floor_seconds": first["floor_seconds"],
            "lost": first["lost"],
            "duplicates": first["duplicates"],
            "workers": first["workers"],
            "ratio": first["ratio"],
            "target_ratio": target,
            "target_met": first["target_met"],
            "rate_limited": first["rate_limited"],
            "latency_ms": args.latency_ms,
            "rate_limit_per_s": args.rate_limit,
            "burst": args.burst,
            "db": args.db,
            "production_workers": default,
            "recommended_workers": recommended,
            "runs": runs,
        }
    }
    report([table], payload, args.json)
    return payload


def _met(run: dict[str, Any], target: float) -> bool | None:
    """The target, or None when there is no floor to compare with (no latency, no limit)."""
    if run["ratio"] is None:
        return None
    whole = run["lost"] == 0 and run["duplicates"] == 0 and run["unexpected"] == 0
    return whole and run["ratio"] <= target


if __name__ == "__main__":
    main()
