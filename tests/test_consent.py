"""Consent before the first prompt: asked once per wording, one click, recorded, honoured."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.domain.identity import slack
from handlers.slack import consent_blocks
from handlers.slack.sandbox.answers import consent_requests as asked
from handlers.slack.sandbox.answers import consent_version as version_in
from storage.models import ConsentRecord, Member
from tests.conftest import DAY_ONE_PROMPT, SMALL_PROGRAMME

MEMBERS = {"U0FACIL001", "U0MEMBER01", "U0MEMBER02", "U0MEMBER03", "U0MEMBER04"}


def consent_requests(api) -> dict[str, dict]:
    return {user: call.params for user, call in asked(api).items()}


def member(store, user_id: str) -> Member:
    with store.transaction() as session:
        found = session.scalar(select(Member).where(Member.identities.any(external_id=user_id)))
        session.expunge(found)
        return found


def test_nobody_is_prompted_before_agreeing_and_everyone_is_asked_first(harness):
    harness.load(consented=False)
    harness.services.run_due()
    asked = consent_requests(harness.api)
    assert set(asked) == MEMBERS  # the one listed by e-mail too, once found in Slack
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    assert harness.deliveries() == {}
    assert len(consent_requests(harness.api)) == len(MEMBERS)  # asked once, not every sweep


def test_the_consent_message_says_what_is_asked_kept_shown_for_how_long_and_how_to_stop(
    harness,
):
    harness.load(SMALL_PROGRAMME + "retention_days: 365\n", consented=False)
    harness.services.run_due()
    message = consent_requests(harness.api)["U0MEMBER01"]
    text = message["text"]  # the plain-text fallback carries all of it, for screen readers
    for heading in ("What I will ask", "What I keep", "Who can see it", "How long", "How to stop"):
        assert heading in text
    assert "1 year after" in text and "/copro forget-me" in text and "/copro pause" in text
    assert "not be safe" in text  # safeguarding is disclosed before anyone agrees
    buttons = [e["text"]["text"] for e in message["blocks"][-1]["elements"]]
    assert buttons == ["Yes, I agree", "No, thank you"]


def test_one_click_agrees_records_wording_and_time_and_the_prompt_follows(harness):
    harness.load(consented=False)
    harness.services.run_due()
    version = version_in(consent_requests(harness.api)["U0MEMBER01"])
    harness.clock.set(datetime(2024, 5, 9, 15, 0, tzinfo=UTC))
    response = harness.slack.action(
        "U0MEMBER01", consent_blocks.CONSENT_AGREE, version, message_ts="1.0"
    )
    assert response.status == 200
    harness.api.wait_for("views.publish")  # the Home tab is refreshed after the choice
    agreed = member(harness.store, "U0MEMBER01")
    assert agreed.consent_given is True and agreed.consent_version == version
    assert agreed.consent_at == datetime(2024, 5, 9, 15, 0, tzinfo=UTC)
    with harness.store.transaction() as session:
        records = session.scalars(select(ConsentRecord)).all()
        assert [(r.version, r.decision) for r in records] == [(version, "agreed")]

    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    assert set(harness.deliveries()) == {"U0MEMBER01"}  # only the one who said yes


def test_saying_no_means_no_prompt_and_no_asking_again(harness):
    harness.load(consented=False)
    harness.services.run_due()
    version = version_in(consent_requests(harness.api)["U0MEMBER02"])
    harness.slack.action("U0MEMBER02", consent_blocks.CONSENT_DECLINE, version, message_ts="1.0")
    harness.api.wait_for("views.publish")
    declined = member(harness.store, "U0MEMBER02")
    assert declined.consent_given is False and declined.consent_version == version
    harness.api.reset()
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    assert "U0MEMBER02" not in harness.deliveries()
    assert "U0MEMBER02" not in consent_requests(harness.api)


def test_changed_wording_asks_again_and_holds_prompts_until_agreed(harness):
    harness.load()  # everyone agreed to the first wording
    old = member(harness.store, "U0MEMBER01").consent_version
    # The team starts deleting replies after a year: the wording says so, so it is new.
    harness.load(SMALL_PROGRAMME + "retention_days: 365\n", consented=False)
    harness.api.reset()
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    asked = consent_requests(harness.api)
    assert set(asked) == MEMBERS and version_in(asked["U0MEMBER01"]) != old
    assert harness.deliveries() == {}

    # A yes to the old words is not a yes to the new ones: the new words are shown instead.
    harness.api.reset()
    harness.slack.action("U0MEMBER01", consent_blocks.CONSENT_AGREE, old, message_ts="1.0")
    shown = harness.api.wait_for("chat.postMessage", where=lambda c: "changed" in c.params["text"])
    assert shown
    assert member(harness.store, "U0MEMBER01").consent_version == old

    harness.slack.action(
        "U0MEMBER01",
        consent_blocks.CONSENT_AGREE,
        version_in(asked["U0MEMBER01"]),
        message_ts="1.0",
    )
    harness.api.wait_for("views.publish")
    harness.services.run_due()
    assert set(harness.deliveries()) == {"U0MEMBER01"}


def test_a_no_to_old_wording_still_counts(harness):
    harness.load(consented=False)
    harness.services.run_due()
    old = version_in(consent_requests(harness.api)["U0MEMBER02"])
    harness.load(SMALL_PROGRAMME + "retention_days: 365\n", consented=False)
    harness.slack.action("U0MEMBER02", consent_blocks.CONSENT_DECLINE, old, message_ts="1.0")
    harness.api.wait_for("views.publish")
    declined = member(harness.store, "U0MEMBER02")
    assert declined.consent_given is False and declined.consent_version != old
    harness.api.reset()
    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    assert "U0MEMBER02" not in consent_requests(harness.api)
    assert "U0MEMBER02" not in harness.deliveries()


def test_the_consent_request_waits_for_the_end_of_quiet_hours(harness):
    harness.clock.set(datetime(2024, 5, 1, 21, 0, tzinfo=UTC))  # 22:00 in London
    harness.load(SMALL_PROGRAMME.replace("weekends: true", "weekends: false"), consented=False)
    harness.services.run_due()
    assert consent_requests(harness.api) == {}
    harness.clock.set(datetime(2024, 5, 2, 7, 0, tzinfo=UTC))  # 08:00 in London
    harness.services.run_due()
    assert set(consent_requests(harness.api)) == MEMBERS


def test_taking_consent_back_stops_reminders(harness):
    deliveries = harness.prompt_day_one()
    assert "U0MEMBER04" in deliveries
    assert harness.services.consent.withdraw(who=slack("U0MEMBER04")) is True
    harness.api.reset()
    harness.clock.set(DAY_ONE_PROMPT.replace(day=10))  # the first reminder is due
    harness.services.run_due()
    reminded = {c.params["channel"] for c in harness.api.calls_to("chat.postMessage")}
    assert "U0MEMBER04" not in reminded and "U0MEMBER01" in reminded
    with harness.store.transaction() as session:
        decisions = session.scalars(
            select(ConsentRecord.decision)
            .join(Member)
            .where(Member.identities.any(external_id="U0MEMBER04"))
        ).all()
    assert decisions == ["agreed", "withdrawn"]


def test_copro_consent_shows_the_words_and_resume_asks_for_consent_first(harness):
    harness.load(consented=False)
    shown = harness.slack.command("U0MEMBER01", "consent").json()
    assert "What I keep" in shown["text"]
    assert any(b.get("block_id") == consent_blocks.CONSENT_BLOCK for b in shown["blocks"])
    harness.slack.command("U0MEMBER01", "pause")
    resumed = harness.slack.command("U0MEMBER01", "resume").json()
    assert any(b.get("block_id") == consent_blocks.CONSENT_BLOCK for b in resumed["blocks"])
    harness.services.consent.decide(
        who=slack("U0MEMBER01"), version=version_in(resumed), agreed=True
    )
    assert "agreed" in harness.slack.command("U0MEMBER01", "consent").body


def test_forget_me_erases_the_consent_history_too(harness):
    harness.load()
    harness.services.members.forget(who=slack("U0MEMBER01"))
    with harness.store.transaction() as session:
        forgotten = session.scalar(
            select(Member).where(Member.identities.any(external_id="U0MEMBER01"))
        )
        assert forgotten.consent_given is None and forgotten.opted_out is True
        assert not session.scalars(
            select(ConsentRecord).where(ConsentRecord.member_id == forgotten.id)
        ).all()


def test_someone_not_in_the_workspace_is_looked_for_once_a_day_not_every_minute(harness):
    harness.load(SMALL_PROGRAMME.replace("sam@example.org", "nobody@example.org"), consented=False)
    harness.services.run_due()
    harness.clock.advance(minutes=1)
    harness.services.run_due()
    lookups = harness.api.calls_to("users.lookupByEmail")
    assert len(lookups) == 1 and "U0MEMBER03" not in consent_requests(harness.api)
    harness.api.add_user("U0NEWCOMER", real_name="Nobody", email="nobody@example.org")
    harness.clock.advance(days=1)
    harness.services.run_due()
    assert "U0NEWCOMER" in consent_requests(harness.api)
