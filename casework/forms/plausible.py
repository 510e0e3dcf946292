"""Whether a value read beside a label can be that field's value at all.

Near a label a form prints more than its value: the form's instructions ("Please print the
member's name as shown on the ID card"), other fields' labels, section headings, a drug table.
Each parses as *some* text, so every field type says what its values look like:

- a name is shaped like a person's name (or, for a provider, a practice's or a facility's):
  a few capitalised words, with particles (de la, van), initials, "LAST, FIRST" and suffixes
  (Jr, III, MD); never a sentence (lower-case words, English function words, a final full
  stop), never another label or a heading, never digits, a dose or a dosage form;
- free text is never only another field's label or a heading; an address without a number
  is doubtful (a facility's name where its address belongs);
- dates are real and in a sane range, counts between 1 and 999;
- identifiers have their shape; one whose check digit or shape fails (an NPI failing Luhn, a
  phone number with no North American area code, a member ID that is not a CIN) is doubtful:
  kept only when no other candidate near the label passes, so a misread still reaches the
  person who can correct it.

`REFUSED` values are never a field's value; `DOUBTFUL` ones are a last resort.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import IntEnum
from typing import TypeVar

from casework.forms.identifiers import (
    is_valid_cin,
    is_valid_icd10,
    is_valid_npi,
    is_valid_phone,
    is_valid_procedure_code,
)
from casework.forms.results import Value
from casework.forms.text_fold import fold
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec


class Verdict(IntEnum):
    """How well a value fits its field, worst first."""

    REFUSED = 0  # not this field's kind of value at all
    DOUBTFUL = 1  # the right kind, failing its check (a misread, or a wrong number)
    SURE = 2


_W = TypeVar("_W")


def most_plausible(spec: FieldSpec, candidates: Iterable[tuple[Value | None, _W]],
                   wording: Wording) -> tuple[Value, _W] | None:
    """The first candidate (value, words) that fits the field, else the first doubtful one."""
    fallback: tuple[Value, _W] | None = None
    for value, words in candidates:
        if value is None:
            continue
        found = verdict(spec, value, wording)
        if found is Verdict.SURE:
            return value, words
        if found is Verdict.DOUBTFUL and fallback is None:
            fallback = value, words
    return fallback


def verdict(spec: FieldSpec, value: Value, wording: Wording) -> Verdict:
    """How well `value` (as parsed for `spec`'s type) fits the field."""
    kind = spec.type
    if kind == "name":
        return name_verdict(str(value), wording, person=is_person(spec))
    if kind in ("text", "address"):
        text = str(value)
        if is_label_or_heading(text, wording) or _lone_label_word(text, wording):
            return Verdict.REFUSED
        if _only_a_date_or_number(text):
            return Verdict.DOUBTFUL  # another field's value where an account belongs
        # A street address or a PO box has a number; words alone are a place's name.
        return Verdict.DOUBTFUL if kind == "address" and not _has_number(str(value)) \
            else Verdict.SURE
    if kind == "date":
        return _date_verdict(str(value))
    if kind == "integer":
        return _count_verdict(value)
    if kind == "phone":
        return _phone_verdict(str(value))
    if kind == "npi":
        return _npi_verdict(str(value))
    if kind == "member_id":
        if spec.check == "cin":
            return _checked(is_valid_cin(str(value)))
        return Verdict.SURE
    if kind == "icd10_list":
        return _codes_verdict(value, is_diagnosis_code)
    if kind == "procedure_list":
        return _codes_verdict(value, is_valid_procedure_code)
    return Verdict.SURE


def is_person(spec: FieldSpec) -> bool:
    """The member's own fields name a person; a provider, a sender or a representative may
    be a practice, a facility or an organisation."""
    return spec.name.startswith("member")


def _checked(ok: bool) -> Verdict:
    return Verdict.SURE if ok else Verdict.DOUBTFUL


def _phone_verdict(value: str) -> Verdict:
    """A North American number; an NPI beside a phone label is another field's value."""
    if is_valid_phone(value):
        return Verdict.SURE
    return Verdict.REFUSED if is_valid_npi(value) else Verdict.DOUBTFUL


def _npi_verdict(value: str) -> Verdict:
    """An NPI starts with 1 or 2; ten digits starting otherwise are a phone or fax number."""
    if is_valid_npi(value):
        return Verdict.SURE
    return Verdict.DOUBTFUL if value[:1] in ("1", "2") else Verdict.REFUSED


def _date_verdict(value: str) -> Verdict:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return Verdict.REFUSED
    return Verdict.SURE if 1900 <= day.year <= 2099 else Verdict.REFUSED


def _count_verdict(value: Value) -> Verdict:
    """Units, visits, pages: a count from 1 to 999 (0 is a misread or a blank's rule)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return Verdict.REFUSED
    if value == 0:
        return Verdict.DOUBTFUL
    return Verdict.SURE if 1 <= value <= 999 else Verdict.REFUSED


# ICD-10-CM codes in use under U: the emergency codes (COVID-19, its sequelae, vaping).
_U_CODES = frozenset({"U07.0", "U07.1", "U09.9"})


def is_diagnosis_code(code: str) -> bool:
    """An ICD-10-CM code's shape, and U only for the emergency codes in use."""
    if not is_valid_icd10(code):
        return False
    if code[0] == "U":
        return code in _U_CODES
    # The third character is a digit but for a few categories (C4A, D3A, M1A, Z3A...).
    return code[2].isdigit() or code[2] in "AB"


def _codes_verdict(value: Value, valid: Callable[[str], bool]) -> Verdict:
    codes = value if isinstance(value, list) else [str(value)]
    if not codes:
        return Verdict.REFUSED
    return Verdict.SURE if all(valid(c) for c in codes) else Verdict.DOUBTFUL


# --- names -----------------------------------------------------------------------------------

# Lower-case words a name may hold: particles of Spanish, Portuguese, Dutch, German, French,
# Italian and Arabic surnames ("María de la Cruz", "van der Berg", "bin Laden").
_PARTICLES = frozenset({"de", "la", "del", "las", "los", "y", "e", "da", "das", "do", "dos",
                        "di", "du", "le", "van", "von", "der", "den", "ter", "ten", "bin",
                        "ben", "al", "el", "st", "ibn", "zu", "af"})
# Lower-case words joining the words of an organisation's name.
_CONNECTORS = frozenset({"of", "and", "the", "for", "at", "&", "on", "in"})
# Titles before a name and suffixes after it: generation, credentials, licences.
_AFFIXES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "jr", "sr", "ii", "iii", "iv", "v", "md", "do", "np",
    "pa", "pa-c", "rn", "fnp", "fnp-c", "dnp", "phd", "mph", "lcsw", "mft", "lmft", "dds",
    "dmd", "od", "dpm", "dc", "lvn", "lpn", "crna", "cnm", "aprn", "msw", "psyd", "pharmd",
    "rph", "mbbs", "facp", "faap", "esq", "pt", "dpt", "ot", "slp", "ccc-slp", "bcba"})
# English (and Spanish) words that carry grammar, not names: a value holding them is a
# sentence. Words that are also names (Will, May, An, To, Do, So, Le) are left out.
_FUNCTION_WORDS = frozenset({
    "a", "the", "and", "or", "but", "then", "as", "at", "by", "for", "from", "into",
    "of", "with", "without", "within", "is", "are", "was", "were", "be", "been", "being", "am",
    "this", "that", "these", "those", "it", "its", "you", "your", "yours", "we", "our", "they",
    "their", "he", "she", "his", "her", "him", "them", "not", "all", "any", "each", "every",
    "must", "should", "shall", "would", "might", "can", "could", "has", "have", "had", "does",
    "did", "here", "there", "where", "when", "which", "who", "whom", "whose", "what",
    "how", "why", "below", "above", "only", "also", "than", "such", "etc", "whether",
    "on", "in", "el", "los", "las", "que", "por", "para", "su", "sus", "con", "en", "un", "una",
    "es", "se", "usted", "favor"})
# Words that make a candidate an organisation, not a person.
_ORGANISATION = frozenset({
    "hospital", "hospitals", "clinic", "clinics", "center", "centers", "centre", "medical",
    "health", "healthcare", "group", "associates", "pharmacy", "services", "institute",
    "foundation", "inc", "llc", "corp", "pc", "apc", "university", "department", "laboratory",
    "laboratories", "lab", "labs", "imaging", "radiology", "therapy", "rehabilitation",
    "practice", "partners", "physicians", "care", "network", "system", "systems", "dental",
    "surgery", "surgical", "specialists", "home", "agency", "community", "county", "hospice",
    "orthopedics", "pediatrics", "medicine", "ctr", "hosp", "grp", "assoc", "svcs"})
# How a dose or a dosage form is written: a drug, not a person or a practice.
_DOSE = re.compile(r"\d\s*(?:mg|mcg|µg|ug|g|kg|ml|l|units?|iu|meq|mmol|%)(?![a-z])",
                   re.IGNORECASE)
_DOSAGE_FORMS = frozenset({
    "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "caps", "injection",
    "injectable", "inj", "solution", "suspension", "syrup", "cream", "ointment", "lotion",
    "patch", "inhaler", "inhalation", "vial", "vials", "ampule", "suppository", "drops", "oral",
    "topical", "subcutaneous", "intravenous", "intramuscular", "bid", "tid", "qid", "qd", "prn",
    "xr", "xl", "er", "mg", "mcg", "ml", "dose", "doses", "refill", "refills", "sig"})
# Stems shared by generic drug names (USAN), long enough that no name ends in them.
_DRUG_STEMS = ("formin", "pril", "sartan", "statin", "olol", "azole", "prazole", "cillin",
               "mycin", "floxacin", "oxacin", "tidine", "dipine", "lukast", "gliptin",
               "gliflozin", "parin", "afil", "tropin", "semide", "thiazide", "glitazone",
               "triptan", "setron", "vudine", "navir", "previr", "asvir", "mab", "tinib",
               "zepam", "zolam", "oxetine", "triptyline", "profen", "codone", "morphone")
# Words naming the parts of a name: a caption's "(Last, First, MI)", not a name.
_NAME_PARTS = frozenset({"last", "first", "middle", "mi", "initial", "name", "names",
                         "surname", "given", "family", "apellido", "apellidos", "nombre",
                         "full", "type", "typed"})
_TOKEN = re.compile(r"[\w'’\-&]+", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def name_verdict(text: str, wording: Wording, *, person: bool) -> Verdict:
    """How well `text` fits a name: a person's (`person`), or a person's or organisation's."""
    stripped = text.strip()
    tokens = _tokens(stripped)
    if not tokens or (stripped.startswith("(") and stripped.endswith(")")):
        return Verdict.REFUSED
    lowered = [fold(t).lower() for t in tokens]
    if _is_drug(stripped, lowered) or _has_digits(tokens) or _is_sentence(stripped, tokens,
                                                                         person=person):
        return Verdict.REFUSED
    if all(w in _NAME_PARTS or w in _PARTICLES for w in lowered):
        return Verdict.REFUSED  # "Last Name, First" printed as a caption
    organisation = any(w in _ORGANISATION for w in lowered)
    if person and organisation:
        return Verdict.REFUSED
    if is_label_or_heading(stripped, wording) or _mostly_label_words(
            lowered, wording, organisation=organisation) or _reads_as_label(
            stripped, wording, organisation=organisation):
        return Verdict.REFUSED
    if not any(t[0].isupper() for t in tokens):
        # Names are written with capitals: a lone lower-case word is a piece of a sentence
        # ("trips."); several may be a name someone wrote without them.
        return Verdict.REFUSED if len(tokens) == 1 else Verdict.DOUBTFUL
    core = [w for w in lowered if w not in _AFFIXES and w not in _PARTICLES]
    if (person and len(core) > 5) or len(core) > 9:
        return Verdict.REFUSED
    if person and len(core) < 2:
        return Verdict.DOUBTFUL  # a lone word: half a name, or a word that is no name
    allowed = _PARTICLES if person else _PARTICLES | _CONNECTORS
    if _lower_case_words(stripped, tokens, allowed):
        return Verdict.DOUBTFUL  # one word in lower case: prose, or a capital a fax blurred
    if (tokens[-1].islower() and lowered[-1] in _PARTICLES | _CONNECTORS) or any(
            w in wording.kinds for w in lowered):
        # "Ana Nguyen Número de", "Individual NPI": a name runs into the next label's words.
        return Verdict.DOUBTFUL
    return Verdict.SURE


def label_tail(texts: Sequence[str], wording: Wording) -> int:
    """How many of a name's last words are label words it ran into ("Dr. Mei Hernandez
    Provider", "Kevin Ramirez, MD Phone"): at most two, leaving two words or more."""
    count = 0
    while count < 2 and len(texts) - count > 2:
        word = fold(texts[len(texts) - 1 - count]).lower().strip(".,:;#")
        if not word or word in _AFFIXES or word in _ORGANISATION or \
                wording.mend(word) not in wording.lexicon:
            break
        count += 1
    return count


def _is_drug(text: str, lowered: Sequence[str]) -> bool:
    if _DOSE.search(text):
        return True
    if any(w in _DOSAGE_FORMS for w in lowered):
        return True
    return any(len(w) >= 7 and w.endswith(_DRUG_STEMS) for w in lowered)


def _has_digits(tokens: Sequence[str]) -> bool:
    """Any digit, but for one a fax put in a long word of letters ("L0pez")."""
    for token in tokens:
        digits = sum(c.isdigit() for c in token)
        if digits and not (digits == 1 and len(token) >= 4
                           and sum(c.isalpha() for c in token) >= 3 and token[0].isalpha()):
            return True
    return False


def _is_sentence(text: str, tokens: Sequence[str], *, person: bool) -> bool:
    """Prose, not a name: function words, lower-case words where a name has capitals (one
    may be a fax's slip), a full stop ending a word that is no abbreviation, or too many
    words."""
    lowered = [fold(t).lower() for t in tokens]
    allowed = _PARTICLES if person else _PARTICLES | _CONNECTORS
    grammar = [w for w in lowered if w in _FUNCTION_WORDS and w not in allowed]
    if grammar:
        return True
    if len(_lower_case_words(text, tokens, allowed)) >= 2:
        return True
    last = tokens[-1]
    if text.rstrip().endswith(".") and len(tokens) >= 4 and len(last) > 4 \
            and fold(last).lower() not in _ORGANISATION and not last.isupper():
        return True
    return len(tokens) > (7 if person else 10)


def _lower_case_words(text: str, tokens: Sequence[str], allowed: frozenset[str]) -> list[str]:
    """Words in lower case where the rest of the name has capitals (particles aside)."""
    if not any(c.isupper() for c in text):
        return []
    return [t for t in tokens if t[0].islower() and fold(t).lower() not in allowed
            and fold(t).lower() not in _AFFIXES]


def _mostly_label_words(lowered: Sequence[str], wording: Wording, *,
                        organisation: bool) -> bool:
    """A lone word, or at least two words and half or more of them, that forms print in
    labels, not counting an organisation's words (St. Agnes Medical Center is a facility)."""
    words = [wording.mend(w) for w in lowered if w not in _PARTICLES and w not in _AFFIXES]
    known = [w for w in words if w in wording.lexicon or w in wording.heading_words]
    if organisation:
        known = [w for w in known if w not in _ORGANISATION]
    if len(words) == 1:
        return bool(known)  # "Number", "Member": a label's word left alone in its cell
    return len(known) >= 2 and 2 * len(known) >= len(words)


def _reads_as_label(text: str, wording: Wording, *, organisation: bool) -> bool:
    """Two words or more that are all label words once the plan's wordings are applied
    ("Número de CIN" is "number cin", "Individual NPI"): another field's label."""
    words = [w for w in wording.normalize(text).split()
             if not (organisation and w in _ORGANISATION)]
    return len(_tokens(text)) >= 2 and bool(words) and all(w in wording.lexicon for w in words)


def _lone_label_word(text: str, wording: Wording) -> bool:
    """One word that forms print in labels ("Form", "Name"): a label left in its cell."""
    tokens = _tokens(text)
    return len(tokens) == 1 and wording.mend(fold(tokens[0]).lower()) in wording.lexicon


_DATE_OR_NUMBER = re.compile(r"[\d/.\-\s]+")


def _only_a_date_or_number(text: str) -> bool:
    return bool(_DATE_OR_NUMBER.fullmatch(text.strip())) and any(c.isdigit() for c in text)


def _has_number(text: str) -> bool:
    return any(c.isdigit() for c in text)


def is_label_or_heading(text: str, wording: Wording) -> bool:
    """`text` is a label of the plan's forms, or a heading: generic heading words ("Member
    Information", "Section 2") with at most label words beside them; or only filler."""
    normal = wording.normalize(text)
    words = normal.split()
    if not words:
        return bool(_tokens(text))  # only filler ("please enter")
    if normal in wording.labels:
        return True
    core = [w for w in words if w not in wording.heading_words]
    if len(core) == len(words):
        return False
    return all(w in wording.lexicon for w in core)
