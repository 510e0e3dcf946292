"""Free text in the letter's language: a Spanish letter does not quote the member in English.

Text taken from the case (the complaint as the form gave it) or typed for the letter is
checked; a Spanish letter whose free text reads as English is refused, asking for the Spanish
text, and a text written for the letter is kept with the case for its later letters.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.db.letter_models import CaseLetterText
from casework.errors import UserError

# Values printed as staff or the member wrote them (and which the case may hold already).
FREE_TEXT = ("summary", "resolution", "reason", "extension_reason", "approved_service")
_WORD = re.compile(r"[a-záéíóúñü']+")
_ENGLISH_WORDS = (
    "the and was were with you your my i is are not for they he she have had this that "
    "what when which would will to of it at be been by from but or we our their there "
    "because about after before did does do an on")
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_SPANISH_WORDS = (
    "el la los las de del que y en por con para una un no se su sus mi es son fue muy "
    "pero como cuando porque al le lo ya usted nosotros ellos había estaba hasta sin "
    "sobre también")
_SPANISH = frozenset(_SPANISH_WORDS.split())
_LABELS = {"summary": "the summary of the grievance", "resolution": "what was decided and done",
           "reason": "the reason for the decision", "extension_reason": "the reason for the "
           "extension", "approved_service": "the service approved instead"}


class EnglishInSpanishLetter(UserError):
    """A Spanish letter would print free text written in English."""

    def __init__(self, names: tuple[str, ...]) -> None:
        words = ", ".join(f"{_LABELS.get(n, n)} ({n})" for n in names)
        super().__init__(
            f"This letter is in Spanish, but {words} is written in English. Write it in "
            f"Spanish (with --set {names[0]}=\"...\", or in the letter window); it is kept "
            "with the case for its later Spanish letters.")
        self.names = names


def reads_as_english(text: str) -> bool:
    """Whether `text` has more English function words than Spanish ones (and at least two)."""
    words = _WORD.findall(text.lower())
    english = sum(w in _ENGLISH for w in words)
    spanish = sum(w in _SPANISH for w in words)
    return english >= 2 and english > spanish


def english_values(values: dict[str, str]) -> tuple[str, ...]:
    """The free-text values (by name) that read as English."""
    return tuple(name for name in FREE_TEXT if reads_as_english(values.get(name, "")))


def kept_texts(session: Session, case_id: int, language: str) -> dict[str, str]:
    """The free text written for the case's letters in `language`, by value name."""
    return dict(session.execute(select(CaseLetterText.name, CaseLetterText.text).where(
        CaseLetterText.case_id == case_id, CaseLetterText.language == language)).all())


def keep_texts(session: Session, case_id: int, language: str, written: dict[str, str],
               author: str, now: datetime) -> tuple[str, ...]:
    """Keep the free text staff wrote for a letter in `language`; the names kept."""
    kept = []
    for name in FREE_TEXT:
        text = written.get(name, "").strip()
        if not text:
            continue
        row = session.scalar(select(CaseLetterText).where(
            CaseLetterText.case_id == case_id, CaseLetterText.name == name,
            CaseLetterText.language == language))
        if row is None:
            session.add(CaseLetterText(case_id=case_id, name=name, language=language, text=text,
                                       written_by=author, written_at=now))
        elif row.text != text:
            row.text, row.written_by, row.written_at = text, author, now
        else:
            continue
        kept.append(name)
    return tuple(kept)
