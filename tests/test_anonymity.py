"""The anonymity rule (bot.domain.anonymity) holds against inference, not only against direct
display: every case once seen from outside, and the general rule over generated teams."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.digest import (
    SAFEGUARDING_NOTE,
    Digest,
    QuestionSection,
    Quote,
    TeamDigest,
    build_digest,
    group_by_theme,
    plain_text,
)
from bot.domain.export import export_csv
from bot.domain.weeks import IsoWeek
from handlers.slack.digest_blocks import digest_messages
from tests.test_usage import submit

WEEK_19 = IsoWeek(2024, 19)
THREE = """
programme: Three
timezone: Europe/London
digest_channel: C0DIGEST01
facilitators: [{slack: U0FACIL001, name: Jo}]
teams:
  - name: Trio
    aim: Three people
    members: [{slack: U0MEMBER01, name: Sam}, {slack: U0MEMBER02, name: Ali},
              {slack: U0MEMBER03, name: Samira, role: carer}]
  - name: Solo
    aim: One person
    members: [{slack: U0MEMBER04, name: Kim, role: patient}]
days:
  - {name: Day one, date: 2024-05-09, ends: "16:00"}
weekends: true
bank_holidays: none
"""


def everything_shown(digest) -> str:
    return json.dumps(digest_messages(digest), ensure_ascii=False) + plain_text(digest)


def trio_answers(harness, third: str):
    harness.load(THREE)
    harness.clock.set(harness.clock.now().replace(month=5, day=9, hour=15, minute=30))
    harness.services.run_due()
    deliveries = harness.deliveries()
    submit(
        harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Sam says the room was warm", usage="named"
    )
    submit(harness, "U0MEMBER02", deliveries["U0MEMBER02"], "Ali says tea was good", usage="named")
    submit(harness, "U0MEMBER03", deliveries["U0MEMBER03"], third, usage="unnamed")
    harness.api.wait_for("chat.update", count=3)
    return deliveries


def test_two_named_of_three_answered_do_not_give_away_the_third(harness):
    trio_answers(harness, "The third person thinks the meetings are too long")
    digest = build_digest(harness.store, programme_id=1, week=WEEK_19)
    shown = everything_shown(digest)
    assert "Sam says the room was warm" in shown and "Ali says tea was good" in shown
    assert "too long" not in shown  # only Samira could have written it
    assert "3 of 3" not in shown  # nor can a count say she answered at all
    trio = next(t for t in digest.teams if t.name == "Trio")
    assert trio.protected


def test_a_one_person_team_s_digest_never_shows_their_unnamed_reply(harness):
    harness.load(THREE)
    harness.clock.set(harness.clock.now().replace(month=5, day=9, hour=15, minute=30))
    harness.services.run_due()
    submit(
        harness,
        "U0MEMBER04",
        harness.deliveries()["U0MEMBER04"],
        "Kim's private view",
        usage="unnamed",
    )
    harness.api.wait_for("chat.update")
    digest = build_digest(harness.store, programme_id=1, week=WEEK_19, team="solo")
    assert "Kim's private view" not in everything_shown(digest)
    assert digest.held_back == 1


def test_the_export_leaves_out_a_role_or_team_that_would_point_at_an_unnamed_author(harness):
    trio_answers(harness, "An unnamed carer's view")
    rows = list(csv.DictReader(io.StringIO(export_csv(harness.store, programme_id=1).decode())))
    unnamed = [r for r in rows if r["anonymous"] == "yes"]
    assert unnamed and all(r["role"] == r["team"] == "" for r in unnamed)  # a carer in Trio: Samira
    assert {r["team"] for r in rows if r["anonymous"] == "no"} == {"Trio"}


def test_the_status_before_and_after_one_more_answer_cannot_be_subtracted(harness):
    harness.load(THREE)
    harness.clock.set(harness.clock.now().replace(month=5, day=9, hour=15, minute=30))
    harness.services.run_due()
    deliveries = harness.deliveries()
    submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Named words", usage="named")
    harness.api.wait_for("chat.update")
    before = json.dumps(harness.slack.command("U0FACIL001", "status").json())
    submit(harness, "U0MEMBER02", deliveries["U0MEMBER02"], "Unnamed words", usage="unnamed")
    harness.api.wait_for("chat.update", count=2)
    after = json.dumps(harness.slack.command("U0FACIL001", "status").json())
    assert before == after  # one more answer without a name changes nothing anyone can see


def test_a_flagged_reply_is_never_counted_where_the_named_could_give_it_away(harness):
    trio_answers(harness, "I want to end my life, I cannot go on")
    flagged = build_digest(harness.store, programme_id=1, week=WEEK_19)
    shown = everything_shown(flagged)
    assert flagged.withheld == 1
    assert "1 reply" not in shown and "passed privately" not in shown
    assert SAFEGUARDING_NOTE in plain_text(flagged)  # said every week, flagged or not


# -- the rule in general ----------------------------------------------------------------------

people = st.lists(
    st.sampled_from(["named", "unnamed", "themes_only", "skipped", "waiting"]),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(teams=st.lists(people, min_size=1, max_size=4), floor=st.integers(2, 4))
def test_no_unnamed_reply_is_shown_where_fewer_than_the_floor_could_have_written_it(teams, floor):
    digest = Digest("P", WEEK_19, ["Day one"], [], min_replies=floor)
    for number, choices in enumerate(teams):
        team = TeamDigest(f"Team {number}", "", sections=[QuestionSection("working", "Working")])
        team.prompted = len(choices)
        team.answered = sum(c in ("named", "unnamed", "themes_only") for c in choices)
        for person, choice in enumerate(choices):
            if choice in ("named", "unnamed", "themes_only"):
                name = f"T{number}P{person}" if choice == "named" else None
                words = f"words of T{number}P{person}"
                team.sections[0].quotes.append(Quote(words, name, quotable=choice != "themes_only"))
        digest.teams.append(team)
    group_by_theme(digest)

    pooled_from = 0
    for number, choices in enumerate(teams):
        team = digest.teams[number]
        named = choices.count("named")
        candidates = len(choices) - named
        unnamed_under_team = [
            q for s in team.sections for q in s.quotes if not q.attribution and q.quotable
        ]
        if unnamed_under_team:
            assert candidates >= floor, (choices, floor)
        if not team.protected and not team.small:
            assert candidates >= floor or len(choices) == named + choices.count("skipped") + (
                choices.count("waiting")
            )
        if team.small:  # its named replies go to the pool unattributed too: all could be anyone
            pooled_from += len(choices)
        elif team.protected:
            pooled_from += candidates
    written_unnamed = {
        f"words of T{number}P{person}"
        for number, choices in enumerate(teams)
        for person, choice in enumerate(choices)
        if choice == "unnamed"
    }
    pooled = [
        q for s in digest.pooled for q in s.quotes if q.quotable and q.text in written_unnamed
    ]
    if pooled:
        assert pooled_from >= floor
