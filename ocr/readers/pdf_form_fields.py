"""A fillable PDF's field values, read with pypdf."""

from __future__ import annotations

import io
import logging
import warnings
from typing import Any

from ocr.errors import ParseTimeout

log = logging.getLogger(__name__)

_OFF = {"Off", "off", ""}


def form_fields(data: bytes, password: str | None) -> dict[str, str]:
    """Field name -> value for every terminal field; checkboxes "Yes"/export value or "".

    Best effort: a damaged form dictionary must not cost the document its pages.
    """
    import pypdf  # imported here: only fillable PDFs need it, and it is slow to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                reader.decrypt(password or "")
            fields = reader.get_fields() or {}
    except ParseTimeout:
        raise
    except Exception as exc:
        log.info("form fields unreadable: %s", type(exc).__name__)
        return {}
    values: dict[str, str] = {}
    for name, field in fields.items():
        if field.get("/Kids") and field.get("/FT") is None:
            continue  # a grouping node; its children are listed under their full names
        values[str(name)] = _value_text(field.get("/V"), field.get("/FT"))
    return values


def _value_text(value: Any, field_type: Any) -> str:
    if value is None:
        return ""
    from pypdf.generic import NameObject

    if isinstance(value, NameObject) or field_type in {"/Btn"}:
        # Checkboxes and radio buttons hold a name: /Off when clear, an export value when set.
        text = str(value).lstrip("/")
        return "" if text in _OFF else text
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
