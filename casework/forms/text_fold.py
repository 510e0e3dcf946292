"""Printed words folded for comparing: lower case, accents dropped ("Teléfono" is "telefono")."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`text` in lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
