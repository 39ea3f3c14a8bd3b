"""The evaluation export's rows. None of these commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import (
    Answer,
    Member,
    ProgrammeDay,
    PromptDelivery,
    Reply,
    Team,
)
from storage.queries._common import _any_identity


def export_answers(session: Session, *, programme_id: int):
    """Every answer of a programme for the export, oldest day first, in batches: (day name,
    day date, team name, question id, text, theme, participant role, usage, chat ID,
    created, edited). Replies showing signs of risk are for the safeguarding leads only."""
    return session.execute(
        select(
            ProgrammeDay.name, ProgrammeDay.date, Team.name, Answer.question_id, Answer.text,
            Answer.theme, Member.participant_role, Reply.usage, _any_identity(),
            Reply.created_at, Reply.edited_at,
        )
        .select_from(Answer)
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .join(Member, Member.id == PromptDelivery.member_id)
        .outerjoin(Team, Team.id == Member.team_id)
        .where(ProgrammeDay.programme_id == programme_id, Reply.safeguarding.is_(None))
        .order_by(ProgrammeDay.date, Team.name, Reply.created_at, Answer.id)
        .execution_options(yield_per=2000)
    )  # fmt: skip
