"""Real MIME messages, written with Python's `email` package, as mail servers deliver them:
a fax server's PDF, a member's grievance in the body, a forwarded message, a voicemail."""

from __future__ import annotations

import io
import math
import struct
import wave
from email.message import EmailMessage
from email.policy import SMTP

from tests.intake.prior_auth_sample import PAGE_ONE, PAGE_TWO, prior_auth_pdf

SENT = "Mon, 02 Nov 2026 09:15:00 -0800"
GRIEVANCE_TEXT = (
    "To whom it may concern,\n\n"
    "I want to file a grievance. My name is Rosa Delgado, member ID 91234567A, date of birth "
    "04/12/1961.\n"
    "On 10/20/2026 the front desk at Valley Family Medicine was rude to me and I waited three "
    "hours to be seen. I am very unhappy with how I was treated.\n\n"
    "Rosa Delgado\n559-555-0199\n")
OTHER_MEMBER = [("Prior Authorization Request", 18), ("Member Name: Ana Ruiz", 12),
                ("Member ID: 93456781B", 12), ("Date of Birth: 09/30/1975", 12),
                ("Requesting Provider: Valley Family Medicine", 12),
                ("Requesting Provider NPI: 1234567893", 12), ("Diagnosis Codes: E11.9", 12),
                ("Procedure Codes: E0607", 12)]


def message(subject: str, text: str | None = None, *, sender: str = "fax@fax.example.org",
            sent: str = SENT, message_id: str = "<m1@fax.example.org>") -> EmailMessage:
    """A message with the usual headers and, when given, a plain-text body."""
    mail = EmailMessage(policy=SMTP)
    mail["From"] = sender
    mail["To"] = "intake@plan.example.org"
    mail["Subject"] = subject
    mail["Date"] = sent
    mail["Message-ID"] = message_id
    if text is not None:
        mail.set_content(text)
    return mail


def with_pdf(mail: EmailMessage, pdf: bytes, name: str = "fax.pdf") -> EmailMessage:
    """`mail` with a PDF attached."""
    mail.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    return mail


def fax_message(message_id: str = "<fax-1@fax.example.org>") -> bytes:
    """A fax server's message: a cover line in the body and the faxed request as a PDF."""
    mail = message("Fax from 5595550101 (2 pages)", "You have received a 2 page fax.",
                   message_id=message_id)
    return bytes(with_pdf(mail, prior_auth_pdf()))


def two_requests_message() -> bytes:
    """Two requests for two members in one message: clearly separate."""
    mail = message("Faxes", "Two requests attached.", message_id="<two@fax.example.org>")
    rosa_later = [*PAGE_TWO[:2], ("Units: 8", 12), *PAGE_TWO[3:]]  # not the fax's bytes
    with_pdf(mail, prior_auth_pdf((PAGE_ONE, rosa_later)), "rosa.pdf")
    with_pdf(mail, prior_auth_pdf((OTHER_MEMBER, PAGE_TWO)), "ana.pdf")
    return bytes(mail)


def grievance_message(html: bool = False) -> bytes:
    """A member's grievance written in the body of the message (HTML only, when asked)."""
    mail = message("Complaint about my doctor's office", None,
                   sender="Rosa Delgado <rosa.delgado@example.net>",
                   message_id="<grievance@example.net>")
    if html:
        paragraphs = "".join(f"<p>{line}</p>" for line in GRIEVANCE_TEXT.split("\n") if line)
        mail.set_content(f"<html><head><style>p {{margin: 0}}</style></head><body>{paragraphs}"
                         "</body></html>", subtype="html")
    else:
        mail.set_content(GRIEVANCE_TEXT)
    return bytes(mail)


def grievance_with_logo() -> bytes:
    """A grievance in HTML whose signature shows the sender's logo (an inline image)."""
    mail = message("Complaint about my doctor's office", None,
                   sender="Rosa Delgado <rosa.delgado@example.net>",
                   message_id="<logo@example.net>")
    paragraphs = "".join(f"<p>{line}</p>" for line in GRIEVANCE_TEXT.split("\n") if line)
    mail.set_content(f"<html><body>{paragraphs}<img src=\"cid:logo@example.net\">"
                     "</body></html>", subtype="html")
    mail.add_related(_png(), maintype="image", subtype="png", cid="<logo@example.net>")
    return bytes(mail)


def _png() -> bytes:
    """A small real PNG image."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def forwarded_message() -> bytes:
    """A message forwarded as an attachment, the faxed request inside the inner message."""
    inner = with_pdf(message("Fax from 5595550101", "See the attached fax.",
                             message_id="<inner@fax.example.org>"), prior_auth_pdf())
    outer = message("Fwd: Fax from 5595550101", "Forwarding this fax for intake.",
                    sender="Front Desk <desk@clinic.example.org>",
                    message_id="<outer@clinic.example.org>")
    outer.add_attachment(inner)
    return bytes(outer)


def wav_recording(seconds: float = 3.0, rate: int = 8000) -> bytes:
    """A real WAV file: a quiet tone, as a phone system records at 8 kHz."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        frames = int(seconds * rate)
        sound.writeframes(b"".join(
            struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * i / rate)))
            for i in range(frames)))
    return buffer.getvalue()


def voicemail_message(*, headers: bool = True) -> bytes:
    """A phone system's voicemail-to-mail message: caller and length in headers (Asterisk's)
    or only in the words of the body."""
    mail = message("New voicemail from (559) 555-0199",
                   "You have a new voicemail.\nFrom: (559) 555-0199\nDuration: 0:03\n",
                   sender="voicemail@pbx.example.org", message_id="<vm-1@pbx.example.org>")
    if headers:
        mail["X-Asterisk-CallerID"] = '"Rosa Delgado" <5595550199>'
        mail["X-Asterisk-VM-Duration"] = "3"
    mail.add_attachment(wav_recording(), maintype="audio", subtype="x-wav",
                        filename="msg0001.wav")
    return bytes(mail)


def encrypted_message() -> bytes:
    """An S/MIME encrypted message, as Outlook sends one: an opaque enveloped-data blob."""
    mail = message("Encrypted: appeal", None, message_id="<smime@example.net>")
    mail.set_content(b"0\x80\x06\t*\x86H\x86\xf7\r\x01\x07\x03\xa0\x80" + bytes(400),
                     maintype="application", subtype="pkcs7-mime", filename="smime.p7m",
                     params={"smime-type": "enveloped-data", "name": "smime.p7m"})
    return bytes(mail)


def nothing_usable_message() -> bytes:
    """A message with no text and only a spreadsheet attached."""
    mail = message("Report", None, message_id="<nothing@example.net>")
    mail.make_mixed()
    mail.add_attachment(b"PK\x03\x04" + bytes(200), maintype="application",
                        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        filename="report.xlsx")
    return bytes(mail)


def large_attachment_message(megabytes: int = 50) -> bytes:
    """A fax with a cover note and an attachment far over the size limit."""
    mail = message("Big scan", GRIEVANCE_TEXT, message_id="<big@example.net>")
    mail.add_attachment(b"%PDF-1.4\n" + bytes(megabytes * 1024 * 1024), maintype="application",
                        subtype="pdf", filename="huge.pdf")
    return bytes(mail)


def malformed_message() -> bytes:
    """A multipart message whose boundary never appears: its parts cannot be found."""
    return (b"From: fax@fax.example.org\r\nTo: intake@plan.example.org\r\n"
            b"Subject: Broken\r\nDate: " + SENT.encode() + b"\r\n"
            b"Message-ID: <broken@fax.example.org>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=\"NEVER-THERE\"\r\n\r\n"
            b"--SOMETHING-ELSE\r\nContent-Type: application/pdf\r\n\r\n"
            b"JVBERi0xLjQK\r\n")


def unknown_charset_message() -> bytes:
    """A grievance whose body names a character set Python does not know."""
    return (b"From: Rosa Delgado <rosa.delgado@example.net>\r\nTo: intake@plan.example.org\r\n"
            b"Subject: Complaint about my doctor's office\r\nDate: " + SENT.encode() + b"\r\n"
            b"Message-ID: <charset@example.net>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: text/plain; charset=\"x-made-up-8\"\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + GRIEVANCE_TEXT.encode())

