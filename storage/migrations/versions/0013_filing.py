"""Plain replies filed by their words: where each message's parts went

Revision ID: 0013
Revises: 0012

``answers.filing``: the pieces of plain messages an answer holds, each with where it sits in
the answer's text, how it was filed (by its words, by the member, or waiting for the member to
choose) and which message it came from, so a "move it" button can move exactly those words.
An empty list: written in the answer form. None: stored before this revision.
``replies.messages``: how many plain messages the reply has had, so each gets its own number.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch_op:
        batch_op.add_column(sa.Column("filing", sa.JSON(), nullable=True))
    with op.batch_alter_table("replies") as batch_op:
        batch_op.add_column(sa.Column("messages", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("replies") as batch_op:
        batch_op.drop_column("messages")
    with op.batch_alter_table("answers") as batch_op:
        batch_op.drop_column("filing")
