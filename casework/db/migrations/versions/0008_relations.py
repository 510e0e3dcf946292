"""Related cases: an appeal and the request it appeals, a State Hearing and the appeal it follows.

Revision ID: 0008_relations
Revises: 0007
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0008_relations"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_relations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("related_case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False,
                  index=True),
        sa.Column("relation", sa.String(64), nullable=False),
        sa.Column("inverse", sa.String(64), nullable=False),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("case_id", "related_case_id"),
    )


def downgrade() -> None:
    op.drop_table("case_relations")
