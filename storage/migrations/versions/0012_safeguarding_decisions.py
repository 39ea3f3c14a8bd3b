"""A safeguarding lead's decision on a flagged reply, the alerts' copies, kind check-ins, and
the words the consent text needs (the leads' names, a contact)

Revision ID: 0012
Revises: 0010

``replies.safeguarding_decision`` ("no_concern" puts the reply back in the digest and the
export as its author chose; "following_up" keeps it out), with who decided and when.
``safeguarding_alerts``: each lead's copy of an alert, so every copy can say what was
decided. ``safeguarding_check_ins``: a lead's kind check-in to a member whose name the alert
did not show, and the member's answer. ``programmes.safeguarding_names`` and ``contact``:
named in the consent text. Flagged replies from before this revision stay held back.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.add_column(sa.Column("safeguarding_names", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("contact", sa.JSON(), nullable=True))
    with op.batch_alter_table("replies") as batch_op:
        batch_op.add_column(sa.Column("safeguarding_decision", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("safeguarding_decided_by", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("safeguarding_decider_name", sa.String(200), nullable=True))
        batch_op.add_column(
            sa.Column("safeguarding_decided_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "safeguarding_alerts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "reply_id", sa.Integer(), sa.ForeignKey("replies.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("lead", sa.String(320), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
        sa.Column("lead_name", sa.String(200), nullable=True),
        sa.Column("message_ref", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
    )  # fmt: skip
    op.create_index("ix_safeguarding_alerts_reply_id", "safeguarding_alerts", ["reply_id"])
    op.create_table(
        "safeguarding_check_ins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "reply_id", sa.Integer(), sa.ForeignKey("replies.id", ondelete="CASCADE"),
            nullable=False, unique=True,
        ),
        sa.Column("lead_user_id", sa.String(200), nullable=False),
        sa.Column("lead_name", sa.String(200), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_ref", sa.Text(), nullable=True),
        sa.Column("answer", sa.String(8), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("safeguarding_check_ins")
    op.drop_index("ix_safeguarding_alerts_reply_id", table_name="safeguarding_alerts")
    op.drop_table("safeguarding_alerts")
    with op.batch_alter_table("replies") as batch_op:
        batch_op.drop_column("safeguarding_decided_at")
        batch_op.drop_column("safeguarding_decider_name")
        batch_op.drop_column("safeguarding_decided_by")
        batch_op.drop_column("safeguarding_decision")
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.drop_column("contact")
        batch_op.drop_column("safeguarding_names")
