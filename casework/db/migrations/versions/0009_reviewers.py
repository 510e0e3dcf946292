"""Clinical reviewers and letters sent: a reviewer's credentials and phone on the account, who
decided a case and the queue a referred case came from, and how each letter went out.

Revision ID: 0009_reviewers
Revises: 0008_relations
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0009_reviewers"
down_revision = "0008_relations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("credentials", sa.String(100), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("phone", sa.String(40), nullable=False, server_default=""))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("decided_by_id", sa.Integer))
        batch.add_column(sa.Column("review_from_queue", sa.String(64)))
        batch.create_foreign_key("fk_cases_decided_by_id", "users", ["decided_by_id"], ["id"])
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("handed_at", UTCDateTime))
        batch.add_column(sa.Column("fax_file", sa.Text))
        batch.add_column(sa.Column("fax_queued_at", UTCDateTime))


def downgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        for column in ("fax_queued_at", "fax_file", "handed_at"):
            batch.drop_column(column)
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint("fk_cases_decided_by_id", type_="foreignkey")
        batch.drop_column("review_from_queue")
        batch.drop_column("decided_by_id")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("phone")
        batch.drop_column("credentials")
