"""Writing a titled table as CSV, an Excel workbook or a PDF: reports and dashboards share this."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from casework.atomic import write_atomically
from casework.errors import InvalidValue

FORMATS = ("csv", "xlsx", "pdf")
Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Table:
    """A report: a title, a subtitle (the period), column headings and rows."""

    title: str
    subtitle: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # printed under the table (pdf, xlsx): the audit trail's head, say


def export_table(table: Table, fmt: str, out: Path) -> None:
    """Write `table` to `out` in `fmt` (csv, xlsx or pdf), atomically."""
    writers = {"csv": _csv, "xlsx": _xlsx, "pdf": _pdf}
    if fmt not in writers:
        raise InvalidValue(f"Reports can be written as {', '.join(FORMATS)}, not {fmt!r}.")
    write_atomically(out, writers[fmt](table))


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:.1%}" if 0 <= cell <= 1 else f"{cell:.1f}"
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    return str(cell)


def _csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if c is None else c for c in row])
    return buffer.getvalue().encode("utf-8")


def _xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([table.subtitle])
    sheet.append(list(table.columns))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([c.replace(tzinfo=None) if isinstance(c, datetime) else c for c in row])
    for index, heading in enumerate(table.columns, start=1):
        width = max([len(heading)] + [len(_text(r[index - 1])) for r in table.rows]) + 2
        sheet.column_dimensions[sheet.cell(3, index).column_letter].width = min(width, 60)
    if table.note:
        sheet.append([])
        sheet.append([table.note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pdf(table: Table) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(letter), title=table.title,
                            leftMargin=0.6 * inch, rightMargin=0.6 * inch,
                            topMargin=0.6 * inch, bottomMargin=0.6 * inch)
    data = [list(table.columns)] + [[_text(c) for c in row] for row in table.rows]
    grid = PdfTable(data, repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde5ee")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ]))
    story = [Paragraph(table.title, styles["Title"]), Paragraph(table.subtitle, styles["Normal"]),
             Spacer(1, 0.2 * inch), grid]
    if not table.rows:
        story.append(Paragraph("No cases in this period.", styles["Normal"]))
    if table.note:
        story += [Spacer(1, 0.15 * inch), Paragraph(table.note, styles["Italic"])]
    doc.build(story)
    return buffer.getvalue()
