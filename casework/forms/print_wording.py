"""What a printable blank form says, in English or Spanish, taken from the plan's rule files.

Titles and labels come from the form schemas: the first wording of `titles`/`labels` for
English, of `titles_es`/`labels_es` for Spanish, so every printed label is one intake reads.
The words around the fields, the forms printed and their versions come from
`resources/forms/printing/wording.yaml`. A wording missing in the language asked for stops
the printing and names the field: a Spanish form never prints English silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from casework.forms.form_code import LANGUAGES
from casework.forms.options import YES_NO
from casework.plan.rule_files import Fields, Located, RuleFileError, parse_yaml
from casework.plan.rulebook import FORMS_FOLDER, Rulebook, RuleSources
from casework.plan.schema import COMMON_FILE, FieldSpec

WORDING_FILE = ("printing", "wording.yaml")  # in the forms folder
DEFAULT_TEXT_LINES = 3
_PAGE_KEYS = ("instructions", "return_fax", "questions", "page", "continued", "signature",
              "cover_to", "cover_notice", "notes", "yes", "no")
_PLACEHOLDERS = ("plan", "fax", "phone", "tty", "page", "pages")
SIGNATURE = "signature"  # the signature box: printed for a person to sign, never read
NOTES = "notes"  # a box for a message (a fax cover's), never read
_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


@dataclass(frozen=True)
class PrintedField:
    """One field as the blank form prints it."""

    name: str
    type: str
    label: str
    lines: int  # written lines for free text; 1 for every other field
    options: tuple[tuple[str, str], ...] = ()  # (value, printed word) for tick boxes


@dataclass(frozen=True)
class PageWords:
    """The words around the fields, with {placeholders} still in them."""

    instructions: str
    return_fax: str
    questions: str
    page: str
    continued: str
    cover_to: str  # a fax cover sheet's addressee line, in place of `return_fax`
    cover_notice: str  # and its confidentiality notice


@dataclass(frozen=True)
class PrintedForm:
    """One blank form in one language: its title, version and fields in schema order."""

    form_type: str
    version: int
    language: str
    title: str
    fields: tuple[PrintedField, ...]
    words: PageWords
    cover: bool = False  # a fax cover sheet: sent in front of a form, never deciding its type


def forms_root() -> Traversable:
    """The bundled resources/forms folder."""
    return resources.files("resources") / "forms"


@dataclass(frozen=True)
class _Wording:
    source: str
    forms: dict[str, tuple[int, dict[str, int], bool, int]]  # (version, lines, signed, notes)
    page: dict[str, dict[str, str]]  # language: key: words
    options: dict[str, dict[str, dict[str, str]]]  # language: field: value: word


def _wording(sources: RuleSources) -> _Wording:
    entry = sources.file(FORMS_FOLDER, *WORDING_FILE)
    source = str(entry)
    top = Fields(parse_yaml(_read(entry), source), source, 1, "the wording file")
    top.reject_unknown(("forms", "languages", "options"))
    listed = Fields(top.mapping.get("forms"), source, top.line_of("forms"), "'forms'")
    forms = {form_type: _form_settings(Fields(raw, source, listed.line_of(form_type),
                                              f"the form '{form_type}'"))
             for form_type, raw in listed.mapping.items()}
    languages = Fields(top.mapping.get("languages"), source, top.line_of("languages"),
                       "'languages'")
    page = {language: _page_words(Fields(languages.mapping.get(language), source,
                                         languages.line_of(language),
                                         f"the {_LANGUAGE_NAMES[language]} wording"))
            for language in LANGUAGES}
    return _Wording(source, forms, page, _option_words(top, source))


def _form_settings(settings: Fields) -> tuple[int, dict[str, int], bool, int]:
    """One printed form's version, text lines by field, signature box and notes lines."""
    settings.reject_unknown(("version", "lines", "signature", "notes"))
    version = _count(settings, "version")
    lines = Fields(settings.mapping.get("lines", _empty()), settings.source,
                   settings.line_of("lines"), "'lines'")
    signed = settings.mapping.get("signature", False)
    if not isinstance(signed, bool):
        raise settings.fail("signature", "'signature' must be true or false")
    notes = settings.count("notes", required=False) or 0
    return version, {name: _count(lines, name) for name in lines.mapping}, signed, notes


def _page_words(words: Fields) -> dict[str, str]:
    """The words around the fields in one language, every {placeholder} one we fill in."""
    words.reject_unknown(_PAGE_KEYS)
    found = {}
    for key in _PAGE_KEYS:
        text = str(words.text(key))
        try:
            text.format(**dict.fromkeys(_PLACEHOLDERS, ""))
        except (KeyError, IndexError, ValueError) as error:
            known = ", ".join("{" + name + "}" for name in _PLACEHOLDERS)
            raise words.fail(key, f"'{key}' has a placeholder that cannot be filled in "
                                  f"({error}); the ones there are: {known}") from error
        found[key] = text
    return found


def _option_words(top: Fields, source: str) -> dict[str, dict[str, dict[str, str]]]:
    raw = top.mapping.get("options")
    if raw is None:
        return {}
    by_language = Fields(raw, source, top.line_of("options"), "'options'")
    found: dict[str, dict[str, dict[str, str]]] = {}
    for language, fields in by_language.mapping.items():
        per_field = Fields(fields, source, by_language.line_of(language), f"'{language}'")
        found[language] = {}
        for name, values in per_field.mapping.items():
            words = Fields(values, source, per_field.line_of(name), f"the options of '{name}'")
            found[language][name] = {value: str(words.text(value)) for value in words.mapping}
    return found


def _empty() -> Located:
    empty = Located()
    empty.line, empty.key_lines = 1, {}
    return empty


def _count(fields: Fields, key: str) -> int:
    value = fields.count(key)
    assert value is not None  # required=True guarantees it
    return value


def _read(entry: Traversable) -> str:
    try:
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(str(entry), None, f"the file cannot be read ({error})") from error


def printed_form_types(rulebook: Rulebook) -> list[str]:
    """The form types the plan prints and ships, in the wording file's order."""
    return list(_wording(RuleSources(rulebook.site_folder)).forms)


def printed_form(form_type: str, language: str, rulebook: Rulebook) -> PrintedForm:
    """The blank form `form_type` in `language` ("en" or "es"), by `rulebook`'s schemas and
    the wording files of its rule folders (the site's copy first, then the bundled one).

    Raises RuleFileError naming the form or field whose wording is missing.
    """
    sources = RuleSources(rulebook.site_folder)
    wording = _wording(sources)
    schemas = rulebook.schemas
    if form_type not in schemas:
        raise RuleFileError(wording.source, None, f"there is no form '{form_type}' to print")
    if language not in LANGUAGES:
        raise RuleFileError(wording.source, None, f"forms are printed in English (en) or "
                            f"Spanish (es), not '{language}'")
    schema = schemas[form_type]
    raw = _raw_wordings(sources, form_type)
    # A form the plan does not ship still prints, plainly, for whoever asks for it.
    version, lines, signed, notes = wording.forms.get(form_type, (1, {}, False, 0))
    title_key = "titles" if language == "en" else "titles_es"
    titles = raw["form"].get(title_key) or []
    if not titles:
        raise RuleFileError(schema.source, None, f"the form '{form_type}' has no "
                            f"{_LANGUAGE_NAMES[language]} title ('{title_key}')")
    fields = [_printed_field(spec, raw, language, lines, schema.source, wording)
              for spec in schema.fields]
    if signed:
        # Beside its date when the form asks for one, else last.
        at = next((i for i, f in enumerate(fields) if f.name == "signature_date"), len(fields))
        fields.insert(at, PrintedField(SIGNATURE, SIGNATURE, wording.page[language][SIGNATURE],
                                       1))
    if notes:
        fields.append(PrintedField(NOTES, "text", wording.page[language][NOTES], notes))
    words = PageWords(**{k: wording.page[language][k] for k in PageWords.__dataclass_fields__})
    return PrintedForm(form_type, version, language, " ".join(str(titles[0]).split()),
                       tuple(fields), words, schema.cover)


def _printed_field(spec: FieldSpec, raw: dict[str, Any], language: str,
                   lines: dict[str, int], source: str, wording: _Wording) -> PrintedField:
    key = "labels" if language == "en" else "labels_es"
    own = (raw["fields"].get(spec.name) or {}).get(key) or []
    shared = (raw["common"].get(spec.name) or {}).get(key) or []
    wordings = [*own, *shared]  # the form's own wordings come first, as in the schema
    if not wordings:
        raise RuleFileError(source, None, f"the field '{spec.name}' has no "
                            f"{_LANGUAGE_NAMES[language]} label ('{key}'), so the "
                            f"{_LANGUAGE_NAMES[language]} form cannot be printed")
    count = lines.get(spec.name, DEFAULT_TEXT_LINES) if spec.type == "text" else 1
    return PrintedField(spec.name, spec.type, " ".join(str(wordings[0]).split()), count,
                        _printed_options(spec, language, wording))


def _printed_options(spec: FieldSpec, language: str,
                     wording: _Wording) -> tuple[tuple[str, str], ...]:
    """Each option's printed word: the wording file's choice for the language, else (English)
    the option's first wording. A word intake would not read is refused."""
    if spec.type == "boolean":
        page = wording.page[language]
        chosen = {"yes": page["yes"], "no": page["no"]}
        known = dict(YES_NO)
    elif spec.type == "choice":
        chosen = wording.options.get(language, {}).get(spec.name, {})
        known = dict(spec.options)
    else:
        return ()
    printed = []
    for value, wordings in known.items():
        word = chosen.get(value) or (wordings[0] if language == "en" else None)
        if word is None:
            raise RuleFileError(wording.source, None, f"the option '{value}' of the field "
                                f"'{spec.name}' has no {_LANGUAGE_NAMES[language]} wording")
        if word not in wordings:
            raise RuleFileError(wording.source, None, f"'{word}' for the option '{value}' of "
                                f"'{spec.name}' is not one of its wordings in the schema, so "
                                "intake would not read the tick")
        printed.append((value, word))
    return tuple(printed)


def _raw_wordings(sources: RuleSources, form_type: str) -> dict[str, Any]:
    """The form's and the shared fields' wordings as written, English and Spanish apart
    (the loaded schema holds them merged)."""
    common_entry = sources.file(FORMS_FOLDER, COMMON_FILE)
    common = parse_yaml(_read(common_entry), str(common_entry))
    entry = sources.file(FORMS_FOLDER, f"{form_type}.yaml")
    form = parse_yaml(_read(entry), str(entry))
    fields = form.get("fields") if isinstance(form.get("fields"), dict) else {}
    return {"form": form, "fields": fields, "common": common}
