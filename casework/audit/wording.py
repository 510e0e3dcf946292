"""An audit event said in words for a person ("Maria Lopez signed in", "opened case
GRV-2026-000123", "acknowledge due Mon 11/16 11:59 PM"); exports for auditors' tools keep the
stored machine values.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from casework.plan.timezone import plan_time

# What each action did, as the rest of a sentence after who did it.
ACTION_WORDS = {
    "case.opened": "opened case", "case.document_attached": "attached a document to case",
    "case.status_changed": "changed the status of case",
    "case.clock_extended": "extended a clock of case",
    "case.clock_moved": "moved a clock of case", "case.converted": "changed the priority of case",
    "case.viewed": "opened case", "case.note_added": "added a note to case",
    "case.task_added": "added a task to case", "case.task_done": "finished a task of case",
    "case.flagged": "flagged case", "case.claimed": "claimed case",
    "case.assigned": "assigned case", "case.related": "related case",
    "case.priority_changed": "changed the priority of case",
    "case.referred_to_reviewer": "referred to a clinical reviewer case",
    "document.taken": "took in document", "document.duplicate": "found a copy in document",
    "document.rejected": "rejected document", "document.retried": "retried document",
    "document.read": "read document", "document.viewed": "looked at document",
    "document.field_corrected": "corrected a field of document",
    "document.verified": "verified document",
    "document.voicemail_summarised": "wrote what was said on the voicemail of document",
    "document.type_set": "set the form of document",
    "document.split": "split document", "document.split_part": "made a part of document",
    "document.merged": "merged document", "document.merged_into": "merged into it document",
    "document.dismissed": "dismissed document", "job.requeued": "queued again job",
    "job.released": "released job", "job.retry_scheduled": "scheduled a retry of job",
    "letter.generated": "drafted a letter for", "letter.exported": "saved a copy of a letter for",
    "letter.fax_queued": "queued to fax a letter for", "letter.faxed": "faxed a letter for",
    "letter.printed": "printed a letter for", "letter.mailed": "recorded mailing a letter for",
    "letter.handed_over": "recorded handing over a letter for", "user.added": "added account",
    "user.disabled": "disabled account", "user.password_changed": "changed the password of account",
    "user.signed_in": "signed in", "user.sign_in_failed": "failed to sign in",
    "settings.changed": "changed the settings", "store.checked": "checked the document store",
    "clocks.checked": "checked the case clocks", "roster.imported": "imported a roster",
    "audit.exported": "exported the audit trail",
    "contact.logged": "logged an attempt to reach the member of",
    "referral.opened": "opened referral", "referral.status_changed": "changed the status of "
    "referral", "referral.attended": "recorded attendance for referral",
    "member.viewed": "looked at the record of member",
}
# Actions whose record is the person themselves or the whole system: no record to name.
SELF_EVIDENT = {"user.signed_in", "user.sign_in_failed", "settings.changed", "store.checked",
                "clocks.checked", "roster.imported", "audit.exported"}
KEY_WORDS = {"number": "case", "full_name": "name", "cases": "cases", "members": "members",
             "from": "from", "to": "to", "kind": "kind", "task": "task", "note": "note"}


def details_of(details: str) -> dict[str, Any]:
    """The stored details as a mapping ({} for none; {'details': text} if not JSON)."""
    try:
        value = json.loads(details) if details else {}
    except json.JSONDecodeError:
        return {"details": details}
    return value if isinstance(value, dict) else {"details": value}


def moment_words(value: str) -> str | None:
    """'Mon 11/16/2026 11:59 PM' (Pacific) for an ISO time; None when it is not one."""
    if len(value) < 16 or value[4:5] != "-" or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return plan_time(moment).strftime("%a %m/%d/%Y %I:%M %p")


def value_words(value: object) -> str:
    """A stored value as a person reads it: lists joined, yes/no, times in Pacific."""
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(value_words(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{str(k).replace('_', ' ')} due {value_words(v)}"
                         for k, v in value.items())
    text = str(value)
    return moment_words(text) or text.replace("_", " ") if isinstance(value, str) else text


def record_words(action: str, entity_type: str, entity_id: str, details: dict[str, Any]) -> str:
    """What the event was about: 'GRV-2026-000123', 'document 12', 'carla'."""
    if action in SELF_EVIDENT:
        return ""
    if entity_type in ("case", "letter") and details.get("number"):
        return f"case {details['number']}"
    if entity_type == "referral" and details.get("number"):
        return f"referral {details['number']}"
    if entity_type == "member" and details.get("cin"):
        return f"member {details['cin']}"
    if entity_type == "user" and details.get("username"):
        return str(details["username"])
    return f"{entity_type} {entity_id}".strip()


def event_sentence(action: str, who: str, entity_type: str, entity_id: str,
                   details: str) -> str:
    """'Maria Lopez opened case GRV-2026-000123'."""
    words = ACTION_WORDS.get(action, action.replace(".", " ").replace("_", " "))
    about = record_words(action, entity_type, entity_id, details_of(details))
    if about.startswith("letter ") and words.endswith(" a letter for"):
        words = words.removesuffix(" a letter for")  # "printed letter 5"
    if about.startswith(f"{entity_type} ") and words.endswith(f" {entity_type}"):
        words = words.removesuffix(f" {entity_type}")  # "opened case GRV-…", not "case case"
    return " ".join(part for part in (who, words, about) if part)


def details_words(action: str, details: str) -> str:
    """The details left to say once the sentence named the record: 'kind: grievance
    acknowledgement, language: en'; nothing empty, no machine spellings."""
    values = details_of(details)
    shown = []
    for key, value in values.items():
        if key == "number" and action.startswith("case."):
            continue  # the sentence names the case
        if value in (None, "", [], {}):
            continue
        label = KEY_WORDS.get(key, key.replace("_", " "))
        shown.append(f"{label}: {value_words(value)}")
    return ", ".join(shown)
