"""Read and check a programme file (YAML), naming the line and key of every mistake.

Everything is checked before anything is stored, so a bad file changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
SLACK_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")
# A Teams user: their Entra object id (a GUID) or the Bot Framework's "29:…" id.
TEAMS_USER_ID = re.compile(
    r"^(29:[\w\-]{8,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
)
# A Teams channel: "19:…@thread.tacv2" (or .skype for older teams).
TEAMS_CHANNEL_ID = re.compile(r"^19:[\w\-.]+@thread\.[a-z0-9]+$")
PLATFORMS = ("slack", "teams")
ID_FORMS = {
    "slack": (SLACK_USER_ID, "a Slack user ID (like U0123ABCD)"),
    "teams": (TEAMS_USER_ID, "a Teams user ID (an Entra object id, or 29:…)"),
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A phone number as people write it: digits, spaces, brackets, dashes, a leading +.
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,23}$")
QUESTION_ID = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HH_MM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
KNOWN_KEYS = {
    "programme", "timezone", "digest_channel", "facilitators", "teams", "days",
    "prompt_delay_minutes", "reminder_hours", "questions", "retention_days",
    "digest_weekly", "anonymity_min_replies", "themes", "safeguarding", "signposting",
    "quiet_hours", "weekends", "bank_holidays", "platform", "contact", "digest_email",
}  # fmt: skip
# An address for e-mail headers: one @, a dot in the domain, nothing a header would split on.
MAIL_ADDRESS = re.compile(
    r"^[^@\s,;:<>()\[\]\\\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
BANK_HOLIDAY_REGIONS = ("england", "wales", "scotland", "northern_ireland", "none")
QUIET = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")
PARTICIPANT_ROLES = ("patient", "carer", "staff", "other")
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
DEFAULT_QUESTIONS = (("working", "What is working?"), ("change", "What could change?"))


@dataclass(frozen=True)
class PersonSpec:
    chat_id: str | None  # their ID on the programme's platform (a Slack user ID, say)
    email: str | None
    name: str | None
    role: str | None = None  # patient | carer | staff | other, when the programme records it

    @property
    def key(self) -> str:
        return (self.chat_id or self.email or "").lower()


@dataclass(frozen=True)
class ContactSpec:
    """Who members may ask about the programme: a name, an e-mail address, a phone number,
    any of them (at least one)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("name", self.name), ("email", self.email),
                                  ("phone", self.phone)) if v}  # fmt: skip


@dataclass(frozen=True)
class TeamSpec:
    name: str
    aim: str
    members: tuple[PersonSpec, ...]


@dataclass(frozen=True)
class DaySpec:
    name: str
    date: date
    ends_local: time

    def ends_at(self, zone: ZoneInfo) -> datetime:
        """The end of the day in UTC; zoneinfo applies summer time for that date."""
        return datetime.combine(self.date, self.ends_local, tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    timezone: str
    digest_channel: str | None
    facilitators: tuple[PersonSpec, ...]
    teams: tuple[TeamSpec, ...]
    days: tuple[DaySpec, ...]
    prompt_delay_minutes: int
    reminder_hours: tuple[int, ...]
    questions: tuple[tuple[str, str], ...] = field(default=DEFAULT_QUESTIONS)
    # Replies older than this many days (counted from their programme day) are deleted.
    retention_days: int | None = None
    digest_weekly: str | None = None  # "FRI 16:00", local time
    anonymity_min_replies: int = 3
    themes: tuple[dict, ...] | None = None  # the programme's own codebook; None: the default
    safeguarding: tuple[PersonSpec, ...] = ()  # who gets safeguarding alerts
    signposting: str | None = None  # what a member at risk is told; None: the default
    quiet_hours: str | None = "20:00-08:00"  # "none": any time of day
    weekends: bool = False
    bank_holidays: str | None = "england"
    platform: str = "slack"  # the chat platform its members are on: slack | teams
    contact: ContactSpec | None = None  # who to ask about the programme (the consent says)
    digest_email: tuple[str, ...] = ()  # the weekly digest also goes to these addresses

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def prompt_at(self, day: DaySpec) -> datetime:
        return day.ends_at(self.zone) + timedelta(minutes=self.prompt_delay_minutes)


class ProgrammeFileError(ValueError):
    """Every problem found in a programme file, one per line, each naming where it is."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"{source} has {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
            f"nothing was changed.\n{lines}"
        )


def load_programme_file(path: str | Path) -> ProgrammeSpec:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProgrammeFileError(str(path), ["the file does not exist"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProgrammeFileError(str(path), [f"the file cannot be read ({error})"]) from None
    return parse_programme(text, source=str(path))


TABBED = "this is not valid YAML: the line is indented with a tab; use spaces instead"


def parse_programme(text: str, *, source: str = "the programme file") -> ProgrammeSpec:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise ProgrammeFileError(source, _yaml_problems(text, error)) from None
    checker = _Checker()
    spec = checker.programme(node)
    if checker.problems or spec is None:
        raise ProgrammeFileError(source, by_line(checker.problems or ["the file is empty"]))
    return spec


def by_line(problems: list[str]) -> list[str]:
    """Problems in the order of the file: those of the whole file first, then by line."""
    return sorted(problems, key=lambda p: int(m.group(1)) if (m := LINE.match(p)) else 0)


LINE = re.compile(r"^line (\d+)\b")


def _yaml_problems(text: str, error: yaml.YAMLError) -> list[str]:
    """What is wrong with a file YAML cannot read. Tabs get their own words: YAML refuses
    them for indenting, and they look just like spaces in most editors."""
    tabbed = [
        f"line {number}: {TABBED}"
        for number, line in enumerate(text.splitlines(), 1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is not None and f"line {mark.line + 1}: {TABBED}" in tabbed:
        return tabbed
    where = f"line {mark.line + 1}: " if mark else ""
    if "'\\t'" in problem or "\t" in problem:
        found = [f"{where}this is not valid YAML: there is a tab character here; use spaces"]
    else:
        found = [f"{where}this is not valid YAML ({problem})"]
    return by_line(found + tabbed)


class _Checker:
    """Walks the YAML node tree, so every value still knows its line."""

    def __init__(self) -> None:
        self.platform = "slack"
        self.any_platform = False  # the platform itself was wrong: take either's IDs
        self.problems: list[str] = []

    def problem(self, node: yaml.Node | None, key: str, message: str) -> None:
        where = f"line {node.start_mark.line + 1}, " if node is not None else ""
        self.problems.append(f"{where}{key or 'the file'}: {message}")

    def scalar(self, node: yaml.Node, key: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, key, "expected a single value here, not a list or a mapping")
            return None
        return _construct(node)

    def text(self, node: yaml.Node | None, key: str, *, required: bool = True) -> str | None:
        if node is None:
            if required:
                self.problem(None, key, "is missing")
            return None
        if not isinstance(node, yaml.ScalarNode):
            return self.scalar(node, key)  # reports the problem
        value = self.scalar(node, key)
        if value is None:
            if required:
                self.problem(node, key, "is missing" if node.value == "" else "is empty")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(node, key, f"expected text, found {value!r}")
            return None
        value = str(value).strip()
        if required and not value:
            self.problem(node, key, "is empty")
            return None
        return value

    def mapping(self, node: yaml.Node, key: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, key, "expected a mapping of `key: value` lines here")
            return None
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in result:
                self.problem(key_node, f"{key}.{name}" if key else name, "appears twice")
            result[name] = (key_node, value_node)
        return result

    def sequence(self, node: yaml.Node | None, key: str) -> list[yaml.Node]:
        if node is None:
            return []
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, key, "expected a list (lines starting with `-`, or `[a, b]`)")
            return []
        return list(node.value)

    def integer(self, node: yaml.Node | None, key: str, default: int, low: int, high: int) -> int:
        if node is None:
            return default
        value = self.scalar(node, key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(node, key, f"expected a whole number, found {node.value!r}")
            return default
        if not low <= value <= high:
            self.problem(node, key, f"must be between {low} and {high}, not {value}")
            return default
        return value

    def person(self, node: yaml.Node, key: str) -> PersonSpec | None:
        """A member as the file lists them: a bare ID or e-mail, or ``{slack|teams: ID,
        email, name, role}``; the ID must be of the programme's own platform."""
        pattern, form = ID_FORMS[self.platform]
        if self.any_platform:
            pattern = re.compile("|".join(f"(?:{p.pattern})" for p, _ in ID_FORMS.values()))
        if isinstance(node, yaml.MappingNode):
            fields = self.mapping(node, key) or {}
            for name, (key_node, _) in fields.items():
                if name not in {*PLATFORMS, "email", "name", "role"}:
                    self.problem(
                        key_node,
                        f"{key}.{name}",
                        "unknown key (use slack, teams, email, name, role)",
                    )
                elif name in PLATFORMS and name != self.platform and not self.any_platform:
                    self.problem(
                        key_node, f"{key}.{name}",
                        f"this programme is on {self.platform} (platform:), so give its "
                        f"{self.platform}: ID or an e-mail address",
                    )  # fmt: skip
                    return None
            given = self.platform
            if self.any_platform:
                given = next((p for p in PLATFORMS if p in fields), self.platform)
            chat_id = self.text(
                fields.get(given, (None, None))[1], f"{key}.{given}", required=False
            )
            email = self.text(fields.get("email", (None, None))[1], f"{key}.email", required=False)
            name = self.text(fields.get("name", (None, None))[1], f"{key}.name", required=False)
            if chat_id and not pattern.match(chat_id):
                self.problem(node, f"{key}.{self.platform}", f"{chat_id!r} is not {form}")
                return None
            if email and not EMAIL.match(email):
                self.problem(node, f"{key}.email", f"{email!r} is not an e-mail address")
                return None
            if not (chat_id or email):
                what = (
                    "a Slack user ID (slack:)"
                    if self.platform == "slack"
                    else ("a Teams user ID (teams:)")
                )
                self.problem(node, key, f"give {what} or an e-mail address (email:)")
                return None
            role = self.text(fields.get("role", (None, None))[1], f"{key}.role", required=False)
            if role and role.lower() not in PARTICIPANT_ROLES:
                self.problem(
                    node, f"{key}.role", f"{role!r} is not one of {', '.join(PARTICIPANT_ROLES)}"
                )
                return None
            return PersonSpec(
                chat_id, email.lower() if email else None, name, role and role.lower()
            )
        value = self.text(node, key)
        if value is None:
            return None
        if pattern.match(value):
            return PersonSpec(value, None, None)
        if EMAIL.match(value):
            return PersonSpec(None, value.lower(), None)
        self.problem(node, key, f"{value!r} is neither {form} nor an e-mail address")
        return None

    def programme(self, root: yaml.Node | None) -> ProgrammeSpec | None:
        if root is None:
            return None
        top = self.mapping(root, "")
        if top is None:
            return None
        for name, (key_node, _) in top.items():
            if name not in KNOWN_KEYS:
                self.problem(
                    key_node, name, f"unknown key (known keys: {', '.join(sorted(KNOWN_KEYS))})"
                )

        def get(name: str) -> yaml.Node | None:
            return top.get(name, (None, None))[1]

        name = self.text(get("programme"), "programme")
        zone_name = self.text(get("timezone"), "timezone", required=False) or "Europe/London"
        try:
            ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem(
                get("timezone"),
                "timezone",
                f"{zone_name!r} is not a time zone (like Europe/London)",
            )
            zone_name = "Europe/London"
        platform = (self.text(get("platform"), "platform", required=False) or "slack").lower()
        if platform not in PLATFORMS:
            self.problem(get("platform"), "platform", f"{platform!r} should be slack or teams")
            platform, self.any_platform = "slack", True  # one mistake, named once
        self.platform = platform  # people are read in the programme's own platform's terms
        channel = self.text(get("digest_channel"), "digest_channel", required=False)
        channel_form, channel_words = {
            "slack": (SLACK_CHANNEL_ID, "a Slack channel ID (like C0123ABCD)"),
            "teams": (TEAMS_CHANNEL_ID, "a Teams channel ID (like 19:…@thread.tacv2)"),
        }[platform]
        if channel and not channel_form.match(channel) and not self.any_platform:
            self.problem(
                get("digest_channel"), "digest_channel", f"{channel!r} is not {channel_words}"
            )
        before = len(self.problems)
        facilitators = self.people(get("facilitators"), "facilitators")
        if get("facilitators") is not None and not facilitators and not self.problems:
            self.problem(get("facilitators"), "facilitators", "list at least one facilitator")
        people_problems = len(self.problems) - before
        teams = self.teams(get("teams"))
        days = self.days(get("days"))
        delay = self.integer(
            get("prompt_delay_minutes"), "prompt_delay_minutes", 30, 0, 7 * 24 * 60
        )
        hours = self.reminder_hours(get("reminder_hours"))
        questions = self.questions(get("questions"))
        weekly = self.weekly(get("digest_weekly"))
        emails = self.addresses(get("digest_email"), "digest_email")
        if emails and get("digest_weekly") is None:
            self.problem(
                get("digest_email"), "digest_email",
                "the e-mail goes out with the weekly digest, so also say when that is, "
                'with digest_weekly (like "FRI 16:00")',
            )  # fmt: skip
        min_replies = self.integer(get("anonymity_min_replies"), "anonymity_min_replies", 3, 1, 50)
        themes = self.codebook(get("themes"))
        before = len(self.problems)
        safeguarding = self.people(get("safeguarding"), "safeguarding")
        people_problems += len(self.problems) - before
        if not facilitators and not safeguarding and not people_problems:
            self.problem(None, "safeguarding", self.nobody_to_alert())
        contact = self.contact(get("contact"))
        signposting = self.text(get("signposting"), "signposting", required=False)
        quiet = self.quiet_hours(get("quiet_hours"))
        weekends = self.flag(get("weekends"), "weekends", False)
        region = (
            self.text(get("bank_holidays"), "bank_holidays", required=False) or "england"
        ).lower()
        if region not in BANK_HOLIDAY_REGIONS:
            self.problem(
                get("bank_holidays"),
                "bank_holidays",
                f"{region!r} should be one of {', '.join(BANK_HOLIDAY_REGIONS)}",
            )
        retention = None
        if get("retention_days") is not None:
            retention = self.integer(get("retention_days"), "retention_days", 0, 30, 3650) or None
        if name is None:
            return None
        return ProgrammeSpec(
            name=name,
            platform=platform,
            timezone=zone_name,
            digest_channel=channel,
            facilitators=tuple(facilitators),
            teams=tuple(teams),
            days=tuple(days),
            prompt_delay_minutes=delay,
            reminder_hours=tuple(hours),
            questions=tuple(questions) or DEFAULT_QUESTIONS,
            retention_days=retention,
            digest_weekly=weekly,
            anonymity_min_replies=min_replies,
            themes=themes,
            safeguarding=tuple(safeguarding),
            signposting=signposting,
            quiet_hours=quiet,
            weekends=weekends,
            bank_holidays=None if region == "none" else region,
            contact=contact,
            digest_email=tuple(emails),
        )

    def nobody_to_alert(self) -> str:
        example = "{slack: U0123ABCD, name: Jo Bloggs}"
        if self.platform == "teams":
            example = "{email: jo.bloggs@example.org, name: Jo Bloggs}"
        return (
            "nobody is named to receive safeguarding alerts, so a reply showing that someone "
            "may not be safe would reach no one. Add `safeguarding:` with the people trained "
            "to follow such a reply up, or `facilitators:` (they get the alerts when there is "
            f"no safeguarding: list), for example safeguarding: [{example}]"
        )

    def contact(self, node: yaml.Node | None) -> ContactSpec | None:
        """``contact: jo@example.org``, a phone number, or ``{name, email, phone}``."""
        if node is None:
            return None
        how = (
            "give an e-mail address or a phone number, or a mapping such as "
            "{name: Jo Bloggs, email: jo.bloggs@example.org, phone: 0161 496 0000}"
        )
        if isinstance(node, yaml.MappingNode):
            before = len(self.problems)
            fields = self.mapping(node, "contact") or {}
            for name, (key_node, _) in fields.items():
                if name not in {"name", "email", "phone"}:
                    self.problem(
                        key_node, f"contact.{name}", "unknown key (use name, email, phone)"
                    )
            name = self.text(fields.get("name", (None, None))[1], "contact.name", required=False)
            email = self.text(fields.get("email", (None, None))[1], "contact.email", required=False)
            phone = self.phone(fields.get("phone", (None, None))[1], "contact.phone")
            if email and not EMAIL.match(email):
                self.problem(node, "contact.email", f"{email!r} is not an e-mail address")
                email = None
            if name and len(name) > 100:
                self.problem(node, "contact.name", "is too long (100 characters at most)")
                name = None
            if not (name or email or phone):
                if len(self.problems) == before:
                    self.problem(node, "contact", f"is empty: {how}")
                return None
            return ContactSpec(name, email, phone)
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, "contact", f"expected one contact, not a list: {how}")
            return None
        if node.value.strip() in ("", "~", "null"):
            self.problem(node, "contact", f"is empty: {how}")
            return None
        value = node.value.strip()
        if EMAIL.match(value):
            return ContactSpec(email=value)
        if PHONE.match(value) and 7 <= sum(c.isdigit() for c in value) <= 15:
            return ContactSpec(phone=value)
        self.problem(
            node, "contact", f"{value!r} is neither an e-mail address nor a phone number: {how}"
        )
        return None

    def phone(self, node: yaml.Node | None, key: str) -> str | None:
        """A phone number as written: read from the file's own characters, because YAML
        would read 01614960000 as a number and drop its leading 0."""
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.scalar(node, key)  # reports it
            return None
        value = node.value.strip()
        if not value:
            return None
        if not PHONE.match(value) or not 7 <= sum(c.isdigit() for c in value) <= 15:
            self.problem(node, key, f"{value!r} is not a phone number (like 0161 496 0000)")
            return None
        return value

    def people(self, node: yaml.Node | None, key: str) -> list[PersonSpec]:
        people = []
        for index, item in enumerate(self.sequence(node, key)):
            person = self.person(item, f"{key}[{index + 1}]")
            if person:
                people.append(person)
        return people

    def addresses(self, node: yaml.Node | None, key: str) -> list[str]:
        """E-mail addresses: a list, or one address on its own; each checked, each once."""
        if isinstance(node, yaml.ScalarNode) and node.value not in ("", "~", "null"):
            items = [node]  # digest_email: manager@example.nhs.uk
        else:
            items = self.sequence(node, key)
        found: list[str] = []
        for index, item in enumerate(items):
            where = f"{key}[{index + 1}]" if len(items) > 1 or node is not item else key
            value = self.text(item, where)
            if value is None:
                continue
            if not MAIL_ADDRESS.match(value):
                self.problem(
                    item, where,
                    f"{value!r} is not an e-mail address (write one address, like "
                    "manager@example.nhs.uk)",
                )  # fmt: skip
            elif value.lower() not in {f.lower() for f in found}:
                found.append(value)
        if len(found) > 50:
            self.problem(node, key, "at most 50 addresses; for more, use a mailing list's")
        return found

    def teams(self, node: yaml.Node | None) -> list[TeamSpec]:
        if node is None:
            self.problem(None, "teams", "is missing: list the teams, each with a name and members")
            return []
        teams: list[TeamSpec] = []
        seen: set[str] = set()
        # member -> the first team listing them; a facilitator may also sit in one team
        owner: dict[str, str] = {}
        for index, item in enumerate(self.sequence(node, "teams")):
            key = f"teams[{index + 1}]"
            fields = self.mapping(item, key)
            if fields is None:
                continue
            for name, (key_node, _) in fields.items():
                if name not in {"name", "aim", "members"}:
                    self.problem(key_node, f"{key}.{name}", "unknown key (use name, aim, members)")
            team_name = self.text(
                fields.get("name", (None, None))[1] or _missing(item), f"{key}.name"
            )
            aim = self.text(fields.get("aim", (None, None))[1], f"{key}.aim", required=False) or ""
            members = []
            # Checked member by member, so someone listed twice is reported at their own line.
            member_nodes = self.sequence(fields.get("members", (None, None))[1], f"{key}.members")
            for number, node in enumerate(member_nodes, start=1):
                person = self.person(node, f"{key}.members[{number}]")
                if person is not None and person.key in owner:
                    self.problem(
                        node,
                        f"{key}.members[{number}]",
                        f"{person.chat_id or person.email} is already in "
                        f"{owner[person.key]!r}; a member belongs to one team",
                    )
                elif person is not None:
                    owner[person.key] = team_name or key
                    members.append(person)
            if team_name and team_name.lower() in seen:
                self.problem(item, f"{key}.name", f"{team_name!r} is used by another team")
            if team_name:
                seen.add(team_name.lower())
                teams.append(TeamSpec(team_name, aim, tuple(members)))
        return teams

    def days(self, node: yaml.Node | None) -> list[DaySpec]:
        days: list[DaySpec] = []
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(node, "days")):
            key = f"days[{index + 1}]"
            fields = self.mapping(item, key)
            if fields is None:
                continue
            for name, (key_node, _) in fields.items():
                if name not in {"name", "date", "ends"}:
                    self.problem(key_node, f"{key}.{name}", "unknown key (use name, date, ends)")
            day_name = self.text(
                fields.get("name", (None, None))[1] or _missing(item), f"{key}.name"
            )
            date_node = fields.get("date", (None, None))[1]
            day_date = self.scalar(date_node, f"{key}.date") if date_node is not None else None
            if isinstance(day_date, str) and ISO_DATE.match(day_date.strip()):
                day_date = _iso_date(day_date.strip())  # quoted, as people learn to quote times
            if date_node is None:
                self.problem(item, f"{key}.date", "is missing (write it as 2024-05-09)")
            elif not isinstance(day_date, date) or isinstance(day_date, datetime):
                self.problem(
                    date_node, f"{key}.date", f"{date_node.value!r} is not a date like 2024-05-09"
                )
                day_date = None
            ends_node = fields.get("ends", (None, None))[1]
            ends = self.clock_time(ends_node, f"{key}.ends")
            if day_name and day_name.lower() in seen:
                self.problem(item, f"{key}.name", f"{day_name!r} is used by another day")
            if day_name and isinstance(day_date, date) and ends:
                seen.add(day_name.lower())
                days.append(DaySpec(day_name, day_date, ends))
        return days

    def clock_time(self, node: yaml.Node | None, key: str) -> time | None:
        if node is None:
            return time(17, 0)  # the end of a working day, when the file does not say
        # YAML 1.1 reads an unquoted 16:00 as a number of minutes (960); take it back.
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        match = HH_MM.match(str(value or ""))
        if not match:
            self.problem(node, key, f'{value!r} is not a time like "16:00" (24-hour clock)')
            return None
        return time(int(match.group(1)), int(match.group(2)))

    def quiet_hours(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return "20:00-08:00"
        value = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if value.lower() == "none":
            return None
        match = QUIET.match(value)
        if not match:
            self.problem(node, "quiet_hours", f'{value!r} should look like "20:00-08:00", or none')
            return "20:00-08:00"
        h1, m1, h2, m2 = match.groups()
        return f"{int(h1):02d}:{m1}-{int(h2):02d}:{m2}"

    def flag(self, node: yaml.Node | None, key: str, default: bool) -> bool:
        if node is None:
            return default
        value = self.scalar(node, key)
        if not isinstance(value, bool):
            self.problem(node, key, f"should be true or false, not {node.value!r}")
            return default
        return value

    def weekly(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return None
        value = str(node.value).strip().upper() if isinstance(node, yaml.ScalarNode) else ""
        day, _, at = value.partition(" ")
        if day[:3] not in WEEKDAYS or not HH_MM.match(at.strip()):
            self.problem(
                node, "digest_weekly", f'{node.value!r} should be a day and time like "FRI 16:00"'
            )
            return None
        hours, minutes = at.strip().split(":")
        return f"{day[:3]} {int(hours):02d}:{minutes}"

    def codebook(self, node: yaml.Node | None) -> tuple[dict, ...] | None:
        """The programme's theme codebook, checked by the themes package itself."""
        if node is None:
            return None
        from bot.domain.themes import CodebookError, codebook_from_spec

        entries = _construct_tree(node)
        try:
            codebook_from_spec(entries)
        except (CodebookError, ValueError, TypeError) as error:
            for problem in getattr(error, "problems", None) or [str(error)]:
                self.problem(node, "themes", problem)
            return None
        return tuple(entries)

    def reminder_hours(self, node: yaml.Node | None) -> list[int]:
        if node is None:
            return [24, 72]
        hours: list[int] = []
        for index, item in enumerate(self.sequence(node, "reminder_hours")):
            value = self.integer(item, f"reminder_hours[{index + 1}]", -1, 1, 24 * 28)
            if value > 0:
                hours.append(value)
        if hours != sorted(set(hours)):
            self.problem(node, "reminder_hours", "list the hours from soonest to latest, each once")
        if len(hours) > 5:
            self.problem(node, "reminder_hours", "at most 5 reminders, so nobody is pestered")
        return hours

    def questions(self, node: yaml.Node | None) -> list[tuple[str, str]]:
        questions: list[tuple[str, str]] = []
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(node, "questions")):
            key = f"questions[{index + 1}]"
            fields = self.mapping(item, key)
            if fields is None:
                continue
            qid = self.text(fields.get("id", (None, None))[1] or _missing(item), f"{key}.id")
            text = self.text(fields.get("text", (None, None))[1] or _missing(item), f"{key}.text")
            if qid and not QUESTION_ID.match(qid):
                self.problem(
                    item, f"{key}.id", f"{qid!r} should be a short lower-case word like working"
                )
            elif qid and qid in seen:
                self.problem(item, f"{key}.id", f"{qid!r} is used by another question")
            elif qid and text:
                if len(text) > 2000:
                    self.problem(item, f"{key}.text", "is too long (2000 characters at most)")
                seen.add(qid)
                questions.append((qid, text))
        if len(questions) > 10:
            self.problem(node, "questions", "at most 10 questions, so a reflection stays short")
        return questions


def _missing(parent: yaml.Node) -> yaml.Node:
    # A scalar node that is empty, at the parent's position, so "is missing" names a line.
    return yaml.ScalarNode("tag:yaml.org,2002:null", "", parent.start_mark, parent.end_mark)


def _iso_date(text: str) -> date | str:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text  # 2024-02-30 looks like a date but is not one: reported as such


def _construct_tree(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


def _construct(node: yaml.ScalarNode) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value  # e.g. 2024-13-01 looks like a date to YAML but is not one
    finally:
        loader.dispose()
