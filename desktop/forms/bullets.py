"""Editors for lists of short texts: a job's bullets, a skill group's keywords.

Every item has its own wrapping editor, always open, because bullets are
written and rewritten in place and are often 300 characters long. The rows
sit over a ``SequenceModel``; reordering by drag (from the grip on the left)
ends in the model's ``dropMimeData``, which asks the document to move the item.

Keys inside an item: Enter splits it into a new item, Backspace or Delete in an
empty item removes it, Alt+Up/Alt+Down move it, Up/Down at the first/last line
go to the neighbouring item, Ctrl+B/Ctrl+I format the selection.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QEnterEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exporters.markup import plain_text
from exporters.model import Resume

from ..document import ResumeDocument
from .item_models import SequenceModel
from .markup_edit import MarkupEdit

_NAV_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down}
_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


def _mods(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


def _wanted_key(event: QKeyEvent) -> bool:
    """Keys the list handles instead of the text editor."""
    mods, key = _mods(event), event.key()
    if mods == Qt.KeyboardModifier.AltModifier and key in _NAV_KEYS:
        return True
    if mods == Qt.KeyboardModifier.ShiftModifier and key in _ENTER_KEYS:
        return True  # a line break has no place in a bullet: split instead
    return mods == Qt.KeyboardModifier.NoModifier and (
        key in _ENTER_KEYS or key in _NAV_KEYS or key in {Qt.Key.Key_Backspace, Qt.Key.Key_Delete}
    )


class DragGrip(QWidget):
    """Six dots to grab an item by; dragging starts a move of that row."""

    dragStarted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(14)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip("Drag to reorder (or Alt+Up / Alt+Down)")
        self._press: QPoint | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        # Level with the first line of text, however tall the item grows.
        top = 9.0
        for row in range(3):
            for col in range(2):
                painter.drawEllipse(QRectF(3.5 + col * 5, top + row * 5, 2.6, 2.6))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        distance = (event.position().toPoint() - self._press).manhattanLength()
        if distance >= QApplication.startDragDistance():
            self._press = None
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            self.dragStarted.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)


class ItemRow(QWidget):
    """Grip, editor, and a remove button that shows while the row is in use."""

    def __init__(self, owner: TextListEditor, placeholder: str, min_lines: int) -> None:
        super().__init__(owner)
        self.index = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.grip = DragGrip(self)
        self.editor = MarkupEdit(
            self,
            min_lines=min_lines,
            placeholder=placeholder,
            key_filter=_wanted_key,
            single_paragraph=True,
        )
        self.remove = QToolButton(self)
        self.remove.setText("\u00d7")
        self.remove.setAutoRaise(True)
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.setToolTip(f"Remove this {owner.noun}")
        self.remove.setAccessibleName(f"Remove {owner.noun}")
        policy = self.remove.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.remove.setSizePolicy(policy)
        self.remove.setVisible(False)
        layout.addWidget(self.grip)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.remove.setVisible(True)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.remove.setVisible(self.editor.hasFocus())
        super().leaveEvent(event)


class TextListEditor(QWidget):
    """Implements ``ListEditing`` for a list of strings at a path in the document."""

    listStateChanged = Signal()
    focused = Signal()

    def __init__(
        self,
        document: ResumeDocument,
        *,
        noun: str = "bullet",
        add_text: str = "Add bullet",
        placeholder: str = "",
        min_lines: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.noun = noun
        self._placeholder = placeholder
        self._min_lines = min_lines
        self.model = SequenceModel(document, None, title=plain_text, editable=True, parent=self)
        self.rows: list[ItemRow] = []
        self._current = -1
        self._focus_after: tuple[int, int | None] | None = None  # (row, cursor position)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(4)
        outer.addLayout(self._rows_box)
        self.add_button = QToolButton(self)
        self.add_button.setText(f"+ {add_text}")
        self.add_button.setAutoRaise(True)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_button.clicked.connect(self.add_item)
        outer.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

        self._drop_line = QFrame(self)
        self._drop_line.setFrameShape(QFrame.Shape.NoFrame)
        self._drop_line.setFixedHeight(2)
        self._drop_line.setAutoFillBackground(True)
        line_palette = self._drop_line.palette()
        line_palette.setColor(
            QPalette.ColorRole.Window, self.palette().color(QPalette.ColorRole.Highlight)
        )
        self._drop_line.setPalette(line_palette)
        self._drop_line.hide()

        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.dataChanged,
            self.model.modelReset,
        ):
            signal.connect(self._sync)
        self._sync()

    # --- binding ------------------------------------------------------------------------

    def set_list_path(self, path: str | None) -> None:
        self.model.set_list_path(path)
        self.setEnabled(path is not None)

    def items(self) -> tuple[str, ...]:
        return tuple(str(item) for item in self.model.items())

    def editor_at(self, row: int) -> MarkupEdit:
        return self.rows[row].editor

    def current_row(self) -> int:
        return self._current if 0 <= self._current < len(self.rows) else -1

    def _sync(self, *_: object) -> None:
        items = self.items()
        while len(self.rows) < len(items):
            self._add_row()
        while len(self.rows) > len(items):
            row = self.rows.pop()
            row.hide()
            row.deleteLater()
        for index, (row, text) in enumerate(zip(self.rows, items, strict=True)):
            row.index = index
            row.editor.set_text(text)
        if self._focus_after is not None:
            target, position = self._focus_after
            self._focus_after = None
            if 0 <= target < len(self.rows):
                self._focus_row(target, position)
        if self._current >= len(self.rows):
            self._current = len(self.rows) - 1
        self.listStateChanged.emit()

    def _add_row(self) -> None:
        row = ItemRow(self, self._placeholder, self._min_lines)
        editor = row.editor
        editor.edited.connect(lambda text, r=row: self._edited(r, text))
        editor.editingFinished.connect(self._editing_finished)
        editor.sealRequested.connect(self.document.seal_merge)
        editor.focused.connect(lambda r=row: self._row_focused(r))
        editor.specialKey.connect(lambda event, r=row: self._key(r, event))
        editor.linesPasted.connect(lambda lines, r=row: self._paste_lines(r.index, lines))
        row.grip.dragStarted.connect(lambda r=row: self._start_drag(r))
        row.remove.clicked.connect(lambda _=False, r=row: self._remove_row(r.index))
        self._rows_box.addWidget(row)
        self.rows.append(row)

    def _focus_row(self, row: int, position: int | None = None) -> None:
        editor = self.rows[row].editor
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = editor.textCursor()
        if position is None:
            cursor.movePosition(QTextCursor.MoveOperation.End)
        else:
            cursor.setPosition(min(position, len(editor.text())))
        editor.setTextCursor(cursor)
        self._current = row

    # --- edits ----------------------------------------------------------------------------

    def _edited(self, row: ItemRow, text: str) -> None:
        if self.model.list_path is not None and row.index >= 0:
            self.document.set_value(self.model.item_path(row.index), text, f"Edit {self.noun}")

    def _editing_finished(self) -> None:
        self.document.seal_merge()
        for row in self.rows:
            row.remove.setVisible(row.underMouse() or row.editor.hasFocus())

    def _row_focused(self, row: ItemRow) -> None:
        self._current = row.index
        for other in self.rows:
            other.remove.setVisible(other is row or other.underMouse())
        self.focused.emit()
        self.listStateChanged.emit()

    def _insert(self, row: int, text: str, position: int | None = None) -> None:
        if self.model.list_path is None:
            return
        self._focus_after = (row, position)
        if not self.document.insert(self.model.item_path(row), text, f"Add {self.noun}"):
            self._focus_after = None

    def _remove_row(self, row: int, focus: int | None = None) -> None:
        if self.model.list_path is None or not 0 <= row < len(self.rows):
            return
        remaining = len(self.rows) - 1
        target = row if focus is None else focus
        self._focus_after = (min(target, remaining - 1), None) if remaining else None
        if not self.document.remove(self.model.item_path(row), f"Remove {self.noun}"):
            self._focus_after = None
        elif not remaining:
            self._current = -1
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _split(self, row: int) -> None:
        """Enter: the text after the cursor becomes a new item below (one undo step)."""
        from exporters.model import edits

        editor = self.rows[row].editor
        cursor = editor.textCursor()
        text = editor.text()
        head, tail = (
            text[: cursor.selectionStart()].rstrip(),
            text[cursor.selectionEnd() :].lstrip(),
        )
        path, next_path = self.model.item_path(row), self.model.item_path(row + 1)
        self._focus_after = (row + 1, 0)
        self.document.seal_merge()
        changed = self.document.apply(
            f"Add {self.noun}",
            lambda r: edits.insert(edits.set_value(r, path, head), next_path, tail),
        )
        if not changed:
            self._focus_after = None

    def _paste_lines(self, row: int, lines: list[str]) -> None:
        """Pasted lines become items: the first goes in at the cursor, the rest
        follow as new items (list markers such as "- " or "• " dropped)."""
        from exporters.model import edits

        if self.model.list_path is None or not 0 <= row < len(self.rows):
            return
        # The first line continues the text at the cursor: keep its leading space.
        items = [_MARKER.sub("", lines[0]).rstrip()] + [_strip_marker(line) for line in lines[1:]]
        editor = self.rows[row].editor
        cursor = editor.textCursor()
        text = editor.text()
        head, tail = text[: cursor.selectionStart()], text[cursor.selectionEnd() :]
        first = head + items[0]
        rest = items[1:]
        rest[-1] = rest[-1] + tail
        path = self.model.item_path(row)
        list_path = self.model.list_path

        def paste(resume: Resume) -> Resume:
            resume = edits.set_value(resume, path, first)
            for offset, item in enumerate(rest, start=1):
                resume = edits.insert(resume, f"{list_path}[{row + offset}]", item)
            return resume

        last = row + len(rest)
        self._focus_after = (last, len(rest[-1]) - len(tail))
        self.document.seal_merge()
        if not self.document.apply(f"Paste {self.noun}s", paste):
            self._focus_after = None

    def _key(self, row: ItemRow, event: QKeyEvent) -> None:
        index, key, mods = row.index, event.key(), _mods(event)
        editor = row.editor
        if mods == Qt.KeyboardModifier.AltModifier and key in _NAV_KEYS:
            self._current = index
            self.move_item(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key in _ENTER_KEYS:
            self._split(index)
            return
        if key == Qt.Key.Key_Backspace and not editor.text() and index > 0:
            self._remove_row(index, focus=index - 1)
            return
        if key == Qt.Key.Key_Delete and not editor.text():
            self._remove_row(index)
            return
        cursor = editor.textCursor()
        if (
            key == Qt.Key.Key_Up
            and index > 0
            and not QTextCursor(cursor).movePosition(QTextCursor.MoveOperation.Up)
        ):
            self._focus_row(index - 1)
            return
        if (
            key == Qt.Key.Key_Down
            and index < len(self.rows) - 1
            and not QTextCursor(cursor).movePosition(QTextCursor.MoveOperation.Down)
        ):
            self._focus_row(index + 1, 0)
            return
        event.ignore()  # an ordinary key: the editor handles it

    # --- ListEditing ----------------------------------------------------------------------

    def list_state(self) -> tuple[bool, bool, bool, bool, bool]:
        row, count = self.current_row(), len(self.rows)
        bound = self.model.list_path is not None
        has = bound and row >= 0
        return (bound, has, has, has and row > 0, has and row < count - 1)

    def add_item(self) -> None:
        row = self.current_row()
        self._insert(row + 1 if row >= 0 else len(self.rows), "")

    def duplicate_item(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self._focus_after = (row + 1, None)
        if not self.document.duplicate(self.model.item_path(row), f"Duplicate {self.noun}"):
            self._focus_after = None

    def remove_item(self) -> None:
        self._remove_row(self.current_row())

    def move_item(self, delta: int) -> None:
        row = self.current_row()
        to = row + delta
        if row < 0 or not 0 <= to < len(self.rows):
            return
        position = self.rows[row].editor.textCursor().position()
        self._focus_after = (to, position)
        if not self.document.move(self.model.item_path(row), to, f"Move {self.noun}"):
            self._focus_after = None

    # --- drag and drop -------------------------------------------------------------------

    def _start_drag(self, row: ItemRow) -> None:
        drag = QDrag(row.grip)
        drag.setMimeData(self.model.mimeData([self.model.index(row.index)]))
        drag.setPixmap(row.grab().scaledToWidth(min(row.width(), 360)))
        drag.setHotSpot(QPoint(8, 8))
        drag.exec(Qt.DropAction.MoveAction)
        self._drop_line.hide()

    def _drop_row(self, y: int) -> int:
        """The row a drop at height ``y`` lands before."""
        for row in self.rows:
            geometry = row.geometry()
            if y < geometry.center().y():
                return row.index
        return len(self.rows)

    def _accepts(self, data: QMimeData) -> bool:
        return self.model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._accepts(event.mimeData()):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        target = self._drop_row(event.position().toPoint().y())
        if target < len(self.rows):
            y = self.rows[target].geometry().top() - 3
        else:
            y = self.rows[-1].geometry().bottom() + 1 if self.rows else 0
        self._drop_line.setGeometry(16, max(0, y), self.width() - 16, 2)
        self._drop_line.show()
        self._drop_line.raise_()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._drop_line.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_line.hide()
        data = event.mimeData()
        if not self._accepts(data):
            event.ignore()
            return
        self.drop_at(data, self._drop_row(event.position().toPoint().y()))
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def drop_at(self, data: QMimeData, row: int) -> None:
        """What a drop before ``row`` does: the model moves the item, focus follows it."""
        source = self.model.dragged_row(data)
        if source is None:
            return
        to = row if row < source else row - 1
        self._focus_after = (to, None) if to != source else None
        self.model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())
        self._focus_after = None


_MARKER = re.compile(r"^\s*(?:[-*+\u2022\u2023\u25e6\u2043\u2219]|\d+[.)])\s+")


def _strip_marker(line: str) -> str:
    return _MARKER.sub("", line).strip()


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A dim one-line explanation under a list."""
    label = QLabel(text, parent)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    label.setWordWrap(True)
    return label
