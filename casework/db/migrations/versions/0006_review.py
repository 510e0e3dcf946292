"""Intake review: a document made from another (split, merged) and when a person dealt with it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("parent_id", sa.Integer))
        batch.add_column(sa.Column("merged_into_id", sa.Integer))
        batch.add_column(sa.Column("reviewed_at", UTCDateTime))
        batch.create_foreign_key("fk_documents_parent_id", "documents", ["parent_id"], ["id"])
        batch.create_foreign_key("fk_documents_merged_into_id", "documents",
                                 ["merged_into_id"], ["id"])
        batch.create_index("ix_documents_parent_id", ["parent_id"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_parent_id")
        batch.drop_constraint("fk_documents_merged_into_id", type_="foreignkey")
        batch.drop_constraint("fk_documents_parent_id", type_="foreignkey")
        for column in ("reviewed_at", "merged_into_id", "parent_id"):
            batch.drop_column(column)
