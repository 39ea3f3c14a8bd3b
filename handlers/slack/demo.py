"""``copro-bot demo``: the whole loop offline, with simulated members, printed as people see it.

It runs the real app over real HTTP against the Slack Web API stand-in on loopback, with a
throwaway SQLite database and a clock the demo moves by hand, so it needs no credentials.
"""

from __future__ import annotations

import json
import secrets
import tempfile
import threading
from datetime import timedelta
from pathlib import Path

from bot.app import create_app
from bot.config import Settings
from bot.domain.clock import ManualClock
from bot.domain.digest import plain_text
from bot.domain.programme_file import load_programme_file
from bot.domain.programmes import load_programme
from bot.server import make_server, stop_server
from handlers.slack import consent_blocks
from handlers.slack.context import person as slack_person
from handlers.slack.messenger import make_client
from handlers.slack.sandbox.answers import (
    consent_requests,
    consent_version,
    form_state,
    prompted_deliveries,
    usage_button,
)
from handlers.slack.sandbox.slack_requests import SlackRequests
from handlers.slack.sandbox.transcript import Transcript
from handlers.slack.sandbox.web_api import SlackWebAPIStandIn
from storage import Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme.yaml"


def run_demo(programme_file: Path = EXAMPLE, out=print) -> int:
    spec = load_programme_file(programme_file)
    with tempfile.TemporaryDirectory() as folder, SlackWebAPIStandIn() as api:
        _add_people(api, spec)
        secret = secrets.token_hex(16)
        settings = Settings(
            slack_bot_token="xoxb-demo", slack_signing_secret=secret, slack_api_url=api.base_url
        )
        day = spec.days[0]
        clock = ManualClock(spec.prompt_at(day) - timedelta(hours=2))
        store = Store.from_url(f"sqlite:///{Path(folder) / 'demo.db'}")
        bot = create_app(
            settings, client=make_client("xoxb-demo", api.base_url), store=store, clock=clock
        )
        server = make_server(bot, host="127.0.0.1", port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        slack = SlackRequests(
            url=f"http://127.0.0.1:{server.effective_port}/slack/events",
            signing_secret=secret,
            response_url_base=api.response_url(),
        )
        story = Transcript(api, out)
        try:
            _play(out, story, api, slack, bot, clock, spec, day)
        finally:
            stop_server(server)
            bot.close()
            store.dispose()
    return 0


def _play(out, story, api, slack, bot, clock, spec, day) -> None:
    services = bot.services
    out(
        f"copro-bot demo: {spec.name}, {len(spec.teams)} teams, offline (nothing leaves this machine).\n"
    )
    report = load_programme(services.store, clock, spec)
    out(f"Loaded the example programme: {len(report.created)} things created.")
    out(
        f"{day.name} ends at {day.ends_local:%H:%M} on {day.date:%A %d %B %Y}; prompts go "
        f"{spec.prompt_delay_minutes} minutes later.\n"
    )

    services.run_due()
    asked = consent_requests(api)
    out(
        f"Before anything else, {len(asked)} people get a message saying what the bot will ask, "
        "what it keeps and who sees it. Nobody is asked a question before saying yes:"
    )
    first = sorted(asked)[0]
    story.show(asked[first])
    decliner = sorted(asked)[-1]
    for user_id, message in sorted(asked.items()):
        choice = (
            consent_blocks.CONSENT_DECLINE if user_id == decliner else consent_blocks.CONSENT_AGREE
        )
        slack.action(user_id, choice, consent_version(message.params), message_ts="1.0")
    api.wait_for("response_url", count=len(asked))
    story.say(decliner, "presses “No, thank you”, and is never asked a question")
    out("Everyone else presses “Yes, I agree”.\n")

    api.reset()
    clock.set(spec.prompt_at(day))
    services.run_due()
    prompts = prompted_deliveries(api)
    out(
        f"The clock reaches {clock.now():%H:%M} UTC: {len(prompts)} members get a direct message. One of them:"
    )
    story.show(api.calls_to("chat.postMessage")[0])

    members = sorted(user for user in prompts if user.startswith("U0T"))  # team members, in order
    # Three people in the first team answer (form, plain text, anonymously); others elsewhere.
    # Each says how their words may be used: nobody is quoted unless they choose it.
    form_user, text_user, anonymous_user, skipper = members[0], members[1], members[2], members[12]

    def choose(user_id: str, usage: str, *, show: bool = False) -> None:
        button = usage_button(api, user_id, usage)
        if button is None:
            return  # already their choice
        if show:
            story.say(user_id, f"presses “{button['text']['text']}”")

        def done(call) -> bool:
            return call.params["channel"].endswith(user_id[1:]) and "Done." in call.params["text"]

        before = len([c for c in api.calls_to("chat.update") if done(c)])
        slack.action(
            user_id, button["action_id"], button["value"], channel_id="D" + user_id[1:],
            message_ts="1.1",
        )  # fmt: skip
        changed = api.wait_for("chat.update", count=before + 1, where=done)[-1]
        if show:
            story.show(changed)

    def update_for(user_id: str) -> object:
        return api.wait_for(
            "chat.update", where=lambda c: c.params.get("channel") == "D" + user_id[1:]
        )[-1]

    story.say(form_user, "presses Answer and fills in the form")
    slack.action(form_user, "copro_answer", prompts[form_user], trigger_id="demo-trigger")
    view = api.wait_for("views.open")[0].params["view"]
    story.show_view(view)
    slack.submit_view(
        form_user,
        callback_id="copro_answer_form",
        private_metadata=view["private_metadata"],
        values=form_state(
            "Families told us the new play corner makes waiting far less stressful.",
            "We need more evening sessions so working parents can join.",
            usage="named",
        ),
    )
    story.show(update_for(form_user))

    story.say(text_user, "replies in plain text, twice")
    for number, text in enumerate(
        (
            "Having a carer co-chair the meeting changed the whole tone.",
            "Managers still don't give staff protected time to attend.",
        ),
        start=1,
    ):
        slack.message(text_user, text, event_id=f"EvDemo{number}")
        story.show(api.wait_for("chat.postMessage", count=number, where=_thanks)[-1])
    choose(text_user, "named", show=True)

    both = members[3]
    story.say(both, "answers both questions in one message, and it is split in two")
    slack.message(
        both, "The buddy system works, but the papers come too late to read.", event_id="EvDemo3"
    )
    story.show(
        api.wait_for(
            "chat.postMessage",
            where=lambda c: _thanks(c) and c.params["channel"].endswith(both[1:]),
        )[-1]
    )

    story.say(anonymous_user, "answers anonymously")
    slack.submit_view(
        anonymous_user,
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(prompts[anonymous_user])}),
        values=form_state(
            "Being paid for our time as experts by experience <!channel>",
            "The wider system is slow: letters still come in jargon.",
            usage="unnamed",
        ),
    )
    update_for(anonymous_user)

    quieter = [
        (members[4], "The peer support workers make people feel welcome from the first minute.",
         "named"),
        (members[5], "We keep hearing from the same confident voices; young carers are missing.",
         "unnamed"),
        (members[6], "Staff are given no time to take part, so meetings get cancelled.",
         "themes_only"),
        (members[16], "It would help to have the papers in easy read before the session.",
         "unnamed"),
    ]  # fmt: skip
    out(
        f"\n{len(quieter)} more members reply in plain text, in other teams; one of them keeps "
        "the choice to be counted in the themes but not quoted."
    )
    for number, (user, text, usage) in enumerate(quieter, start=10):
        slack.message(user, text, event_id=f"EvDemo{number}")
        api.wait_for(
            "chat.postMessage",
            where=lambda c, u=user: _thanks(c) and c.params["channel"].endswith(u[1:]),
        )
        choose(user, usage)

    story.say(skipper, "presses Skip this time")
    slack.action(
        skipper, "copro_skip", prompts[skipper], channel_id="D" + skipper[1:], message_ts="1.1"
    )
    story.show(update_for(skipper))

    clock.advance(hours=24)
    before = len(api.calls_to("chat.postMessage"))
    services.run_due()
    later = api.calls_to("chat.postMessage")[before:]
    reminders = [c for c in later if not str(c.params.get("channel")).startswith("C")]
    in_channel = [c for c in later if str(c.params.get("channel")).startswith("C")]
    out(
        f"\nA day later, {len(reminders)} members who have neither answered nor skipped get a gentle reminder:"
    )
    story.show(reminders[0])
    if in_channel:
        out(
            f"\nAt {spec.digest_weekly.split()[1]} that day, the week's digest posts itself in the digest "
            "channel: a short summary, with the full digest in its thread (shown further down)."
        )
        story.show(in_channel[0])

    facilitator = spec.facilitators[0].chat_id
    story.say(facilitator, "types /copro status")
    story.show_text(slack.command(facilitator, "status").json())
    story.say(facilitator, f"types /copro digest {day.date.isoformat()}")
    before = len(api.calls_to("chat.postMessage"))
    slack.command(facilitator, f"digest {day.date.isoformat()}")
    api.wait_for("response_url", where=lambda c: "direct message" in json.dumps(c.params))
    out("\nThe digest, as the facilitator reads it in Slack: a short summary, and in its thread")
    out("the full digest team by team, with a chart of response rates and a Word copy:")
    for call in api.calls_to("chat.postMessage")[before:]:
        story.show(call)
    for call in api.calls_to("files.getUploadURLExternal"):
        name = str(call.params.get("filename"))
        if name.endswith(".docx"):
            out(f"  [Word document attached in the thread: {name}]")
            continue
        out(f"  [chart attached in the thread: {name}]")
        out(f"  | text alternative: {call.params.get('alt_txt')}")
    as_facilitator = services.members.facilitator(who=slack_person(facilitator))
    digest = services.digests.build(
        as_facilitator, services.digests.parse(as_facilitator, [day.date.isoformat()])
    )
    out(
        "\nThe same digest as plain text (what `copro-bot` would print or a screen reader reads):\n"
    )
    out(plain_text(digest))

    for who, role in ((text_user, "a member"), (facilitator, "the facilitator")):
        story.say(who, f"opens copro-bot's Home tab ({role})")
        api.reset()
        slack.open_home(who)
        story.show_text(api.wait_for("views.publish")[0].params["view"])


def _thanks(call) -> bool:
    return "saved that" in call.params.get("text", "")


def _add_people(api, spec) -> None:
    """Give the stand-in a workspace holding everyone the programme file names."""
    people = [*spec.facilitators, *(p for team in spec.teams for p in team.members)]
    for number, person in enumerate(people, start=1):
        user_id = person.chat_id or f"U0EMAIL{number:03d}"
        name = person.name or (person.email or user_id).split("@")[0].replace(".", " ").title()
        api.add_user(user_id, real_name=name, email=person.email)
