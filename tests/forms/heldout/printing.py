"""Values printed the ways held-out forms print them, from the development generator's truth.

The canonical value (what extraction must return) stays the same; only the ink changes:
"Nov 3, 2026", "11-03-26", "3 de noviembre de 2026"; "559.555.0142", "(559)555-0142 ext 12";
codes separated by semicolons or slashes; names in capitals.
"""

from __future__ import annotations

import random
from datetime import date

from tests.forms.generator.fake_data import Filled

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre"]


def print_date(day: date, rnd: random.Random, spanish: bool) -> str:
    """One of the shapes dates take on providers' forms."""
    shapes = [f"{_MONTHS[day.month - 1][:3]} {day.day}, {day.year}", f"{day:%m-%d-%y}",
              f"{day:%Y-%m-%d}", f"{day.day:02d}-{_MONTHS[day.month - 1][:3]}-{day.year}",
              f"{day.month}/{day.day}/{day:%y}", f"{day:%m/%d/%Y}"]
    if spanish or rnd.random() < 0.15:
        shapes.append(f"{day.day} de {_MESES[day.month - 1]} de {day.year}")
    return rnd.choice(shapes)


def print_phone(digits: str, rnd: random.Random) -> str:
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    return rnd.choice([f"{area}.{exchange}.{line}", f"({area}){exchange}-{line} ext 12",
                       f"{area}-{exchange}-{line} x204", f"{area} {exchange} {line}",
                       f"({area}) {exchange}-{line}"])


def print_time(hhmm: str, rnd: random.Random) -> str:
    hour, minute = int(hhmm[:2]), int(hhmm[3:])
    twelve = hour - 12 if hour > 12 else hour
    half = "p.m." if hour >= 12 else "a.m."
    return rnd.choice([f"{twelve}:{minute:02d} {half}", f"{hhmm}", f"{twelve}:{minute:02d}"
                       f"{'pm' if hour >= 12 else 'am'}"])


def reprint(kind: str, filled: Filled, rnd: random.Random, spanish: bool) -> Filled:
    """The same value as a held-out form would print it."""
    truth = filled.truth
    if kind == "date" and isinstance(truth, str):
        return Filled(print_date(date.fromisoformat(truth), rnd, spanish), truth)
    if kind == "phone" and isinstance(truth, str):
        return Filled(print_phone(truth, rnd), truth)
    if kind == "time" and isinstance(truth, str):
        return Filled(print_time(truth, rnd), truth)
    if kind in ("icd10_list", "procedure_list") and isinstance(truth, list):
        return Filled(rnd.choice(["; ", " / ", "  ", ", "]).join(truth), truth)
    if kind == "integer":
        return Filled(rnd.choice([f"{truth}", f"{truth} visits", f"{truth} units"]), truth)
    if kind == "name" and rnd.random() < 0.25:
        return Filled(filled.printed.upper(), truth)
    return filled
