"""A Medi-Cal ID read from the words beside its label."""

from __future__ import annotations

import pytest

from casework.forms.values import parse_member_id


@pytest.mark.parametrize(("read", "want"), [
    ("95252252M Phone Number:", "95252252M"),  # the next label on the same line
    ("9525 2252M", "95252252M"),  # a stray space OCR put inside it
    ("95252252M", "95252252M"),
    ("PT DOB", None),  # letters alone are a label, not an ID
])
def test_the_id_is_read_without_the_words_around_it(read: str, want: str | None) -> None:
    assert parse_member_id(read) == want
