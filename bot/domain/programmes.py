"""Create or update a programme from its file; running it twice changes nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from bot.domain.addresses import not_reachable
from bot.domain.clock import Clock
from bot.domain.programme_file import PersonSpec, ProgrammeSpec
from storage import Session, Store, queries
from storage.models import Member, Programme, ProgrammeDay, Team


@dataclass
class LoadReport:
    programme: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # no longer in the file, kept for history
    forgotten: list[str] = field(default_factory=list)  # erased at their request, still listed
    # Listed, but the bot cannot message them yet (on Teams: the app is not installed for them).
    unreachable: list[str] = field(default_factory=list)
    app: str = "the chat app"
    notes: list[str] = field(default_factory=list)  # worth fixing, but nothing stops

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        if not self.changed and not self.kept and not self.forgotten:
            out = [f"{self.programme}: already up to date, nothing changed."]
        else:
            out = [f"{self.programme}:"]
            out += [f"  + {item}" for item in self.created]
            out += [f"  ~ {item}" for item in self.updated]
            out += [
                f"  = {item} (no longer in the file; kept with its history)" for item in self.kept
            ]
            out += [
                f"  ! {who} asked to be forgotten, so they stay erased and unprompted. "
                "Please remove them from the file."
                for who in self.forgotten
            ]
        out += [f"  ! {note}" for note in self.notes]
        if self.unreachable:
            out.append(
                f"  ! {len(self.unreachable)} not reachable yet, until the app is installed for "
                f"them in {self.app}: {', '.join(self.unreachable)}"
            )
        return out


def email_hash(email: str) -> str:
    """How an erased member's e-mail is recognised without keeping it: a one-way hash (the
    programme file that lists the address holds it anyway)."""
    return "sha256:" + hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()[:57]


def load_programme(store: Store, clock: Clock, spec: ProgrammeSpec) -> LoadReport:
    report = LoadReport(spec.name)
    with store.transaction() as session:
        programme = _programme(session, clock, spec, report)
        teams = _teams(session, programme, spec, report)
        _members(session, programme, spec, teams, report)
        _days(session, programme, spec, report)
        if report.changed:
            programme.updated_at = clock.now()
        report.unreachable = not_reachable(
            session, programme_id=programme.id, platform=programme.platform
        )
        report.app = programme.platform.title()
    if not (programme.safeguarding_names or {}).get("leads"):
        report.notes.append(
            "Nobody who gets safeguarding alerts has a name in the file, so the consent text "
            "cannot say who they are. Add name: to each (safeguarding: or facilitators:)."
        )
    return report


def safeguarding_names(spec: ProgrammeSpec) -> dict[str, list[str]]:
    """Who the consent text names: the people who get safeguarding alerts (the listed leads,
    or every facilitator when none are listed), and the facilitators, each by the name the
    file gives them, in its own entry or wherever else the file lists the same person."""
    named: dict[str, str] = {}
    everyone = [*spec.safeguarding, *spec.facilitators, *(p for t in spec.teams for p in t.members)]
    for person in everyone:
        if person.name and person.key not in named:
            named[person.key] = person.name

    def names(people: tuple[PersonSpec, ...]) -> list[str]:
        found = [named[p.key] for p in people if p.key in named]
        return list(dict.fromkeys(found))

    return {
        "leads": names(spec.safeguarding or spec.facilitators),
        "facilitators": names(spec.facilitators),
    }


def _set(obj: object, report: LoadReport, label: str, **values: object) -> None:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        report.updated.append(f"{label}: {', '.join(changed)}")


def _programme(
    session: Session, clock: Clock, spec: ProgrammeSpec, report: LoadReport
) -> Programme:
    programme = queries.programme_by_name(session, name=spec.name)
    values = dict(
        platform=spec.platform,
        timezone=spec.timezone,
        digest_channel=spec.digest_channel,
        prompt_delay_minutes=spec.prompt_delay_minutes,
        reminder_hours=list(spec.reminder_hours),
        questions=[{"id": qid, "text": text} for qid, text in spec.questions],
        retention_days=spec.retention_days,
        digest_weekly=spec.digest_weekly,
        anonymity_min_replies=spec.anonymity_min_replies,
        codebook=list(spec.themes) if spec.themes is not None else None,
        # Safeguarding leads default to every facilitator: someone must always get the alert.
        safeguarding_leads=[p.chat_id or p.email for p in spec.safeguarding or spec.facilitators],
        safeguarding_names=safeguarding_names(spec),
        contact=spec.contact.as_dict() if spec.contact else None,
        signposting=spec.signposting,
        quiet_hours=spec.quiet_hours or "none",
        weekends=spec.weekends,
        bank_holidays=spec.bank_holidays or "none",  # stored as a word: NULL means the default
        digest_email=list(spec.digest_email) or None,
    )
    if programme is None:
        now = clock.now()
        programme = Programme(name=spec.name, created_at=now, updated_at=now, **values)
        session.add(programme)
        session.flush()
        report.created.append(f"programme {spec.name!r}")
    else:
        _set(programme, report, "programme settings", **values)
    return programme


def _teams(
    session: Session, programme: Programme, spec: ProgrammeSpec, report: LoadReport
) -> dict[str, Team]:
    existing = {team.name: team for team in queries.teams(session, programme_id=programme.id)}
    for team_spec in spec.teams:
        team = existing.get(team_spec.name)
        if team is None:
            team = Team(programme_id=programme.id, name=team_spec.name, aim=team_spec.aim)
            session.add(team)
            existing[team.name] = team
            report.created.append(f"team {team_spec.name!r}")
        else:
            _set(team, report, f"team {team.name!r}", aim=team_spec.aim)
    named = {team.name for team in spec.teams}
    report.kept += [f"team {name!r}" for name in existing if name not in named]
    session.flush()
    return existing


def _members(
    session: Session,
    programme: Programme,
    spec: ProgrammeSpec,
    teams: dict[str, Team],
    report: LoadReport,
) -> None:
    platform = programme.platform
    current = queries.programme_members(session, programme_id=programme.id)
    by_key: dict[str, Member] = {}
    for member in current:
        for key in (member.identity_on(platform), member.email, member.erased_email_hash):
            if key:
                by_key[key.lower()] = member

    wanted: dict[str, tuple[PersonSpec, Team | None, str]] = {}
    for team_spec in spec.teams:
        for person in team_spec.members:
            wanted[person.key] = (person, teams[team_spec.name], "member")
    for person in spec.facilitators:
        _, team, _ = wanted.get(person.key, (person, None, "member"))
        wanted[person.key] = (person, team, "facilitator")

    seen: set[int] = set()
    for key, (person, team, role) in wanted.items():
        member = by_key.get(key)
        if member is None and person.email:  # listed by ID now, by e-mail before, or back again
            member = by_key.get(person.email) or by_key.get(email_hash(person.email))
        label = f"{role} {person.chat_id or person.email}"
        if member is not None and member.erased_at is not None:
            # Erased at their request: nothing from the file comes back, and no new row either.
            report.forgotten.append(label)
            seen.add(member.id)
            continue
        if member is None:
            member = Member(
                programme_id=programme.id,
                email=person.email,
                display_name=person.name,
                role=role,
                participant_role=person.role,
                team_id=team.id if team else None,
                opted_out=False,
                active=True,
            )
            if person.chat_id:
                member.set_identity(platform, person.chat_id)
            session.add(member)
            report.created.append(label)
        else:
            values: dict[str, object] = dict(
                role=role, team_id=team.id if team else None, active=True
            )
            if person.chat_id and member.identity_on(platform) != person.chat_id:
                member.set_identity(platform, person.chat_id)
                report.updated.append(f"{label}: {platform} ID")
            if person.email:
                values["email"] = person.email
            if person.name:
                values["display_name"] = person.name
            if person.role:
                values["participant_role"] = person.role
            _set(member, report, label, **values)
            seen.add(member.id)
    for member in current:
        if member.id not in seen and member.active:
            member.active = False
            report.updated.append(
                f"{member.identity_on(platform) or member.email}: no longer listed, not prompted"
            )
    session.flush()


def _days(session: Session, programme: Programme, spec: ProgrammeSpec, report: LoadReport) -> None:
    existing = {day.name: day for day in queries.programme_days(session, programme_id=programme.id)}
    for day_spec in spec.days:
        ends_at = day_spec.ends_at(spec.zone)
        prompt_at = spec.prompt_at(day_spec)
        day = existing.get(day_spec.name)
        if day is None:
            session.add(
                ProgrammeDay(
                    programme_id=programme.id,
                    name=day_spec.name,
                    date=day_spec.date,
                    ends_at=ends_at,
                    prompt_at=prompt_at,
                )
            )
            report.created.append(f"day {day_spec.name!r} ({day_spec.date.isoformat()})")
        else:
            _set(
                day,
                report,
                f"day {day.name!r}",
                date=day_spec.date,
                ends_at=ends_at,
                prompt_at=prompt_at,
            )
    named = {day.name for day in spec.days}
    for name, day in existing.items():
        if name in named:
            continue
        if queries.day_has_prompts(session, day_id=day.id):
            report.kept.append(f"day {name!r}")
        else:
            session.delete(day)
            report.updated.append(f"day {name!r}: removed (no prompts had gone out)")
    session.flush()
