"""Teams fan-out: reflection prompts to every member through the connector stand-in, with
Teams-like rate limits.

    python -m bench.teams_fanout [--json] [--members 1000] [--per-tenant 50]

The stand-in keeps Teams' published limits, as counts in sliding windows: in one
conversation ``--per-conversation`` messages in any second (Teams: 7) and 8 in any 2 s, 60 in
any 30 s, 1,800 in any hour; across the tenant ``--per-tenant`` requests in any second (Teams:
50 per app per tenant). It refuses the excess with 429 and ``Retry-After``; each call also
waits ``--latency-ms``. Every member has their own 1:1 conversation, so the tenant limit sets
the floor no sender can beat: ``per_tenant`` in the first second and as many in each one
after, so ``ceil(members / per_tenant) - 1`` seconds, plus one call's latency. The bot paces
itself to the same windows (handlers.teams.connector.Limits), with a margin of its own.

Measured: the wall time of one ``PromptSender.send_due()`` through the real Teams messenger
(the SDK's connector client, over HTTP), and from the stand-in's own record: members with no
delivered prompt (lost) and with more than one (duplicates).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.common import (
    Table,
    load_note,
    parser,
    quiet_logging,
    report,
    temporary_database,
    verdict,
)

TARGET_RATIO = 1.2
PROMPT_AT = datetime(2024, 5, 9, 15, 30, tzinfo=UTC)


def programme(members: int) -> str:
    lines = [
        "programme: Teams benchmark", "platform: teams", "timezone: Europe/London",
        "facilitators: [member1@bench.example]", "teams:",
        "  - name: Everyone", "    aim: Make things better together", "    members:",
    ]  # fmt: skip
    lines += [f"      - member{n}@bench.example" for n in range(1, members + 1)]
    lines += [
        "days:", '  - {name: "Day one", date: 2024-05-09, ends: "16:00"}',
        "prompt_delay_minutes: 30", "reminder_hours: []", "weekends: true",
        "bank_holidays: none", "quiet_hours: none",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def run(
    members: int, *, per_conversation: float, per_tenant: float, latency_ms: float
) -> dict[str, Any]:
    from bot.app import create_app
    from bot.config import Settings
    from bot.domain.addresses import Reached
    from bot.domain.clock import ManualClock
    from bot.domain.consent import agree_for_everyone
    from bot.domain.programme_file import parse_programme
    from bot.domain.programmes import load_programme
    from handlers.teams.adapter import TeamsAdapter, stand_in_connections
    from handlers.teams.connector import TEAMS_CONVERSATION_WINDOWS, Limits
    from handlers.teams.sandbox.activities import conversation_of
    from handlers.teams.sandbox.connector import OUTBOUND_TOKEN, TENANT_ID, ConnectorStandIn
    from storage import Store

    with (
        ConnectorStandIn(
            latency_s=latency_ms / 1000,
            per_conversation=per_conversation,
            per_tenant=per_tenant,
            conversation_windows=TEAMS_CONVERSATION_WINDOWS,
        ) as stand_in,
        temporary_database("sqlite", None) as url,
    ):
        adapter = TeamsAdapter(
            app_id=stand_in.app_id, tenant_id=TENANT_ID, metadata_url=stand_in.metadata_url,
            connections=stand_in_connections(stand_in.app_id, OUTBOUND_TOKEN),
            limits=Limits(per_conversation=per_conversation, per_tenant=per_tenant),
        )  # fmt: skip
        store = Store.from_url(url)
        clock = ManualClock(PROMPT_AT - timedelta(days=1))
        import tempfile

        with tempfile.TemporaryDirectory() as spool:
            bot = create_app(Settings(spool_dir=spool), store=store, clock=clock, adapter=adapter)
            try:
                load_programme(store, clock, parse_programme(programme(members)))
                for n in range(1, members + 1):  # as if each had installed the app
                    user = f"29:member{n}"
                    address = json.dumps({
                        "serviceUrl": stand_in.service_url, "channelId": "msteams",
                        "conversation": {"id": conversation_of(user), "tenantId": TENANT_ID,
                                         "conversationType": "personal"},
                        "bot": {"id": f"28:{stand_in.app_id}"}, "user": {"id": user},
                    })  # fmt: skip
                    bot.services.addresses.reached(
                        Reached(
                            "teams",
                            f"aad-{n}",
                            address,
                            emails=(f"member{n}@bench.example",),
                            timezone="Europe/London",  # as Teams tells it on the first message
                        )
                    )
                agree_for_everyone(store, clock)
                clock.set(PROMPT_AT)
                stand_in.reset()
                started, cpu = time.perf_counter(), time.process_time()
                sent = bot.services.prompts.send_due()
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            finally:
                bot.close()
                store.dispose()
        posts = stand_in.calls("send")
    delivered = Counter(c.conversation for c in posts if c.delivered)
    wanted = {conversation_of(f"29:member{n}") for n in range(1, members + 1)}
    floor = stand_in.floor_s(members) + latency_ms / 1000
    ratio = round(seconds / floor, 3) if floor else None
    result = {
        "members": members, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
        "floor_seconds": round(floor, 3),
        "ratio": ratio, "lost": len(wanted - set(delivered)),
        "duplicates": sum(1 for n in delivered.values() if n > 1),
        "rate_limited": sum(1 for c in posts if c.status == 429), "sent": sent.sent,
        "failed": sent.failed, "per_conversation": per_conversation, "per_tenant": per_tenant,
        "latency_ms": latency_ms, "target_ratio": TARGET_RATIO,
    }  # fmt: skip
    whole = result["lost"] == 0 and result["duplicates"] == 0
    result["target_met"] = None if ratio is None else (whole and ratio <= TARGET_RATIO)
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parser(__doc__.split("\n\n")[0])
    options.add_argument("--members", type=int, default=1000)
    options.add_argument("--per-conversation", type=float, default=7.0)
    options.add_argument("--per-tenant", type=float, default=50.0)
    options.add_argument("--latency-ms", type=float, default=50.0)
    args = options.parse_args(argv)
    quiet_logging()
    load = os.getloadavg()
    result = run(
        args.members, per_conversation=args.per_conversation, per_tenant=args.per_tenant,
        latency_ms=args.latency_ms,
    )  # fmt: skip
    table = Table(
        f"Teams fan-out: {args.members} members, {args.latency_ms:g} ms a call, "
        f"{args.per_conversation:g}/s a conversation, {args.per_tenant:g}/s the tenant",
        [
            "members",
            "seconds",
            "cpu s",
            "floor s",
            "ratio",
            "target",
            "lost",
            "dupes",
            "429s",
            "verdict",
        ],
    )
    table.add(
        result["members"], result["seconds"], result["cpu_seconds"], result["floor_seconds"],
        f"{result['ratio']:.2f}x" if result["ratio"] else None, f"<= {TARGET_RATIO}x, 0 lost/dupes",
        result["lost"], result["duplicates"], result["rate_limited"], verdict(result["target_met"]),
    )  # fmt: skip
    table.notes.append(
        "floor = (ceil(members / per-tenant limit) - 1) s + one call's latency (one message per "
        "conversation, so the tenant's any-second window binds); the stand-in's record decides "
        "lost and dupes."
    )
    table.notes.append(
        "cpu s: this process during the fan-out, the connector stand-in's threads included; "
        + load_note(load)
    )
    payload = {"teams_fanout": result}
    report([table], payload, args.json)
    return payload


if __name__ == "__main__":
    main()
