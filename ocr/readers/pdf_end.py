"""Where a PDF ends: bytes after its last complete revision are cut before any parser sees
them, so tens of megabytes of junk after `%%EOF` cost nothing."""

from __future__ import annotations

import re

# The end of a revision: the offset of its cross-reference, then the end-of-file marker.
_REVISION_END = re.compile(rb"startxref\s+(\d{1,12})\s*%%EOF")
_XREF_START = re.compile(rb"\s*(?:xref|\d+\s+\d+\s+obj)")
# An end-of-line after the marker belongs to the file; anything beyond is not.
_EOL = re.compile(rb"\r?\n|\r")


def trim_after_end(data: bytes) -> tuple[bytes, int]:
    """The PDF up to the end of its last revision whose cross-reference offset is sound, and
    how many bytes followed it; the data as it is when no such end is found."""
    header = max(data.find(b"%PDF-"), 0)  # fax servers' junk before the header shifts offsets
    ends = [m for m in _REVISION_END.finditer(data)]
    sound = [m for m in ends if _points_at_xref(data, int(m.group(1)), header)]
    last = sound[-1] if sound else (ends[-1] if ends else None)
    if last is None:
        return data, 0
    end = last.end()
    eol = _EOL.match(data, end)
    if eol:
        end = eol.end()
    return data[:end], len(data) - end


def _points_at_xref(data: bytes, offset: int, header: int) -> bool:
    return any(_XREF_START.match(data, start, start + 40)
               for start in {offset, offset + header} if start < len(data))
