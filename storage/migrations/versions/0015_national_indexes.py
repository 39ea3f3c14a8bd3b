"""Indexes for a host with many programmes: the sweeps find their few rows without reading all

Revision ID: 0015
Revises: 0014

Every minute the sweeps look for prompts still waiting for an answer (``state = 'sent'``, by
when they were sent) and for claims a dead process left (``state = 'pending'``, by when they
were claimed, and "remind me later"), and the weekly digest for replies that came in since
the last one. With 100
programmes and 2,000,000 replies each of those read the whole table (bench/national.py).
The first two are partial indexes, so they hold only the few open prompts, not every one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _partial_index(name: str, column: str, where: str) -> None:
    condition = sa.text(where)  # both dialects keep only the rows the sweeps look for
    op.create_index(name, "prompt_deliveries", [column], sqlite_where=condition,
                    postgresql_where=condition)  # fmt: skip


def upgrade() -> None:
    _partial_index("ix_prompt_deliveries_waiting", "sent_at", "state = 'sent'")
    _partial_index("ix_prompt_deliveries_claimed", "created_at", "state = 'pending'")
    _partial_index("ix_prompt_deliveries_snoozed", "snoozed_until", "snoozed_until IS NOT NULL")
    op.create_index("ix_replies_created_at", "replies", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_replies_created_at", table_name="replies")
    op.drop_index("ix_prompt_deliveries_snoozed", table_name="prompt_deliveries")
    op.drop_index("ix_prompt_deliveries_claimed", table_name="prompt_deliveries")
    op.drop_index("ix_prompt_deliveries_waiting", table_name="prompt_deliveries")
