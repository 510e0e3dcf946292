"""The audit trail's anchor: the chain's head after each commit, in a table the application
may only insert into (PostgreSQL; a SQLite database keeps its anchor in a file beside it), and
the trail itself made append-only for the application's role.

Revision ID: 0010_audit_anchor
Revises: 0009_reviewers
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0010_audit_anchor"
down_revision = "0009_reviewers"
branch_labels = None
depends_on = None

_PROTECTED = ("audit_events", "audit_anchors")

# A trigger stops even the tables' owner (who may grant itself rights back) from rewriting
# the trail by accident or by a plain UPDATE/DELETE/TRUNCATE; removing it is a deliberate,
# visible schema change.
_REFUSE = """
CREATE OR REPLACE FUNCTION intake_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "audit_anchors",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
                  autoincrement=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("occurred_at", UTCDateTime, nullable=False),
    )
    # Sign-in counts one account's recent failures at every sign-in, and a case's trail is
    # read by its record: both look events up by what they are about.
    op.create_index("ix_audit_events_entity", "audit_events", ["entity_type", "entity_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("INSERT INTO audit_anchors (seq, hash, occurred_at) "
               "SELECT seq, hash, occurred_at FROM audit_events "
               "ORDER BY seq DESC LIMIT 1")
    op.execute(_REFUSE)
    for table in _PROTECTED:
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION intake_audit_append_only()")
        op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION intake_audit_append_only()")
        op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM PUBLIC")
        op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM CURRENT_USER")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _PROTECTED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            op.execute(f"GRANT UPDATE, DELETE, TRUNCATE ON {table} TO CURRENT_USER")
        op.execute("DROP FUNCTION IF EXISTS intake_audit_append_only()")
    op.drop_index("ix_audit_events_entity", table_name="audit_events")
    op.drop_table("audit_anchors")
