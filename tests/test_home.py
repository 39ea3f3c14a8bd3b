"""The Home tab, for members and facilitators, over real signed HTTP; within Slack's limits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.domain.home import DayRates, HomePage, PastReply, TeamRate, build_home
from bot.domain.identity import slack
from handlers.slack import blocks
from handlers.slack import home_blocks as hb
from handlers.slack.home_blocks import home_view
from storage.models import Member, PromptDelivery, Reply
from tests.conftest import SMALL_PROGRAMME
from tests.slack_view_limits import problems

HOME = {"type": "home"}


def open_home(harness, user_id: str) -> dict:
    harness.api.reset()
    assert harness.slack.open_home(user_id).status == 200
    view = harness.api.wait_for("views.publish")[0].params["view"]
    assert problems(view) == []
    return view


def texts(view: dict) -> str:
    """Every piece of text on the page, as one string to search."""
    out = []
    for block in view["blocks"]:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            text = element.get("text")
            out.append(text.get("text", "") if isinstance(text, dict) else text or "")
    return "\n".join(out)


def action_ids(view: dict) -> set[str]:
    found = set()
    for block in view["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id"):
                found.add(element["action_id"])
    return found


def click_home(harness, user_id: str, action_id: str, value: str = "", element=None) -> None:
    harness.api.reset()
    response = harness.slack.action(user_id, action_id, value, view=HOME, element=element)
    assert response.status == 200
    harness.api.wait_for("views.publish")  # every choice refreshes the page


def stored(harness, user_id: str) -> Member:
    with harness.store.transaction() as session:
        member = session.scalar(select(Member).where(Member.identities.any(external_id=user_id)))
        session.expunge(member)
        return member


def test_a_member_sees_open_prompts_choices_and_past_replies_but_no_team_figures(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "The <b>play corner</b> helps", "Ev1")

    answered = open_home(harness, "U0MEMBER01")
    page = texts(answered)
    assert "Reflections: Test programme" in page
    assert "You agreed to take part" in page
    assert "The &lt;b&gt;play corner&lt;/b&gt; helps" in page  # their words, escaped
    assert {blocks.CHANGE, hb.HOME_DELETE, hb.HOME_USAGE, hb.HOME_PAUSE, hb.HOME_AWAY} <= (
        action_ids(answered)
    )
    assert hb.HOME_DIGEST not in action_ids(answered) and "answered (" not in page

    waiting = open_home(harness, "U0MEMBER02")
    assert "Waiting for your thoughts" in texts(waiting) and "Day one" in texts(waiting)
    assert blocks.ANSWER in action_ids(waiting)


def test_a_facilitator_also_sees_response_rates_per_team_and_day_and_the_buttons(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "Good day", "Ev1")
    view = open_home(harness, "U0FACIL001")
    page = texts(view)
    assert "For facilitators" in page
    assert "Child and Family Services: 1 of 3 answered (33%)" in page
    assert "Older People's Services: 0 of 1 answered (0%)" in page
    assert {hb.HOME_DIGEST, hb.HOME_EXPORT} <= action_ids(view)


def test_someone_outside_every_programme_is_told_kindly(harness):
    harness.load()
    harness.api.add_user("U0STRANGER", real_name="Pat")
    page = texts(open_home(harness, "U0STRANGER"))
    assert "not in a co-production programme yet" in page


def test_pause_resume_away_and_back_from_home_are_stored(harness):
    harness.load()
    click_home(harness, "U0MEMBER01", hb.HOME_PAUSE, "pause")
    assert stored(harness, "U0MEMBER01").opted_out is True
    click_home(harness, "U0MEMBER01", hb.HOME_RESUME, "resume")
    assert stored(harness, "U0MEMBER01").opted_out is False

    picked = {"type": "datepicker", "selected_date": "2024-05-20"}
    click_home(harness, "U0MEMBER01", hb.HOME_AWAY, element=picked)
    assert stored(harness, "U0MEMBER01").away_until == date(2024, 5, 20)
    assert "away until Monday 20 May 2024" in texts(
        harness.api.calls_to("views.publish")[0].params["view"]
    )
    click_home(harness, "U0MEMBER01", hb.HOME_BACK, "back")
    assert stored(harness, "U0MEMBER01").away_until is None


def test_a_date_in_the_past_is_refused_kindly_and_changes_nothing(harness):
    harness.load()
    click_home(
        harness,
        "U0MEMBER01",
        hb.HOME_AWAY,
        element={"type": "datepicker", "selected_date": "2020-01-01"},
    )
    notice = harness.api.calls_to("views.open")[0].params["view"]
    assert "from today up to a year ahead" in notice["blocks"][0]["text"]["text"]
    assert stored(harness, "U0MEMBER01").away_until is None


def test_the_usage_choice_is_stored_and_a_made_up_one_is_refused(harness):
    harness.load()
    chosen = {"type": "static_select", "selected_option": {"value": "unnamed"}}
    click_home(harness, "U0MEMBER01", hb.HOME_USAGE, element=chosen)
    assert stored(harness, "U0MEMBER01").default_usage == "unnamed"
    made_up = {"type": "static_select", "selected_option": {"value": "shout it"}}
    click_home(harness, "U0MEMBER01", hb.HOME_USAGE, element=made_up)
    assert (
        "didn't recognise"
        in harness.api.calls_to("views.open")[0].params["view"]["blocks"][0]["text"]["text"]
    )
    assert stored(harness, "U0MEMBER01").default_usage == "unnamed"


def test_the_default_choice_from_home_applies_to_the_next_reply_and_each_reply_can_change(
    harness,
):
    deliveries = harness.prompt_day_one()
    chosen = {"type": "static_select", "selected_option": {"value": "named"}}
    click_home(harness, "U0MEMBER01", hb.HOME_USAGE, element=chosen)
    harness.reply("U0MEMBER01", "Good day", "Ev1")
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.usage)) == "named"

    delivery = deliveries["U0MEMBER01"]
    view = open_home(harness, "U0MEMBER01")
    select_ = next(
        e
        for b in view["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id") == hb.HOME_REPLY_USAGE
    )
    assert select_["initial_option"]["value"] == f"{delivery}:named"
    private = {"type": "static_select", "selected_option": {"value": f"{delivery}:themes_only"}}
    click_home(harness, "U0MEMBER01", hb.HOME_REPLY_USAGE, element=private)
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.usage)) == "themes_only"
        assert session.scalar(select(Reply.anonymous)) is True
    # Someone else's reply, or a made-up value: refused kindly, nothing changes.
    for value in (f"{deliveries['U0MEMBER02']}:named", "nonsense", f"{delivery}:shout"):
        bad = {"type": "static_select", "selected_option": {"value": value}}
        click_home(harness, "U0MEMBER01", hb.HOME_REPLY_USAGE, element=bad)
        assert harness.api.calls_to("views.open"), value
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.usage)) == "themes_only"


def test_deleting_a_reply_from_home_removes_it_for_good(harness):
    deliveries = harness.prompt_day_one()
    harness.reply("U0MEMBER01", "Something I regret writing", "Ev1")
    click_home(harness, "U0MEMBER01", hb.HOME_DELETE, deliveries["U0MEMBER01"])
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.id)) is None
        state = session.scalar(
            select(PromptDelivery.state).where(PromptDelivery.id == int(deliveries["U0MEMBER01"]))
        )
    assert state == "skipped"
    assert "Something I regret" not in texts(
        harness.api.calls_to("views.publish")[0].params["view"]
    )
    # Someone else's reply cannot be deleted: the same answer as a missing one.
    harness.reply("U0MEMBER02", "Mine", "Ev2")
    click_home(harness, "U0MEMBER01", hb.HOME_DELETE, deliveries["U0MEMBER02"])
    assert (
        "couldn't find"
        in harness.api.calls_to("views.open")[0].params["view"]["blocks"][0]["text"]["text"]
    )
    with harness.store.transaction() as session:
        assert session.scalar(select(Reply.id)) is not None


def test_consent_can_be_taken_back_and_given_again_from_home(harness):
    harness.load()
    click_home(harness, "U0MEMBER01", hb.HOME_WITHDRAW, "withdraw")
    assert stored(harness, "U0MEMBER01").consent_given is False
    assert "You've said no" in texts(harness.api.calls_to("views.publish")[0].params["view"])
    click_home(harness, "U0MEMBER01", hb.HOME_CONSENT, "show")
    sent = harness.api.calls_to("chat.postMessage")
    assert any("What I keep" in c.params["text"] for c in sent)


def test_facilitator_buttons_send_the_digest_and_export_and_refuse_members(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "Good day", "Ev1")
    click_home(harness, "U0FACIL001", hb.HOME_EXPORT, "export")
    assert harness.api.calls_to("files.completeUploadExternal")
    click_home(harness, "U0FACIL001", hb.HOME_DIGEST, "digest")
    assert harness.api.calls_to("chat.postMessage")
    click_home(harness, "U0MEMBER01", hb.HOME_EXPORT, "export")
    assert not harness.api.calls_to("files.completeUploadExternal")
    assert (
        "only the programme's facilitators"
        in harness.api.calls_to("views.open")[0].params["view"]["blocks"][0]["text"]["text"]
    )


def test_the_fullest_home_tab_stays_within_slack_limits():
    long = "word " * 8000
    page = HomePage(
        member=True,
        programme="P" * 300,
        consent=None,
        default_usage="themes_only",
        past_replies=tuple(
            PastReply(n, "Day " * 100, date(2024, 5, 9), (("Q" * 3000, long),) * 3, "named", False)
            for n in range(50)
        ),
        older_replies=400,
        facilitator=True,
        rates=tuple(
            DayRates(
                "Day " * 100, "2024-05-09", tuple(TeamRate("T" * 200, 9, 4) for _ in range(40))
            )
            for _ in range(20)
        ),
    )
    view = home_view(page)
    assert problems(view) == []
    assert {hb.HOME_DIGEST, hb.HOME_EXPORT} <= action_ids(view)  # nothing cut off the end


def test_the_home_page_lists_at_most_the_latest_replies(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER01", "First", "Ev1")
    page = build_home(harness.store, who=slack("U0MEMBER01"))
    assert [r.day_name for r in page.past_replies] == ["Day one"] and page.older_replies == 0


def test_after_the_wording_changes_home_asks_to_read_and_agree_again(harness):
    harness.load()
    harness.load(SMALL_PROGRAMME + "retention_days: 365\n", consented=False)
    page = texts(open_home(harness, "U0MEMBER01"))
    assert "have changed" in page and "Waiting for your thoughts" not in page
