"""Cases, their documents, clocks, notes, tasks and number sequences.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("case_type", sa.String(32), nullable=False, index=True),
        sa.Column("status", sa.String(32), nullable=False, index=True),
        sa.Column("outcome", sa.String(32)),
        sa.Column("queue", sa.String(64), nullable=False, index=True),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), index=True),
        sa.Column("member_name", sa.String(200), nullable=False),
        sa.Column("member_cin", sa.String(16), index=True),
        sa.Column("language", sa.String(32)),
        sa.Column("requesting_provider_id", sa.Integer, sa.ForeignKey("providers.id")),
        sa.Column("servicing_provider_id", sa.Integer, sa.ForeignKey("providers.id")),
        sa.Column("request_key", sa.String(200), index=True),
        sa.Column("received_at", UTCDateTime, nullable=False, index=True),
        sa.Column("hearing_date", sa.Date),
        sa.Column("decided_at", UTCDateTime),
        sa.Column("assignee_id", sa.Integer, sa.ForeignKey("users.id"), index=True),
        sa.Column("fields_json", sa.Text, nullable=False),
        sa.Column("next_due_at", UTCDateTime, index=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("closed_at", UTCDateTime),
    )
    op.create_table(
        "case_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False,
                  index=True),
        sa.Column("attached_at", UTCDateTime, nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.UniqueConstraint("case_id", "document_id"),
    )
    op.create_table(
        "case_clocks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("due_at", UTCDateTime, nullable=False, index=True),
        sa.Column("original_due_at", UTCDateTime, nullable=False),
        sa.Column("citation", sa.Text, nullable=False),
        sa.Column("met_at", UTCDateTime),
        sa.Column("extension_reason", sa.Text),
        sa.UniqueConstraint("case_id", "name"),
    )
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("corrects_note_id", sa.Integer, sa.ForeignKey("case_notes.id")),
    )
    op.create_table(
        "case_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("due_at", UTCDateTime, index=True),
        sa.Column("assignee_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("done_at", UTCDateTime),
        sa.Column("done_by", sa.String(64)),
    )
    op.create_table(
        "case_number_sequences",
        sa.Column("prefix", sa.String(8), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("case_number_sequences", "case_tasks", "case_notes", "case_clocks",
                  "case_documents", "cases"):
        op.drop_table(table)
