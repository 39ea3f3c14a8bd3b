"""Quiet hours, weekends, bank holidays, members' time zones and away dates

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.add_column(sa.Column("quiet_hours", sa.String(16), nullable=True))
        batch_op.add_column(
            sa.Column("weekends", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("bank_holidays", sa.String(24), nullable=True))
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("away_until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch_op:
        batch_op.drop_column("away_until")
        batch_op.drop_column("timezone")
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.drop_column("bank_holidays")
        batch_op.drop_column("weekends")
        batch_op.drop_column("quiet_hours")
