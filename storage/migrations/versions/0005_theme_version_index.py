"""Index answers.theme_version: the sweep looks for answers not yet themed every minute

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_answers_theme_version", "answers", ["theme_version"])


def downgrade() -> None:
    op.drop_index("ix_answers_theme_version", table_name="answers")
