"""How fast the safeguarding check is: every reply is assessed while its author waits.

    python -m bench.safeguarding [--json]

Assesses every labelled reply the tools keep (tools/safeguarding/data) and a 40,000-character
one, and prints replies a second and the slowest single reply. Target: 1,000 replies a second
and under 50 ms for the longest; measured, never asserted in a test.
"""

from __future__ import annotations

import argparse
import json
import time

from bot.domain.safeguarding import assess
from tools.safeguarding.labelled import TUNING_PARTS, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = [e.text for part in TUNING_PARTS for e in load(part)]
    assess("warm up")
    started = time.perf_counter()
    for text in texts:
        assess(text)
    per_second = len(texts) / (time.perf_counter() - started)
    longest = ("a" * 39_000) + " \u0000\u200b<script>" + "!" * 1000 + " I want to die"
    started = time.perf_counter()
    assess(longest)
    slowest_ms = (time.perf_counter() - started) * 1000
    verdict = "met" if per_second >= 1000 and slowest_ms < 50 else "missed"
    print(f"{'replies':>8} {'per second':>11} {'40k reply, ms':>14} {'target':>28} verdict")
    print(
        f"{len(texts):>8} {per_second:>11.0f} {slowest_ms:>14.1f} {'>=1000/s, <50 ms':>28} {verdict}"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "replies": len(texts),
                    "per_second": round(per_second),
                    "longest_ms": round(slowest_ms, 1),
                    "verdict": verdict,
                }
            )
        )


if __name__ == "__main__":
    main()
