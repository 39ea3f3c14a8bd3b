"""What every benchmark shares: options, the table and the JSON line, stores, a stand-in of
Slack in its own process, a generated programme, and memory readings.

Nothing here measures anything by itself; each ``bench/<name>.py`` decides what to time.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ENV = "COPRO_BENCH_POSTGRES_URL"
TEAM_NAMES = (
    "Child and Family Services",
    "Adult Community Mental Health",
    "Learning Disability Services",
    "Older People's Services",
    "Maternity and Neonatal Voices",
    "Drug and Alcohol Recovery",
    "Physical Health in Mental Health",
)


# -- options, table and JSON --------------------------------------------------------------
def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with the ``--json`` switch every benchmark takes."""
    result = argparse.ArgumentParser(description=description)
    result.add_argument(
        "--json", action="store_true", help="also print the figures as one JSON object, last"
    )
    return result


def positive_ints(text: str) -> list[int]:
    """``"1000,10000"`` -> ``[1000, 10000]`` (for size lists on the command line)."""
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of whole numbers") from None
    if not values or any(v <= 0 for v in values):
        raise argparse.ArgumentTypeError(f"{text!r}: give one or more numbers above 0")
    return values


@dataclass
class Table:
    """A plain-text table: a title, column names and rows of values (numbers or text)."""

    title: str
    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *row: Any) -> None:
        self.rows.append(row)

    def render(self) -> str:
        cells = [[str(c) for c in self.columns]] + [[_cell(v) for v in row] for row in self.rows]
        widths = [max(len(r[i]) for r in cells if i < len(r)) for i in range(len(self.columns))]

        def line(row: Sequence[str]) -> str:
            return "  ".join(
                v.rjust(w) if _numeric(v) else v.ljust(w) for v, w in zip(row, widths, strict=False)
            ).rstrip()

        rule = "  ".join("-" * w for w in widths)
        out = [self.title, rule, line(cells[0]), rule, *(line(r) for r in cells[1:]), rule]
        out += self.notes
        return "\n".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value == 0:
            return "0"
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d.,]+(?:[eE][-+]?\d+)?x?", text))


def load_note(started: tuple[float, float, float] | None = None) -> str:
    """The machine's load averages (1, 5, 15 minutes), at the start and now: timings on a
    busy machine read long, so every table says how busy it was."""
    now = os.getloadavg()
    text = "load average now " + ", ".join(f"{v:.2f}" for v in now)
    if started is not None:
        text += " (at the start " + ", ".join(f"{v:.2f}" for v in started) + ")"
    return text + f" on {os.cpu_count()} CPUs"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("MET" if ok else "MISSED")


def report(tables: Sequence[Table], payload: dict[str, Any], as_json: bool) -> None:
    """Print the tables; with ``--json``, the payload as one JSON object on the last line."""
    for table in tables:
        print(table.render())
        print()
    if as_json:
        print(json.dumps(payload, sort_keys=False))
    sys.stdout.flush()


# -- figures ------------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process now, from /proc (Linux); 0.0 where /proc is missing."""
    return _status_kb(pid, "VmRSS") / 1024


def _status_kb(pid: int | str, key: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


class PeakRSS:
    """How far resident memory rose above where it was at ``start()``.

    Linux lets a process reset its own high-water mark (``/proc/self/clear_refs``); where that
    is not allowed, ``peak_delta_mb()`` says None rather than guess.
    """

    def __init__(self) -> None:
        self.base_kb = 0
        self.supported = True

    def start(self) -> None:
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            self.supported = False
        self.base_kb = _status_kb("self", "VmRSS")

    def peak_delta_mb(self) -> float | None:
        if not self.supported:
            return None
        return max(0, _status_kb("self", "VmHWM") - self.base_kb) / 1024


# -- stores -------------------------------------------------------------------------------
def postgres_url(explicit: str | None = None) -> str | None:
    return explicit or os.environ.get(POSTGRES_ENV) or None


def databases(requested: str | None, pg_url: str | None) -> list[str]:
    """Which databases to run on: as asked, or SQLite plus PostgreSQL when its URL is set."""
    if requested:
        names = [n.strip() for n in requested.split(",") if n.strip()]
        unknown = set(names) - {"sqlite", "postgres"}
        if unknown:
            raise SystemExit(f"unknown database {', '.join(sorted(unknown))}: sqlite or postgres")
        if "postgres" in names and not pg_url:
            raise SystemExit(f"PostgreSQL runs need {POSTGRES_ENV} (or --postgres-url)")
        return names
    return ["sqlite", "postgres"] if pg_url else ["sqlite"]


@contextmanager
def temporary_database(db: str, pg_url: str | None = None) -> Iterator[str]:
    """A URL for an empty database that is removed afterwards.

    SQLite: a file in a temporary folder. PostgreSQL: a new database beside the one that
    ``pg_url`` names (so its user needs CREATEDB), dropped at the end.
    """
    if db == "sqlite":
        folder = tempfile.mkdtemp(prefix="copro-bench-")
        try:
            yield f"sqlite:///{folder}/copro.db"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    if not pg_url:
        raise SystemExit(f"PostgreSQL runs need {POSTGRES_ENV} (or --postgres-url)")
    from sqlalchemy import create_engine, text

    from storage.db import normalise_url

    base = normalise_url(pg_url)
    name = f"copro_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# -- a generated programme ----------------------------------------------------------------
def member_id(n: int) -> str:
    """The Slack user ID of generated member ``n`` (valid for the programme file checker)."""
    return f"U0BM{n:06d}"


def programme_yaml(
    members: int,
    *,
    days: Sequence[tuple[str, str, str]] = (("Day one", "2024-05-09", "16:00"),),
    name: str = "Benchmark programme",
) -> str:
    """A programme file with ``members`` people (Slack ID and name) in up to seven teams.

    Member 1 is also the facilitator, so exactly ``members`` people are prompted.
    """
    teams = TEAM_NAMES[: max(1, min(len(TEAM_NAMES), members))]
    lines = [
        f"programme: {name}",
        "timezone: Europe/London",
        "digest_channel: C0DIGEST01",
        f'facilitators: [{{slack: {member_id(1)}, name: "Member 1"}}]',
        "teams:",
    ]
    for index, team in enumerate(teams):
        lines += [f'  - name: "{team}"', "    aim: Make things better together", "    members:"]
        lines += [
            f'      - {{slack: {member_id(n)}, name: "Member {n}"}}'
            for n in range(index + 1, members + 1, len(teams))
        ]
    lines.append("days:")
    lines += [f'  - {{name: "{d}", date: {on}, ends: "{ends}"}}' for d, on, ends in days]
    lines += [
        "prompt_delay_minutes: 30",
        "reminder_hours: [24, 72]",
        "questions:",
        '  - {id: working, text: "What is working?"}',
        '  - {id: change, text: "What could change?"}',
    ]
    return "\n".join(lines) + "\n"


# -- the Web API stand-in in a process of its own -----------------------------------------
def _serve_stand_in(connection, options: dict) -> None:  # runs in the child process
    from handlers.slack.sandbox.web_api import SlackWebAPIStandIn

    stand_in = SlackWebAPIStandIn(**options)
    connection.send(stand_in.start())
    try:
        while True:
            command = connection.recv()
            if command == "calls":
                connection.send(
                    [
                        (c.method, str(c.params.get("channel", "")), c.status, c.at)
                        for c in stand_in.calls
                    ]
                )
            elif command == "reset":
                stand_in.reset()
                connection.send(True)
            elif command == "floor":
                connection.send(stand_in.rate_limit_floor_s(connection.recv()))
            elif command == "add_user":
                user_id, options = connection.recv()
                stand_in.add_user(user_id, **options)
                connection.send(True)
            else:
                break
    except EOFError:
        pass
    finally:
        stand_in.stop()


@dataclass(frozen=True)
class RecordedCall:
    method: str
    channel: str
    status: int
    at: float


class StandInProcess:
    """A :class:`SlackWebAPIStandIn` served from a child process.

    Slack's servers cost the bot no CPU; a stand-in in the bot's own process would, and would
    compete for its interpreter lock. Its calls are fetched back with :meth:`calls`.
    """

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.base_url = ""
        self._process: multiprocessing.Process | None = None
        self._connection = None

    def __enter__(self) -> StandInProcess:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve_stand_in, args=(theirs, self.options), name="bench-stand-in", daemon=True
        )
        self._process.start()
        self._connection = ours
        if not ours.poll(30):
            raise RuntimeError("the Web API stand-in did not start within 30 s")
        self.base_url = ours.recv()
        return self

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def calls(self) -> list[RecordedCall]:
        self._connection.send("calls")
        return [RecordedCall(*row) for row in self._connection.recv()]

    def reset(self) -> None:
        self._connection.send("reset")
        self._connection.recv()

    def add_user(self, user_id: str, **options: Any) -> None:
        """As :meth:`SlackWebAPIStandIn.add_user` (``real_name``, ``email``...)."""
        self._connection.send("add_user")
        self._connection.send((user_id, options))
        self._connection.recv()

    def floor_s(self, calls: int) -> float:
        self._connection.send("floor")
        self._connection.send(calls)
        return self._connection.recv()

    def __exit__(self, *exc: object) -> None:
        if self._connection is not None:
            try:
                self._connection.send("stop")
            except (BrokenPipeError, OSError):
                pass
        if self._process is not None:
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout=5)


def quiet_logging(level: int | None = None) -> None:
    """Keep the bot's log lines off stdout (the table and JSON live there)."""
    import logging

    logging.basicConfig(
        level=level or logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
