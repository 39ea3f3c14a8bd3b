"""Weekly digests, themes and participant roles

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.add_column(sa.Column("digest_weekly", sa.String(16), nullable=True))
        batch_op.add_column(
            sa.Column("anonymity_min_replies", sa.Integer(), nullable=False, server_default="3")
        )
        batch_op.add_column(sa.Column("codebook", sa.JSON(), nullable=True))
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("participant_role", sa.String(16), nullable=True))
    with op.batch_alter_table("answers") as batch_op:
        batch_op.add_column(sa.Column("theme", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("theme_version", sa.String(32), nullable=True))
    with op.batch_alter_table("digests_posted") as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(16), nullable=False, server_default="manual")
        )
        batch_op.add_column(
            sa.Column("state", sa.String(16), nullable=False, server_default="posted")
        )
        batch_op.add_column(sa.Column("message_ts", sa.String(32), nullable=True))
    op.create_index(
        "uq_weekly_digest",
        "digests_posted",
        ["programme_id", "iso_year", "iso_week"],
        unique=True,
        sqlite_where=sa.text("kind = 'weekly'"),
        postgresql_where=sa.text("kind = 'weekly'"),
    )


def downgrade() -> None:
    op.drop_index("uq_weekly_digest", table_name="digests_posted")
    with op.batch_alter_table("digests_posted") as batch_op:
        batch_op.drop_column("message_ts")
        batch_op.drop_column("state")
        batch_op.drop_column("kind")
    with op.batch_alter_table("answers") as batch_op:
        batch_op.drop_column("theme_version")
        batch_op.drop_column("theme")
    with op.batch_alter_table("members") as batch_op:
        batch_op.drop_column("participant_role")
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.drop_column("codebook")
        batch_op.drop_column("anonymity_min_replies")
        batch_op.drop_column("digest_weekly")
