"""A fax-back's problem lines in Spanish: the item and what is wrong with it.

Intake records each problem in English, worded by `casework.forms.validation` ("The
requesting provider's NPI 1234567890 is not a valid NPI."). A Spanish fax-back names the item
by the form's own Spanish label (`labels_es` in the form schema) and says what is wrong in
Spanish, keeping the value the message quotes. A message none of the known wordings matches is
said by its kind (missing, not valid), so a Spanish letter never prints an English line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.plan.schema import FieldSpec, FormSchema

MISSING = "Falta en la solicitud."
NOT_VALID = "Lo que se escribió no es válido; escriba el dato correcto."
WRITE_IT_IN = "Escríbalo o adjúntelo."  # a staff-written item with nothing said about it
# An item no form schema has a Spanish label for (what analysis records about the form itself).
_OWN_NAMES = {"form": "Tipo de formulario"}
OTHER_ITEM = "Otro dato de la solicitud"

# What follows the value in each of validation's English wordings, and its Spanish.
_AFTER_VALUE = (
    ("is not a valid NPI", "{value} no es un NPI válido."),
    ("is not a valid phone number", "{value} no es un número de teléfono válido."),
    ("is not a plausible date", "{value} no es una fecha posible."),
    ("is in the future", "{value} es una fecha futura."),
    ("is not a number of at least 1", "{value} no es un número de 1 o más."),
    (r"is not a valid Medi-Cal ID \(8 digits and a letter\)",
     "{value} no es un número de Medi-Cal válido (8 dígitos y una letra)."),
)
_CODE_KINDS = {
    "ICD-10-CM diagnosis code": ("código de diagnóstico ICD-10-CM",
                                 "códigos de diagnóstico ICD-10-CM"),
    "CPT or HCPCS procedure code": ("código de procedimiento CPT o HCPCS",
                                    "códigos de procedimiento CPT o HCPCS"),
}
_ONE_CODE = re.compile(r"The code (?P<codes>.+) is not a valid (?P<what>.+)\.")
_CODES = re.compile(r"The codes (?P<codes>.+) are not valid (?P<what>.+)s\.")
_BEFORE = re.compile(r"(?P<later>\S+) is before (?P<other>.+) (?P<earlier>\S+)\.")
_TYPED = re.compile(r"“(?P<value>.*)” is not valid\.")


@dataclass(frozen=True)
class SpanishProblem:
    """One problem line as a Spanish fax-back prints it."""

    item: str
    message: str


def spanish_problem(name: str, kind: str, message: str,
                    schema: FormSchema | None) -> SpanishProblem:
    """The Spanish item and message for a problem intake recorded on field `name`."""
    spec = _spec(schema, name)
    return SpanishProblem(_item(name, spec), _message(kind, message, spec, schema))


def _spec(schema: FormSchema | None, name: str) -> FieldSpec | None:
    if schema is None:
        return None
    try:
        return schema.field(name)
    except KeyError:
        return None


def _item(name: str, spec: FieldSpec | None) -> str:
    if spec is not None and spec.labels_es:
        return spec.labels_es[0]
    return _OWN_NAMES.get(name, OTHER_ITEM)


def _message(kind: str, message: str, spec: FieldSpec | None,
             schema: FormSchema | None) -> str:
    text = " ".join(message.split())
    fallback = MISSING if kind == "missing" else NOT_VALID
    if text.endswith(" is missing."):
        return MISSING
    codes = _ONE_CODE.fullmatch(text) or _CODES.fullmatch(text)
    if codes:
        words = _CODE_KINDS.get(codes["what"])
        if words is None:
            return fallback
        if codes.re is _ONE_CODE:
            return f"El código {codes['codes']} no es un {words[0]} válido."
        return f"Los códigos {codes['codes']} no son {words[1]} válidos."
    rest = _after_field(text, spec)
    for phrase, spanish in _AFTER_VALUE:
        # The field's own words come first when known; else the value is the last word.
        found = re.fullmatch(rf"(?P<value>.+) {phrase}\.", rest) if rest is not None else \
            re.fullmatch(rf".* (?P<value>\S+) {phrase}\.", text)
        if found:
            return spanish.format(value=found["value"])
    if rest is not None:
        before = _BEFORE.fullmatch(rest)
        if before:
            other = _spec_said(schema, before["other"])
            if other is None or not other.labels_es:
                return f"La fecha {before['later']} es anterior a {before['earlier']}."
            return (f"La fecha {before['later']} es anterior a la de «{other.labels_es[0]}» "
                    f"({before['earlier']}).")
        typed = _TYPED.fullmatch(rest)
        if typed:
            return f"«{typed['value']}» no es válido; escriba el dato correcto."
        if rest.startswith("must be one of "):
            return "No es una de las opciones del formulario; marque una de ellas."
    return fallback


def _after_field(text: str, spec: FieldSpec | None) -> str | None:
    """The message after the field's own words ('The member's date of birth …'), if it
    starts with them."""
    if spec is None:
        return None
    says = spec.says.strip()
    if text[: len(says)].lower() == says.lower() and text[len(says):].startswith(" "):
        return text[len(says) + 1:]
    return None


def _spec_said(schema: FormSchema | None, says: str) -> FieldSpec | None:
    if schema is None:
        return None
    return next((s for s in schema.fields if s.says.lower() == says.lower()), None)
