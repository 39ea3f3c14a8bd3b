"""The store on SQLite and PostgreSQL: constraints the database itself enforces, UTC times,
idempotent claims and migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import delete, func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from bot.domain.programme_file import parse_programme
from storage import queries
from storage.db import alembic_config
from storage.models import (
    Answer,
    Member,
    Programme,
    ProgrammeDay,
    PromptDelivery,
    ReminderSent,
    Reply,
)
from tests.conftest import SMALL_PROGRAMME, load_consented

MOMENT = datetime(2024, 5, 9, 15, 30, tzinfo=UTC)


@pytest.fixture
def loaded(store, clock):
    load_consented(store, clock, parse_programme(SMALL_PROGRAMME))
    with store.transaction() as session:
        member = session.scalar(
            select(Member).where(Member.identities.any(external_id="U0MEMBER01"))
        )
        day = session.scalar(select(ProgrammeDay).where(ProgrammeDay.name == "Day one"))
        return member.id, day.id


def test_a_second_delivery_for_the_same_member_and_day_is_refused_by_the_database(store, loaded):
    member_id, day_id = loaded
    row = {"member_id": member_id, "day_id": day_id, "state": "pending", "created_at": MOMENT}
    with store.transaction() as session:
        session.execute(insert(PromptDelivery).values(**row))
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.execute(insert(PromptDelivery).values(**{**row, "state": "sent"}))
    with store.transaction() as session:
        assert session.scalar(select(func.count(PromptDelivery.id))) == 1


def test_claiming_twice_creates_one_delivery_and_the_second_claim_gets_nothing(store, loaded):
    member_id, day_id = loaded
    with store.transaction() as session:
        first = queries.claim_deliveries(session, day_id=day_id, member_ids=[member_id], now=MOMENT)
    with store.transaction() as session:
        second = queries.claim_deliveries(
            session, day_id=day_id, member_ids=[member_id], now=MOMENT
        )
    assert len(first) == 1 and second == []


def test_a_reminder_can_be_claimed_once_per_sequence(store, loaded):
    member_id, day_id = loaded
    with store.transaction() as session:
        (delivery_id,) = queries.claim_deliveries(
            session, day_id=day_id, member_ids=[member_id], now=MOMENT
        )
    claims = []
    for sequence in (0, 0, 1):
        with store.transaction() as session:
            claims.append(
                queries.claim_reminder(
                    session, delivery_id=delivery_id, sequence=sequence, now=MOMENT
                )
            )
    assert claims == [True, False, True]
    with store.transaction() as session:
        queries.release_reminder(session, delivery_id=delivery_id, sequence=0)
    with store.transaction() as session:
        assert queries.claim_reminder(session, delivery_id=delivery_id, sequence=0, now=MOMENT)
        assert queries.reminder_sequences(session, delivery_ids=[delivery_id]) == {delivery_id: 1}


def test_a_slack_event_is_claimed_only_the_first_time(store):
    with store.transaction() as session:
        assert queries.claim_event(session, event_id="Ev1", now=MOMENT)
    with store.transaction() as session:
        assert not queries.claim_event(session, event_id="Ev1", now=MOMENT)
        assert queries.claim_event(session, event_id="Ev2", now=MOMENT)


def test_times_come_back_timezone_aware_in_utc(store, loaded):
    member_id, day_id = loaded
    paris_evening = datetime(2024, 5, 9, 18, 0, tzinfo=timezone(timedelta(hours=2)))
    with store.transaction() as session:
        session.add(
            PromptDelivery(
                member_id=member_id, day_id=day_id, state="sent", created_at=paris_evening,
                sent_at=paris_evening,
            )
        )  # fmt: skip
    with store.transaction() as session:
        delivery = session.scalar(select(PromptDelivery))
        day = session.get(ProgrammeDay, day_id)
        programme = session.get(Programme, day.programme_id)
    for value in (delivery.created_at, delivery.sent_at, day.ends_at, programme.created_at):
        assert value.tzinfo is not None and value.utcoffset() == timedelta(0)
    assert delivery.created_at == datetime(2024, 5, 9, 16, 0, tzinfo=UTC)
    assert day.ends_at == datetime(2024, 5, 9, 15, 0, tzinfo=UTC)


def test_times_compare_correctly_in_sql_whatever_zone_they_were_written_in(store, loaded):
    member_id, day_id = loaded
    tokyo = timezone(timedelta(hours=9))
    with store.transaction() as session:
        session.add(
            PromptDelivery(
                member_id=member_id,
                day_id=day_id,
                state="pending",
                created_at=datetime(2024, 5, 10, 0, 30, tzinfo=tokyo),  # 15:30 UTC on the 9th
            )
        )
    with store.transaction() as session:
        assert queries.reclaim_stale_deliveries(session, older_than=MOMENT, now=MOMENT) == []
        reclaimed = queries.reclaim_stale_deliveries(
            session, older_than=MOMENT + timedelta(seconds=1), now=MOMENT + timedelta(minutes=1)
        )
        assert len(reclaimed) == 1
    with store.transaction() as session:  # re-stamped, so a second sweeper does not take it too
        assert session.scalar(select(PromptDelivery.created_at)) == MOMENT + timedelta(minutes=1)
        assert (
            queries.reclaim_stale_deliveries(
                session, older_than=MOMENT + timedelta(seconds=1), now=MOMENT
            )
            == []
        )


def test_a_naive_datetime_is_refused(store, loaded):
    member_id, day_id = loaded
    with pytest.raises(StatementError, match="naive datetime"), store.transaction() as session:
        session.add(
            PromptDelivery(
                member_id=member_id, day_id=day_id, state="pending", created_at=datetime(2024, 5, 9)
            )
        )
    with store.transaction() as session:
        assert session.scalar(select(func.count(PromptDelivery.id))) == 0


def test_migrating_twice_changes_nothing(store, loaded):
    inspector = inspect(store.engine)
    tables = sorted(inspector.get_table_names())
    store.migrate()
    store.migrate()
    assert sorted(inspect(store.engine).get_table_names()) == tables
    with store.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    assert versions == [(ScriptDirectory.from_config(alembic_config()).get_current_head(),)]
    with store.transaction() as session:
        assert session.scalar(select(func.count(Member.id))) == 5  # data untouched


def test_the_schema_has_every_table_the_models_need(store):
    names = set(inspect(store.engine).get_table_names())
    assert {
        "programmes", "teams", "members", "programme_days", "prompt_deliveries", "replies",
        "answers", "reminders_sent", "digests_posted", "processed_events", "alembic_version",
    } <= names  # fmt: skip


def test_deleting_a_delivery_takes_its_reply_answers_and_reminders_with_it(store, loaded):
    member_id, day_id = loaded
    with store.transaction() as session:
        delivery = PromptDelivery(
            member_id=member_id, day_id=day_id, state="answered", created_at=MOMENT
        )
        session.add(delivery)
        session.flush()
        session.add(
            Reply(
                delivery_id=delivery.id,
                source="form",
                created_at=MOMENT,
                answers=[Answer(question_id="working", text="good")],
            )
        )
        session.add(ReminderSent(delivery_id=delivery.id, sequence=0, sent_at=MOMENT))
    with store.transaction() as session:
        session.execute(delete(PromptDelivery))  # ON DELETE CASCADE, done by the database
    with store.transaction() as session:
        for model in (Reply, Answer, ReminderSent):
            assert session.scalar(select(func.count()).select_from(model)) == 0


def test_one_reply_per_delivery_and_one_answer_per_question(store, loaded):
    member_id, day_id = loaded
    with store.transaction() as session:
        delivery = PromptDelivery(member_id=member_id, day_id=day_id, created_at=MOMENT)
        session.add(delivery)
        session.flush()
        reply = Reply(delivery_id=delivery.id, source="text", created_at=MOMENT)
        session.add(reply)
        session.flush()
        delivery_id, reply_id = delivery.id, reply.id
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.execute(
            insert(Reply).values(delivery_id=delivery_id, source="form", created_at=MOMENT)
        )
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.execute(
            insert(Answer).values(
                [
                    {"reply_id": reply_id, "question_id": "working", "text": "a"},
                    {"reply_id": reply_id, "question_id": "working", "text": "b"},
                ]
            )
        )


def test_programme_settings_round_trip_as_lists(store, loaded):
    with store.transaction() as session:
        programme = session.scalar(select(Programme))
        assert programme.reminder_hours == [24, 72]
        assert programme.questions[0] == {"id": "working", "text": "What is working?"}
        assert session.scalar(
            select(ProgrammeDay.date).where(ProgrammeDay.name == "Day two")
        ) == date(2024, 11, 14)
