"""The transportation desk: vendors, trips and their standing-order days, and mileage
reimbursements.

Revision ID: 0013_transport
Revises: 0012_case_flags
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0013_transport"
down_revision = "0012_case_flags"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vendors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("fax", sa.String(10), nullable=False),
        sa.Column("phone", sa.String(10), nullable=False),
        sa.Column("modes", sa.Text, nullable=False),
        sa.Column("zips", sa.Text, nullable=False),
        sa.Column("counties", sa.Text, nullable=False),
        sa.Column("agreement_from", sa.Date),
        sa.Column("agreement_to", sa.Date),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "trips",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False,
                  unique=True),
        sa.Column("pickup_address", sa.Text, nullable=False),
        sa.Column("pickup_zip", sa.String(5)),
        sa.Column("destination_name", sa.Text, nullable=False),
        sa.Column("destination_address", sa.Text, nullable=False),
        sa.Column("destination_zip", sa.String(5)),
        sa.Column("appointment_date", sa.Date),
        sa.Column("appointment_time", sa.String(5), nullable=False),
        sa.Column("mode", sa.String(32), nullable=False),
        sa.Column("round_trip", sa.Boolean, nullable=False),
        sa.Column("miles", sa.Float),
        sa.Column("miles_note", sa.Text, nullable=False),
        sa.Column("stated_miles", sa.Float),
        sa.Column("stated_by", sa.String(32), nullable=False),
        sa.Column("standing_days", sa.String(40), nullable=False),
        sa.Column("series_end", sa.Date),
        sa.Column("vendor_id", sa.Integer, sa.ForeignKey("vendors.id")),
        sa.Column("vendor_reason", sa.Text, nullable=False),
        sa.Column("authorization_number", sa.String(32), unique=True),
        sa.Column("authorized_at", UTCDateTime),
        sa.Column("amendment", sa.Integer, nullable=False),
        sa.Column("amendment_reason", sa.Text, nullable=False),
        sa.Column("cancelled_at", UTCDateTime),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "trip_days",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("trip_id", sa.Integer, sa.ForeignKey("trips.id"), nullable=False, index=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("holiday", sa.String(100), nullable=False),
    )
    op.create_table(
        "mileage_reimbursements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("trip_id", sa.Integer, sa.ForeignKey("trips.id"), nullable=False),
        sa.Column("travel_date", sa.Date, nullable=False),
        sa.Column("miles", sa.Float, nullable=False),
        sa.Column("rate", sa.Numeric(6, 4), nullable=False),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
        sa.Column("citation", sa.Text, nullable=False),
        sa.Column("queue", sa.String(64), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("mileage_reimbursements")
    op.drop_table("trip_days")
    op.drop_table("trips")
    op.drop_table("vendors")
