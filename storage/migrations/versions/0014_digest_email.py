"""The weekly digest by e-mail

Revision ID: 0014
Revises: 0013

``programmes.digest_email``: the addresses the weekly digest is also sent to. ``digest_emails``:
one row per programme and week, queued when the weekly digest is posted and sent once, with
its attempts and the time of the next one, so retries survive a restart.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.add_column(sa.Column("digest_email", sa.JSON(), nullable=True))
    op.create_table(
        "digest_emails",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "programme_id",
            sa.Integer(),
            sa.ForeignKey("programmes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("iso_year", sa.Integer(), nullable=False),
        sa.Column("iso_week", sa.Integer(), nullable=False),
        sa.Column("late_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("programme_id", "iso_year", "iso_week", name="uq_digest_email_week"),
    )


def downgrade() -> None:
    op.drop_table("digest_emails")
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.drop_column("digest_email")
