"""Case flags: a document's warning (a birth date the roster disagrees with, a member not in
the roster) raised to its case, with the task that clears it.

Revision ID: 0012_case_flags
Revises: 0011_letter_words
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0012_case_flags"
down_revision = "0011_letter_words"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_flags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("case_tasks.id")),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("raised_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_case_flags_case_id", "case_flags", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_case_flags_case_id", table_name="case_flags")
    op.drop_table("case_flags")
