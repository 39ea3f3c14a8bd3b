"""The programme file: every mistake named by line and key, nothing stored from a bad file,
and loading the same file twice changes nothing."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from bot import cli
from bot.config import Settings
from bot.domain.identity import slack
from bot.domain.programme_file import ProgrammeFileError, load_programme_file, parse_programme
from bot.domain.programmes import load_programme
from bot.services import Services
from handlers.slack.messenger import SlackMessenger, make_client
from storage import Store
from storage.models import Member, ProgrammeDay, Reply, Team
from tests.conftest import DAY_ONE_PROMPT, EXAMPLE, SMALL_PROGRAMME, load_consented

DAY_TWO_PROMPT = datetime(2024, 11, 14, 16, 30, tzinfo=UTC)


def problems(yaml_text: str) -> list[str]:
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme(yaml_text)
    message = str(caught.value)
    assert "nothing was changed" in message
    return caught.value.problems


def only_problem(yaml_text: str) -> str:
    found = problems(yaml_text)
    assert len(found) == 1, found
    return found[0]


def line_of(yaml_text: str, fragment: str) -> int:
    """The 1-based line of the first line containing ``fragment``."""
    for number, line in enumerate(yaml_text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in the file")


# -- one mistake each, named by line and key ------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where", "key", "says"),
    [
        (("prompt_delay_minutes: 30", "prompt_delay_minutes: 30\ncolour: blue"), "colour",
         "colour", "unknown key"),
        (("Europe/London", "Europe/Londres"), "timezone", "timezone", "is not a time zone"),
        (("C0DIGEST01", "general"), "digest_channel", "digest_channel",
         "is not a Slack channel ID"),
        (("U0MEMBER02", "u0member02"), "u0member02", "teams[1].members[2].slack",
         "is not a Slack user ID"),
        (("sam@example.org", "sam-at-example"), "sam-at-example", "teams[1].members[3]",
         "neither a Slack user ID"),
        (("{slack: U0MEMBER04, name: Kim}", "{email: kim@nhs, name: Kim}"), "kim@nhs",
         "teams[2].members[1].email", "is not an e-mail address"),
        (("{slack: U0FACIL001, name: Jo}", "{slack: jo}"), "facilitators", "facilitators[1].slack",
         "is not a Slack user ID"),
        (("{slack: U0FACIL001, name: Jo}", "{slack: U0FACIL001, nmae: Jo}"), "facilitators",
         "facilitators[1].nmae", "unknown key"),
        (("Older People's Services", "child and family services"), "child and family services",
         "teams[2].name", "is used by another team"),
        (("aim: Make the move home feel safe", "goal: Make the move home feel safe"), "goal:",
         "teams[2].goal", "unknown key"),
        (("2024-11-14", "2024-02-30"), "2024-02-30", "days[2].date", "is not a date"),
        (("2024-11-14", "2024-13-01"), "2024-13-01", "days[2].date", "is not a date"),
        (("date: 2024-11-14, ", ""), "Day two", "days[2].date", "is missing"),
        (("Day two", "Day one"), "date: 2024-11-14", "days[2].name", "is used by another day"),
        (('ends: "16:00"}\n  - {name: Day two', 'ends: "25:00"}\n  - {name: Day two'), "25:00",
         "days[1].ends", 'is not a time like "16:00"'),
        (('ends: "16:00"}\n  - {name: Day two', 'ends: "4pm"}\n  - {name: Day two'), "4pm",
         "days[1].ends", 'is not a time like "16:00"'),
        (("[24, 72]", "[72, 24]"), "reminder_hours", "reminder_hours", "soonest to latest"),
        (("[24, 72]", "[24, 24]"), "reminder_hours", "reminder_hours", "soonest to latest"),
        (("[24, 72]", "[1, 2, 3, 4, 5, 6]"), "reminder_hours", "reminder_hours", "at most 5"),
        (("[24, 72]", "[-24, 72]"), "reminder_hours", "reminder_hours[1]",
         "must be between 1 and 672, not -24"),
        (("[24, 72]", "[0]"), "reminder_hours", "reminder_hours[1]", "must be between 1"),
        (("prompt_delay_minutes: 30", "prompt_delay_minutes: -5"), "prompt_delay_minutes",
         "prompt_delay_minutes", "must be between 0 and 10080, not -5"),
        (("prompt_delay_minutes: 30", "prompt_delay_minutes: thirty"), "prompt_delay_minutes",
         "prompt_delay_minutes", "expected a whole number"),
        (("id: change", "id: Change Me"), "Change Me", "questions[2].id", "lower-case word"),
        (("id: change", "id: working"), "What could change", "questions[2].id",
         "used by another question"),
        (("name: Sam}", "name: yes}"), "name: yes", "teams[1].members[1].name",
         "expected text, found True"),
        (("programme: Test programme", "programme: [a, b]"), "programme:", "programme",
         "expected a single value"),
        (("prompt_delay_minutes: 30", "prompt_delay_minutes: 30\ntimezone: Europe/Paris"),
         "Europe/Paris", "timezone", "appears twice"),
    ],
)  # fmt: skip
def test_each_mistake_is_named_by_its_line_and_key(change, where, key, says):
    old, new = change
    assert old in SMALL_PROGRAMME
    yaml_text = SMALL_PROGRAMME.replace(old, new, 1)
    problem = only_problem(yaml_text)
    assert problem.startswith(f"line {line_of(yaml_text, where)}, {key}: "), problem
    assert says in problem


def test_a_member_in_two_teams_is_named_where_they_are_listed_the_second_time():
    yaml_text = SMALL_PROGRAMME.replace(
        "{slack: U0MEMBER04, name: Kim}", "{slack: U0MEMBER04, name: Kim}, U0MEMBER01"
    )
    problem = only_problem(yaml_text)
    assert problem.startswith(f"line {line_of(yaml_text, 'U0MEMBER04')}, teams[2].members[2]: ")
    assert "U0MEMBER01 is already in 'Child and Family Services'" in problem  # as written


def test_the_same_email_in_two_teams_is_caught_whatever_its_case():
    yaml_text = SMALL_PROGRAMME.replace(
        "{slack: U0MEMBER04, name: Kim}", "{slack: U0MEMBER04, name: Kim}, Sam@Example.org"
    )
    assert "sam@example.org is already in 'Child and Family Services'" in only_problem(yaml_text)


def test_a_facilitator_may_also_sit_in_a_team():
    spec = parse_programme(SMALL_PROGRAMME.replace("U0MEMBER04, name: Kim}", "U0FACIL001}"))
    assert spec.teams[1].members[0].chat_id == "U0FACIL001"


def test_bad_yaml_names_the_line():
    yaml_text = SMALL_PROGRAMME + "extra: [oops\n"
    problem = only_problem(yaml_text)
    assert re.match(r"line \d+: this is not valid YAML", problem)
    tabbed = only_problem("programme: x\n\tteams: []\n")
    assert tabbed.startswith("line 2: this is not valid YAML")


def test_a_line_indented_with_a_tab_is_told_to_use_spaces():
    yaml_text = SMALL_PROGRAMME.replace("    aim: Make the move home", "\t aim: Make the move home")
    line = next(n for n, t in enumerate(yaml_text.splitlines(), 1) if t.startswith("\t"))
    assert only_problem(yaml_text) == (
        f"line {line}: this is not valid YAML: the line is indented with a tab; use spaces instead"
    )


def test_problems_are_listed_in_the_order_of_the_file():
    # days: comes before teams: here, though the checker looks at teams first.
    yaml_text = """
programme: Ordered
facilitators: [U0FACIL001]
days:
  - {name: Day one, date: 2024-05-09, ends: "25:00"}
teams:
  - name: Team
    aim: An aim
    members: [{slack: nobody}]
prompt_delay_minutes: soon
"""
    found = problems(yaml_text)
    lines = [int(re.match(r"line (\d+)", p).group(1)) for p in found]
    assert len(found) == 3 and lines == sorted(lines), found
    assert "25:00" in found[0] and "nobody" in found[1] and "soon" in found[2]


def test_missing_programme_name_and_missing_teams_are_reported_together():
    yaml_text = SMALL_PROGRAMME.replace("programme: Test programme\n", "").split("teams:")[0]
    found = problems(yaml_text)
    assert any(p.startswith("programme: is missing") for p in found)
    assert any(p.startswith("teams: is missing") for p in found)


def test_empty_file_and_a_list_instead_of_settings_are_refused():
    assert only_problem("") == "the file is empty"
    assert "expected a mapping" in only_problem("- a\n- b\n")


def test_several_mistakes_are_all_reported_at_once_in_file_order():
    yaml_text = (
        SMALL_PROGRAMME.replace("Europe/London", "Mars/Base")
        .replace("C0DIGEST01", "general")
        .replace("[24, 72]", "[72, 24]")
    )
    found = problems(yaml_text)
    assert [p.split(":")[0] for p in found] == [
        f"line {line_of(yaml_text, 'Mars/Base')}, timezone",
        f"line {line_of(yaml_text, 'general')}, digest_channel",
        f"line {line_of(yaml_text, '72, 24')}, reminder_hours",
    ]


def test_too_many_questions_is_refused():
    yaml_text = (
        SMALL_PROGRAMME.split("questions:")[0]
        + "questions:\n"
        + "".join(f"  - {{id: q{i}, text: 'Question {i}?'}}\n" for i in range(11))
    )
    problem = only_problem(yaml_text)
    assert problem.startswith(f"line {line_of(yaml_text, 'q0')}, questions: at most 10")


def test_a_question_longer_than_2000_characters_is_refused():
    long_question = "Why " * 600
    yaml_text = SMALL_PROGRAMME.replace("What could change?", long_question.strip())
    assert "questions[2].text: is too long" in only_problem(yaml_text)


def test_unquoted_1600_is_read_as_four_pm_not_as_960_minutes():
    # YAML 1.1 reads 16:00 as the sexagesimal number 960; the file means four o'clock.
    spec = parse_programme(SMALL_PROGRAMME.replace('"16:00"', "16:00"))
    assert [d.ends_local for d in spec.days] == [time(16, 0), time(16, 0)]
    assert spec.prompt_at(spec.days[0]) == DAY_ONE_PROMPT


def test_quoted_dates_are_read_like_unquoted_ones():
    spec = parse_programme(SMALL_PROGRAMME.replace("date: 2024-05-09", 'date: "2024-05-09"'))
    assert spec.days[0].date == date(2024, 5, 9)


def test_a_comment_is_not_mistaken_for_a_value():
    # `#general` is a YAML comment: the channel is simply not given.
    spec = parse_programme(SMALL_PROGRAMME.replace("C0DIGEST01", "#general"))
    assert spec.digest_channel is None


def test_defaults_fill_what_the_file_leaves_out():
    spec = parse_programme(
        "programme: Minimal\nfacilitators: [U0FACIL001]\n"
        "teams:\n  - {name: One, members: [U0MEMBER01]}\n"
        "days:\n  - {name: Day one, date: 2024-05-09}\n"
    )
    assert spec.timezone == "Europe/London"
    assert spec.prompt_delay_minutes == 30
    assert spec.reminder_hours == (24, 72)
    assert spec.days[0].ends_local == time(17, 0)
    assert [qid for qid, _ in spec.questions] == ["working", "change"]
    assert spec.teams[0].aim == ""


def test_no_reminders_is_allowed():
    assert parse_programme(SMALL_PROGRAMME.replace("[24, 72]", "[]")).reminder_hours == ()


def test_a_file_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(ProgrammeFileError, match="does not exist") as caught:
        load_programme_file(tmp_path / "nope.yaml")
    assert "nope.yaml" in str(caught.value)


def test_the_shipped_example_is_valid():
    spec = load_programme_file(EXAMPLE)
    assert len(spec.teams) == 7 and len(spec.days) == 6
    # Day six is after the clocks go back: 15:30 GMT, prompt at 16:00 UTC.
    assert spec.prompt_at(spec.days[-1]) == datetime(2024, 11, 14, 16, 0, tzinfo=UTC)


# -- the command line -----------------------------------------------------------------------


@pytest.fixture
def database(tmp_path, monkeypatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)  # no stray .env is picked up from the working directory
    # The command configures logging for the process; later tests get theirs back untouched.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield url
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    store = Store.from_url(url)
    try:
        with store.engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            return {
                table: sorted(
                    (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}"'))),
                    key=repr,
                )
                for table in tables
            }
    finally:
        store.dispose()


def load(tmp_path: Path, yaml_text: str, capsys) -> tuple[int, str, str]:
    path = tmp_path / "programme.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    code = cli.main(["programme", "load", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_loading_the_example_twice_reports_up_to_date_and_changes_no_row(database, capsys):
    assert cli.main(["programme", "load", str(EXAMPLE)]) == 0
    first = capsys.readouterr().out
    assert "+ programme 'Co-production programme 2024'" in first
    assert "+ day 'Day six' (2024-11-14)" in first
    before = dump(database)
    assert len(before["members"]) == 2 + 7 * 4 and len(before["programme_days"]) == 6

    assert cli.main(["programme", "load", str(EXAMPLE)]) == 0
    assert "already up to date, nothing changed" in capsys.readouterr().out
    assert dump(database) == before


def test_a_bad_file_prints_every_problem_exits_1_and_changes_nothing(database, tmp_path, capsys):
    assert load(tmp_path, SMALL_PROGRAMME, capsys)[0] == 0
    before = dump(database)
    broken = (
        SMALL_PROGRAMME.replace("Europe/London", "Europe/Londres")
        .replace("2024-11-14", "2024-02-30")
        .replace("Make the move home feel safe", "A new aim that must not be stored")
    )
    code, out, err = load(tmp_path, broken, capsys)
    assert code == 1 and out == ""
    assert "has 2 problems; nothing was changed" in err
    assert "line 3, timezone: 'Europe/Londres' is not a time zone" in err
    assert "days[2].date: '2024-02-30' is not a date" in err
    assert dump(database) == before


def test_a_bad_file_on_first_load_leaves_no_programme(database, tmp_path, capsys):
    code, _, err = load(tmp_path, SMALL_PROGRAMME.replace("C0DIGEST01", "general"), capsys)
    assert code == 1 and "digest_channel" in err
    assert not any(dump(database).get(table) for table in ("programmes", "members", "teams"))


def test_a_changed_aim_and_a_new_day_are_reported_and_stored(database, tmp_path, capsys):
    load(tmp_path, SMALL_PROGRAMME, capsys)
    changed = SMALL_PROGRAMME.replace(
        "Make the move home feel safe", "Make coming home from hospital feel safe"
    ).replace(
        '  - {name: Day two, date: 2024-11-14, ends: "16:00"}\n',
        '  - {name: Day two, date: 2024-11-14, ends: "16:00"}\n'
        '  - {name: Day three, date: 2024-12-12, ends: "13:00"}\n',
    )
    code, out, _ = load(tmp_path, changed, capsys)
    assert code == 0
    assert '~ team "Older People\'s Services": aim' in out
    assert "+ day 'Day three' (2024-12-12)" in out
    assert "already up to date" not in out
    store = Store.from_url(database)
    with store.transaction() as session:
        aim = session.scalar(select(Team.aim).where(Team.name == "Older People's Services"))
        day = session.scalar(select(ProgrammeDay).where(ProgrammeDay.name == "Day three"))
    store.dispose()
    assert aim == "Make coming home from hospital feel safe"
    assert day.prompt_at == datetime(2024, 12, 12, 13, 30, tzinfo=UTC)
    assert "already up to date" in load(tmp_path, changed, capsys)[1]


def test_a_moved_day_gets_a_new_prompt_time(database, tmp_path, capsys):
    load(tmp_path, SMALL_PROGRAMME, capsys)
    moved = SMALL_PROGRAMME.replace(
        'date: 2024-11-14, ends: "16:00"', 'date: 2024-11-21, ends: "12:00"'
    )
    _, out, _ = load(tmp_path, moved, capsys)
    assert "~ day 'Day two': date, ends_at, prompt_at" in out
    store = Store.from_url(database)
    with store.transaction() as session:
        prompt_at = session.scalar(
            select(ProgrammeDay.prompt_at).where(ProgrammeDay.name == "Day two")
        )
    store.dispose()
    assert prompt_at == datetime(2024, 11, 21, 12, 30, tzinfo=UTC)


# -- members leaving the file ---------------------------------------------------------------


def test_a_member_removed_from_the_file_is_not_prompted_again_but_keeps_history(
    store, slack_api, clock
):
    services = Services(
        settings=Settings(slack_bot_token="xoxb-test", slack_signing_secret="s"),
        store=store,
        clock=clock,
        messenger=SlackMessenger(make_client("xoxb-test", slack_api.base_url)),
    )
    load_consented(store, clock, parse_programme(SMALL_PROGRAMME))
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    services.replies.record_text(who=slack("U0MEMBER02"), text="Good day", event_id="Ev1")

    without_ali = SMALL_PROGRAMME.replace("{slack: U0MEMBER02, name: Ali}, ", "")
    report = load_programme(store, clock, parse_programme(without_ali))
    assert "U0MEMBER02: no longer listed, not prompted" in "\n".join(report.lines())
    assert (
        "already up to date"
        in load_programme(store, clock, parse_programme(without_ali)).lines()[0]
    )

    slack_api.reset()
    clock.set(DAY_TWO_PROMPT)
    services.run_due()
    prompted = {c.params["channel"] for c in slack_api.calls_to("chat.postMessage")}
    assert "U0MEMBER02" not in prompted and len(prompted) == 4
    with store.transaction() as session:
        ali = session.scalar(select(Member).where(Member.identities.any(external_id="U0MEMBER02")))
        assert ali.active is False and ali.display_name == "Ali"
        assert session.scalar(select(Reply.id)) is not None  # what Ali wrote is kept
    from bot.domain.digest import build_digest
    from bot.domain.weeks import IsoWeek

    digest = build_digest(store, programme_id=ali.programme_id, week=IsoWeek(2024, 19))
    # One reply in the team: fewer than three, so it is quoted without team or name.
    quotes = [q for s in digest.pooled for q in s.quotes]
    assert [(q.text, q.attribution) for q in quotes] == [("Good day", None)]

    back = load_programme(store, clock, parse_programme(SMALL_PROGRAMME))
    assert any("member U0MEMBER02: active" in line for line in back.lines())


TEAMS_PROGRAMME = """
programme: On Teams
platform: teams
digest_channel: "19:abcDEF123@thread.tacv2"
facilitators: [{teams: 8f0c2d4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f, name: Jo}]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: ["29:1AbCdEfGhIjKlMnOp", sam@example.org]
days:
  - {name: Day one, date: 2024-05-09, ends: "16:00"}
"""


def test_a_programme_on_teams_lists_people_by_entra_id_teams_id_or_e_mail():
    spec = parse_programme(TEAMS_PROGRAMME)
    assert spec.platform == "teams"
    assert spec.facilitators[0].chat_id == "8f0c2d4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f"
    assert [p.chat_id or p.email for p in spec.teams[0].members] == [
        "29:1AbCdEfGhIjKlMnOp",
        "sam@example.org",
    ]


def test_without_a_platform_a_programme_is_on_slack_as_before():
    assert parse_programme(SMALL_PROGRAMME).platform == "slack"


@pytest.mark.parametrize(
    "change, says",
    [
        (("platform: teams", "platform: zoom"), "platform: 'zoom' should be slack or teams"),
        (
            ("[{teams: 8f0c2d4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f, name: Jo}]", "[{slack: U0FACIL001}]"),
            "this programme is on teams (platform:), so give its teams: ID or an e-mail address",
        ),
        (('"29:1AbCdEfGhIjKlMnOp"', "U0MEMBER01"), "is neither a Teams user ID"),
        (('"19:abcDEF123@thread.tacv2"', "C0DIGEST01"), "is not a Teams channel ID"),
    ],
)
def test_people_and_channels_must_be_of_the_programme_s_platform(change, says):
    assert says in only_problem(TEAMS_PROGRAMME.replace(*change))


def test_a_teams_programme_stores_its_people_as_teams_identities(store, clock):
    load_programme(store, clock, parse_programme(TEAMS_PROGRAMME))
    with store.transaction() as session:
        identities = session.execute(
            text("SELECT platform, external_id FROM member_identities ORDER BY external_id")
        ).all()
        platform = session.execute(text("SELECT platform FROM programmes")).scalar()
    assert platform == "teams"
    assert identities == [
        ("teams", "29:1AbCdEfGhIjKlMnOp"),
        ("teams", "8f0c2d4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f"),
    ]


# -- who is told of a safeguarding concern, and whom members may ask ---------------------------

NOBODY = SMALL_PROGRAMME.replace("facilitators: [{slack: U0FACIL001, name: Jo}]\n", "")


def test_a_programme_with_no_safeguarding_lead_and_no_facilitator_is_refused_saying_why():
    problem = only_problem(NOBODY)
    assert problem.startswith("safeguarding: nobody is named to receive safeguarding alerts")
    assert "would reach no one" in problem
    assert "Add `safeguarding:`" in problem and "or `facilitators:`" in problem
    assert "{slack: U0123ABCD, name: Jo Bloggs}" in problem
    assert only_problem(NOBODY + "safeguarding: []\n") == problem
    teams = (
        NOBODY.replace("digest_channel: C0DIGEST01", "platform: teams")
        .replace(
            "members: [{slack: U0MEMBER01, name: Sam}, {slack: U0MEMBER02, name: Ali}, sam@example.org]",
            "members: [sam@example.org]",
        )
        .replace("members: [{slack: U0MEMBER04, name: Kim}]", "members: [kim@example.org]")
    )
    assert "{email: jo.bloggs@example.org, name: Jo Bloggs}" in only_problem(teams)
    # Either list is enough; a lead's own mistake is reported as itself, not twice.
    assert parse_programme(NOBODY + "safeguarding: [U0FACIL001]\n").safeguarding
    assert "safeguarding[1]" in only_problem(NOBODY + "safeguarding: [nobody]\n")


def test_copro_bot_programme_load_refuses_a_programme_nobody_would_be_alerted_for(
    database, tmp_path, capsys
):
    code, out, err = load(tmp_path, NOBODY, capsys)
    assert code == 1 and out == ""
    assert "nothing was changed" in err and "nobody is named to receive safeguarding alerts" in err
    assert not dump(database).get("programmes")


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("pat.kaur@nhs.example", {"email": "pat.kaur@nhs.example"}),
        ('"0161 496 0000"', {"phone": "0161 496 0000"}),
        ("01614960000", {"phone": "01614960000"}),  # YAML would read a number and drop the 0
        ("{name: Pat Kaur}", {"name": "Pat Kaur"}),
        (
            "{name: Pat Kaur, email: pat.kaur@nhs.example, phone: +44 161 496 0000}",
            {"name": "Pat Kaur", "email": "pat.kaur@nhs.example", "phone": "+44 161 496 0000"},
        ),
    ],
)
def test_a_contact_is_a_name_an_e_mail_or_a_phone(contact, expected):
    spec = parse_programme(SMALL_PROGRAMME + f"contact: {contact}\n")
    assert spec.contact.as_dict() == expected


@pytest.mark.parametrize(
    ("contact", "says"),
    [
        ("Pat Kaur", "'Pat Kaur' is neither an e-mail address nor a phone number"),
        ("{name: Pat, email: pat-at-nhs}", "contact.email: 'pat-at-nhs' is not an e-mail address"),
        ("{phone: call me}", "contact.phone: 'call me' is not a phone number"),
        (
            "{name: Pat, mobile: 07700 900123}",
            "contact.mobile: unknown key (use name, email, phone)",
        ),
        ("{}", "contact: is empty"),
        ("[pat.kaur@nhs.example]", "expected one contact, not a list"),
    ],
)
def test_a_bad_contact_is_refused_kindly_with_how_to_write_it(contact, says):
    yaml_text = SMALL_PROGRAMME + f"contact: {contact}\n"
    found = " ".join(problems(yaml_text))
    assert says in found and f"line {line_of(yaml_text, 'contact:')}" in found


def test_the_consent_text_names_the_leads_from_the_file_and_the_contact(store, clock):
    from bot.domain.consent_wording import wording_for
    from storage import queries

    yaml_text = SMALL_PROGRAMME + (
        "safeguarding: [{slack: U0LEAD0001, name: Lee Park}, U0FACIL001]\n"
        "contact: {name: Pat Kaur, phone: 0161 496 0000}\n"
    )
    report = load_programme(store, clock, parse_programme(yaml_text))
    assert report.notes == []
    with store.transaction() as session:
        wording = wording_for(queries.programme_by_name(session, name="Test programme"))
    text = wording.plain_text()
    # Jo is a lead listed by ID only; the file names her as a facilitator.
    assert "the programme's safeguarding leads, Lee Park and Jo." in text
    assert "Ask Pat Kaur: 0161 496 0000." in text
    # With no names anywhere, the load says how to put that right; the text stays true.
    unnamed = SMALL_PROGRAMME.replace("{slack: U0FACIL001, name: Jo}", "U0FACIL001")
    report = load_programme(store, clock, parse_programme(unnamed))
    assert any("consent text cannot say who they are" in line for line in report.lines())
    with store.transaction() as session:
        text = wording_for(queries.programme_by_name(session, name="Test programme")).plain_text()
    assert "show it to the programme's safeguarding leads." in text
    assert "Ask a facilitator." in text
