"""Run every benchmark, each in a fresh process, and print their tables one after another.

    python -m bench.run_all [--json] [--only ack,fanout,digest,footprint] [--smoke]

With ``--json`` the last line is one JSON object: the four benchmarks' objects merged.
``--smoke`` runs each on a tiny size (a check that they work, not a measurement).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from bench.common import ROOT, parser

MODULES = {
    "ack": "bench.ack_latency",
    "fanout": "bench.fanout",
    "digest": "bench.digest",
    "footprint": "bench.footprint",
}
SMOKE = {
    "ack": ["--seconds", "1", "--rate", "20", "--warmup", "3", "--members", "20", "--cpu-each", "1"],
    "fanout": ["--members", "30", "--workers", "default"],
    "digest": ["--sizes", "100", "--repeat", "1"],
    "footprint": ["--runs", "1", "--idle-seconds", "0.5"],
}


def run_one(name: str, extra: list[str]) -> dict[str, Any]:
    """Run one benchmark with ``--json``; echo its table; return its JSON object."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    finished = subprocess.run(
        [sys.executable, "-m", MODULES[name], "--json", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = finished.stdout.rstrip("\n").split("\n")
    if finished.returncode != 0 or not lines or not lines[-1].startswith("{"):
        print("\n".join(lines))
        raise SystemExit(f"bench {name} failed (exit code {finished.returncode})")
    print("\n".join(lines[:-1]), flush=True)
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument("--only", help="comma-separated: " + ",".join(MODULES))
    options.add_argument("--smoke", action="store_true", help="tiny sizes, to check they run")
    args = options.parse_args(argv)
    names = [n.strip() for n in (args.only or ",".join(MODULES)).split(",") if n.strip()]
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        raise SystemExit(
            f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(MODULES)}"
        )

    merged: dict[str, Any] = {}
    for name in names:
        merged.update(run_one(name, SMOKE[name] if args.smoke else []))
    if args.json:
        print(json.dumps(merged))
    return merged


if __name__ == "__main__":
    main()
