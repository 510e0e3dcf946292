"""The case window's Details tab: the request's values under the form's own labels, each
read whole (long text wraps; every value can be selected and copied)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QWidget

from casework.cases.field_labels import LabelledValue


class CaseDetailsView(QScrollArea):
    """Label and value rows; scrolls when the request is longer than the tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_details")
        self.setAccessibleName("What the request says")
        self.setWidgetResizable(True)
        self.shown: list[LabelledValue] = []
        self._fill([])

    def show_values(self, values: list[LabelledValue]) -> None:
        """Show `values` in their order, replacing what was shown."""
        self.shown = list(values)
        self._fill(values)

    def rows(self) -> dict[str, str]:
        """Label to value text, as shown (in order)."""
        return {value.label: value.text for value in self.shown}

    def _fill(self, values: list[LabelledValue]) -> None:
        inner = QWidget()
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for value in values:
            label = QLabel(f"<b>{escape(value.label)}</b>")
            text = QLabel(value.text)
            text.setObjectName(value.name)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        if not values:
            form.addRow(QLabel("The request gave no values yet."))
        self.setWidget(inner)
