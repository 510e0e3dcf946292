"""Plain words for procedure codes: a member reads "physical therapy exercises", not "97110".

CPT descriptions are licensed and written for coders, so the plan's staff write a plain
description once per code and language; it is remembered for the plan, used by every letter
naming the code, can be changed at any time, and each change is audited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.letter_models import ServiceWords
from casework.errors import InvalidValue, UserError
from casework.letters.languages import LANGUAGES
from casework.permissions import Permission
from casework.plan.rule_files import parse_yaml
from casework.workspace import Workspace

# CPT (five digits, or four and a letter) and HCPCS Level II (a letter and four digits).
CODE = re.compile(r"^(?:\d{4}[0-9A-Z]|[A-V]\d{4})$")
_LANGUAGE_WORDS = {"en": "English", "es": "Spanish"}


class ServiceWordsMissing(UserError):
    """A code in the letter has no plain description in the letter's language yet."""

    def __init__(self, codes: tuple[str, ...], language: str) -> None:
        listed = ", ".join(codes)
        example = f'service.{codes[0]}="..."'
        super().__init__(
            f"A member cannot read procedure codes: write what {listed} "
            f"{'is' if len(codes) == 1 else 'are'} in plain {_LANGUAGE_WORDS[language]} "
            f"words (with --set {example}, or in the letter window); the plan remembers "
            "each description for the next letter.")
        self.codes = codes
        self.language = language


@dataclass(frozen=True)
class ServiceDescription:
    """One code's plain words in one language, and who last wrote them."""

    code: str
    language: str
    words: str
    updated_by: str
    updated_at: datetime


def normal_code(code: str) -> str:
    """The code as stored ('97110', 'K0823'), or an error saying what a code looks like."""
    clean = code.strip().upper()
    if not CODE.match(clean):
        raise InvalidValue(f"{code!r} is not a procedure code (CPT like 97110 or HCPCS like "
                           "K0823).")
    return clean


def describe_services(session: Session, codes: Iterable[str], language: str,
                      written: dict[str, str] | None = None) -> str:
    """'Physical therapy exercises (97110); hands-on therapy (97140)'; refuses, naming them,
    when a code has no plain words in `language` (`written` gives this letter's new ones)."""
    wanted = [c.strip().upper() for c in codes if c.strip()]
    known = {code: words[language] for code, words in bundled_service_words().items()
             if code in wanted and language in words}
    known |= dict(session.execute(select(ServiceWords.code, ServiceWords.words).where(
        ServiceWords.code.in_(wanted), ServiceWords.language == language)).all())
    known.update({c.upper(): w.strip() for c, w in (written or {}).items() if w.strip()})
    missing = tuple(dict.fromkeys(c for c in wanted if c not in known))
    if missing:
        raise ServiceWordsMissing(missing, language)
    return "; ".join(f"{known[c]} ({c})" for c in dict.fromkeys(wanted))


@cache
def bundled_service_words() -> dict[str, dict[str, str]]:
    """The plain words shipped for HCPCS Level II codes (resources/service_words.yaml)."""
    source = files("resources") / "service_words.yaml"
    loaded = parse_yaml(source.read_text(encoding="utf-8"), "service_words.yaml")
    codes = loaded.get("codes", {}) if isinstance(loaded, dict) else {}
    return {str(code).upper(): {str(k): str(v) for k, v in words.items()}
            for code, words in codes.items() if isinstance(words, dict)}


def remember_service_words(session: Session, actor: Actor, code: str, language: str,
                           words: str, now: datetime) -> bool:
    """Store (or change) a code's plain words in `language`, audited; False when unchanged."""
    code = normal_code(code)
    if language not in LANGUAGES:
        raise InvalidValue(f"Service words are written in {' or '.join(LANGUAGES)}.")
    text = " ".join(words.split())
    if not text:
        raise InvalidValue(f"The plain description of {code} is empty.")
    row = session.scalar(select(ServiceWords).where(ServiceWords.code == code,
                                                    ServiceWords.language == language))
    before = row.words if row is not None else None
    if before == text:
        return False
    if row is None:
        row = ServiceWords(code=code, language=language, words=text, updated_by=actor.username,
                           updated_at=now)
        session.add(row)
    else:
        row.words, row.updated_by, row.updated_at = text, actor.username, now
    session.flush()
    record(session, actor, AuditAction.SETTINGS_CHANGED, "service_words", row.id, now,
           {"code": code, "language": language, "words": text, "before": before})
    return True


def set_service_words(ws: Workspace, actor: Actor, code: str, language: str,
                      words: str) -> bool:
    """Write or change the plan's plain description of `code` in `language`."""
    actor.require(Permission.GENERATE_LETTERS)
    with ws.db.write() as session:
        return remember_service_words(session, actor, code, language, words, ws.now())


def list_service_words(ws: Workspace, actor: Actor) -> list[ServiceDescription]:
    """Every code's plain words, by code and language."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        rows = session.scalars(select(ServiceWords).order_by(ServiceWords.code,
                                                             ServiceWords.language)).all()
        return [ServiceDescription(r.code, r.language, r.words, r.updated_by, r.updated_at)
                for r in rows]
