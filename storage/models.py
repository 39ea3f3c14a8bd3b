"""SQLAlchemy 2.0 models: queryable rows, timezone-aware times stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored in UTC.

    PostgreSQL keeps the zone itself; SQLite hands back naive values, so we mark them UTC on
    the way out and refuse naive values on the way in: a naive time is a bug upstream.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Programme(Base):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    # The chat platform the programme lives on ("slack" or "teams"): whose identities and
    # whose Messenger reach its members.
    platform: Mapped[str] = mapped_column(String(16), default="slack", server_default="slack")
    # Where digests are posted, in the platform's own terms (a Slack channel ID, say).
    digest_channel: Mapped[str | None] = mapped_column(String(200))
    prompt_delay_minutes: Mapped[int] = mapped_column(Integer)
    # Hours after the prompt; a list kept as JSON because it is read whole, never queried into.
    reminder_hours: Mapped[list[int]] = mapped_column(JSON)
    # [{"id": "working", "text": "What is working?"}, ...] in the order they are asked.
    questions: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    # Days after a programme day that its replies are kept; None keeps them until deleted.
    retention_days: Mapped[int | None] = mapped_column(Integer)
    # "FRI 16:00": when the weekly digest is posted, in the programme's time zone; None: never.
    digest_weekly: Mapped[str | None] = mapped_column(String(16))
    # A team with fewer replies than this in a digest's span is quoted without team or role.
    anonymity_min_replies: Mapped[int] = mapped_column(Integer, default=3)
    # The programme's own theme codebook ([{"id", "name", "words"}]); None: the default one.
    codebook: Mapped[list[dict] | None] = mapped_column(JSON)
    # Addresses the weekly digest is also e-mailed to (managers, a board); None: no e-mail.
    digest_email: Mapped[list[str] | None] = mapped_column(JSON)
    # Slack IDs of the facilitators who get safeguarding alerts; the signposting members see.
    safeguarding_leads: Mapped[list[str] | None] = mapped_column(JSON)
    # {"leads": [...], "facilitators": [...]}: names as the programme file gives them, for the
    # consent text. Only the file's names, so the words (and the consent version, a hash of
    # them) change only when the file does, never when a chat platform tells us a name.
    safeguarding_names: Mapped[dict[str, list[str]] | None] = mapped_column(JSON)
    signposting: Mapped[str | None] = mapped_column(Text)
    # Who members may ask about the programme: {"name", "email", "phone"}, any of them.
    contact: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # When people may be messaged: quiet hours ("20:00-08:00", or "none") in each member's own
    # time zone, weekends or not, and whose bank holidays to keep (None: none).
    quiet_hours: Mapped[str | None] = mapped_column(String(16), default="20:00-08:00")
    weekends: Mapped[bool] = mapped_column(Boolean, default=False)
    bank_holidays: Mapped[str | None] = mapped_column(String(24), default="england")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    teams: Mapped[list[Team]] = relationship(back_populates="programme", order_by="Team.id")
    days: Mapped[list[ProgrammeDay]] = relationship(
        back_populates="programme", order_by="ProgrammeDay.ends_at"
    )


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("programme_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    aim: Mapped[str] = mapped_column(Text, default="")

    programme: Mapped[Programme] = relationship(back_populates="teams")


class Member(Base):
    """A person in the working group; facilitators are members with the facilitator role."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("programme_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    # A member may be listed by e-mail; their chat identity is looked up before the first prompt.
    email: Mapped[str | None] = mapped_column(String(320))
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="member")  # member | facilitator
    # patient | carer | staff | other, when the programme records it (digest trends use it).
    participant_role: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))  # from Slack; quiet hours use it
    away_until: Mapped[date | None] = mapped_column(Date)  # no prompts or reminders until after
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    # Consent: the version of the consent wording they last decided on, and their decision
    # (True agreed, False declined, None not yet). Prompts go only to agreement with the current
    # wording; the full history is in consent_records.
    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_given: Mapped[bool | None] = mapped_column(Boolean)
    consent_at: Mapped[datetime | None]
    # The wording last sent to them, so each version is asked once, not at every sweep.
    consent_asked_version: Mapped[str | None] = mapped_column(String(32))
    consent_asked_at: Mapped[datetime | None]
    # How their replies may be used unless they say otherwise on the reply (see Reply.usage).
    default_usage: Mapped[str] = mapped_column(String(16), default="themes_only")
    # False when a reload of the programme file no longer lists them: kept for their history.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set by forget-me: the row is then only a "do not prompt" mark. A one-way hash of the
    # e-mail they were listed by lets a reload of the file recognise them without keeping it.
    erased_at: Mapped[datetime | None]
    erased_email_hash: Mapped[str | None] = mapped_column(String(64))

    team: Mapped[Team | None] = relationship()
    programme: Mapped[Programme] = relationship()
    identities: Mapped[list[MemberIdentity]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="MemberIdentity.id"
    )

    def identity_on(self, platform: str) -> str | None:
        """Their ID on ``platform``, or None when we do not know it (yet)."""
        return next((i.external_id for i in self.identities if i.platform == platform), None)

    def address_on(self, platform: str) -> str | None:
        """Where their adapter can reach them on ``platform`` (opaque), if it knows."""
        return next((i.address for i in self.identities if i.platform == platform), None)

    def set_identity(self, platform: str, external_id: str) -> None:
        for identity in self.identities:
            if identity.platform == platform:
                identity.external_id = external_id
                return
        self.identities.append(
            MemberIdentity(
                platform=platform, external_id=external_id, programme_id=self.programme_id
            )
        )


class MemberIdentity(Base):
    """Who a member is on one chat platform: ``slack: U…``, ``teams: 29:…``.

    One per member and platform; within a programme one person is one member.
    """

    __tablename__ = "member_identities"
    __table_args__ = (
        UniqueConstraint("member_id", "platform", name="uq_identity_member_platform"),
        UniqueConstraint(
            "programme_id", "platform", "external_id", name="uq_identity_programme_person"
        ),
        Index("ix_member_identities_person", "platform", "external_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(200))
    # Whatever else the adapter needs to message them later (a Teams conversation
    # reference, say), opaque to everything else.
    address: Mapped[str | None] = mapped_column(Text)

    member: Mapped[Member] = relationship(back_populates="identities")


class ProgrammeDay(Base):
    __tablename__ = "programme_days"
    __table_args__ = (UniqueConstraint("programme_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column(Date)
    ends_at: Mapped[datetime]
    prompt_at: Mapped[datetime]

    programme: Mapped[Programme] = relationship(back_populates="days")


class PromptDelivery(Base):
    """One reflection prompt for one member about one programme day.

    The unique constraint makes a second prompt for the same member and day impossible,
    whatever the scheduler or a second process does.
    """

    __tablename__ = "prompt_deliveries"
    __table_args__ = (
        UniqueConstraint("member_id", "day_id", name="uq_delivery_member_day"),
        # The sweeps' few open prompts, found without reading every prompt (migration 0014).
        Index(
            "ix_prompt_deliveries_waiting",
            "sent_at",
            sqlite_where=text("state = 'sent'"),
            postgresql_where=text("state = 'sent'"),
        ),
        Index(
            "ix_prompt_deliveries_claimed",
            "created_at",
            sqlite_where=text("state = 'pending'"),
            postgresql_where=text("state = 'pending'"),
        ),
        Index(
            "ix_prompt_deliveries_snoozed",
            "snoozed_until",
            sqlite_where=text("snoozed_until IS NOT NULL"),
            postgresql_where=text("snoozed_until IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    day_id: Mapped[int] = mapped_column(
        ForeignKey("programme_days.id", ondelete="CASCADE"), index=True
    )
    # pending (claimed, not yet sent) | sent | answered | skipped | failed
    state: Mapped[str] = mapped_column(String(16), default="pending")
    # The prompt message as its adapter can find it again (to mark it answered): opaque here.
    message_ref: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    # "Remind me later": one extra reminder at this time, then cleared.
    snoozed_until: Mapped[datetime | None]
    # When its reply was deleted after its week's digest was shared: it may not be answered
    # again, so the digest people read stays true.
    withdrawn_at: Mapped[datetime | None]

    member: Mapped[Member] = relationship()
    day: Mapped[ProgrammeDay] = relationship()
    reply: Mapped[Reply | None] = relationship(back_populates="delivery", uselist=False)


class Reply(Base):
    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("prompt_deliveries.id", ondelete="CASCADE"), unique=True
    )
    # The member's choice for this reply: "named" (quote me by name), "unnamed" (quote me
    # without my name) or "themes_only" (count it in the themes, never quote it).
    usage: Mapped[str] = mapped_column(String(16), default="themes_only")
    # True unless usage is "named": the name is never shown. Kept as a column because counts
    # and the status group by it in SQL; only bot.domain.usage.apply sets it.
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16))  # form | text
    # "urgent" or "check_in" when the reply shows signs of risk: then it is kept out of the
    # digest and the export until a safeguarding lead decides.
    safeguarding: Mapped[str | None] = mapped_column(String(16))
    # What a lead decided about a flagged reply: "no_concern" (put back: the digest and the
    # export show it as its author chose) or "following_up" (it stays out); who and when.
    safeguarding_decision: Mapped[str | None] = mapped_column(String(16))
    safeguarding_decided_by: Mapped[str | None] = mapped_column(String(200))  # "slack:U…"
    safeguarding_decider_name: Mapped[str | None] = mapped_column(String(200))
    safeguarding_decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(index=True)  # the weekly digest's late replies
    edited_at: Mapped[datetime | None]
    # How many plain messages it has had: each is numbered, so a button can name one.
    messages: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    delivery: Mapped[PromptDelivery] = relationship(back_populates="reply")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="reply", cascade="all, delete-orphan", order_by="Answer.id"
    )


class Answer(Base):
    """One answer to one question: a row each, so digests group by question in SQL."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("reply_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    # Assigned when the answer is saved; assigned again when the codebook (its version) changes.
    theme: Mapped[str | None] = mapped_column(String(64))
    theme_version: Mapped[str | None] = mapped_column(String(32), index=True)
    # The pieces of plain messages it holds (bot.domain.filing.pieces): where each sits in
    # ``text`` and how it was filed. [] when written in the form; None from before filing.
    filing: Mapped[list[dict] | None] = mapped_column(JSON)

    reply: Mapped[Reply] = relationship(back_populates="answers")


class SafeguardingAlertCopy(Base):
    """One lead's copy of a safeguarding alert: where it went, so that every copy can say
    what was decided. A newer alert for the same reply (its words changed) supersedes it."""

    __tablename__ = "safeguarding_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"), index=True)
    lead: Mapped[str] = mapped_column(String(320))  # as programmes.safeguarding_leads has it
    user_id: Mapped[str] = mapped_column(String(200))  # their ID on the programme's platform
    lead_name: Mapped[str | None] = mapped_column(String(200))
    message_ref: Mapped[str | None] = mapped_column(Text)  # None until it is delivered
    created_at: Mapped[datetime]
    superseded_at: Mapped[datetime | None]

    reply: Mapped[Reply] = relationship()


class SafeguardingCheckIn(Base):
    """A lead's kind check-in to a member whose name the alert did not show: one a reply.

    The lead learns the member's name only if the member answers yes."""

    __tablename__ = "safeguarding_check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"), unique=True)
    lead_user_id: Mapped[str] = mapped_column(String(200))
    lead_name: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime]
    message_ref: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(String(8))  # "yes" | "no"
    answered_at: Mapped[datetime | None]

    reply: Mapped[Reply] = relationship()


class ReminderSent(Base):
    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("delivery_id", "sequence", name="uq_reminder_sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("prompt_deliveries.id", ondelete="CASCADE"))
    sequence: Mapped[int] = mapped_column(Integer)  # index into programme.reminder_hours
    sent_at: Mapped[datetime]


class DigestPosted(Base):
    """A digest posted to the digest channel; its week's answers are then locked.

    The weekly digest is claimed here before it is posted; the partial unique index makes a
    second weekly digest for the same programme and week impossible.
    """

    __tablename__ = "digests_posted"
    __table_args__ = (
        Index(
            "uq_weekly_digest",
            "programme_id",
            "iso_year",
            "iso_week",
            unique=True,
            sqlite_where=text("kind = 'weekly'"),
            postgresql_where=text("kind = 'weekly'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(200))
    posted_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16), default="manual")  # manual | weekly
    state: Mapped[str] = mapped_column(String(16), default="posted")  # claimed | posted
    message_ref: Mapped[str | None] = mapped_column(Text)


class DigestEmail(Base):
    """The weekly digest's e-mail for one programme and week: queued when the digest is
    posted, in the same transaction, and sent once. The unique constraint makes a second
    e-mail for the same week impossible; ``state`` and ``next_attempt_at`` carry the retries
    across restarts, so no process waits in a loop for a mail server to come back.
    """

    __tablename__ = "digest_emails"
    __table_args__ = (
        UniqueConstraint("programme_id", "iso_year", "iso_week", name="uq_digest_email_week"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    # The weekly digest's own "arrived late since", so the e-mail says what the post said.
    late_since: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)  # the mail server's words, no reply text
    created_at: Mapped[datetime]


class ConsentRecord(Base):
    """Every consent decision, kept as history: which wording, what was decided, and when."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))  # agreed | declined | withdrawn
    decided_at: Mapped[datetime]


class ProcessedEvent(Base):
    """Slack event ids already acted on, so a retried event is acknowledged but not redone."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime]
