"""Care coordination: contacts (each attempt to reach a member), referrals to programs, and
program attendance.

Revision ID: 0014_outreach
Revises: 0013_transport
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0014_outreach"
down_revision = "0013_transport"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), index=True),
        sa.Column("member_cin", sa.String(16), nullable=False, index=True),
        sa.Column("member_name", sa.String(200), nullable=False),
        sa.Column("program", sa.String(32), nullable=False, index=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("referred_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("outcome_note", sa.Text, nullable=False),
        sa.Column("referred_at", UTCDateTime, nullable=False, index=True),
        sa.Column("due_at", UTCDateTime),
        sa.Column("clock_citation", sa.Text, nullable=False),
        sa.Column("contacted_at", UTCDateTime),
        sa.Column("closed_at", UTCDateTime),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), index=True),
        sa.Column("referral_id", sa.Integer, sa.ForeignKey("referrals.id"), index=True),
        sa.Column("member_cin", sa.String(16), index=True),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("interpreter", sa.Boolean, nullable=False),
        sa.Column("language", sa.String(32)),
        sa.Column("made_by", sa.String(64), nullable=False, index=True),
        sa.Column("made_at", UTCDateTime, nullable=False, index=True),
    )
    op.create_table(
        "referral_attendance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("referral_id", sa.Integer, sa.ForeignKey("referrals.id"), nullable=False,
                  index=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("referral_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("referral_attendance")
    op.drop_table("contacts")
    op.drop_table("referrals")
