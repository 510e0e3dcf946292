"""Queue counts from an index alone: the navigation pane recounts every queue each refresh.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_queue_status_due", "cases", ["queue", "status", "next_due_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_queue_status_due", table_name="cases")
