"""A partial date: an optional month and a year, stored as "", "YYYY" or "YYYY-MM".

Résumés show month precision at most, so there is no day picker; a day that
came in with a file (``2021-11-15``) is kept as long as the month and year
stay the same. End dates have a "Present" box: checked, the date is empty
(JSON Resume's way of saying "ongoing") and the fields are disabled.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from exporters.model.dates import MONTH_ABBR, parse_iso

NO_MONTH = "Month"


def compose_date(year_text: str, month: int, previous: str = "") -> str | None:
    """The stored form of a month (0 = none) and a typed year, or None while the
    year is incomplete. Keeps ``previous``'s day when the month and year match."""
    year_text = year_text.strip()
    if not year_text:
        return ""
    if len(year_text) != 4 or not year_text.isdigit() or int(year_text) < 1000:
        return None
    value = year_text if month == 0 else f"{year_text}-{month:02d}"
    if previous.startswith(value) and len(previous) == 10 and month:
        return previous
    return value


class YearEdit(QLineEdit):
    focusLost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class DateField(QWidget):
    """``edited(value)`` fires with a complete stored value after each user change;
    ``problemChanged(reason)`` reports an incomplete year (or clears it)."""

    edited = Signal(str)
    editingFinished = Signal()
    problemChanged = Signal(object)  # str | None

    def __init__(self, *, present: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.month = QComboBox(self)
        self.month.addItem(NO_MONTH)
        for name in MONTH_ABBR:
            self.month.addItem(name)
        self.month.setAccessibleName("Month")
        self.month.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year = YearEdit(self)
        self.year.setPlaceholderText("Year")
        self.year.setAccessibleName("Year")
        self.year.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self.year)
        )
        self.year.setMaxLength(4)
        self.year.setFixedWidth(self.year.fontMetrics().horizontalAdvance("00000") + 16)
        self.year.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.month)
        layout.addWidget(self.year)
        self.present: QCheckBox | None = None
        if present:
            self.present = QCheckBox("Present", self)
            self.present.setToolTip("Still here: the résumé shows “– Present”")
            self.present.toggled.connect(self._present_toggled)
            layout.addSpacing(8)
            layout.addWidget(self.present)
        layout.addStretch(1)
        self.month.activated.connect(self._changed)
        self.year.textEdited.connect(self._changed)
        self.year.editingFinished.connect(self.editingFinished)
        self.year.focusLost.connect(self._year_done)
        self.setFocusProxy(self.month)

    # --- value -------------------------------------------------------------------------

    def value(self) -> str:
        return self._value

    def is_present(self) -> bool:
        return self.present is not None and self.present.isChecked()

    def set_value(self, value: str, *, start: str = "", rebind: bool = False) -> None:
        """Show a stored value. ``rebind`` means another entry is now shown, so
        "Present" is worked out afresh: an empty end after a start is ongoing."""
        shown = compose_date(self.year.text(), self.month.currentIndex(), self._value)
        self._value = value
        if rebind or shown != value:
            self._show(value)
            if self.present is not None and (rebind or not value):
                self._set_present(not value and bool(start))
            self.problemChanged.emit(None)
        if self.present is not None and value:
            self._set_present(False)

    def _show(self, value: str) -> None:
        year, month = "", 0
        if value:
            date = parse_iso(value)
            year, month = f"{date.year:04d}", date.month or 0
        self.month.blockSignals(True)
        self.year.blockSignals(True)
        self.month.setCurrentIndex(month)
        if self.year.text() != year:
            self.year.setText(year)
        self.month.blockSignals(False)
        self.year.blockSignals(False)

    def _set_present(self, on: bool) -> None:
        assert self.present is not None
        if self.present.isChecked() != on:
            self.present.blockSignals(True)
            self.present.setChecked(on)
            self.present.blockSignals(False)
        self.month.setEnabled(not on)
        self.year.setEnabled(not on)

    # --- user changes ------------------------------------------------------------------

    def _changed(self, *_: object) -> None:
        value = compose_date(self.year.text(), self.month.currentIndex(), self._value)
        if value is None:
            self.problemChanged.emit("enter a four-digit year")
            return
        if value == "" and self.month.currentIndex():
            self.problemChanged.emit("add a year: a month alone is not a date")
        else:
            self.problemChanged.emit(None)
        if value != self._value:
            self._value = value
            self.edited.emit(value)

    def _year_done(self) -> None:
        # Leaving a half-typed year shows the stored one again.
        if compose_date(self.year.text(), self.month.currentIndex(), self._value) is None:
            self._show(self._value)
            self.problemChanged.emit(None)

    def _present_toggled(self, on: bool) -> None:
        self._set_present(on)
        if on:
            self._show("")
            self.problemChanged.emit(None)
            if self._value:
                self._value = ""
                self.edited.emit("")
            self.editingFinished.emit()
        else:
            self.month.setFocus(Qt.FocusReason.OtherFocusReason)
