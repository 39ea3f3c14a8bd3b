"""A process that dies mid-way through sending prompts: every member still ends with exactly one."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from bot.domain.prompts import _prompt_for, members_to_prompt
from storage import queries
from storage.models import PromptDelivery
from tests.conftest import DAY_ONE_PROMPT


def prompts_per_member(api) -> Counter:
    return Counter(
        c.params["channel"]
        for c in api.calls_to("chat.postMessage")
        if c.status == 200 and (c.params.get("metadata") or {}).get("event_type") == "copro_prompt"
    )


def test_orphaned_claims_are_finished_without_resending_what_already_arrived(harness):
    harness.load()
    harness.clock.set(DAY_ONE_PROMPT)
    services = harness.services
    # A process claimed every prompt, sent two of them, and died before marking any as sent.
    with harness.store.transaction() as session:
        day = queries.days_due(session, since=DAY_ONE_PROMPT, until=DAY_ONE_PROMPT)[0]
        members = members_to_prompt(session, day)
        claimed = queries.claim_deliveries(
            session, day_id=day.id, member_ids=[m.id for m in members], now=DAY_ONE_PROMPT
        )
    for delivery_id in claimed[:2]:
        with harness.store.transaction() as session:
            delivery = queries.delivery(session, delivery_id=delivery_id)
            user, prompt = delivery.member.identity_on("slack"), _prompt_for(delivery)
        services.messenger.send_prompt(user or "U0MEMBER03", prompt)

    report = services.prompts.recover_orphans()

    assert report.sent == len(claimed)
    counts = prompts_per_member(harness.api)
    assert sorted(counts.values()) == [1] * len(claimed)  # nobody twice, nobody missed
    with harness.store.transaction() as session:
        states = session.execute(select(PromptDelivery.state, PromptDelivery.message_ref)).all()
    assert all(state == "sent" and ts for state, ts in states)
    assert services.prompts.send_due().sent == 0  # and later sweeps find nothing left to do
