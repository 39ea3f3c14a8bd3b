"""People by platform identity, and messages by an opaque reference

Revision ID: 0009
Revises: 0008

A member was a Slack user ID; now a member has one identity per platform (``slack: U…``,
``teams: 29:…``) in ``member_identities``, with an opaque ``address`` the adapter may need to
reach them. A programme says which platform it lives on. A message the bot sent was a Slack
channel and ``ts``; now it is a ``message_ref`` only its adapter reads ("channel ts" for
Slack, so every existing prompt can still be updated). Nothing is lost either way.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_identities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "programme_id", sa.Integer(), sa.ForeignKey("programmes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.UniqueConstraint("member_id", "platform", name="uq_identity_member_platform"),
        sa.UniqueConstraint(
            "programme_id", "platform", "external_id", name="uq_identity_programme_person"
        ),
    )  # fmt: skip
    op.create_index("ix_member_identities_person", "member_identities", ["platform", "external_id"])
    op.execute(
        "INSERT INTO member_identities (member_id, programme_id, platform, external_id) "
        "SELECT id, programme_id, 'slack', slack_user_id FROM members "
        "WHERE slack_user_id IS NOT NULL"
    )
    # The column's unique constraint (unnamed in 0001) goes with it on both databases.
    with op.batch_alter_table("members") as batch_op:
        batch_op.drop_column("slack_user_id")
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.add_column(
            sa.Column("platform", sa.String(16), nullable=False, server_default="slack")
        )
        batch_op.alter_column("digest_channel", type_=sa.String(200))
    for table in ("prompt_deliveries", "digests_posted"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("message_ref", sa.Text(), nullable=True))
        op.execute(
            f"UPDATE {table} SET message_ref = channel || ' ' || message_ts "
            "WHERE channel IS NOT NULL AND message_ts IS NOT NULL"
        )
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("message_ts")
            if table == "prompt_deliveries":
                batch_op.drop_column("channel")
            else:  # where a digest went: a Slack channel ID, or a Teams channel's longer one
                batch_op.alter_column("channel", type_=sa.String(200))


def downgrade() -> None:
    for table in ("prompt_deliveries", "digests_posted"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("message_ts", sa.String(32), nullable=True))
            if table == "prompt_deliveries":
                batch_op.add_column(sa.Column("channel", sa.String(32), nullable=True))
        prefix = (
            "channel = substr(message_ref, 1, instr(message_ref, ' ') - 1), "
            if (table == "prompt_deliveries")
            else ""
        )
        if op.get_bind().dialect.name == "postgresql":
            prefix = prefix.replace("substr(", "substring(").replace(
                "instr(message_ref, ' ')", "strpos(message_ref, ' ')"
            )
            ts = "substring(message_ref from strpos(message_ref, ' ') + 1)"
        else:
            ts = "substr(message_ref, instr(message_ref, ' ') + 1)"
        op.execute(f"UPDATE {table} SET {prefix}message_ts = {ts} WHERE message_ref LIKE '% %'")
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("message_ref")
    with op.batch_alter_table("programmes") as batch_op:
        batch_op.drop_column("platform")
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("slack_user_id", sa.String(32), nullable=True))
    op.execute(
        "UPDATE members SET slack_user_id = (SELECT external_id FROM member_identities i "
        "WHERE i.member_id = members.id AND i.platform = 'slack')"
    )
    with op.batch_alter_table("members") as batch_op:
        batch_op.create_unique_constraint(
            "members_programme_id_slack_user_id_key", ["programme_id", "slack_user_id"]
        )
    op.drop_index("ix_member_identities_person", "member_identities")
    op.drop_table("member_identities")
