"""Intake: jobs with leases, and full-text search over page text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("lease_owner", sa.String(128)),
        sa.Column("lease_expires_at", UTCDateTime),
        sa.Column("not_before", UTCDateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("source_path", sa.Text))
        batch.add_column(sa.Column("form_type", sa.String(32)))
        batch.add_column(sa.Column("form_confidence", sa.Float))
        batch.add_column(sa.Column("analysis_json", sa.Text))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE page_search USING fts5("
            "text, page_id UNINDEXED, document_id UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
        )
    else:
        op.add_column("pages", sa.Column("search_vector", sa.dialects.postgresql.TSVECTOR))
        op.create_index("ix_pages_search_vector", "pages", ["search_vector"],
                        postgresql_using="gin")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE page_search")
    else:
        op.drop_index("ix_pages_search_vector", table_name="pages")
        op.drop_column("pages", "search_vector")
    with op.batch_alter_table("documents") as batch:
        for column in ("analysis_json", "form_confidence", "form_type", "source_path"):
            batch.drop_column(column)
    op.drop_table("jobs")
