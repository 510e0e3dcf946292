"""Reading e-mail messages: parts told apart by their bytes, the written text, the phone
system's words about a voicemail, and every bad message refused with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from casework.intake.mail_message import arrival, looks_like_message, read_message
from casework.intake.mail_parts import html_to_text
from tests.intake import mail_samples as samples

SENT_UTC = datetime(2026, 11, 2, 17, 15, tzinfo=UTC)


def test_a_fax_server_message_has_its_pdf_and_its_cover_words() -> None:
    read = read_message(samples.fax_message())
    assert read.refusal is None
    assert [(p.role, p.filename) for p in read.parts] == [("attachment", "fax.pdf")]
    assert read.parts[0].data.startswith(b"%PDF")
    assert read.body == "You have received a 2 page fax."
    assert read.sender == "fax@fax.example.org"
    assert read.subject == "Fax from 5595550101 (2 pages)"
    assert read.sent_at == SENT_UTC
    assert read.message_id == "<fax-1@fax.example.org>"


def test_an_html_body_is_reduced_to_its_words() -> None:
    read = read_message(samples.grievance_message(html=True))
    assert "I want to file a grievance." in read.body
    assert "<p>" not in read.body and "margin" not in read.body
    assert html_to_text("<p>One</p><p>Two<br>Three</p><script>x()</script>") == \
        "One\n\nTwo\nThree"


def test_a_logo_shown_in_the_text_is_not_a_document() -> None:
    read = read_message(samples.grievance_with_logo())
    assert read.refusal is None and "I want to file a grievance." in read.body
    (logo,) = read.parts
    assert logo.role == "skipped" and logo.reason is not None and "logo" in logo.reason


def test_a_forwarded_message_gives_up_the_documents_inside_it() -> None:
    read = read_message(samples.forwarded_message())
    assert [p.role for p in read.parts] == ["attachment"]
    assert "Forwarding this fax" in read.body and "See the attached fax." in read.body


def test_a_voicemail_names_its_caller_and_length_from_headers_or_words() -> None:
    with_headers = read_message(samples.voicemail_message())
    assert [p.role for p in with_headers.parts] == ["voicemail"]
    assert with_headers.voicemail is not None
    assert with_headers.voicemail.caller == "5595550199"
    assert with_headers.voicemail.duration_s == 3.0
    words_only = read_message(samples.voicemail_message(headers=False))
    assert words_only.voicemail is not None
    assert words_only.voicemail.caller == "(559) 555-0199"
    assert words_only.voicemail.duration_s == 3.0


def test_bad_messages_are_refused_with_a_reason() -> None:
    encrypted = read_message(samples.encrypted_message())
    assert encrypted.refusal is not None and "encrypted (S/MIME)" in encrypted.refusal
    nothing = read_message(samples.nothing_usable_message())
    assert nothing.refusal is not None and "report.xlsx" not in nothing.refusal
    assert "not a PDF, TIFF, PNG or JPEG" in nothing.refusal
    broken = read_message(samples.malformed_message())
    assert broken.refusal is not None and "damaged" in broken.refusal


def test_an_unknown_character_set_is_read_and_said() -> None:
    read = read_message(samples.unknown_charset_message())
    assert read.refusal is None
    assert "I want to file a grievance." in read.body
    assert any("x-made-up-8" in w for w in read.warnings)


def test_a_large_attachment_is_left_aside_with_its_size() -> None:
    read = read_message(samples.large_attachment_message())
    assert read.refusal is None  # the note in the body is still read
    (part,) = read.parts
    assert part.role == "skipped" and part.data == b""
    assert part.reason is not None and "50 MB, over the limit of 25 MB" in part.reason


def test_the_date_header_counts_only_when_the_server_bears_it_out() -> None:
    server = SENT_UTC + timedelta(minutes=2)
    assert arrival(SENT_UTC, server, server) == SENT_UTC
    assert arrival(SENT_UTC + timedelta(days=3), server, server) == server  # sender's clock
    assert arrival(SENT_UTC - timedelta(days=9), server, server) == server  # a forged date
    assert arrival(None, server, server) == server
    file_time = SENT_UTC + timedelta(hours=1)
    assert arrival(SENT_UTC, None, file_time) == SENT_UTC
    assert arrival(SENT_UTC + timedelta(days=1), None, file_time) == file_time


def test_messages_are_known_by_name_or_by_their_headers(tmp_path: Path) -> None:
    named = tmp_path / "fax.eml"
    named.write_bytes(b"anything")
    unnamed = tmp_path / "incoming-0001"
    unnamed.write_bytes(samples.fax_message())
    pdf = tmp_path / "fax.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert looks_like_message(named) and looks_like_message(unnamed)
    assert not looks_like_message(pdf)
