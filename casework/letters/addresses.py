"""Mailing addresses and phone numbers as letters print them.

A USPS address block ends with `CITY, ST ZIP` on one line (USPS Publication 28), and a unit
("Apt 3", "Suite 400") stays on the street line. Rosters and forms write addresses on one line
with commas, so the block is rebuilt here rather than split at every comma.
"""

from __future__ import annotations

import re

# "CA 93277", "CA 93277-1234": the state and ZIP the city line ends with.
_STATE_ZIP = re.compile(r"^[A-Za-z]{2}\.?\s+\d{5}(?:-\d{4})?$")
# The whole last line already in USPS form: "Visalia, CA 93277" or "Visalia CA 93277".
_CITY_STATE_ZIP = re.compile(r"^(?P<city>.*?[A-Za-z.])\s*,?\s+(?P<st>[A-Za-z]{2})\.?\s+"
                             r"(?P<zip>\d{5}(?:-\d{4})?)$")
# A secondary unit (USPS Publication 28, C2) belongs on the street line.
_UNIT = re.compile(r"^(?:apt|apartment|unit|ste|suite|#|bldg|building|fl|floor|rm|room|spc|"
                   r"space|lot|trlr|dept)\b\.?\s*\S*", re.IGNORECASE)
_DIGITS = re.compile(r"\d")
_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*(\d+)\s*$", re.IGNORECASE)


def address_block(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """The lines of a mailing address: street (with its unit), then `CITY, ST ZIP`."""
    raw = text if isinstance(text, tuple) else (text,)
    parts = [part.strip() for line in raw for part in line.replace("\n", ",").split(",")
             if part.strip()]
    lines: list[str] = []
    for part in parts:
        if lines and _STATE_ZIP.match(part):
            city = lines.pop()
            st, zip_code = part.replace(".", "").split(None, 1)
            lines.append(f"{city}, {st.upper()} {zip_code}")
        elif lines and _UNIT.match(part) and _DIGITS.search(lines[-1]):
            lines[-1] = f"{lines[-1]} {part}"
        else:
            lines.append(part)
    if lines:
        last = _CITY_STATE_ZIP.match(lines[-1])
        if last:
            lines[-1] = f"{last['city'].rstrip(',')}, {last['st'].upper()} {last['zip']}"
    return tuple(lines)


def format_phone(number: str) -> str:
    """'5595550101' → '559-555-0101', '18885550142' → '1-888-555-0142', an extension kept;
    anything that is not a US number is left as written."""
    text = number.strip()
    if not text:
        return ""
    extension = _EXTENSION.search(text)
    main = text[:extension.start()] if extension else text
    digits = re.sub(r"\D", "", main)
    if len(digits) == 11 and digits.startswith("1"):
        formatted = f"1-{digits[1:4]}-{digits[4:7]}-{digits[7:]}"
    elif len(digits) == 10:
        formatted = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    else:
        return text
    return f"{formatted} ext. {extension.group(1)}" if extension else formatted
