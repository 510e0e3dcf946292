"""A member's record said as table rows: cases, documents, letters, contacts, referrals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from casework.members.member_record import (
    MemberCase,
    MemberDocument,
    MemberLetter,
    MemberRecord,
)
from casework.outreach.contacts import ContactView
from casework.outreach.referrals import ReferralView
from casework.plan.case_types import CASE_TYPE_LABELS
from casework.plan.timezone import plan_time
from desktop.case_actions import status_words
from desktop.case_header import shown_phone
from desktop.case_table import language_name
from desktop.text_table import TextRow

CASE_COLUMNS = ("Case", "Kind", "Status", "Received", "Next due", "Queue")
DOCUMENT_COLUMNS = ("Received", "Document", "Form", "Pages", "Case")
LETTER_COLUMNS = ("Made", "Letter", "Language", "Version", "Sent", "Case")
CONTACT_COLUMNS = ("When", "About", "Attempt", "Channel", "Outcome", "Language", "By", "Note")
REFERRAL_COLUMNS = ("Referral", "Program", "Site", "Status", "Referred", "First contact",
                    "Days attended")


def day(moment: datetime | None) -> str:
    return plan_time(moment).strftime("%m/%d/%Y") if moment else ""


def minute(moment: datetime | None) -> str:
    return plan_time(moment).strftime("%m/%d/%Y %I:%M %p") if moment else ""


def header_lines(record: MemberRecord) -> list[str]:
    """The member as the window's header says it (plain text lines)."""
    member = record.member
    lines = [f"{record.name or '(no name)'}  ·  Medi-Cal ID {record.cin}"]
    if member is None:
        lines.append("Not in the member roster: details come from the cases.")
        return lines
    born = member.dob.strftime("%m/%d/%Y") if member.dob else "birth date unknown"
    eligible = {True: "covered today", False: "NOT covered today",
                None: "no coverage dates in the roster"}[member.eligible_today]
    facts = [f"born {born}",
             f"speaks {language_name(member.language)}" if member.language
             else "language not known",
             shown_phone(member.phone) if member.phone else "no phone", eligible]
    lines.append(" · ".join(facts))
    if member.address:
        lines.append(member.address)
    lines.append(f"{_count(len(record.cases), 'case')}, {record.open_cases} open · "
                 f"{_count(len(record.referrals), 'referral')} · "
                 f"{_count(len(record.contacts), 'contact')}")
    return lines


def case_rows(cases: tuple[MemberCase, ...],
              queue_label: Callable[[str], str]) -> list[TextRow]:
    rows = []
    for c in cases:
        status = status_words(c.status) + (f" ({c.outcome.replace('_', ' ')})"
                                           if c.outcome else "")
        kind = CASE_TYPE_LABELS.get(c.case_type, c.case_type.replace("_", " "))
        rows.append(TextRow((c.number, kind[:1].upper() + kind[1:],
                             status, day(c.received_at),
                             minute(c.next_due_at) if c.is_open else "", queue_label(c.queue)),
                            c.case_id))
    return rows


def document_rows(documents: tuple[MemberDocument, ...]) -> list[TextRow]:
    return [TextRow((day(d.received_at), d.original_name,
                     (d.form_type or "not recognised").replace("_", " "),
                     str(d.pages or ""), d.case_number), d.document_id) for d in documents]


def letter_rows(letters: tuple[MemberLetter, ...]) -> list[TextRow]:
    return [TextRow((day(x.created_at), x.kind.replace("_", " "), language_name(x.language),
                     str(x.version), f"{x.sent} {day(x.sent_at)}" if x.sent_at else "not sent",
                     x.case_number), x.letter_id) for x in letters]


def contact_rows(contacts: tuple[ContactView, ...]) -> list[TextRow]:
    return [TextRow((minute(c.made_at), c.referral_number or c.case_number or "",
                     str(c.attempt), c.channel.replace("_", " "), c.outcome.replace("_", " "),
                     c.language + (" (interpreter)" if c.interpreter else "")
                     if c.language else "", c.made_by, c.note), c.id) for c in contacts]


def referral_rows(referrals: tuple[ReferralView, ...], now: datetime) -> list[TextRow]:
    return [TextRow((r.number, r.program_says, r.site or "(no site yet)", r.status,
                     day(r.referred_at), r.clock_words(now).removeprefix("first contact "),
                     str(r.attended_days) if r.attendance else ""), r.number)
            for r in referrals]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
