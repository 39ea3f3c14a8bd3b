"""A reply withdrawn after its digest, and members who asked to be forgotten

Revision ID: 0010
Revises: 0009

``prompt_deliveries.withdrawn_at``: the reply was deleted after its week's digest was shared,
so the prompt may not be answered again. ``members.erased_at`` and ``erased_email_hash``:
forget-me leaves only a "do not prompt" mark, and a hash that lets a reload of the programme
file recognise the e-mail address without keeping it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("prompt_deliveries") as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("erased_email_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch_op:
        batch_op.drop_column("erased_email_hash")
        batch_op.drop_column("erased_at")
    with op.batch_alter_table("prompt_deliveries") as batch_op:
        batch_op.drop_column("withdrawn_at")
