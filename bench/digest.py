"""Digest: build one week's digest over 1,000, 10,000 and 100,000 stored replies.

    python -m bench.digest [--json] [--sizes 1000,10000,100000] [--db sqlite,postgres]

Each size gets a fresh database filled with SQLAlchemy Core bulk inserts: seven teams, two
programme days in the week, nine in ten prompts answered (the rest skipped or unanswered),
about 1.5 answers a reply, one reply in five anonymous (half of those quoted without a name,
half counted in the themes only). All replies fall in the digest's week.

Measured for ``build_digest``: the median wall time of ``--repeat`` builds after a first
(cold) one; the SQL statements one build runs (``before_cursor_execute``); peak memory as the
tracemalloc peak of one build and as the rise of resident memory in the cold build; and, in a
column of its own, rendering the digest for Slack (``digest_messages``). The baseline is the
same answers query run on the bare database driver with every row fetched: what reading the
data costs before any of the bot's own work. PostgreSQL runs when ``COPRO_BENCH_POSTGRES_URL``
is set (or ``--db postgres --postgres-url ...``); its tables are ANALYZEd after loading, as
autovacuum would soon do.
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bench.common import (
    TEAM_NAMES,
    PeakRSS,
    Table,
    databases,
    parser,
    positive_ints,
    postgres_url,
    quiet_logging,
    report,
    temporary_database,
    verdict,
)

TARGET_SECONDS = 2.0
TARGET_MB = 300.0
TARGET_AT = 100_000
ANSWERED_SHARE = 0.9
CHUNK = 10_000
DAYS = (("Day one", date(2024, 5, 9)), ("Day two", date(2024, 5, 10)))  # ISO week 2024-W19

WORDS = (
    "the waiting room felt calmer once families could see who was next and why & we "
    "listened more than we spoke <really> it helped to have the notes in plain English "
    "next time we should start with the people who use the service not the service itself "
    "parking was hard again so two people arrived late and missed the introductions "
    "the crisis plan draft finally reads like something a person would want to use"
).split()


def _texts(rng: random.Random, count: int) -> list[str]:
    """Answer texts of 40 to 400 characters, some with characters that need escaping."""
    texts = []
    for _ in range(count):
        words = rng.choices(WORDS, k=rng.randint(8, 70))
        texts.append(" ".join(words).capitalize() + ".")
    return texts


def _usage(draw: float) -> str:
    """One draw per reply, as before usage choices existed, so the seeded data is unchanged."""
    if draw < 0.1:
        return "unnamed"
    return "themes_only" if draw < 0.2 else "named"


def seed(store, replies: int, *, seed_value: int = 19) -> dict[str, Any]:
    """Fill an empty, migrated store; returns the programme id and row counts."""
    from storage.models import (
        Answer,
        Member,
        MemberIdentity,
        Programme,
        ProgrammeDay,
        PromptDelivery,
        Reply,
        Team,
    )

    rng = random.Random(seed_value)
    deliveries = math.ceil(replies / ANSWERED_SHARE)
    members = math.ceil(deliveries / len(DAYS))
    created = datetime(2024, 5, 1, 9, tzinfo=UTC)
    texts = _texts(rng, 2000)
    rows: dict[Any, list[dict[str, Any]]] = {
        Programme: [
            {
                "id": 1,
                "name": "Benchmark programme",
                "timezone": "Europe/London",
                "digest_channel": "C0DIGEST01",
                "prompt_delay_minutes": 30,
                "reminder_hours": [24, 72],
                "questions": [
                    {"id": "working", "text": "What is working?"},
                    {"id": "change", "text": "What could change?"},
                ],
                "created_at": created,
                "updated_at": created,
            }
        ],
        Team: [
            {"id": i + 1, "programme_id": 1, "name": name, "aim": "Make things better together"}
            for i, name in enumerate(TEAM_NAMES)
        ],
        ProgrammeDay: [],
        Member: [],
        PromptDelivery: [],
        Reply: [],
        Answer: [],
    }
    prompt_times = []
    for i, (name, on) in enumerate(DAYS):
        ends = datetime(on.year, on.month, on.day, 15, tzinfo=UTC)  # 16:00 BST
        prompt_times.append(ends + timedelta(minutes=30))
        rows[ProgrammeDay].append(
            {
                "id": i + 1,
                "programme_id": 1,
                "name": name,
                "date": on,
                "ends_at": ends,
                "prompt_at": prompt_times[-1],
            }
        )
    for m in range(1, members + 1):
        rows[Member].append(
            {
                "id": m,
                "programme_id": 1,
                "team_id": (m % len(TEAM_NAMES)) + 1,
                "email": None,
                "display_name": f"Member {m}",
                "role": "member",
                "opted_out": False,
                "active": True,
            }
        )
    rows[MemberIdentity] = [
        {"member_id": m, "programme_id": 1, "platform": "slack", "external_id": f"U0BM{m:06d}"}
        for m in range(1, members + 1)
    ]
    answered = set(rng.sample(range(deliveries), replies))
    answer_id = 0
    for d in range(deliveries):
        day = d % len(DAYS)
        sent_at = prompt_times[day]
        delivery = {
            "id": d + 1,
            "member_id": d // len(DAYS) + 1,
            "day_id": day + 1,
            "state": "sent",
            "message_ref": f"D0BM{d // len(DAYS) + 1:06d} {1715268600 + d}.000100",
            "created_at": sent_at,
            "sent_at": sent_at,
            "answered_at": None,
        }
        if d in answered:
            at = sent_at + timedelta(minutes=rng.randint(1, 60 * 48))
            delivery.update(state="answered", answered_at=at)
            reply_id = len(rows[Reply]) + 1
            usage = _usage(rng.random())
            rows[Reply].append(
                {
                    "id": reply_id,
                    "delivery_id": d + 1,
                    "usage": usage,
                    "anonymous": usage != "named",
                    "source": "form" if rng.random() < 0.7 else "text",
                    "created_at": at,
                    "edited_at": None,
                }
            )
            for question in ("working", "change") if rng.random() < 0.5 else ("working",):
                answer_id += 1
                rows[Answer].append(
                    {
                        "id": answer_id,
                        "reply_id": reply_id,
                        "question_id": question,
                        "text": rng.choice(texts),
                    }
                )
        elif rng.random() < 0.5:
            delivery.update(state="skipped", answered_at=sent_at + timedelta(hours=2))
        rows[PromptDelivery].append(delivery)

    with store.engine.begin() as connection:
        for model, values in rows.items():
            for start in range(0, len(values), CHUNK):
                connection.execute(model.__table__.insert(), values[start : start + CHUNK])
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("ANALYZE")
    return {
        "programme_id": 1,
        "members": members,
        "deliveries": deliveries,
        "replies": len(rows[Reply]),
        "answers": len(rows[Answer]),
    }


class QueryCounter:
    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1


def raw_fetch_seconds(store, programme_id: int, week) -> float:
    """The baseline: the digest's answers query on the bare DBAPI cursor, all rows fetched."""
    from storage import queries

    with store.transaction() as session:
        days = queries.days_between(
            session, programme_id=programme_id, first=week.monday, last=week.sunday
        )
        statement = queries.answers_for_days(session, day_ids=[d.id for d in days])
    sql = str(
        statement.compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True})
    )
    with store.engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        seconds = time.perf_counter() - started
        cursor.close()
    return seconds


def measure(url: str, replies: int, repeat: int) -> dict[str, Any]:
    from bot.domain.digest import build_digest
    from bot.domain.weeks import IsoWeek
    from handlers.slack.digest_blocks import digest_messages
    from storage import Store

    store = Store.from_url(url)
    try:
        store.migrate()
        started = time.perf_counter()
        seeded = seed(store, replies)
        setup_s = time.perf_counter() - started
        week = IsoWeek.of(DAYS[0][1])
        programme_id = seeded["programme_id"]
        counter = QueryCounter(store.engine)

        def build():
            return build_digest(store, programme_id=programme_id, week=week)

        # Cold: the first build in this process, with the rise in resident memory.
        gc.collect()
        rss = PeakRSS()
        rss.start()
        before = counter.count
        started = time.perf_counter()
        digest = build()
        first_s = time.perf_counter() - started
        queries_per_build = counter.count - before
        rss_mb = rss.peak_delta_mb()
        quotes = sum(len(s.quotes) for t in digest.teams for s in t.sections)
        if digest.answered != seeded["replies"] or quotes != seeded["answers"]:
            raise RuntimeError(
                f"digest counted {digest.answered} replies and {quotes} quotes; "
                f"stored {seeded['replies']} and {seeded['answers']}"
            )
        del digest
        gc.collect()

        times = []
        for _ in range(repeat):
            before = counter.count
            started = time.perf_counter()
            digest = build()
            times.append(time.perf_counter() - started)
            if counter.count - before != queries_per_build:
                queries_per_build = max(queries_per_build, counter.count - before)
            if len(times) < repeat:
                del digest
                gc.collect()
        started = time.perf_counter()
        messages = digest_messages(digest)
        render_s = time.perf_counter() - started
        del digest, messages
        gc.collect()

        tracemalloc.start()
        digest = build()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del digest
        gc.collect()

        baseline = statistics.median(
            raw_fetch_seconds(store, programme_id, week) for _ in range(max(1, repeat))
        )
    finally:
        store.dispose()
    seconds = statistics.median(times)
    return {
        "replies": seeded["replies"],
        "answers": seeded["answers"],
        "seconds": round(seconds, 4),
        "first_seconds": round(first_s, 4),
        "baseline_seconds": round(baseline, 4),
        "peak_mb": round(peak / 2**20, 1),
        "rss_delta_mb": None if rss_mb is None else round(rss_mb, 1),
        "queries": queries_per_build,
        "render_seconds": round(render_s, 4),
        "setup_seconds": round(setup_s, 2),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument(
        "--sizes", type=positive_ints, default=[1000, 10_000, 100_000], help="replies stored"
    )
    options.add_argument("--db", help="sqlite,postgres (default: sqlite, plus postgres if set)")
    options.add_argument("--postgres-url", help="default: $COPRO_BENCH_POSTGRES_URL")
    options.add_argument("--repeat", type=int, default=3, help="timed builds after the cold one")
    args = options.parse_args(argv)
    quiet_logging()
    pg_url = postgres_url(args.postgres_url)
    names = databases(args.db, pg_url)

    results = []
    for db in names:
        for size in args.sizes:
            with temporary_database(db, pg_url) as url:
                results.append({"db": db, **measure(url, size, max(1, args.repeat))})

    table = Table(
        "Digest: build_digest over one week of stored replies",
        [
            "db",
            "replies",
            "answers",
            "seconds",
            "cold s",
            "raw fetch s",
            "x raw",
            "peak MB",
            "RSS+ MB",
            "queries",
            "render s",
            "verdict",
        ],
    )
    for db in names:
        rows = [r for r in results if r["db"] == db]
        constant = len({r["queries"] for r in rows}) == 1
        for row in rows:
            row["queries_constant"] = constant
            memory = max(row["peak_mb"], row["rss_delta_mb"] or 0.0)
            row["target_met"] = row["seconds"] < TARGET_SECONDS and memory < TARGET_MB and constant
            table.add(
                db,
                row["replies"],
                row["answers"],
                row["seconds"],
                row["first_seconds"],
                row["baseline_seconds"],
                f"{row['seconds'] / row['baseline_seconds']:.1f}x"
                if row["baseline_seconds"]
                else None,
                row["peak_mb"],
                row["rss_delta_mb"],
                row["queries"],
                row["render_seconds"],
                verdict(row["target_met"]),
            )
    table.notes += [
        f"target: under {TARGET_SECONDS:g} s and {TARGET_MB:g} MB at {TARGET_AT:,} replies "
        "(checked at every size), and the same number of queries at every size.",
        "seconds: median of warm builds; cold s: the first build; raw fetch s: the same "
        "answers query on the bare driver (baseline); peak MB: tracemalloc peak; RSS+ MB: rise "
        "of resident memory in the cold build.",
    ]
    if "postgres" not in names:
        table.notes.append("PostgreSQL not run: set COPRO_BENCH_POSTGRES_URL to include it.")
    payload = {"digest": results}
    report([table], payload, args.json)
    return payload


if __name__ == "__main__":
    main()
