"""A text editor for fields that may hold inline Markdown (summaries, bullets).

It wraps long text and grows with it instead of scrolling, because a bullet is
often three or four lines and the form around it already scrolls. Ctrl+B and
Ctrl+I wrap the selection in ``**…**`` / ``*…*`` and unwrap it when it is
already wrapped; a highlighter shows what the marks will do.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QSizePolicy, QTextEdit, QWidget

BOLD = "**"
ITALIC = "*"


def _run_length(text: str, index: int, step: int) -> int:
    """How many ``*`` there are from ``index`` walking by ``step``."""
    count = 0
    while 0 <= index < len(text) and text[index] == "*":
        count += 1
        index += step
    return count


def _is_wrapped(left: int, right: int, marker: str) -> bool:
    # ``***x***`` is both bold and italic; ``**x**`` is bold only.
    if marker == BOLD:
        return left >= 2 and right >= 2
    return left % 2 == 1 and right % 2 == 1


def toggle_wrap(text: str, start: int, end: int, marker: str) -> tuple[str, int, int]:
    """Wrap ``text[start:end]`` in ``marker``, or unwrap it if it already is.

    Returns the new text and the new selection, which still covers the same
    words. An empty selection inserts an empty pair with the cursor inside.
    """
    start, end = sorted((start, end))
    size = len(marker)
    # The selection may include its own marks ("**word**" selected whole).
    inner = text[start:end]
    if (
        len(inner) >= 2 * size
        and _is_wrapped(_run_length(inner, 0, 1), _run_length(inner, len(inner) - 1, -1), marker)
        and len(inner.strip("*")) > 0
    ):
        body = inner[size:-size]
        return text[:start] + body + text[end:], start, start + len(body)
    if start != end and _is_wrapped(
        _run_length(text, start - 1, -1), _run_length(text, end, 1), marker
    ):
        return text[: start - size] + inner + text[end + size :], start - size, end - size
    # Keep the marks hugging the words: Markdown ignores "** word**".
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner) - len(inner.rstrip())
    start, end = start + lead, end - trail
    inner = text[start:end]
    return text[:start] + marker + inner + marker + text[end:], start + size, end + size


class MarkupHighlighter(QSyntaxHighlighter):
    """Bold and italic spans look bold and italic; their marks are dimmed."""

    _SPAN = re.compile(r"(?<![\\*])(\*\*\*|\*\*|\*)(?=\S)(.+?)(?<=\S)\1(?!\*)")

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._marks = QTextCharFormat()
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        self._marks.setForeground(dim)

    def highlightBlock(self, text: str) -> None:
        for match in self._SPAN.finditer(text):
            marker = match.group(1)
            fmt = QTextCharFormat()
            if len(marker) >= 2:
                fmt.setFontWeight(QFont.Weight.Bold)
            if len(marker) != 2:
                fmt.setFontItalic(True)
            self.setFormat(match.start(2), len(match.group(2)), fmt)
            self.setFormat(match.start(1), len(marker), self._marks)
            self.setFormat(match.end(2), len(marker), self._marks)


class MarkupEdit(QTextEdit):
    """Plain-text, word-wrapping, auto-growing editor.

    ``edited`` carries the text after each change the user makes (never after
    ``set_text``); ``editingFinished`` fires when it loses focus.
    ``sealRequested`` asks the owner to end the current undo merge, so a
    formatting command is an undo step of its own.
    """

    edited = Signal(str)
    editingFinished = Signal()
    sealRequested = Signal()
    focused = Signal()
    # Keys the owner may want (Enter in a bullet, Backspace in an empty one...).
    specialKey = Signal(QKeyEvent)
    # Several lines pasted into a one-paragraph editor (an old résumé's bullets):
    # the owner turns them into items.
    linesPasted = Signal(list)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        min_lines: int = 1,
        placeholder: str = "",
        key_filter: Callable[[QKeyEvent], bool] | None = None,
        single_paragraph: bool = False,
    ) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self._single = single_paragraph
        self._key_filter = key_filter
        self._setting = False
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        # One undo history for the whole app: the document's.
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setPlaceholderText(placeholder)
        self.document().setDocumentMargin(4)
        self.highlighter = MarkupHighlighter(self.document(), self.palette())
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.textChanged.connect(self._on_text_changed)
        self._fit_height()

    # --- text -------------------------------------------------------------------

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Show ``text`` without reporting it as an edit; keeps the cursor where it can."""
        if text == self.toPlainText():
            return
        cursor = self.textCursor()
        position, anchor = cursor.position(), cursor.anchor()
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False
        if self.hasFocus():
            cursor = self.textCursor()
            cursor.setPosition(min(anchor, len(text)))
            cursor.setPosition(min(position, len(text)), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

    def _on_text_changed(self) -> None:
        if not self._setting:
            self.edited.emit(self.toPlainText())

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        if not self._single or not text:
            super().insertFromMimeData(source)
            return
        raw = text.replace("\u2029", "\n").replace("\r\n", "\n").replace("\r", "\n")
        lines = [line for line in raw.split("\n") if line.strip()]
        if len(lines) > 1:
            self.linesPasted.emit(lines)
            return
        # One paragraph: nothing but the words, without the line break.
        plain = QMimeData()
        plain.setText(lines[0] if lines else "")
        super().insertFromMimeData(plain)

    # --- formatting -------------------------------------------------------------

    def toggle_format(self, marker: str) -> None:
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if start == end:
            # No selection: the word under the cursor, as word processors do.
            word = QTextCursor(cursor)
            word.select(QTextCursor.SelectionType.WordUnderCursor)
            if word.hasSelection() and word.selectedText().strip("*").strip():
                start, end = word.selectionStart(), word.selectionEnd()
        text, new_start, new_end = toggle_wrap(self.toPlainText(), start, end, marker)
        self.sealRequested.emit()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.setPosition(new_start)
        cursor.setPosition(new_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.sealRequested.emit()

    # --- keys -----------------------------------------------------------------------

    def _format_marker(self, event: QKeyEvent) -> str | None:
        if event.matches(QKeySequence.StandardKey.Bold):
            return BOLD
        if event.matches(QKeySequence.StandardKey.Italic):
            return ITALIC
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo
            ):
                # Let the window's Undo (the document's history) have it.
                event.ignore()
                return True
            if self._format_marker(event) or self._owner_key(event):
                event.accept()
                return True
        return super().event(event)

    def _owner_key(self, event: QKeyEvent) -> bool:
        return self._key_filter is not None and self._key_filter(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        marker = self._format_marker(event)
        if marker:
            self.toggle_format(marker)
            return
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            event.ignore()
            return
        if self._owner_key(event):
            event.accept()
            self.specialKey.emit(event)
            if event.isAccepted():
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    # --- size -----------------------------------------------------------------------

    def _fit_height(self, *_: object) -> None:
        # Lay the text out at the width it will really have before measuring.
        self.document().setTextWidth(self.viewport().width())
        height = self.sizeHint().height()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        margin = self.document().documentMargin()
        frame = (
            self.frameWidth() * 2 + self.contentsMargins().top() + self.contentsMargins().bottom()
        )
        content = max(self.document().size().height(), self._min_lines * line + 2 * margin)
        return QSize(super().sizeHint().width(), int(content) + frame + 1)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Rewrapping at a new width changes the height.
        self._fit_height()
