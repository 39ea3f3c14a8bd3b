"""The weekly digest: counts, headings, anonymity, team filters, empty weeks, Slack's size limits,
posting (which locks the week's answers), and a query count that does not grow with replies."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from bot.domain import usage
from bot.domain.clock import ManualClock
from bot.domain.digest import (
    Digest,
    QuestionSection,
    Quote,
    TeamDigest,
    build_digest,
    group_by_theme,
    plain_text,
)
from bot.domain.errors import UserError
from bot.domain.identity import slack
from bot.domain.messenger import Person, Sent
from bot.domain.programme_file import parse_programme
from bot.domain.prompts import PromptSender
from bot.domain.replies import Replies
from bot.domain.themes import DEFAULT_CODEBOOK
from bot.domain.weeks import IsoWeek
from handlers.slack.digest_blocks import (
    BLOCKS_PER_MESSAGE,
    MAX_MESSAGES,
    digest_messages,
    summary_message,
)
from handlers.slack.sandbox.answers import form_state
from handlers.slack.text import HEADER_LIMIT, SECTION_LIMIT
from storage.models import (
    Answer,
    DigestPosted,
    Member,
    MemberIdentity,
    ProgrammeDay,
    PromptDelivery,
    Reply,
    Team,
)
from tests.conftest import DAY_ONE_CLOSED, load_consented

WEEK_19 = IsoWeek(2024, 19)  # 6 to 12 May 2024
DIGEST_PROGRAMME = """
programme: Digest programme
timezone: Europe/London
digest_channel: C0DIGEST01
facilitators: [{slack: U0FACIL001, name: Jo}]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: [{slack: U0A1, name: Amy}, {slack: U0A2, name: Ben}, {slack: U0A3, name: Cat}]
  - name: Older People's Services
    aim: Make the move home feel safe
    members: [{slack: U0B1, name: Dan}, {slack: U0B2, name: Eve}]
  - name: Adult Mental Health
    aim: A crisis plan people use
    members: [{slack: U0C1, name: Fay}]
days:
  - {name: Monday session, date: 2024-05-06, ends: "16:00"}
  - {name: Thursday session, date: 2024-05-09, ends: "16:00"}
  - {name: The week after, date: 2024-05-16, ends: "16:00"}
bank_holidays: none  # the Monday session falls on the May Day bank holiday
"""


class FakeMessenger:
    """The domain's Messenger with no chat behind it: records what it was asked to send."""

    platform = "slack"  # the programme file lists Slack IDs

    def __init__(self) -> None:
        self.prompts: list[tuple[str, int]] = []
        self.digests: list[tuple[str, Digest]] = []

    def find_person(self, *, user_id=None, email=None) -> Person | None:
        return Person(user_id, None) if user_id else None

    def find_prompt(self, user_id: str, delivery_id: int) -> Sent | None:
        return None

    def send_prompt(self, user_id, prompt) -> Sent:
        self.prompts.append((user_id, prompt.delivery_id))
        return Sent("D" + user_id[1:] + " " + f"{len(self.prompts)}.0")

    def send_reminder(self, user_id, reminder) -> Sent:
        return Sent("D" + user_id[1:] + " " + "r.0")

    def send_notice(self, user_id, text) -> Sent:
        return Sent("D" + user_id[1:] + " " + "n.0")

    def post_digest(self, channel, digest, *, document=None) -> list[Sent]:
        self.digests.append((channel, digest))
        return [Sent(channel + " d.0")]


@pytest.fixture
def week(store):
    """Three teams, two days in week 19 and one in week 20, answered in every way there is."""
    clock = ManualClock(datetime(2024, 5, 1, tzinfo=UTC))
    load_consented(store, clock, parse_programme(DIGEST_PROGRAMME))
    sender = PromptSender(
        store=store, messenger=FakeMessenger(), clock=clock, catch_up=timedelta(hours=24)
    )
    replies = Replies(store=store, clock=clock)
    with store.transaction() as session:
        prompt_times = {d.name: d.prompt_at for d in session.scalars(select(ProgrammeDay))}
        programme_id = session.scalar(select(Member.programme_id))

    def prompt(day: str) -> dict[str, int]:
        clock.set(prompt_times[day])
        sender.send_due()
        with store.transaction() as session:
            rows = session.execute(
                select(MemberIdentity.external_id, PromptDelivery.id)
                .join(Member, Member.id == PromptDelivery.member_id)
                .join(MemberIdentity, MemberIdentity.member_id == Member.id)
                .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
                .where(ProgrammeDay.name == day)
            )
            return {user: delivery for user, delivery in rows}

    def form(user, delivery, usage="named", **answers):
        clock.advance(minutes=5)
        replies.submit_form(who=slack(user), delivery_id=delivery, answers=answers, usage=usage)

    with store.transaction() as session:
        amy = session.scalars(select(Member).where(Member.identities.any(external_id="U0A1"))).one()
        amy.default_usage = "named"  # her plain replies may be quoted with her name
    monday = prompt("Monday session")
    form("U0A1", monday["U0A1"], working="Families feel heard")
    form("U0A2", monday["U0A2"], usage="unnamed", change="The waiting room is cold")
    replies.skip(who=slack("U0B1"), delivery_id=monday["U0B1"])
    thursday = prompt("Thursday session")
    clock.advance(minutes=5)
    replies.record_text(who=slack("U0A1"), text="Co-design <b>works</b> & shows", event_id="E1")
    clock.advance(minutes=5)
    replies.record_text(who=slack("U0A1"), text="Shorter meetings", event_id="E2")
    form("U0B2", thursday["U0B2"], usage="unnamed", working="Good tea, kind people")
    after = prompt("The week after")
    form("U0A3", after["U0A3"], working="Only in week 20")
    return programme_id


def quotes(digest: Digest) -> dict[str, list[tuple[str, str, str | None]]]:
    return {
        team.name: [(s.heading, q.text, q.attribution) for s in team.sections for q in s.quotes]
        for team in digest.teams
    }


def rendered(digest: Digest) -> str:
    return json.dumps(digest_messages(digest), ensure_ascii=False) + plain_text(digest)


# -- content ------------------------------------------------------------------------------


def test_digest_counts_each_team_and_the_whole_week(store, week):
    digest = build_digest(store, programme_id=week, week=WEEK_19)
    assert digest.days == ["Monday session", "Thursday session"]
    counts = {t.name: (t.answered, t.prompted, t.skipped) for t in digest.teams}
    assert counts == {
        "Child and Family Services": (3, 6, 0),
        "Older People's Services": (1, 4, 1),
        "Adult Mental Health": (0, 2, 0),
    }  # the facilitator, Jo, is in no team: not a row, and not in the headline rate
    assert (digest.answered, digest.prompted) == (4, 12)
    text = rendered(digest)
    assert "4 of 12 answered (33%)" in text and "not in a team" not in text
    assert "3 of 6 answered (50%)" in text
    assert "1 of 4 answered (25%)" in text
    assert "No reflections yet" in text  # Adult Mental Health


def test_digest_groups_answers_under_question_headings_in_order(store, week):
    digest = build_digest(store, programme_id=week, week=WEEK_19)
    assert quotes(digest)["Child and Family Services"] == [
        ("What is working", "Families feel heard", "Amy"),
        ("What is working", "Co-design <b>works</b> & shows", "Amy"),
        ("What could change", "The waiting room is cold", None),
        ("What could change", "Shorter meetings", "Amy"),
    ]
    text = rendered(digest)
    assert "*What is working*" in text and "*What could change*" in text
    assert "What is working?" not in text.split("Digest programme:")[0]  # headings, not questions
    assert "Only in week 20" not in text


def test_anonymous_reply_is_never_attributed_in_digest(store, week):
    digest = build_digest(store, programme_id=week, week=WEEK_19)
    text = rendered(digest)
    for anonymous_author in ("Ben", "Eve", "U0A2", "U0B2"):
        assert anonymous_author not in text
    assert "The waiting room is cold\\n_— anonymous_" in text
    assert '"Good tea, kind people"\n' in plain_text(digest) + "\n"  # no "(Eve)" after it
    assert "_— Amy_" in text


def test_user_text_is_escaped_in_the_rendered_digest(store, week):
    text = json.dumps(digest_messages(build_digest(store, programme_id=week, week=WEEK_19)))
    assert "Co-design &lt;b&gt;works&lt;/b&gt; &amp; shows" in text
    assert "<b>" not in text


def test_team_filter_matches_a_partial_name_in_any_case(store, week):
    for typed, team, prompted in [
        ("older", "Older People's Services", 4),
        ("CHILD", "Child and Family Services", 6),
        ("health", "Adult Mental Health", 2),  # not a start, but only one name contains it
        ("older people's services", "Older People's Services", 4),
    ]:
        digest = build_digest(store, programme_id=week, week=WEEK_19, team=typed)
        assert [t.name for t in digest.teams] == [team]
        assert digest.team_filter == team and digest.title.endswith(f"({team})")
        assert digest.prompted == prompted
        if team != "Child and Family Services":
            assert "Families feel heard" not in rendered(digest)


def test_an_ambiguous_team_is_a_kind_error_naming_the_candidates(store, week):
    with pytest.raises(UserError) as caught:
        build_digest(store, programme_id=week, week=WEEK_19, team="services")
    message = str(caught.value)
    assert "matches more than one team" in message
    assert "Child and Family Services" in message and "Older People's Services" in message


def test_an_unknown_team_is_a_kind_error_listing_the_teams(store, week):
    with pytest.raises(UserError) as caught:
        build_digest(store, programme_id=week, week=WEEK_19, team="dentistry")
    assert str(caught.value) == (
        "I don't know a team called 'dentistry'. The teams are: Child and Family Services, "
        "Older People's Services, Adult Mental Health."
    )


def test_a_week_with_no_programme_days_says_so(store, week):
    digest = build_digest(store, programme_id=week, week=IsoWeek(2024, 30))
    assert digest.days == [] and digest.teams == []
    assert "There were no programme days in this week." in plain_text(digest)
    (message,) = digest_messages(digest)
    assert "there were no programme days this week" in json.dumps(message["blocks"])
    assert message["blocks"][0]["type"] == "header"


def test_a_member_slack_could_not_reach_is_not_counted_as_prompted(store, week):
    with store.transaction() as session:
        delivery = session.scalar(
            select(PromptDelivery)
            .join(Member, Member.id == PromptDelivery.member_id)
            .where(Member.identities.any(external_id="U0C1"))
            .limit(1)
        )
        delivery.state = "failed"
    digest = build_digest(store, programme_id=week, week=WEEK_19)
    assert {t.name: t.prompted for t in digest.teams}["Adult Mental Health"] == 1
    assert digest.prompted == 11  # the facilitator, in no team, is not counted


# -- Slack's limits -------------------------------------------------------------------------


def check_slack_limits(messages: list[dict]) -> None:
    assert 1 <= len(messages) <= MAX_MESSAGES
    for message in messages:
        assert message["text"] and len(message["blocks"]) <= BLOCKS_PER_MESSAGE
        for block in message["blocks"]:
            if block["type"] == "header":
                assert 0 < len(block["text"]["text"]) <= HEADER_LIMIT
            elif block["type"] == "section":
                assert 0 < len(block["text"]["text"]) <= SECTION_LIMIT
            elif block["type"] == "context":
                assert all(0 < len(e["text"]) <= SECTION_LIMIT for e in block["elements"])
            else:
                assert block["type"] == "divider"


def big_digest(teams: int, replies_per_team: int, length: int) -> Digest:
    """Replies spread over every codebook theme, grouped as a real digest is."""
    words = ("reflection " * (length // 11 + 1))[:length]
    themes = [*DEFAULT_CODEBOOK.ids, None]
    digest = Digest(
        programme="Big programme",
        week=WEEK_19,
        days=["Day one"],
        teams=[
            TeamDigest(
                name=f"Team {n} " + "with a long name " * 3,
                aim="An aim",
                prompted=replies_per_team,
                answered=replies_per_team,
                sections=[
                    QuestionSection(
                        "working",
                        "What is working",
                        [
                            Quote(
                                f"{i}: {words}",
                                None if i % 3 else f"Person {i}",
                                themes[i % len(themes)],
                            )
                            for i in range(replies_per_team)
                        ],
                    ),
                    QuestionSection("change", "What could change", [Quote("short", None)]),
                ],
            )
            for n in range(teams)
        ],
    )
    group_by_theme(digest)
    return digest


def test_a_digest_of_hundreds_of_long_replies_is_split_within_slack_limits():
    digest = big_digest(teams=12, replies_per_team=40, length=2500)
    messages = digest_messages(digest)
    check_slack_limits(messages)
    assert len(messages) > 1
    assert messages[0]["text"].endswith(f"(part 1 of {len(messages)})")
    assert "too long for Slack" not in json.dumps(messages)  # everything fitted
    # Long quotes are shortened at a word, and say so.
    assert "(shortened)" in json.dumps(messages)


def test_a_digest_too_big_for_slack_is_cut_with_a_note_and_never_raises():
    digest = big_digest(teams=120, replies_per_team=30, length=3000)
    messages = digest_messages(digest)
    check_slack_limits(messages)
    assert len(messages) == MAX_MESSAGES
    note = messages[-1]["blocks"][-1]
    assert note["type"] == "context"
    assert "too long for Slack" in note["elements"][0]["text"]
    assert "/copro digest <week> <team>" in note["elements"][0]["text"]


def test_a_long_team_name_and_markup_heavy_text_still_fit():
    digest = big_digest(teams=1, replies_per_team=5, length=900)
    digest.team_filter = "A team name far longer than any header allows " * 5
    digest.teams[0].sections[0].quotes.append(Quote("&<>" * 2000, "<@U0FACIL001>"))
    group_by_theme(digest)
    messages = digest_messages(digest)
    check_slack_limits(messages)
    assert "<@U0FACIL001>" not in json.dumps(messages)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=300),
            st.lists(
                st.tuples(st.text(max_size=4000), st.one_of(st.none(), st.text(max_size=200))),
                max_size=30,
            ),
        ),
        max_size=12,
    )
)
def test_any_digest_renders_within_slack_limits(teams):
    digest = Digest(
        programme="P",
        week=WEEK_19,
        days=["Day one"],
        teams=[
            TeamDigest(
                name=name or "x",
                aim=name,
                prompted=len(items),
                answered=len(items),
                sections=[QuestionSection("q", "Question", [Quote(t, a) for t, a in items])],
            )
            for name, items in teams
        ],
    )
    group_by_theme(digest)
    check_slack_limits(digest_messages(digest))
    check_slack_limits([summary_message(digest)])


# -- a fixed number of queries ---------------------------------------------------------------


def seed_replies(store, name: str, count: int) -> int:
    """A programme with ``count`` members who all answered, a third with each usage choice."""
    members = ", ".join(f"U0{name}{i:04d}" for i in range(count))
    clock = ManualClock(datetime(2024, 5, 1, tzinfo=UTC))
    load_consented(
        store,
        clock,
        parse_programme(
            f"programme: Programme {name}\nsafeguarding: [U0LEAD0001]\n"
            f"teams:\n  - {{name: Everyone, members: [{members}]}}\n"
            "days:\n  - {name: Day one, date: 2024-05-09}\n"
        ),
    )
    now = datetime(2024, 5, 9, 18, 0, tzinfo=UTC)
    with store.transaction() as session:
        programme_id = session.scalar(
            select(Team.programme_id).where(Team.programme_id == Member.programme_id)
            .where(Member.identities.any(external_id=f"U0{name}0000"))
        )  # fmt: skip
        day = session.scalar(select(ProgrammeDay).where(ProgrammeDay.programme_id == programme_id))
        people = session.scalars(select(Member).where(Member.programme_id == programme_id)).all()
        for i, person in enumerate(people):
            delivery = PromptDelivery(
                member=person, day=day, state="answered", created_at=now, sent_at=now
            )
            delivery.reply = Reply(
                source="form",
                created_at=now + timedelta(seconds=i),
                answers=[
                    Answer(question_id="working", text=f"Working {i}"),
                    Answer(question_id="change", text=f"Change {i}"),
                ],
            )
            usage.apply(delivery.reply, usage.CHOICES[i % 3])
            session.add(delivery)
    return programme_id


def queries_for(store, programme_id: int) -> tuple[int, Digest]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        digest = build_digest(store, programme_id=programme_id, week=WEEK_19)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(statements), digest


def test_building_a_digest_takes_the_same_number_of_queries_for_10_or_200_replies(store):
    small = seed_replies(store, "S", 10)
    large = seed_replies(store, "L", 200)
    few, small_digest = queries_for(store, small)
    many, large_digest = queries_for(store, large)
    assert small_digest.answered == 10 and large_digest.answered == 200
    assert sum(len(s.quotes) for s in large_digest.teams[0].sections) == 400
    assert few == many
    assert many <= 8


# -- posting locks the week -----------------------------------------------------------------


def submit(harness, user_id: str, delivery_id: str, text: str, usage: str = "unnamed"):
    return harness.slack.submit_view(
        user_id,
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(delivery_id)}),
        values=form_state(text, usage=usage),  # quotable, so the digest shows it
    )


def test_posting_the_digest_locks_that_week_and_leaves_later_weeks_editable(harness):
    deliveries = harness.prompt_day_one()
    assert submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "First words").status == 200
    harness.api.wait_for("chat.update")
    harness.api.reset()

    harness.clock.set(DAY_ONE_CLOSED)  # the reminders have had their time
    response = harness.slack.command("U0FACIL001", "digest post 2024-W19")
    assert response.status == 200
    told = harness.api.wait_for("response_url", timeout=30)[0].params["text"]
    assert "Posted the digest for 6 to 12 May 2024 to <#C0DIGEST01>" in told
    posted = [c for c in harness.api.calls_to("chat.postMessage")]
    # A short summary in the channel; the full digest in its thread.
    assert {c.params["channel"] for c in posted} == {"C0DIGEST01"}
    assert "thread_ts" not in posted[0].params
    assert all(c.params.get("thread_ts") for c in posted[1:]) and len(posted) > 1
    assert "First words" in json.dumps([c.params["blocks"] for c in posted[1:]])
    with harness.store.transaction() as session:
        row = session.scalar(select(DigestPosted))
        assert (row.iso_year, row.iso_week, row.team_id, row.channel) == (
            2024, 19, None, "C0DIGEST01",
        )  # fmt: skip

    # The week is locked: the form, the button and a plain reply all refuse, kindly.
    refused = submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Second thoughts").json()
    assert refused["response_action"] == "errors"
    assert "already been shared" in next(iter(refused["errors"].values()))
    harness.slack.action("U0MEMBER01", "copro_change", deliveries["U0MEMBER01"], trigger_id="t")
    notice = harness.api.wait_for("views.open")[0].params["view"]
    assert "already been shared" in json.dumps(notice)
    harness.slack.message("U0MEMBER01", "An afterthought", event_id="EvLate")
    harness.api.wait_for(
        "chat.postMessage", where=lambda c: "can't be changed now" in c.params.get("text", "")
    )
    with harness.store.transaction() as session:
        assert session.scalars(select(Answer.text)).all() == ["First words"]

    # A later week is still open.
    harness.clock.set(datetime(2024, 11, 14, 16, 30, tzinfo=UTC))
    harness.services.run_due()
    day_two = harness.deliveries()["U0MEMBER01"]
    assert day_two != deliveries["U0MEMBER01"]
    submit(harness, "U0MEMBER01", day_two, "Day two words")
    assert submit(harness, "U0MEMBER01", day_two, "Day two, changed").status == 200
    harness.slack.action("U0MEMBER01", "copro_change", day_two, trigger_id="t2")
    form = harness.api.wait_for("views.open", count=2)[-1].params["view"]
    assert form["callback_id"] == "copro_answer_form"
    assert "Day two, changed" in json.dumps(form)


def test_a_digest_posted_while_the_reminders_are_out_leaves_the_answers_open(harness):
    deliveries = harness.prompt_day_one()  # Day one's reminders go on Friday and Sunday
    submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "First words")
    harness.slack.command("U0FACIL001", "digest post 2024-W19")
    harness.api.wait_for("response_url")
    # Shared, but not final: someone reminded on Sunday can still answer or change theirs.
    changed = submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Second thoughts")
    assert changed.status == 200 and not changed.body
    with harness.store.transaction() as session:
        assert session.scalars(select(DigestPosted)).all() == []
        assert session.scalars(select(Answer.text)).all() == ["Second thoughts"]


def test_posting_one_team_locks_only_that_team(harness):
    deliveries = harness.prompt_day_one()
    submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Child team words")
    # Kim is the team's only member: only words she gives her name to can be shown for it.
    submit(harness, "U0MEMBER04", deliveries["U0MEMBER04"], "Older team words", usage="named")
    harness.api.wait_for("chat.update", count=2)

    harness.clock.set(DAY_ONE_CLOSED)
    harness.slack.command("U0FACIL001", "digest post 2024-W19 older")
    harness.api.wait_for("response_url", timeout=30)
    posted = harness.api.wait_for(
        "chat.postMessage", count=2, where=lambda c: c.params["channel"] == "C0DIGEST01"
    )
    shown = json.dumps([c.params["blocks"] for c in posted])
    assert "Older team words" in shown and "Child team words" not in shown

    refused = submit(harness, "U0MEMBER04", deliveries["U0MEMBER04"], "Kim edits").json()
    assert "already been shared" in next(iter(refused["errors"].values()))
    assert submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Sam edits").status == 200
    with harness.store.transaction() as session:
        assert sorted(session.scalars(select(Answer.text))) == ["Older team words", "Sam edits"]


def test_asking_for_an_unknown_team_is_answered_kindly_with_the_teams(harness):
    harness.prompt_day_one()
    harness.api.reset()
    harness.slack.command("U0FACIL001", "digest 2024-W19 dentistry")
    told = harness.api.wait_for(
        "response_url", where=lambda c: "dentistry" in c.params.get("text", "")
    )[0].params["text"]
    assert "The teams are: Child and Family Services, Older People's Services" in told
    assert not harness.api.calls_to("chat.postMessage")


def test_a_facilitator_asking_for_a_week_without_days_gets_a_digest_saying_so(harness):
    harness.prompt_day_one()
    harness.api.reset()
    harness.slack.command("U0FACIL001", "digest 2024-W30")
    dm = harness.api.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == "U0FACIL001"
    )
    assert "no programme days this week" in json.dumps(dm[0].params["blocks"])
