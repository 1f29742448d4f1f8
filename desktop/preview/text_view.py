"""The ATS text and Markdown tabs: the exporter's exact text, read-only."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class TextPreview(QPlainTextEdit):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName(f"{name} preview")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        # Wrap only at the window edge: the exporter's own line breaks are what
        # an ATS sees, so they are shown untouched.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setDocumentTitle(name)
        self._text = ""

    def text(self) -> str:
        return self._text

    def show_text(self, text: str) -> None:
        if text == self._text:
            return
        bar = self.verticalScrollBar()
        position = bar.value()
        self._text = text
        self.setPlainText(text)
        bar.setValue(min(position, bar.maximum()))
