"""The evaluation export's rows. None of these commits."""

from __future__ import annotations

from collections.abc import Sequence

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
from storage.queries._common import _shown


def export_answers(session: Session, *, programme_id: int, member_ids: Sequence[int] | None = None):
    """Every answer of a programme for the export, oldest day first, in batches: (day name,
    day date, team name, question id, text, theme, participant role, member role, usage,
    display name, e-mail, created, edited, safeguarding, member id, filing). Replies showing signs
    of risk are for the safeguarding leads only until a lead puts them back, except in one
    person's own export (``member_ids``: a subject access request), which holds everything they
    wrote."""
    query = (
        select(
            ProgrammeDay.name, ProgrammeDay.date, Team.name, Answer.question_id, Answer.text,
            Answer.theme, Member.participant_role, Member.role, Reply.usage,
            Member.display_name, Member.email, Reply.created_at, Reply.edited_at,
            Reply.safeguarding, Member.id, Answer.filing,
        )
        .select_from(Answer)
        .join(Reply, Reply.id == Answer.reply_id)
        .join(PromptDelivery, PromptDelivery.id == Reply.delivery_id)
        .join(ProgrammeDay, ProgrammeDay.id == PromptDelivery.day_id)
        .join(Member, Member.id == PromptDelivery.member_id)
        .outerjoin(Team, Team.id == Member.team_id)
        # By the programme's day ids, not through the join: the planner then reads only its
        # prompts, not every programme's (bench/national.py).
        .where(
            PromptDelivery.day_id.in_(
                select(ProgrammeDay.id).where(ProgrammeDay.programme_id == programme_id)
            ),
            Member.programme_id == programme_id,
        )
    )  # fmt: skip
    if member_ids is None:
        query = query.where(_shown())
    else:
        query = query.where(Member.id.in_(member_ids))
    return session.execute(
        query.order_by(ProgrammeDay.date, Team.name, Reply.created_at, Answer.id).execution_options(
            yield_per=2000
        )
    )
