"""The parts of an e-mail message as intake sees them: documents, voicemail, written text, or
parts left aside with the reason.

A message is walked depth first. Attachments are told apart by their first bytes (a PDF, TIFF,
PNG or JPEG is a document; WAV or MP3 is a voicemail), never by the name or type the sender
gave. A message nested inside (a forwarded e-mail, a fax server's wrapper) is walked in turn:
its parts belong to the same intake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from typing import ClassVar

from ocr.readers import READERS

MAX_PART_BYTES = 25 * 1024 * 1024  # larger attachments are left aside, named, never read
HEAD_BYTES = 1024
_SKIPPED_QUIETLY = {"application/pkcs7-signature", "application/x-pkcs7-signature",
                    "application/pgp-signature"}  # a signature is not a document
_AUDIO_SUFFIXES = (".wav", ".mp3")


@dataclass(frozen=True)
class FoundPart:
    """A part worth keeping: an attachment (document or voicemail) with its bytes."""

    role: str  # attachment | voicemail | skipped
    content_type: str
    filename: str
    data: bytes = b""
    reason: str | None = None


@dataclass
class WalkResult:
    """What walking a message found: parts, the written text, and what a person should know."""

    parts: list[FoundPart] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encrypted: bool = False


def walk(message: Message, found: WalkResult, depth: int = 0) -> None:
    """Collect the parts of `message` (and of messages nested in it) into `found`."""
    if depth > 20:  # a message nested in itself twenty times is damaged, not mail
        found.warnings.append("Messages nested more than 20 deep were not opened.")
        return
    kind = message.get_content_type()
    if kind in ("application/pkcs7-mime", "application/x-pkcs7-mime", "multipart/encrypted"):
        found.encrypted = True
        return
    if kind == "message/rfc822" or (kind.startswith("message/") and message.is_multipart()):
        for nested in _payload_list(message):
            walk(nested, found, depth + 1)
        return
    if kind == "multipart/alternative":
        _walk_alternative(message, found, depth)
        return
    if message.is_multipart():
        for part in _payload_list(message):
            walk(part, found, depth + 1)
        return
    if kind in _SKIPPED_QUIETLY:
        return
    if kind in ("text/plain", "text/html") and not _is_attachment(message):
        text = _text_of(message, found)
        found.texts.append(html_to_text(text) if kind == "text/html" else text)
        return
    if _is_inline_image(message):
        found.parts.append(FoundPart(
            "skipped", kind, _filename(message), reason=(
                "An image shown inside the message's text (a logo or a signature); it is "
                "kept in the message, not read.")))
        return
    found.parts.append(attachment(message))


def _is_inline_image(message: Message) -> bool:
    """A picture the HTML text shows by its Content-ID, not a document the sender attached."""
    return (message.get_content_maintype() == "image" and message.get("Content-ID") is not None
            and message.get_content_disposition() != "attachment")


def _walk_alternative(message: Message, found: WalkResult, depth: int) -> None:
    """The same text in several forms: the plain one, else the richest other."""
    choices = _payload_list(message)
    plain = [p for p in choices if p.get_content_type() == "text/plain"]
    for part in plain[:1] or choices[-1:]:
        walk(part, found, depth + 1)


def _payload_list(message: Message) -> list[Message]:
    payload = message.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    return [payload] if isinstance(payload, Message) else []


def _is_attachment(message: Message) -> bool:
    return message.get_content_disposition() == "attachment"


def _text_of(message: Message, found: WalkResult) -> str:
    """The part's text; a character set Python does not know is read as UTF-8, and said so."""
    raw = message.get_payload(decode=True)
    data = raw if isinstance(raw, bytes) else b""
    charset = message.get_content_charset() or "us-ascii"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        found.warnings.append(f"The text's character set ({charset[:40]}) is unknown; it was "
                              "read as UTF-8, so some letters may be wrong.")
        return data.decode("utf-8", errors="replace")


def attachment(message: Message) -> FoundPart:
    """An attachment as intake takes it: a document, a voicemail, or left aside with why."""
    kind = message.get_content_type()
    name = _filename(message)
    encoded = message.get_payload()
    # Judged before decoding, so a huge attachment is never held twice in memory.
    if isinstance(encoded, str) and _decoded_size(encoded, message) > MAX_PART_BYTES:
        return FoundPart("skipped", kind, name, reason=_too_large(_decoded_size(encoded,
                                                                                message)))
    raw = message.get_payload(decode=True)
    data = raw if isinstance(raw, bytes) else b""
    if len(data) > MAX_PART_BYTES:
        return FoundPart("skipped", kind, name, reason=_too_large(len(data)))
    if not data:
        return FoundPart("skipped", kind, name, reason="The attachment is empty.")
    head = data[:HEAD_BYTES]
    if any(reader.claims(head) for reader in READERS) or head.startswith(b"%PDF"):
        return FoundPart("attachment", kind, name, data)
    if is_audio(head, kind, name):
        return FoundPart("voicemail", kind, name, data)
    return FoundPart("skipped", kind, name, reason=(
        f"The attachment ({kind}) is not a PDF, TIFF, PNG or JPEG document, nor a WAV or MP3 "
        "voicemail, so it was not read; it is kept in the message."))


def is_audio(head: bytes, kind: str, name: str) -> bool:
    """Whether an attachment is a recording: WAV or MP3 by its first bytes."""
    if (head[:4] == b"RIFF" and head[8:12] == b"WAVE") or head.startswith(b"ID3"):
        return True
    # A bare MP3 frame header is too short a signature to trust without the sender's word.
    frame = len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
    return frame and (kind.startswith("audio/") or name.lower().endswith(_AUDIO_SUFFIXES))


def _decoded_size(encoded: str, message: Message) -> int:
    """The attachment's size once decoded, from its encoded text (base64 is 4 for 3)."""
    if str(message.get("Content-Transfer-Encoding", "")).strip().lower() != "base64":
        return len(encoded)
    return (len(encoded) - encoded.count("\n") - encoded.count("\r")) * 3 // 4


def _too_large(size: int) -> str:
    return (f"The attachment is {size / 1024 / 1024:,.0f} MB, over the limit of "
            f"{MAX_PART_BYTES // 1024 // 1024} MB; it was not read and is kept in the message. "
            "Ask the sender for smaller files.")


def _filename(message: Message) -> str:
    try:
        name = message.get_filename()
    except (LookupError, ValueError):  # an encoded name in a character set Python lacks
        name = None
    return re.sub(r"[\x00-\x1f/\\]", "_", name or "")[:200]


class _TextOnly(HTMLParser):
    """HTML reduced to its words, one block to a line; scripts and styles dropped."""

    _BLOCKS: ClassVar[frozenset[str]] = frozenset({
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
        "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data)


def html_to_text(html: str) -> str:
    """The words of an HTML body, a line for each paragraph, row or line break."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip()
             for line in "".join(parser.chunks).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

