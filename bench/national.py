"""A national host: one programme's digest, status, export and the sweeps, while the store
holds 2,000,000 replies from 100 programmes.

    python -m bench.national [--json] [--programmes 100] [--replies 2000000]
                             [--db postgres,sqlite] [--reuse] [--repeat 3]

Every programme has the same shape: seven teams, ten weeks of two programme days (a
Thursday and a Friday, ISO weeks 2024-W10 to W19) and one day still to come; nine in ten
prompts answered, about 1.5 answers a reply, one in five anonymous. Rows are written day by
day across all programmes, as a live host writes them, so one programme's rows are spread
through the tables rather than lying together. Its weekly digests up to W19 are posted and
every reminder that was due has gone; the sweeps run on a Friday morning two weeks after the
last day (W22), between days, so they find nothing to do: what they cost at rest is what
every minute costs. Loading uses COPY on PostgreSQL and ``executemany`` on
SQLite, through the models' own tables; the tables are ANALYZEd afterwards.

Measured on one programme in the middle (its rows neither first nor last in the tables),
each against the same programme on a store of its own in the same run (the baseline) and,
for the digest's query count, on a store where the programme has its days but nothing was
sent yet (the empty store): ``build_digest`` for W19 (target under 0.3 s and the same number
of queries as on the empty store), the status, the export (every row), and a minute's
sweeps: consent, prompts, reminders, theming and the weekly digest, and the weekly digest at
the moment all 100 programmes post theirs. Seconds are the median of ``--repeat`` runs after
a first; CPU seconds are this process's (the database server's own work is not in them).

``--reuse`` keeps the seeded national store (a PostgreSQL database named after the sizes and
the schema revision, or a SQLite file under ~/.cache/copro-bench) and uses it again next
time; without it the store is thrown away at the end. The notes name the tables each hot
path's query reads whole, from the plans the database chose.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    TEAM_NAMES,
    Table,
    databases,
    load_note,
    parser,
    postgres_url,
    quiet_logging,
    report,
    temporary_database,
    verdict,
)
from bench.digest import QueryCounter, _texts, _usage

TARGET_SECONDS = 0.3
WEEKS = 10
FIRST_THURSDAY = date(2024, 3, 7)  # 2024-W10; the last full week is 2024-W19
MEASURED_WEEK = (2024, 19)
NOW = datetime(2024, 5, 31, 10, 0, tzinfo=UTC)  # a Friday between programme days (W22)
ALL_DUE = datetime(2024, 5, 17, 15, 1, tzinfo=UTC)  # just after FRI 16:00 BST
ANSWERED_SHARE = 0.9
CHUNK = 20_000
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "copro-bench"


# -- the shape of the data -----------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    programmes: int
    replies: int  # across every programme

    @property
    def days(self) -> list[tuple[str, date]]:
        out = []
        for week in range(WEEKS):
            thursday = FIRST_THURSDAY + timedelta(weeks=week)
            out += [(f"Week {week + 1} Thursday", thursday)]
            out += [(f"Week {week + 1} Friday", thursday + timedelta(days=1))]
        return out

    @property
    def members(self) -> int:
        """Members of each programme: one delivery each per day."""
        per_day = self.replies / self.programmes / len(self.days)
        return max(1, math.ceil(per_day / ANSWERED_SHARE))

    @property
    def key(self) -> str:
        from storage.db import head_revision

        text = f"{self.programmes}-{self.replies}-{head_revision()}-v2"
        return f"copro_national_{hashlib.sha256(text.encode()).hexdigest()[:10]}"


def measured_programme(shape: Shape) -> int:
    return max(1, (shape.programmes + 1) // 2)


class Loader:
    """Bulk rows into the models' tables on one connection, committed at the end: COPY on
    PostgreSQL, executemany on SQLite. Columns left out get their model default, so a NOT
    NULL column added later is still filled."""

    def __init__(self, store) -> None:
        self.store = store
        self.postgres = store.engine.dialect.name == "postgresql"
        self.raw = None

    def __enter__(self) -> Loader:
        self.raw = self.store.engine.raw_connection()
        return self

    def __exit__(self, kind, *_: object) -> None:
        try:
            if kind is None:
                self.raw.commit()
        finally:
            self.raw.close()

    def __call__(self, model, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        table = model.__table__
        extra = [
            c for c in table.columns
            if c.name not in columns and not c.nullable and c.server_default is None
            and c.default is not None and c.default.is_scalar
        ]  # fmt: skip
        names = columns + [c.name for c in extra]
        constants = tuple(c.default.arg for c in extra)
        cursor = self.raw.cursor()
        if self.postgres:
            with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + constants)
            return
        kinds = [self._kind(table.columns[n]) for n in names]
        sql = (
            f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        )
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(
                sql,
                [
                    tuple(_sqlite(v, k) for v, k in zip(row + constants, kinds, strict=True))
                    for row in rows[start : start + CHUNK]
                ],
            )

    @staticmethod
    def _kind(column) -> str:
        name = type(column.type).__name__
        return {"UTCDateTime": "t", "Date": "d", "Boolean": "b"}.get(name, "")


_formatted: dict[datetime, str] = {}


def _sqlite(value: Any, kind: str) -> Any:
    """As SQLAlchemy stores it on SQLite: naive UTC text, ISO dates, 0 and 1."""
    if value is None or not kind:
        return value
    if kind == "t":
        text = _formatted.get(value)
        if text is None:
            text = _formatted[value] = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return text
    if kind == "d":
        return value.isoformat()
    return int(value)


def seed(store, shape: Shape, *, only: int | None = None, sent: bool = True):
    """Fill an empty, migrated store. ``only``: just that programme (numbered as in the
    national store, with the same data); ``sent=False``: its days and people, nothing sent."""
    from bot.domain.consent_wording import wording_for
    from bot.domain.theming import classifier_for
    from storage.models import (
        DigestPosted,
        Member,
        MemberIdentity,
        Programme,
        ProgrammeDay,
        Team,
    )  # fmt: skip

    numbers = [only] if only else list(range(1, shape.programmes + 1))
    days = shape.days
    per = shape.members
    created = datetime(2024, 3, 1, 9, tzinfo=UTC)
    with store.engine.begin() as connection:
        connection.execute(
            Programme.__table__.insert(),
            [
                {
                    "id": p, "name": f"Programme {p:03d}", "timezone": "Europe/London",
                    "digest_channel": f"C0DIG{p:05d}", "prompt_delay_minutes": 30,
                    "reminder_hours": [24, 72], "digest_weekly": "FRI 16:00",
                    "questions": [
                        {"id": "working", "text": "What is working?"},
                        {"id": "change", "text": "What could change?"},
                    ],
                    "anonymity_min_replies": 3, "quiet_hours": "20:00-08:00",
                    "weekends": False, "bank_holidays": "england",
                    "created_at": created, "updated_at": created,
                }
                for p in numbers
            ],
        )  # fmt: skip
        connection.execute(
            Team.__table__.insert(),
            [
                {"id": (p - 1) * 7 + i + 1, "programme_id": p, "name": n, "aim": "Better together"}
                for p in numbers
                for i, n in enumerate(TEAM_NAMES)
            ],
        )
        day_rows = []
        for p in numbers:
            for i, (name, on) in enumerate([*days, ("Still to come", date(2024, 6, 13))]):
                ends = datetime(on.year, on.month, on.day, 15, tzinfo=UTC)  # 16:00 BST
                day_rows.append(
                    {"id": (p - 1) * (len(days) + 1) + i + 1, "programme_id": p, "name": name,
                     "date": on, "ends_at": ends, "prompt_at": ends + timedelta(minutes=30)}
                )  # fmt: skip
        connection.execute(ProgrammeDay.__table__.insert(), day_rows)
    with store.transaction() as session:
        theme_version = classifier_for(session.get(Programme, numbers[0])).version
        versions = {p: wording_for(session.get(Programme, p)).version for p in numbers}

    rng = random.Random(19)
    texts = _texts(rng, 2000)
    counts = {"replies": 0, "answers": 0, "deliveries": 0}
    with Loader(store) as load:
        load(
            Member,
            ["id", "programme_id", "team_id", "display_name", "role", "opted_out", "active",
             "consent_version", "consent_given", "consent_at", "timezone", "default_usage"],
            [
                ((p - 1) * per + m + 1, p, (p - 1) * 7 + m % 7 + 1, f"Member {m + 1}", "member",
                 False, True, versions[p], True, created, "Europe/London", "named")
                for p in numbers
                for m in range(per)
            ],
        )  # fmt: skip
        load(
            MemberIdentity,
            ["member_id", "programme_id", "platform", "external_id"],
            [
                ((p - 1) * per + m + 1, p, "slack", f"U{p:03d}M{m + 1:06d}")
                for p in numbers
                for m in range(per)
            ],
        )
        if sent:
            for d, (_name, on) in enumerate(days):  # day by day, every programme's rows
                _load_day(load, shape, numbers, d, on, texts, theme_version, counts)
            load(
                DigestPosted,
                ["programme_id", "iso_year", "iso_week", "channel", "posted_at", "kind", "state"],
                [
                    (p, *on.isocalendar()[:2], f"C0DIG{p:05d}",
                     datetime.combine(on + timedelta(days=8), datetime.min.time(), UTC),
                     "weekly", "posted")
                    for p in numbers
                    for _name, on in days[:-2:2]  # every week but the last: posted
                ],
            )  # fmt: skip
    _analyze(store)
    return {"programmes": len(numbers), "members": per * len(numbers), **counts}


THEMES = ("right-people", "buy-in", "time-capacity", "relationships-trust", "accessibility", None)


def _load_day(load, shape: Shape, numbers, d: int, on: date, texts, version, counts) -> None:
    from storage.models import Answer, PromptDelivery, ReminderSent, Reply

    per = shape.members
    sent_at = datetime(on.year, on.month, on.day, 15, 30, tzinfo=UTC)
    deliveries, replies, answers, reminders = [], [], [], []
    for p in numbers:
        # Draws of its own for each programme and day, so a programme loaded alone has the
        # same rows as in the national store; ids as in the national store too.
        draw = random.Random(p * 1000 + d)
        day_id = (p - 1) * (len(shape.days) + 1) + d + 1
        for m in range(per):
            delivery_id = d * per * shape.programmes + (p - 1) * per + m + 1
            member = (p - 1) * per + m + 1
            ref = f"D{m:06d} {delivery_id}.0001"
            roll = draw.random()
            if roll < ANSWERED_SHARE:
                at = sent_at + timedelta(minutes=draw.randint(1, 60 * 48))
                usage = _usage(draw.random())
                two = draw.random() < 0.5
                deliveries.append(
                    (delivery_id, member, day_id, "answered", ref, sent_at, sent_at, at)
                )
                replies.append(
                    (
                        delivery_id,
                        delivery_id,
                        usage,
                        usage != "named",
                        "form" if two else "text",
                        at,
                    )
                )
                for q, question in enumerate(("working", "change")[: 1 + two]):
                    answers.append(
                        (delivery_id * 2 + q, delivery_id, question, texts[draw.randrange(2000)],
                         THEMES[draw.randrange(len(THEMES))], version)
                    )  # fmt: skip
                continue
            skipped = roll < (1 + ANSWERED_SHARE) / 2
            answered_at = sent_at + timedelta(hours=2) if skipped else None
            state = "skipped" if skipped else "sent"
            deliveries.append(
                (delivery_id, member, day_id, state, ref, sent_at, sent_at, answered_at)
            )
            if not skipped:  # every reminder that was due has gone
                reminders.append((delivery_id, 0, sent_at + timedelta(hours=24)))
                reminders.append((delivery_id, 1, sent_at + timedelta(hours=72)))
    load(
        PromptDelivery,
        [
            "id",
            "member_id",
            "day_id",
            "state",
            "message_ref",
            "created_at",
            "sent_at",
            "answered_at",
        ],
        deliveries,
    )
    load(Reply, ["id", "delivery_id", "usage", "anonymous", "source", "created_at"], replies)
    load(Answer, ["id", "reply_id", "question_id", "text", "theme", "theme_version"], answers)
    load(ReminderSent, ["delivery_id", "sequence", "sent_at"], reminders)
    counts["deliveries"] += len(deliveries)
    counts["replies"] += len(replies)
    counts["answers"] += len(answers)


def _analyze(store) -> None:
    from storage.models import Base

    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if store.engine.dialect.name == "postgresql":
            for table in Base.metadata.sorted_tables:  # ids were given: move the sequences on
                if "id" in table.columns and table.columns["id"].autoincrement:
                    connection.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
            connection.exec_driver_sql("VACUUM ANALYZE")
        else:
            connection.exec_driver_sql("ANALYZE")


# -- where the national store lives ---------------------------------------------------------
@contextmanager
def national_store(db: str, pg_url: str | None, shape: Shape, reuse: bool):
    """(url, seconds spent seeding or None when reused)."""
    if not reuse:
        with temporary_database(db, pg_url) as url:
            yield url, True
        return
    if db == "sqlite":
        CACHE.mkdir(parents=True, exist_ok=True)
        path = CACHE / f"{shape.key}.db"
        yield f"sqlite:///{path}", not path.exists() or not _complete(f"sqlite:///{path}")
        return
    from sqlalchemy import create_engine, text

    from storage.db import normalise_url

    base = normalise_url(pg_url)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": shape.key}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{shape.key}"'))
    admin.dispose()
    url = base.rsplit("/", 1)[0] + "/" + shape.key
    yield url, not exists or not _complete(url)


def _complete(url: str) -> bool:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return bool(connection.scalar(text("SELECT count(*) FROM digests_posted")))
    except Exception:
        return False
    finally:
        engine.dispose()


def _reset(url: str, db: str) -> None:
    """A half-seeded cached store is emptied before seeding again."""
    from sqlalchemy import create_engine

    from storage.db import normalise_url

    if db == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()


# -- what is measured -----------------------------------------------------------------------
class Recording:
    """A Messenger that sends nothing and says it did (the weekly digest needs one)."""

    platform = "slack"

    def __init__(self) -> None:
        self.posted = 0

    def post_digest(self, channel, digest, document=None):
        from bot.domain.messenger import Sent

        self.posted += 1
        return [Sent(f"{channel} 1.{self.posted}")]

    def __getattr__(self, name):  # anything else would be a surprise in a quiet sweep
        raise AssertionError(f"a sweep at rest tried to {name}")


def operations(store, programme_id: int) -> dict[str, Callable[[], Any]]:
    from bot.domain.clock import ManualClock
    from bot.domain.consent import Consent
    from bot.domain.digest import build_digest
    from bot.domain.export import export_rows
    from bot.domain.prompts import PromptSender
    from bot.domain.reminders import ReminderSender
    from bot.domain.status import build_status
    from bot.domain.theming import retheme_stale
    from bot.domain.weekly import WeeklyDigests
    from bot.domain.weeks import IsoWeek

    clock = ManualClock(NOW)
    messenger = Recording()
    catch_up = timedelta(hours=24)
    week = IsoWeek(*MEASURED_WEEK)
    prompts = PromptSender(store=store, messenger=messenger, clock=clock, catch_up=catch_up)
    consent = Consent(store=store, messenger=messenger, clock=clock, catch_up=catch_up)
    reminders = ReminderSender(store=store, messenger=messenger, clock=clock, catch_up=catch_up)
    weekly = WeeklyDigests(store=store, messenger=messenger, clock=clock)
    return {
        "digest": lambda: build_digest(store, programme_id=programme_id, week=week),
        "status": lambda: build_status(store, programme_id=programme_id),
        "export": lambda: sum(1 for _ in export_rows(store, programme_id=programme_id)),
        "consent sweep": consent.ask_due,
        "prompt sweep": prompts.send_due,
        "reminder sweep": reminders.send_due,
        "theming sweep": lambda: retheme_stale(store, untagged_only=True),
        "weekly sweep": weekly.post_due,
    }


def all_due(store) -> tuple[float, float, int, int]:
    """The weekly sweep when every programme's W19 digest is due: (s, CPU s, queries, posted);
    the claims are then removed, so a reused store stays as it was."""
    from sqlalchemy import delete

    from bot.domain.clock import ManualClock
    from bot.domain.weekly import WeeklyDigests
    from storage.models import DigestPosted

    def forget_the_last_week() -> None:
        with store.engine.begin() as connection:
            connection.execute(
                delete(DigestPosted).where(
                    DigestPosted.iso_year == MEASURED_WEEK[0],
                    DigestPosted.iso_week == MEASURED_WEEK[1],
                )
            )

    forget_the_last_week()
    counter = QueryCounter(store.engine)
    messenger = Recording()
    weekly = WeeklyDigests(store=store, messenger=messenger, clock=ManualClock(ALL_DUE))
    wall, cpu = time.perf_counter(), time.process_time()
    weekly.post_due()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    forget_the_last_week()
    return wall, cpu, counter.count, messenger.posted


def last_week_posted(store) -> None:
    """At rest, W19's digest went out at its time (the store is seeded without it, so that
    ``all_due`` can post it)."""
    from sqlalchemy import select

    from storage.models import DigestPosted, Programme

    slot = ALL_DUE.replace(minute=0)
    with store.engine.begin() as connection:
        done = set(
            connection.scalars(
                select(DigestPosted.programme_id).where(
                    DigestPosted.iso_year == MEASURED_WEEK[0],
                    DigestPosted.iso_week == MEASURED_WEEK[1],
                )
            )
        )
        rows = [
            {"programme_id": p, "iso_year": MEASURED_WEEK[0], "iso_week": MEASURED_WEEK[1],
             "channel": f"C0DIG{p:05d}", "posted_at": slot, "kind": "weekly", "state": "posted"}
            for p in connection.scalars(select(Programme.id))
            if p not in done
        ]  # fmt: skip
        if rows:
            connection.execute(DigestPosted.__table__.insert(), rows)


def measure(store, programme_id: int, repeat: int) -> dict[str, dict[str, Any]]:
    last_week_posted(store)
    counter = QueryCounter(store.engine)
    results = {}
    for name, operation in operations(store, programme_id).items():
        before = counter.count
        operation()  # the first run: warms caches, and its queries are counted
        queries = counter.count - before
        walls, cpus = [], []
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            operation()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        results[name] = {
            "seconds": round(statistics.median(walls), 4),
            "cpu_seconds": round(statistics.median(cpus), 4),
            "queries": queries,
        }
    return results


def explain(store, programme_id: int) -> dict[str, list[str]]:
    """The query plans of the hot paths' queries (PostgreSQL: EXPLAIN; SQLite: EXPLAIN QUERY
    PLAN), to see which tables each reads whole."""
    from sqlalchemy import select

    from bot.domain.weeks import IsoWeek
    from storage import queries
    from storage.models import PromptDelivery
    from storage.queries import digests, export, reminders

    week = IsoWeek(*MEASURED_WEEK)
    captured: dict[str, Any] = {}

    class Capture:  # stands in for the session: keeps the statement, returns nothing
        def __init__(self, session, name):
            self.session, self.name = session, name

        def execute(self, statement, *a, **k):
            captured[self.name] = statement
            return _Empty()

        scalars = scalar = execute

        def get_bind(self):
            return self.session.get_bind()

    with store.transaction() as session:
        days = [
            d.id
            for d in queries.days_between(
                session, programme_id=programme_id, first=week.monday, last=week.sunday
            )
        ]
        captured["digest answers"] = queries.answers_for_days(
            session, day_ids=days, programme_id=programme_id
        )
        digests.delivery_counts(
            Capture(session, "digest counts"), day_ids=days, programme_id=programme_id
        )
        digests.status_rows(Capture(session, "status"), programme_id=programme_id)
        export.export_answers(Capture(session, "export"), programme_id=programme_id)
        try:  # the queries as this release has them (an older one, run for comparison, may not)
            from bot.domain.reminders import awaiting_scopes

            reminders.deliveries_awaiting_answer(
                Capture(session, "reminder sweep"),
                scopes=awaiting_scopes(queries.programmes(session), NOW, timedelta(hours=24)),
                snoozed_since=NOW - timedelta(days=36),
            )
            digests.late_replies_exist(
                Capture(session, "late replies"), programme_id=programme_id,
                before=week.monday, since=NOW - timedelta(days=14),
            )  # fmt: skip
        except (ImportError, AttributeError, TypeError):
            pass
        captured["claims left"] = select(PromptDelivery.id).where(
            PromptDelivery.state == "pending",
            PromptDelivery.created_at < NOW - timedelta(minutes=10),
        )
    plans = {}
    dialect = store.engine.dialect
    prefix = "EXPLAIN " if dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    for name, statement in captured.items():
        sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as connection:
            plans[name] = [str(r[-1]) for r in connection.exec_driver_sql(prefix + sql).all()]
    return plans


class _Empty:
    def all(self):
        return []

    def __iter__(self):
        return iter(())


def whole_tables(plan: list[str]) -> list[str]:
    """The tables a plan reads from end to end."""
    found = []
    for line in plan:
        text = line.strip().lstrip("->").strip()
        for marker in ("Parallel Seq Scan on ", "Seq Scan on ", "SCAN "):
            if text.startswith(marker):
                found.append(text[len(marker) :].split()[0])
                break
    return sorted(set(found))


def run(db: str, pg_url: str | None, shape: Shape, repeat: int, reuse: bool) -> dict[str, Any]:
    from storage import Store

    programme_id = measured_programme(shape)
    out: dict[str, Any] = {"db": db}
    with national_store(db, pg_url, shape, reuse) as (url, must_seed):
        if must_seed and reuse:
            _reset(url, db)
        store = Store.from_url(url)
        try:
            store.migrate()
            if must_seed:
                started = time.perf_counter()
                out["seeded"] = seed(store, shape)
                out["seed_seconds"] = round(time.perf_counter() - started, 1)
            else:
                out["seed_seconds"] = None
            out["national"] = measure(store, programme_id, repeat)
            out["plans"] = explain(store, programme_id)
            wall, cpu, queries, posted = all_due(store)
            out["all_due"] = {
                "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2), "queries": queries,
                "posted": posted,
            }  # fmt: skip
        finally:
            store.dispose()
    for label, sent in (("alone", True), ("empty", False)):
        with temporary_database(db, pg_url) as url:
            store = Store.from_url(url)
            try:
                store.migrate()
                seed(store, shape, only=programme_id, sent=sent)
                out[label] = measure(store, programme_id, repeat)
            finally:
                store.dispose()
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument("--programmes", type=int, default=100)
    options.add_argument("--replies", type=int, default=2_000_000, help="across all programmes")
    options.add_argument("--db", help="sqlite,postgres (default: sqlite, plus postgres if set)")
    options.add_argument("--postgres-url", help="default: $COPRO_BENCH_POSTGRES_URL")
    options.add_argument("--repeat", type=int, default=3, help="timed runs after the first")
    options.add_argument("--reuse", action="store_true", help="keep the seeded store for next time")
    args = options.parse_args(argv)
    if args.programmes < 2 or args.replies < args.programmes:
        raise SystemExit("--programmes: at least 2; --replies: at least one per programme")
    quiet_logging()
    pg_url = postgres_url(args.postgres_url)
    shape = Shape(args.programmes, args.replies)
    load = os.getloadavg()
    results = [
        run(db, pg_url, shape, max(1, args.repeat), args.reuse) for db in databases(args.db, pg_url)
    ]

    table = Table(
        f"National host: {args.replies:,} replies from {args.programmes} programmes; "
        f"one programme ({shape.members:,} members) measured against itself alone",
        ["db", "what", "seconds", "cpu s", "alone s", "x alone", "queries", "alone q",
         "empty q", "verdict"],
    )  # fmt: skip
    for result in results:
        for name, row in result["national"].items():
            alone, empty = result["alone"][name], result["empty"][name]
            ok = None
            if name == "digest":
                ok = row["seconds"] < TARGET_SECONDS and row["queries"] == empty["queries"]
                result["target_met"] = ok
            table.add(
                result["db"], name, row["seconds"], row["cpu_seconds"], alone["seconds"],
                f"{row['seconds'] / alone['seconds']:.1f}x" if alone["seconds"] else None,
                row["queries"], alone["queries"], empty["queries"], verdict(ok),
            )  # fmt: skip
        due = result["all_due"]
        table.add(
            result["db"], f"weekly, {due['posted']} due", due["seconds"], due["cpu_seconds"],
            None, None, due["queries"], None, None, "n/a",
        )  # fmt: skip
    table.notes += [
        f"target: the digest of one programme's week under {TARGET_SECONDS:g} s, with the "
        "same number of queries as on the empty store (its days and people, nothing sent).",
        "alone: the same programme, the same rows, on a store of its own (the baseline); "
        "seconds: median of warm runs; cpu s: this process only, not the database server's.",
        "sweeps: one minute's work with nothing due; 'weekly, N due': the sweep at the "
        "moment every programme's digest is due (its claims removed afterwards).",
        load_note(load),
    ]
    for result in results:
        seeded = result.get("seeded")
        if seeded:
            table.notes.append(
                f"{result['db']}: seeded {seeded['replies']:,} replies, {seeded['answers']:,} "
                f"answers, {seeded['deliveries']:,} prompts in {result['seed_seconds']} s"
            )
        else:
            table.notes.append(f"{result['db']}: reused the seeded store (--reuse)")
        for name, plan in result["plans"].items():
            whole = whole_tables(plan)
            table.notes.append(
                f"{result['db']} {name}: reads whole "
                + (", ".join(whole) if whole else "no table (indexes only)")
            )
        table.notes.append(f"{result['db']} plan of the digest's answers query:")
        table.notes += ["  " + line for line in result["plans"]["digest answers"]]
    payload = {"national": results}
    report([table], payload, args.json)
    return payload


if __name__ == "__main__":
    main()
