"""Consent before the first prompt, and each reply's usage choice

Revision ID: 0008
Revises: 0007

Replies from before this revision keep what they meant then: an anonymous one may be quoted
without a name, any other by name. New replies default to the most private choice.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("consent_version", sa.String(32), nullable=True))
        batch_op.add_column(sa.Column("consent_given", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("consent_asked_version", sa.String(32), nullable=True))
        batch_op.add_column(
            sa.Column("consent_asked_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("default_usage", sa.String(16), nullable=False, server_default="themes_only")
        )
    with op.batch_alter_table("replies") as batch_op:
        batch_op.add_column(
            sa.Column("usage", sa.String(16), nullable=False, server_default="themes_only")
        )
    replies = sa.table("replies", sa.column("anonymous", sa.Boolean), sa.column("usage"))
    op.execute(
        replies.update().values(
            usage=sa.case((replies.c.anonymous.is_(True), "unnamed"), else_="named")
        )
    )
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("members.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_consent_records_member_id", "consent_records", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_consent_records_member_id", "consent_records")
    op.drop_table("consent_records")
    with op.batch_alter_table("replies") as batch_op:
        batch_op.drop_column("usage")
    with op.batch_alter_table("members") as batch_op:
        for column in (
            "default_usage", "consent_asked_at", "consent_asked_version", "consent_at",
            "consent_given", "consent_version",
        ):  # fmt: skip
            batch_op.drop_column(column)
