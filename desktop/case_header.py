"""The top of the case window: number, kind, priority and status; who the member is (ID,
birth date, phone, language); who has the case; and any flag a document raised on it."""

from __future__ import annotations

from datetime import date
from html import escape

from casework.cases.views import CaseDetail
from casework.plan.case_types import CASE_TYPE_LABELS
from desktop.case_actions import status_words
from desktop.case_clocks import shown_time
from desktop.case_table import language_name

FLAG_STYLE = "color:#a00000; font-weight:bold"


def shown_date(value: object) -> str:
    """'04/12/1958' from the ISO date a case keeps; other text as it is."""
    try:
        return date.fromisoformat(str(value)).strftime("%m/%d/%Y")
    except ValueError:
        return str(value)


def shown_phone(value: object) -> str:
    """'(559) 555-0142' from ten digits; other text as it is."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return str(value)


def member_facts(detail: CaseDetail) -> list[str]:
    """'ID 91234567A', 'born 04/12/1958', '(559) 555-0142', 'Spanish': what is known."""
    row, fields = detail.row, detail.fields
    facts = []
    if row.member_cin:
        facts.append(f"ID {row.member_cin}")
    if fields.get("member_dob"):
        facts.append(f"born {shown_date(fields['member_dob'])}")
    if fields.get("member_phone"):
        facts.append(shown_phone(fields["member_phone"]))
    language = detail.language or fields.get("preferred_language")
    facts.append(f"speaks {language_name(language)}" if language else "language not known")
    return facts


def header_html(detail: CaseDetail) -> str:
    """The header as rich text: three lines, then one line per standing flag."""
    row = detail.row
    kind = CASE_TYPE_LABELS.get(row.case_type, row.case_type.replace("_", " "))
    by = f", by {detail.decided_by}" if detail.decided_by else ""
    outcome = f" ({detail.outcome.replace('_', ' ')}{by})" if detail.outcome else ""
    facts = " · ".join(escape(fact) for fact in member_facts(detail))
    lines = [
        f"<span style='font-size:16pt; font-weight:bold'>{escape(row.number)}</span>"
        f"&nbsp;&nbsp;<span style='font-size:12pt'>{escape(kind.capitalize())} · "
        f"{escape(row.priority)} priority · <b>{escape(status_words(row.status))}"
        f"{escape(outcome)}</b></span>",
        f"Member: <b>{escape(row.member_name or 'not named')}</b> · {facts}",
        f"Assigned to: <b>{escape(row.assignee or 'nobody yet')}</b> &nbsp;&nbsp; "
        f"Received {shown_time(row.received_at)} (Pacific)",
    ]
    lines += [f"<span style='{FLAG_STYLE}'>⚠ {escape(flag.message)}</span> — see Tasks"
              for flag in detail.flags]
    return "<br>".join(lines)
