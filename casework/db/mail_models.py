"""E-mail intake: a message kept whole, the documents its parts became, and the messages a
mailbox has handed over (so each is taken once)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.db.models import Base
from casework.db.types import UTCDateTime


class MailMessage(Base):
    """A message taken from a file or a mailbox; its bytes are the document `document_id`."""

    __tablename__ = "mail_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    message_id: Mapped[str] = mapped_column(String(998), default="", index=True)
    sender: Mapped[str] = mapped_column(String(500), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the Date header
    # What the server says it received, when the message came from a mailbox.
    server_received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the one clocks start from


class MailPart(Base):
    """One part of a message as intake took it: a document, or why it was left aside."""

    __tablename__ = "mail_parts"
    __table_args__ = (UniqueConstraint("message_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("mail_messages.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))  # attachment | body | voicemail | skipped
    content_type: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(500), default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(Text)  # why a skipped part was not taken
    caller: Mapped[str | None] = mapped_column(String(64))  # a voicemail's caller number
    duration_s: Mapped[float | None] = mapped_column(Float)  # a voicemail's length
    summary: Mapped[str | None] = mapped_column(Text)  # what a person heard on the voicemail


class MailboxMessage(Base):
    """A message a mailbox handed over, by folder, UIDVALIDITY and UID (and its Message-ID),
    recorded in the transaction that records the message; `moved_at` once it left the folder."""

    __tablename__ = "mailbox_messages"
    __table_args__ = (UniqueConstraint("mailbox", "folder", "uid_validity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(200))
    folder: Mapped[str] = mapped_column(String(200))
    uid_validity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[str] = mapped_column(String(998), default="", index=True)
    mail_message_id: Mapped[int | None] = mapped_column(ForeignKey("mail_messages.id"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    moved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
