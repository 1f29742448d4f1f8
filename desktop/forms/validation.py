"""Soft problems shown beside a field: a small warning sign and a short reason.

They never block typing; they update as the user types. The reasons come from
``exporters.model.checks`` so the editor and ``resume-studio validate`` agree.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QStyle, QWidget

from exporters.model.checks import email_problem, url_problem

Checker = Callable[[str], str | None]

CHECKERS: dict[str, Checker] = {"email": email_problem, "url": url_problem}


def _warning_colour(widget: QWidget) -> str:
    # A red that stays readable on light and dark palettes.
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff6b6b" if dark else "#c62828"


class ProblemLabel(QWidget):
    """Hidden while the field is fine; otherwise "⚠ reason", with the reason as tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._icon = QLabel(self)
        style = QApplication.style()
        size = self.fontMetrics().height() - 2
        self._icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        )
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        font = self._text.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        self._text.setFont(font)
        self._text.setStyleSheet(f"color: {_warning_colour(self)};")
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self._message: str | None = None
        self.setVisible(False)

    def changeEvent(self, event: QEvent) -> None:
        # The desktop switched between light and dark: pick the red again.
        if event.type() == QEvent.Type.PaletteChange:
            self._text.setStyleSheet(f"color: {_warning_colour(self)};")
        super().changeEvent(event)

    @property
    def message(self) -> str | None:
        return self._message

    def show_problem(self, message: str | None) -> None:
        if message == self._message:
            return
        self._message = message
        self._text.setText(message or "")
        self.setToolTip(message or "")
        self.setVisible(bool(message))
