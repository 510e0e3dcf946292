"""Member and provider rosters.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("cin", sa.String(16), nullable=False, unique=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False, index=True),
        sa.Column("dob", sa.Date, index=True),
        sa.Column("language", sa.String(32)),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("phone", sa.String(10)),
        sa.Column("eligibility_start", sa.Date),
        sa.Column("eligibility_end", sa.Date),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "providers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("npi", sa.String(10), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False, index=True),
        sa.Column("phone", sa.String(10)),
        sa.Column("fax", sa.String(10)),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("providers")
    op.drop_table("members")
