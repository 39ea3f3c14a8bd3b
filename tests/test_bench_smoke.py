"""The benchmarks run on a tiny size and print the JSON they promise. No timings are checked:
a test machine's speed proves nothing; `python -m bench.run_all` is where figures come from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from handlers.slack.messenger import make_client
from handlers.slack.sandbox.web_api import SlackWebAPIStandIn

ROOT = Path(__file__).resolve().parents[1]

TINY = {
    "ack_latency": ["--seconds", "1", "--rate", "20", "--warmup", "3", "--members", "20", "--cpu-each", "1"],
    "fanout": ["--members", "30", "--workers", "default,4"],
    "digest": ["--sizes", "50,100", "--repeat", "1"],
    "footprint": ["--runs", "1", "--idle-seconds", "0.2"],
}


def run_bench(module: str, *args: str) -> tuple[str, dict]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    finished = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", "--json", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    lines = finished.stdout.rstrip("\n").split("\n")
    return "\n".join(lines[:-1]), json.loads(lines[-1])


def test_ack_benchmark_compares_bot_with_bare_bolt_and_prints_json():
    table, result = run_bench("ack_latency", *TINY["ack_latency"])
    ack = result["ack"]
    assert ack["rate_per_s"] == 20 and ack["seconds"] == 1
    for side in ("bot", "bare"):
        assert set(ack[side]) >= {"median_ms", "p95_ms", "p99_ms", "errors", "cpu_ms_by_kind"}
        assert ack[side]["requests"] == 20
        assert ack[side]["errors"] == 0, ack[side]["error_kinds"]
        # Every kind of the mixed traffic was sent, and its CPU measured.
        assert set(ack[side]["by_kind"]) == set(ack[side]["cpu_ms_by_kind"]) == {
            "reply", "answer", "later", "usage", "help", "status", "digest", "home"
        }  # fmt: skip
    assert ack["bot"]["server_errors"] == 0
    assert "bare Bolt" in table and "p99 ms" in table and "reply CPU ms" in table


def test_fanout_benchmark_reaches_every_member_once_and_prints_json():
    table, result = run_bench("fanout", *TINY["fanout"])
    fanout = result["fanout"]
    assert set(fanout) >= {"members", "seconds", "floor_seconds", "lost", "duplicates"}
    assert fanout["members"] == 30
    assert fanout["floor_seconds"] > 0
    assert [run["workers"] for run in fanout["runs"]] == [fanout["production_workers"], 4]
    for run in fanout["runs"]:
        assert run["lost"] == 0 and run["duplicates"] == 0 and run["sent"] == 30
    assert "floor s" in table


def test_digest_benchmark_counts_queries_per_size_and_prints_json():
    table, result = run_bench("digest", *TINY["digest"])
    rows = result["digest"]
    assert {r["replies"] for r in rows} == {50, 100}
    for row in rows:
        assert set(row) >= {"db", "replies", "seconds", "peak_mb", "queries"}
        assert row["queries"] > 0
    for db in {r["db"] for r in rows}:
        assert len({r["queries"] for r in rows if r["db"] == db}) == 1  # constant in size
    assert "sqlite" in table


def test_footprint_benchmark_starts_the_bot_offline_and_prints_json():
    table, result = run_bench("footprint", *TINY["footprint"])
    footprint = result["footprint"]
    assert set(footprint) >= {"idle_rss_mb", "startup_s"}
    assert footprint["idle_rss_mb"] > 0 and footprint["startup_s"] > 0
    assert footprint["bare"]["idle_rss_mb"] > 0
    assert "idle RSS MB" in table


def test_run_all_merges_the_objects_into_one():
    _, result = run_bench("run_all", "--smoke", "--only", "digest,fanout")
    assert set(result) >= {"digest", "fanout"}
    assert result["fanout"]["members"] == 30


def _post(client) -> int:
    try:
        return client.chat_postMessage(channel="U0MEMBER01", text="hi").status_code
    except Exception as error:  # SlackApiError carries the response
        return error.response.status_code


def test_token_bucket_answers_429_with_retry_after_once_the_burst_is_spent():
    with SlackWebAPIStandIn(rate_limit_per_s=4, rate_limit_burst=2) as api:
        client = make_client("xoxb-test", api.base_url)
        client.retry_handlers = []  # see the 429 itself, not the retry
        assert [_post(client) for _ in range(3)] == [200, 200, 429]
        refused = api.calls_to("chat.postMessage")[-1]
        assert refused.status == 429
        time.sleep(0.3)  # a token comes back every 0.25 s
        assert _post(client) == 200
        assert api.rate_limit_floor_s(102) == pytest.approx(25.0)


def test_token_bucket_says_retry_after_in_whole_seconds_and_limits_only_posts():
    with SlackWebAPIStandIn(rate_limit_per_s=50, rate_limit_burst=1) as api:

        def call(method: str) -> tuple[int, str | None]:
            request = urllib.request.Request(api.base_url + method, data=b"channel=U0X1")
            try:
                with urllib.request.urlopen(request, timeout=5) as answer:
                    return answer.status, answer.headers.get("Retry-After")
            except urllib.error.HTTPError as error:
                return error.code, error.headers.get("Retry-After")

        assert call("chat.postMessage") == (200, None)
        assert call("chat.postMessage") == (429, "1")  # 20 ms to wait, said as 1 s
        assert call("auth.test") == (200, None)  # other methods are not limited
        api.reset()  # fills the bucket again
        assert call("chat.postMessage") == (200, None)


def test_stand_in_without_a_rate_limit_never_refuses():
    with SlackWebAPIStandIn() as api:
        client = make_client("xoxb-test", api.base_url)
        assert {_post(client) for _ in range(20)} == {200}
        assert api.rate_limit_floor_s(1000) == 0.0


def test_teams_fanout_benchmark_reaches_every_member_once_and_prints_json():
    table, result = run_bench("teams_fanout", "--members", "20", "--latency-ms", "5")
    fanout = result["teams_fanout"]
    assert fanout["members"] == 20 and fanout["sent"] == 20
    assert fanout["lost"] == 0 and fanout["duplicates"] == 0
    assert fanout["floor_seconds"] > 0
    assert "floor s" in table and "per-tenant" in table


def test_national_benchmark_compares_one_programme_with_itself_alone_and_prints_json():
    table, result = run_bench(
        "national", "--programmes", "2", "--replies", "400", "--repeat", "1", "--db", "sqlite"
    )
    (run,) = result["national"]
    assert run["db"] == "sqlite" and run["seeded"]["programmes"] == 2
    for name in ("digest", "status", "export", "reminder sweep", "weekly sweep"):
        assert run["national"][name]["queries"] > 0
        assert set(run["alone"][name]) >= {"seconds", "cpu_seconds", "queries"}
    # However many programmes there are, a digest asks the same questions.
    assert run["national"]["digest"]["queries"] == run["empty"]["digest"]["queries"]
    assert run["all_due"]["posted"] == 2
    assert "reads whole" in table and "load average" in table
