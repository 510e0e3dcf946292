"""Reading an e-mail message (a `.eml` file, or one a mailbox handed over): who sent it, when,
about what, and the parts intake takes from it, or why the whole message cannot be taken.

Fax servers, scanners and phone systems deliver by e-mail too (fax-to-mail, voicemail-to-mail),
so one reader serves three channels.
"""

from __future__ import annotations

import re
import wave
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.errors import MessageDefect
from email.message import Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from io import BytesIO
from pathlib import Path

from casework.intake.mail_parts import FoundPart, WalkResult, walk

HEAD_BYTES = 4096
# A Date header later than the server's receipt by more than this, or earlier by more than a
# day, is the sender's clock or a forgery: the server's time is used instead.
DATE_AHEAD = timedelta(minutes=10)
DATE_BEHIND = timedelta(days=1)
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,60}:[ \t]")
_KNOWN_HEADERS = (b"from:", b"to:", b"subject:", b"date:", b"message-id:", b"received:",
                  b"mime-version:", b"return-path:", b"delivered-to:", b"content-type:")
_CALLER_HEADERS = ("X-Asterisk-CallerID", "X-Asterisk-CallerIDNum", "X-Caller-ID",
                   "X-CallerID", "X-Voicemail-From")
_DURATION_HEADERS = ("X-Asterisk-VM-Duration", "X-Voicemail-Duration", "X-Duration")
_PHONE = re.compile(r"\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}")
_CALLER_WORDS = re.compile(r"(?:from|caller(?: id| number)?|calling number)\s*:?\s*"
                           r"([^\n]{0,40}?)(\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4})",
                           re.IGNORECASE)
_DURATION_WORDS = re.compile(r"(?:duration|length)\s*:?\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})"
                             r"|(?:duration|length)\s*:?\s*(\d{1,5})\s*(?:s\b|sec|second)",
                             re.IGNORECASE)


@dataclass(frozen=True)
class Voicemail:
    """What the phone system said about a recording."""

    caller: str | None
    duration_s: float | None


@dataclass(frozen=True)
class ReadMessage:
    """A message as intake takes it. `refusal`: why nothing in it can be taken (it is then kept
    whole and rejected with that reason); `warnings` are worth a person's look."""

    message_id: str
    sender: str
    subject: str
    sent_at: datetime | None
    parts: tuple[FoundPart, ...]
    body: str  # the written text (plain, or HTML reduced to words); "" when there is none
    voicemail: Voicemail | None
    refusal: str | None = None
    warnings: tuple[str, ...] = field(default=())


def looks_like_message(path: Path) -> bool:
    """Whether a file is an e-mail message: named `.eml`, or starting with mail headers."""
    if path.suffix.lower() == ".eml":
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    if first.startswith(b"From ") and b"\n" in head:  # an mbox "From " line before headers
        first = head.split(b"\n", 2)[1] if head.count(b"\n") > 1 else b""
    if not _HEADER_LINE.match(first):
        return False
    lowered = head.lower()
    return sum(1 for name in _KNOWN_HEADERS if name in lowered) >= 2


def read_message(data: bytes) -> ReadMessage:
    """Parse a message's bytes; never raises for bad mail (the reason is in `refusal`)."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # the parser is lenient; anything left is damage, in words
        return _refused(f"The message is damaged and cannot be opened ({type(exc).__name__}).")
    sender, subject, message_id = _header(message, "From"), _header(message, "Subject"), \
        _header(message, "Message-ID")
    found = WalkResult()
    try:
        walk(message, found)
    except (RecursionError, LookupError, ValueError, TypeError, AttributeError) as exc:
        found.warnings.append(f"Part of the message is damaged ({type(exc).__name__}).")
    body = "\n\n".join(t.strip() for t in found.texts if t.strip())
    voicemail = _voicemail(message, body, found.parts)
    refusal = _refusal(message, found, body)
    return ReadMessage(
        message_id=message_id[:998], sender=_address(sender), subject=subject[:2000],
        sent_at=_date(message), parts=tuple(found.parts), body=body, voicemail=voicemail,
        refusal=refusal, warnings=tuple(found.warnings))


def _refused(reason: str) -> ReadMessage:
    return ReadMessage("", "", "", None, (), "", None, reason)


def _refusal(message: Message, found: WalkResult, body: str) -> str | None:
    if found.encrypted:
        return ("The message is encrypted (S/MIME) and the workstation holds no key to open "
                "it. Ask the sender to send it unencrypted, or open it where the key is kept.")
    if any(p.role != "skipped" for p in found.parts) or body:
        return None
    structural = [d for d in _defects(message) if "Boundary" in type(d).__name__
                  or "Multipart" in type(d).__name__]
    if structural:
        return ("The message's structure is damaged (" + type(structural[0]).__name__ +
                "), and no document or text could be found in it. It is kept as received.")
    skipped = [p.reason for p in found.parts if p.reason]
    if skipped:
        return "The message has nothing that can be read: " + " ".join(skipped)
    return "The message has no document, voicemail or written text to read."


def _defects(message: Message) -> list[MessageDefect]:
    found: list[MessageDefect] = list(message.defects)
    for part in message.walk():
        if part is not message:
            found.extend(part.defects)
    return found


def _header(message: Message, name: str) -> str:
    """A header's value as text; a damaged or undecodable header is read as it stands."""
    try:
        value = message.get(name)
    except (LookupError, ValueError, IndexError, TypeError):
        value = None
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""


def _address(sender: str) -> str:
    name, address = parseaddr(sender)
    return (f"{name} <{address}>" if name and address else address or sender)[:500]


def _date(message: Message) -> datetime | None:
    text = _header(message, "Date")
    if not text:
        return None
    try:
        sent = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return sent.astimezone(UTC) if sent.tzinfo is not None else sent.replace(tzinfo=UTC)


def arrival(sent_at: datetime | None, server_at: datetime | None,
            fallback: datetime) -> datetime:
    """When the plan received the message, which starts its clocks: the Date header when the
    server's receipt bears it out, else the server's receipt; `fallback` (the file's time)
    when neither is known."""
    if server_at is None:
        return sent_at if sent_at is not None and sent_at <= fallback + DATE_AHEAD else fallback
    if sent_at is None or not (server_at - DATE_BEHIND <= sent_at <= server_at + DATE_AHEAD):
        return server_at
    return min(sent_at, server_at)


def _voicemail(message: Message, body: str, parts: list[FoundPart]) -> Voicemail | None:
    """Caller and length of a recording, from the phone system's headers or its words."""
    audio = [p for p in parts if p.role == "voicemail"]
    if not audio:
        return None
    caller = next((_header(message, h) for h in _CALLER_HEADERS if _header(message, h)), None)
    if caller is None:
        said = _CALLER_WORDS.search(body) or _CALLER_WORDS.search(_header(message, "Subject"))
        caller = said.group(2).strip() if said else None
    elif _PHONE.search(caller):
        caller = _PHONE.search(caller).group(0).strip()  # type: ignore[union-attr]
    duration = next((_seconds(_header(message, h)) for h in _DURATION_HEADERS
                     if _seconds(_header(message, h)) is not None), None)
    if duration is None:
        duration = _duration_in_words(body) or wav_seconds(audio[0].data)
    return Voicemail(caller[:64] if caller else None, duration)


def _seconds(text: str) -> float | None:
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    said = _duration_in_words(f"duration: {text}")
    return said


def _duration_in_words(text: str) -> float | None:
    said = _DURATION_WORDS.search(text)
    if said is None:
        return None
    if said.group(4):
        return float(said.group(4))
    hours, minutes, seconds = said.group(1), said.group(2), said.group(3)
    return float(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds))


def wav_seconds(data: bytes) -> float | None:
    """A WAV recording's length from its header; None for MP3 or a damaged file."""
    try:
        with wave.open(BytesIO(data)) as sound:
            rate = sound.getframerate()
            return round(sound.getnframes() / rate, 1) if rate else None
    except (wave.Error, EOFError, ValueError):
        return None
