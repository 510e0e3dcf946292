"""E-mail intake: messages kept whole, their parts, and what each mailbox handed over.

Revision ID: 0015_mail
Revises: 0014_outreach
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from casework.db.types import UTCDateTime

revision = "0015_mail"
down_revision = "0014_outreach"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False,
                  unique=True),
        sa.Column("message_id", sa.String(998), nullable=False),
        sa.Column("sender", sa.String(500), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("sent_at", UTCDateTime),
        sa.Column("server_received_at", UTCDateTime),
        sa.Column("received_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_mail_messages_message_id", "mail_messages", ["message_id"])
    op.create_table(
        "mail_parts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("message_id", sa.Integer, sa.ForeignKey("mail_messages.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("content_type", sa.String(200), nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), unique=True),
        sa.Column("reason", sa.Text),
        sa.Column("caller", sa.String(64)),
        sa.Column("duration_s", sa.Float),
        sa.Column("summary", sa.Text),
        sa.UniqueConstraint("message_id", "position"),
    )
    op.create_index("ix_mail_parts_message_id", "mail_parts", ["message_id"])
    op.create_table(
        "mailbox_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mailbox", sa.String(200), nullable=False),
        sa.Column("folder", sa.String(200), nullable=False),
        sa.Column("uid_validity", sa.BigInteger, nullable=False),
        sa.Column("uid", sa.BigInteger, nullable=False),
        sa.Column("message_id", sa.String(998), nullable=False),
        sa.Column("mail_message_id", sa.Integer, sa.ForeignKey("mail_messages.id")),
        sa.Column("taken_at", UTCDateTime, nullable=False),
        sa.Column("moved_at", UTCDateTime),
        sa.UniqueConstraint("mailbox", "folder", "uid_validity", "uid"),
    )
    op.create_index("ix_mailbox_messages_message_id", "mailbox_messages", ["message_id"])


def downgrade() -> None:
    op.drop_table("mailbox_messages")
    op.drop_table("mail_parts")
    op.drop_table("mail_messages")
