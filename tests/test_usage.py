"""How a member's words may be used, over real HTTP: the choice in the form and on the thanks
for a plain reply, the most private choice by default, and the digest and export obeying it."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select

from bot.domain.digest import build_digest, plain_text
from bot.domain.export import COLUMNS, export_csv
from bot.domain.themes.emerging import emerging_themes
from bot.domain.weeks import IsoWeek
from handlers.slack.digest_blocks import digest_messages
from handlers.slack.sandbox.answers import form_state
from storage.models import Member, PromptDelivery, Reply
from tests.conftest import DAY_ONE_CLOSED

WEEK_19 = IsoWeek(2024, 19)
# Sam, Ali and Samira are the three members of Child and Family Services in SMALL_PROGRAMME.
NAMED_WORDS = "The co-chair really listens to families"
UNNAMED_WORDS = "The waiting room felt calmer this time"
PRIVATE_WORDS = "Managers never give us protected time to attend"


def submit(harness, user_id: str, delivery_id: str, *texts: str | None, usage=None):
    return harness.slack.submit_view(
        user_id,
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(delivery_id)}),
        values=form_state(*texts, usage=usage),
    )


def reply_of(harness, user_id: str) -> tuple[str, bool] | None:
    with harness.store.transaction() as session:
        row = session.execute(
            select(Reply.usage, Reply.anonymous)
            .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
            .join(Member, Member.id == PromptDelivery.member_id)
            .where(Member.identities.any(external_id=user_id))
        ).one_or_none()
    return tuple(row) if row else None


def open_form(harness, user_id: str, delivery_id: str, action: str = "copro_answer") -> dict:
    before = len(harness.api.calls_to("views.open"))
    harness.slack.action(user_id, action, delivery_id, trigger_id=f"t{before}")
    return harness.api.wait_for("views.open", count=before + 1)[-1].params["view"]


def radio(view: dict) -> dict:
    return next(b for b in view["blocks"] if b.get("block_id") == "usage")["element"]


def dm_to(harness, user_id: str, words: str) -> str:
    return harness.api.wait_for(
        "chat.postMessage",
        where=lambda c: (
            c.params["channel"].endswith(user_id[1:]) and words in c.params.get("text", "")
        ),
    )[-1].params["text"]


def three_choices(harness) -> None:
    """Sam is quoted by name, Ali without a name, Samira only counted in the themes."""
    deliveries = harness.prompt_day_one()
    submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], NAMED_WORDS, usage="named")
    submit(harness, "U0MEMBER02", deliveries["U0MEMBER02"], UNNAMED_WORDS, usage="unnamed")
    harness.reply("U0MEMBER03", PRIVATE_WORDS, "EvPrivate")  # the default: themes only
    harness.api.wait_for("chat.update", count=3)


# -- the choice, and its default --------------------------------------------------------------


def test_a_form_with_no_choice_is_counted_in_the_themes_only(harness):
    deliveries = harness.prompt_day_one()
    assert submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Kind words").status == 200
    harness.api.wait_for("chat.update")
    assert reply_of(harness, "U0MEMBER01") == ("themes_only", True)


def test_the_form_offers_three_choices_starting_from_the_default_then_the_replys_own(harness):
    deliveries = harness.prompt_day_one()
    element = radio(open_form(harness, "U0MEMBER01", deliveries["U0MEMBER01"]))
    assert element["type"] == "radio_buttons"
    assert [o["value"] for o in element["options"]] == ["named", "unnamed", "themes_only"]
    assert [o["text"]["text"] for o in element["options"]] == [
        "Quote me by name",
        "Quote me without my name",
        "Count it in the themes but do not quote it",
    ]
    assert element["initial_option"]["value"] == "themes_only"
    assert element["initial_option"] in element["options"]  # Slack wants the same object

    with harness.store.transaction() as session:
        ali = session.scalar(select(Member).where(Member.identities.any(external_id="U0MEMBER02")))
        ali.default_usage = "named"
    assert (
        radio(open_form(harness, "U0MEMBER02", deliveries["U0MEMBER02"]))["initial_option"]["value"]
        == "named"
    )

    submit(harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Kind words", usage="unnamed")
    harness.api.wait_for("chat.update")
    assert reply_of(harness, "U0MEMBER01") == ("unnamed", True)
    editing = open_form(harness, "U0MEMBER01", deliveries["U0MEMBER01"], action="copro_change")
    assert radio(editing)["initial_option"]["value"] == "unnamed"


def test_a_plain_reply_takes_the_members_default_and_the_thanks_says_how_it_is_used(harness):
    harness.prompt_day_one()
    harness.slack.message("U0MEMBER02", "Good tea, kind people", event_id="Ev1")
    thanks = harness.api.wait_for(
        "chat.postMessage", where=lambda c: "saved that" in c.params.get("text", "")
    )[0].params
    assert "I'll count this in the themes but never quote it." in thanks["text"]
    buttons = [e for b in thanks["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["text"]["text"], b["action_id"]) for b in buttons] == [
        ("Quote me by name", "copro_usage:named"),
        ("Quote me without my name", "copro_usage:unnamed"),
    ]
    prompt = harness.api.wait_for("chat.update")[0].params
    assert "I'll count this in the themes but never quote it." in prompt["text"]
    assert reply_of(harness, "U0MEMBER02") == ("themes_only", True)


def test_a_plain_reply_from_a_member_whose_default_is_named_may_be_quoted_by_name(harness):
    harness.prompt_day_one()
    with harness.store.transaction() as session:
        ali = session.scalar(select(Member).where(Member.identities.any(external_id="U0MEMBER02")))
        ali.default_usage = "named"
    harness.reply("U0MEMBER02", "Good tea, kind people", "Ev1")
    assert reply_of(harness, "U0MEMBER02") == ("named", False)
    assert "The digest may quote this with your name." in dm_to(harness, "U0MEMBER02", "saved")


def test_a_default_the_bot_does_not_know_counts_as_the_most_private(harness):
    harness.prompt_day_one()
    with harness.store.transaction() as session:
        ali = session.scalar(select(Member).where(Member.identities.any(external_id="U0MEMBER02")))
        ali.default_usage = "everywhere"  # e.g. a hand-edited row
    harness.reply("U0MEMBER02", "Good tea, kind people", "Ev1")
    assert reply_of(harness, "U0MEMBER02") == ("themes_only", True)


def test_the_thanks_buttons_change_the_choice_for_that_reply(harness):
    harness.prompt_day_one()
    harness.reply("U0MEMBER02", "Good tea, kind people", "Ev1")

    harness.choose_usage("U0MEMBER02", "named")  # a signed block_actions request
    assert reply_of(harness, "U0MEMBER02") == ("named", False)
    done = harness.api.calls_to("chat.update")[-1].params
    assert done["text"].startswith("Done. The digest may quote this with your name.")
    offered = [
        e["action_id"] for b in done["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert offered == ["copro_usage:unnamed", "copro_usage:themes_only"]
    prompt = [
        c.params for c in harness.api.calls_to("chat.update") if "is saved" in c.params["text"]
    ]
    assert "The digest may quote this with your name." in prompt[-1]["text"]

    harness.choose_usage("U0MEMBER02", "themes_only")
    assert reply_of(harness, "U0MEMBER02") == ("themes_only", True)


# -- refusals ---------------------------------------------------------------------------------


def test_someone_elses_reply_is_refused_like_a_missing_one_and_nothing_changes(harness):
    deliveries = harness.prompt_day_one()
    harness.reply("U0MEMBER01", "Sam's own words", "Ev1")
    harness.slack.action("U0MEMBER02", "copro_usage:named", deliveries["U0MEMBER01"])
    theirs = dm_to(harness, "U0MEMBER02", "couldn't find")
    harness.slack.action("U0MEMBER02", "copro_usage:named", "999999")
    missing = harness.api.wait_for(
        "chat.postMessage",
        count=2,
        where=lambda c: (
            c.params["channel"].endswith("MEMBER02") and "couldn't find" in c.params["text"]
        ),
    )[-1].params["text"]
    assert theirs == missing == "I couldn't find that reflection. It may have been deleted."
    # Ali has not answered, so his own prompt has no reply to change either.
    harness.slack.action("U0MEMBER02", "copro_usage:named", deliveries["U0MEMBER02"])
    harness.api.wait_for(
        "chat.postMessage",
        count=3,
        where=lambda c: (
            c.params["channel"].endswith("MEMBER02") and "couldn't find" in c.params["text"]
        ),
    )
    assert reply_of(harness, "U0MEMBER01") == ("themes_only", True)
    assert reply_of(harness, "U0MEMBER02") is None


def test_a_choice_the_bot_does_not_know_is_refused_kindly_and_nothing_changes(harness):
    deliveries = harness.prompt_day_one()
    refused = submit(
        harness, "U0MEMBER01", deliveries["U0MEMBER01"], "Words", usage="shout it out"
    ).json()
    assert refused["response_action"] == "errors"
    assert refused["errors"] == {
        "usage": "Sorry, I didn't recognise that choice. Please pick one from the list."
    }
    assert reply_of(harness, "U0MEMBER01") is None  # nothing stored

    harness.reply("U0MEMBER02", "Good tea, kind people", "Ev1")
    harness.slack.action("U0MEMBER02", "copro_usage:everyone", deliveries["U0MEMBER02"])
    assert "didn't recognise that choice" in dm_to(harness, "U0MEMBER02", "recognise")
    assert reply_of(harness, "U0MEMBER02") == ("themes_only", True)


def test_the_choice_cannot_change_once_the_weeks_digest_is_shared(harness):
    deliveries = harness.prompt_day_one()
    harness.reply("U0MEMBER02", "Good tea, kind people", "Ev1")
    harness.clock.set(DAY_ONE_CLOSED)
    harness.slack.command("U0FACIL001", "digest post 2024-W19")
    harness.api.wait_for("response_url")
    harness.slack.action("U0MEMBER02", "copro_usage:named", deliveries["U0MEMBER02"])
    assert "already been shared" in dm_to(harness, "U0MEMBER02", "already been shared")
    assert reply_of(harness, "U0MEMBER02") == ("themes_only", True)

    # A late reply can't change once saved, so its thanks offers no buttons that would fail.
    harness.reply("U0MEMBER01", "A late thought", "Ev2")
    late = harness.api.calls_to("chat.postMessage")[-1].params
    assert "saved that" in late["text"] and [b["type"] for b in late["blocks"]] == ["section"]


# -- the digest and the export obey it ---------------------------------------------------------


def test_each_choice_is_honoured_in_the_digest_and_every_reply_still_counts(harness):
    three_choices(harness)
    digest = build_digest(harness.store, programme_id=1, week=WEEK_19)
    team = next(t for t in digest.teams if t.name == "Child and Family Services")
    assert (team.answered, team.small) == (3, False)
    counted = sum(g.count for s in digest.overall for g in s.themes)
    assert counted == 3  # the programme's themes count all three replies
    shown = json.dumps(digest_messages(digest), ensure_ascii=False) + plain_text(digest)

    assert f"{NAMED_WORDS}\\n_— Sam_" in shown  # quoted with the name
    # Sam is named, so only Ali and Samira could have written the unnamed reply: two people,
    # under the floor of three. Its words are held back and the team's counts not shown.
    assert UNNAMED_WORDS not in shown and "Ali" not in shown
    assert team.protected and digest.held_back == 2
    assert PRIVATE_WORDS not in shown and "Samira" not in shown  # not quoted at all
    assert "counted in the themes only" in shown  # one unquoted reply: no count given
    assert digest.unquoted == 1
    time = next(g for s in digest.overall for g in s.themes if g.theme_id == "time-capacity")
    assert time.count == 1 and time.quotes == []  # counted under its theme, never quoted


def test_a_small_group_never_shows_a_name_even_when_one_was_allowed(harness):
    deliveries = harness.prompt_day_one()
    submit(harness, "U0MEMBER04", deliveries["U0MEMBER04"], "Letters are clearer", usage="named")
    harness.api.wait_for("chat.update")
    digest = build_digest(harness.store, programme_id=1, week=WEEK_19)
    shown = json.dumps(digest_messages(digest), ensure_ascii=False) + plain_text(digest)
    assert "Letters are clearer" in shown and "Kim" not in shown


def test_emerging_themes_count_every_reply_but_show_only_quotable_ones_as_examples():
    texts = [
        "The car park was full again",
        "No space in the car park at all",
        "Car park charges put people off",
    ]
    found = emerging_themes(texts, quotable=[False, True, False])
    car_park = next(e for e in found if e.label == "car park")
    assert car_park.count == 3
    assert car_park.examples == ("No space in the car park at all",)
    nothing_quotable = emerging_themes(texts, quotable=[False, False, False])
    assert next(e for e in nothing_quotable if e.label == "car park").examples == ()


def test_the_export_obeys_each_choice_and_keeps_its_columns(harness):
    three_choices(harness)
    raw = export_csv(harness.store, programme_id=1).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert tuple(rows[0]) == COLUMNS
    assert COLUMNS[:14] == (
        "programme", "day", "date", "iso_week", "team", "question_id", "question", "answer",
        "theme", "role", "anonymous", "member", "answered_at", "edited_at",
    )  # fmt: skip
    assert COLUMNS[14:] == ("usage",)
    by_usage = {r["usage"]: r for r in rows}
    assert set(by_usage) == {"named", "unnamed", "themes_only"} and len(rows) == 3
    named, unnamed, private = by_usage["named"], by_usage["unnamed"], by_usage["themes_only"]
    assert (named["answer"], named["member"], named["anonymous"]) == (
        NAMED_WORDS,
        "Sam",  # as the facilitators know them, not their Slack user ID
        "no",
    )
    assert (unnamed["answer"], unnamed["member"], unnamed["anonymous"]) == (
        UNNAMED_WORDS,
        "",
        "yes",
    )
    assert (private["answer"], private["member"], private["anonymous"]) == ("", "", "yes")
    assert private["theme"] == "Time and capacity"  # the theme stays
    assert PRIVATE_WORDS not in raw and "U0MEMBER03" not in raw


def test_status_names_only_members_who_may_be_quoted_by_name(harness):
    deliveries = harness.prompt_day_one()
    submit(harness, "U0MEMBER04", deliveries["U0MEMBER04"], "Letters are clearer", usage="named")
    harness.api.wait_for("chat.update")
    harness.reply("U0MEMBER02", "Good tea, kind people", "Ev1")  # themes only, by default
    shown = json.dumps(harness.slack.command("U0FACIL001", "status").json())
    assert "Older People's Services: Kim" in shown
    assert "Child and Family Services: nobody by name; 3 not named" in shown
    assert "Ali" not in shown
