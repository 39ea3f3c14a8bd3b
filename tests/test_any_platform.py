"""A second chat platform is a new adapter, not a fork: a fake one, written here in a few
dozen lines (parse, call one use case, render to a list), drives the whole loop through the
same use cases as Slack (consent, prompt, reply in words and by form, reminder, safeguarding
alert, digest) without a line of the domain knowing it exists."""

from __future__ import annotations

from bot.app import create_app
from bot.config import Settings
from bot.domain.identity import Identity
from bot.domain.messenger import Person, Sent
from bot.domain.programme_file import parse_programme
from bot.domain.programmes import load_programme
from bot.domain.usecases import outcomes
from storage.models import MemberIdentity
from tests.conftest import DAY_ONE_PROMPT

PROGRAMME = """
programme: Fake platform programme
timezone: Europe/London
facilitators: [jo@example.org]
teams:
  - name: Child and Family Services
    aim: Shape the waiting-room experience with families
    members: [sam@example.org, ali@example.org, kim@example.org, max@example.org]
days:
  - {name: Day one, date: 2024-05-09, ends: "16:00"}
prompt_delay_minutes: 30
reminder_hours: [24]
weekends: true
bank_holidays: none
"""
PEOPLE = {f"{n}@example.org": f"fk-{n}" for n in ("jo", "sam", "ali", "kim", "max")}


class FakeMessenger:
    """Outbound: everything the domain says, recorded as (to, kind, what)."""

    platform = "fake"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, object]] = []

    def _record(self, to: str, kind: str, what: object) -> Sent:
        self.sent.append((to, kind, what))
        return Sent(f"{to}#{len(self.sent)}")

    def find_person(self, *, user_id=None, email=None) -> Person | None:
        found = user_id or PEOPLE.get(email or "")
        return Person(found, found.removeprefix("fk-").title()) if found else None

    def find_prompt(self, user_id, delivery_id):
        return None

    def send_prompt(self, user_id, prompt):
        return self._record(user_id, "prompt", prompt)

    def send_reminder(self, user_id, reminder):
        return self._record(user_id, "reminder", reminder)

    def send_consent_request(self, user_id, wording):
        return self._record(user_id, "consent", wording)

    def send_notice(self, user_id, text):
        return self._record(user_id, "notice", text)

    def send_thanks(self, user_id, thanks):
        return self._record(user_id, "thanks", thanks)

    def mark_answered(self, ref, answered):
        self._record(ref, "answered", answered)

    def mark_skipped(self, ref, day_name):
        self._record(ref, "skipped", day_name)

    def send_file(self, user_id, file):
        self._record(user_id, "file", file)

    def send_alert(self, user_id, alert):
        return self._record(user_id, "alert", alert)

    def update_alert(self, ref, alert):
        self._record(ref, "alert updated", alert)

    def send_check_in(self, user_id, offer):
        return self._record(user_id, "check-in", offer)

    def post_digest(self, channel, digest, *, document=None):
        return [self._record(channel, "digest", digest)]


class FakeAdapter:
    """Inbound: a request is a dict; one use case is called; the outcome rendered as text."""

    platform = "fake"

    def __init__(self) -> None:
        self.messenger = FakeMessenger()
        self.services = None

    def later(self, work) -> None:
        work()  # no platform waiting on an answer here

    def attach(self, services) -> None:
        self.services = services

    def routes(self) -> dict:
        return {}

    def close(self) -> None:
        pass

    def handle(self, request: dict) -> str:
        who, s = Identity("fake", request["from"]), self.services
        kind = request["kind"]
        if kind == "words":
            outcome = s.reply_in_words(who, request["text"], event_id=request.get("id"))
        elif kind == "form":
            outcome = s.submit_form(
                who, delivery_id=request["prompt"], answers=request["answers"], usage="named"
            )
        elif kind == "consent":
            outcome = s.choices.decide_consent(who, request["version"], request["agreed"])
        else:
            outcome = s.commands(who, request["text"].split())
        if isinstance(outcome, outcomes.Working):
            outcome = outcome.finish()
        return type(outcome).__name__ + (f": {outcome.text}" if hasattr(outcome, "text") else "")


def test_a_fake_platform_drives_the_whole_loop_through_the_same_use_cases(store, clock, tmp_path):
    adapter = FakeAdapter()
    bot = create_app(
        Settings(spool_dir=str(tmp_path / "spool")), store=store, clock=clock, adapter=adapter
    )
    messenger, services = adapter.messenger, bot.services
    load_programme(store, clock, parse_programme(PROGRAMME))

    def sent(kind: str, to: str | None = None) -> list:
        return [what for who, k, what in messenger.sent if k == kind and (to in (None, who))]

    # Consent first: everyone is asked, in the fake platform's terms; four say yes.
    services.run_due()
    assert {who for who, kind, _ in messenger.sent if kind == "consent"} == set(PEOPLE.values())
    version = sent("consent")[0].version
    for name in ("jo", "sam", "ali", "kim"):
        answer = adapter.handle(
            {"kind": "consent", "from": f"fk-{name}", "version": version, "agreed": True}
        )
        assert answer == "ConsentDecided"
    assert adapter.handle(
        {"kind": "consent", "from": "fk-max", "version": version, "agreed": False}
    ) == ("ConsentDecided")

    # The prompt reaches exactly those who agreed.
    clock.set(DAY_ONE_PROMPT)
    services.run_due()
    prompts = {who: what.delivery_id for who, kind, what in messenger.sent if kind == "prompt"}
    assert set(prompts) == {"fk-jo", "fk-sam", "fk-ali", "fk-kim"}

    # A reply in words: stored, thanked, its prompt marked answered.
    said = adapter.handle({"kind": "words", "from": "fk-sam", "text": "The buddy system works"})
    assert said == "Stored"
    (thanks,) = sent("thanks", "fk-sam")
    assert thanks.question == "What is working?"
    assert [a.delivery_id for a in sent("answered")] == [prompts["fk-sam"]]

    # The form.
    answers = {"working": "Clear agendas", "change": "Papers a week before"}
    form = {"kind": "form", "from": "fk-ali", "prompt": prompts["fk-ali"], "answers": answers}
    assert adapter.handle(form) == "Stored"

    # A crisis reply: the lead (the facilitator, by default) is alerted; the member signposted.
    crisis = "I don't want to be alive any more and I have been planning how to end it"
    assert adapter.handle({"kind": "words", "from": "fk-kim", "text": crisis}) == "Stored"
    (alert,) = [a.text for a in sent("alert", "fk-jo") if "Safeguarding alert" in a.text]
    assert "URGENT" in alert and "Kim" in alert
    assert any("116 123" in text for text in sent("notice", "fk-kim"))
    assert sent("thanks", "fk-kim") == []

    # A reminder for the one who has not answered, a day on.
    clock.advance(hours=24, minutes=1)
    services.run_due()
    assert [r.delivery_id for r in sent("reminder")] == [prompts["fk-jo"]]

    # Someone else asking for the digest is refused; the facilitator gets it, to themselves.
    assert adapter.handle({"kind": "command", "from": "fk-sam", "text": "digest"}).startswith(
        "Refused: Sorry, that's something only the programme's facilitators can do."
    )
    assert adapter.handle({"kind": "command", "from": "fk-jo", "text": "digest"}) == (
        "Told: I've sent you the digest in a direct message."
    )
    (digest,) = sent("digest", "fk-jo")
    quoted = [q.text for t in digest.teams for s in t.sections for q in s.quotes]
    assert "Clear agendas" in quoted and crisis not in quoted  # flagged: never in a digest
    assert digest.withheld == 1


def test_the_fake_platform_s_people_are_stored_as_its_own_identities(store, clock, tmp_path):
    adapter = FakeAdapter()
    bot = create_app(
        Settings(spool_dir=str(tmp_path / "spool")), store=store, clock=clock, adapter=adapter
    )
    load_programme(store, clock, parse_programme(PROGRAMME))
    bot.services.run_due()  # the consent sweep finds each person by e-mail
    with store.transaction() as session:
        found = {(i.platform, i.external_id) for i in session.query(MemberIdentity)}
    assert found == {("fake", person) for person in PEOPLE.values()}
    # A Slack user with the same ID is someone else: the fake platform's member is not theirs.
    refused = bot.services.commands(Identity("slack", "fk-sam"), ["pause"])
    assert isinstance(refused, outcomes.Refused)
