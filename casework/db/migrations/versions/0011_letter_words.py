"""Letter words: the plan's plain description of each procedure code, and a case's free text
written in a letter's language (a Spanish summary of a complaint written in English).

Revision ID: 0011_letter_words
Revises: 0010_audit_anchor
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0011_letter_words"
down_revision = "0010_audit_anchor"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_words",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, index=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("words", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("code", "language", name="uq_service_words_code_language"),
    )
    op.create_table(
        "case_letter_texts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("written_by", sa.String(64), nullable=False),
        sa.Column("written_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("case_id", "name", "language",
                            name="uq_case_letter_texts_case_name_language"),
    )


def downgrade() -> None:
    op.drop_table("case_letter_texts")
    op.drop_table("service_words")
