"""Safeguarding: flagged replies, the programme's safeguarding leads and signposting

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.add_column(sa.Column("safeguarding_leads", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("signposting", sa.Text(), nullable=True))
    with op.batch_alter_table("replies") as batch_op:
        batch_op.add_column(sa.Column("safeguarding", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("replies") as batch_op:
        batch_op.drop_column("safeguarding")
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.drop_column("signposting")
        batch_op.drop_column("safeguarding_leads")
