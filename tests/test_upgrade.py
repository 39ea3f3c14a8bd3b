"""A database made by the previous release migrates forward with nothing lost, on SQLite and
PostgreSQL, and back again: the fixture is that release's own store (see its README)."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, text

from bot.domain.clock import SystemClock
from bot.domain.digest import build_digest, plain_text
from bot.domain.export import export_csv
from bot.domain.identity import slack
from bot.domain.members import Members
from bot.domain.weeks import IsoWeek
from storage import Store, queries
from tests.conftest import throwaway_postgres

RELEASE = Path(__file__).parent / "fixtures" / "release_0_1"
RELEASED_HEAD = "0008"  # the previous release's newest migration


def headline(digest_text: str) -> str:
    return next(line for line in digest_text.splitlines() if "prompts answered" in line)


def quotes(digest_text: str) -> set[str]:
    return {line.strip() for line in digest_text.splitlines() if line.strip().startswith('"')}


def export_table(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def released_rows(sql: str) -> list[tuple]:
    with sqlite3.connect(RELEASE / "copro.sqlite3") as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def released_store(request, tmp_path):
    """A store holding the previous release's data at its schema, not yet migrated."""
    copy = tmp_path / "copro.sqlite3"
    shutil.copy(RELEASE / "copro.sqlite3", copy)
    if request.param == "sqlite":
        store = Store.from_url(f"sqlite:///{copy}")
        yield store
        store.dispose()
        return
    with throwaway_postgres("copro_upgrade") as url:
        store = Store.from_url(url)
        store.migrate(RELEASED_HEAD)
        _copy_rows(create_engine(f"sqlite:///{copy}"), store)
        yield store
        store.dispose()


def _copy_rows(source, store: Store) -> None:
    """Every row of the released SQLite store into PostgreSQL at the same schema."""
    tables = MetaData()
    tables.reflect(store.engine)
    with source.connect() as reading, store.engine.begin() as writing:
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(row._mapping) for row in reading.execute(select(table))]
            if rows:
                writing.execute(table.insert(), rows)
            if "id" in table.c:  # later inserts must not collide with the copied ids
                writing.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )


def counts(store: Store) -> dict[str, int]:
    names = [
        "programmes", "teams", "members", "programme_days", "prompt_deliveries", "replies",
        "answers", "reminders_sent", "digests_posted", "consent_records", "processed_events",
    ]  # fmt: skip
    with store.engine.connect() as connection:
        return {n: connection.execute(text(f"SELECT COUNT(*) FROM {n}")).scalar() for n in names}


def test_the_previous_release_s_store_migrates_forward_with_nothing_lost(released_store):
    before = counts(released_store)
    assert before["replies"] >= 5 and before["members"] >= 20  # a real store, not an empty one

    released_store.migrate()

    assert counts(released_store) == before
    people = released_rows("SELECT id, slack_user_id FROM members WHERE slack_user_id IS NOT NULL")
    prompts = released_rows(
        "SELECT id, channel || ' ' || message_ts FROM prompt_deliveries WHERE message_ts IS NOT NULL"
    )
    with released_store.transaction() as session:
        identities = session.execute(
            text("SELECT member_id, external_id FROM member_identities WHERE platform = 'slack'")
        ).all()
        refs = session.execute(
            text("SELECT id, message_ref FROM prompt_deliveries WHERE message_ref IS NOT NULL")
        ).all()
        platforms = session.execute(text("SELECT DISTINCT platform FROM programmes")).all()
    assert sorted(identities) == sorted(people)
    assert sorted(refs) == sorted(prompts)
    assert platforms == [("slack",)]


def test_the_new_code_reads_the_migrated_store_as_the_release_did(released_store):
    released_store.migrate()
    with released_store.transaction() as session:
        programme_id = queries.programmes(session)[0].id
    digest = build_digest(released_store, programme_id=programme_id, week=IsoWeek(2024, 19))
    before, after = (RELEASE / "digest_week_19.txt").read_text(), plain_text(digest)
    # Every prompt and reply of the teams still counted; the release also counted its two
    # facilitators, who are in no team ("0 of 2 answered"): they are no longer in the digest.
    assert headline(before) == "7 of 29 prompts answered." and "0 of 2 answered." in before
    assert (digest.answered, digest.prompted) == (7, 27)
    # Shown, 7 of 27 less the other teams' rates would give away Child and Family Services'
    # hidden counts, so the digest does not show it (bot.domain.anonymity).
    assert digest.headline_hidden and "7 of 27" not in after
    # Every quote is one the release showed; any it showed that this release does not is
    # held back by the anonymity rule (bot.domain.anonymity), never lost.
    assert quotes(after) <= quotes(before)
    assert len(quotes(before) - quotes(after)) <= digest.held_back
    # The export keeps every row and every value, but for the team and role of unnamed rows
    # in groups too small to hide their authors, which the anonymity rule now leaves out.
    exported = export_table(export_csv(released_store, programme_id=programme_id))
    released = export_table((RELEASE / "export.csv").read_bytes())
    # A member quoted by name is now named as the facilitators know them (their display
    # name), not by their Slack user ID.
    names = dict(released_rows("SELECT slack_user_id, display_name FROM members"))
    for row in released:
        row["member"] = names.get(row["member"], "") if row["member"] else ""
    assert any(row["member"] for row in released)
    assert len(exported) == len(released)
    for new, old in zip(exported, released, strict=True):
        # Added since: how each answer was filed, unknown for answers stored before.
        assert new.pop("filed") == ""
        hidden = {"team", "role"} if new["anonymous"] == "yes" and not new["team"] else set()
        assert {k: v for k, v in new.items() if k not in hidden} == {
            k: v for k, v in old.items() if k not in hidden
        }
    (facilitator,) = released_rows(
        "SELECT slack_user_id FROM members WHERE role = 'facilitator' LIMIT 1"
    )
    found = Members(store=released_store, clock=SystemClock()).facilitator(
        who=slack(facilitator[0])
    )
    assert found.programme_id == programme_id


def _csv_rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_migration_can_be_undone_back_to_the_release_s_schema(released_store):
    released_store.migrate()
    released_store.downgrade(RELEASED_HEAD)
    with released_store.engine.connect() as connection:
        people = connection.execute(
            text("SELECT id, slack_user_id FROM members WHERE slack_user_id IS NOT NULL")
        ).all()
        prompts = connection.execute(
            text("SELECT id, channel, message_ts FROM prompt_deliveries WHERE channel IS NOT NULL")
        ).all()
    assert sorted(people) == sorted(
        released_rows("SELECT id, slack_user_id FROM members WHERE slack_user_id IS NOT NULL")
    )
    assert sorted(prompts) == sorted(
        released_rows(
            "SELECT id, channel, message_ts FROM prompt_deliveries WHERE channel IS NOT NULL"
        )
    )
