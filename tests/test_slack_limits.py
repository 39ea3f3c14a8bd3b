"""Slack's rate limits: 429 answers are waited out as Retry-After says; nothing lost or doubled."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.programme_file import parse_programme
from bot.services import Services
from handlers.slack.messenger import SlackMessenger, make_client
from handlers.slack.sandbox.web_api import SlackWebAPIStandIn
from tests.conftest import DAY_ONE_PROMPT, SMALL_PROGRAMME, load_consented


def test_rate_limited_prompts_are_retried_after_retry_after_and_sent_once(store):
    with SlackWebAPIStandIn(rate_limit_every=2, retry_after_s=1) as api:
        for user in ("U0FACIL001", "U0MEMBER01", "U0MEMBER02", "U0MEMBER04"):
            api.add_user(user, real_name=user)
        api.add_user("U0MEMBER03", real_name="Sam", email="sam@example.org")
        clock = ManualClock(datetime(2024, 5, 1, tzinfo=UTC))
        services = Services(
            settings=Settings(),
            store=store,
            clock=clock,
            messenger=SlackMessenger(make_client("xoxb-test", api.base_url)),
        )
        load_consented(store, clock, parse_programme(SMALL_PROGRAMME))
        clock.set(DAY_ONE_PROMPT)

        report = services.prompts.send_due()

        posts = api.calls_to("chat.postMessage")
        refused = [c for c in posts if c.status == 429]
        delivered = Counter(c.params["channel"] for c in posts if c.status == 200)
    assert report.sent == 5 and report.failed == 0
    assert refused, "the stand-in should have rate-limited some calls"
    assert sorted(delivered.values()) == [1] * 5
    for limited in refused:  # each retry came no sooner than Retry-After allowed
        retry = next(
            c
            for c in posts
            if c.at > limited.at and c.params["channel"] == limited.params["channel"]
        )
        assert retry.at - limited.at >= 0.95
