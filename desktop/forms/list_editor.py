"""The master list of a section's entries (jobs, schools, projects…).

A ``QListView`` over a ``SequenceModel``: drag and drop reorders through the
model (``InternalMove`` -> ``moveRows`` -> ``document.move``); Alt+Up/Alt+Down
move the current entry, Delete removes it. A small button bar under the list
offers the same actions to the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from .item_models import PROBLEM_ROLE, SUBTITLE_ROLE, SequenceModel


class TwoLineDelegate(QStyledItemDelegate):
    """Title on the first line, a dimmer subtitle (dates, place) on the second."""

    PADDING = 6

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        lines = 2 if index.data(SUBTITLE_ROLE) else 1
        height = option.fontMetrics.lineSpacing() * lines + 2 * self.PADDING
        return QSize(200, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, subtitle = opt.text, index.data(SUBTITLE_ROLE) or ""
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(self.PADDING + 2, self.PADDING, -self.PADDING, -self.PADDING)
        line = opt.fontMetrics.lineSpacing()
        problem = index.data(PROBLEM_ROLE)
        if problem:
            # A mark on entries that need a look, even when not selected.
            size = line - 2
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning, None, widget)
            icon.paint(painter, QRect(rect.right() - size, rect.top() + 1, size, size))
            rect.setRight(rect.right() - size - 4)
        painter.save()
        bold = opt.font
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(group, text_role))
        metrics = painter.fontMetrics()
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        if subtitle:
            painter.setFont(option.font)
            dim = opt.palette.color(group, text_role)
            if not selected:
                dim = opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
            painter.setPen(dim)
            painter.drawText(
                QRect(rect.left(), rect.top() + line, rect.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                option.fontMetrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, rect.width()),
            )
        painter.restore()


class EntryListView(QListView):
    """Implements ``ListEditing`` for a list of entries."""

    listStateChanged = Signal()
    focused = Signal()
    itemAdded = Signal(int)  # by add_item: the form moves the focus into it

    def __init__(
        self,
        model: SequenceModel,
        new_item: Callable[[], Any],
        *,
        noun: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._new_item = new_item
        self.noun = noun
        self.setModel(model)
        self.setItemDelegate(TwoLineDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName(f"{noun.capitalize()} list")
        model.rowsInserted.connect(self._changed)
        model.rowsRemoved.connect(self._changed)
        model.rowsMoved.connect(self._changed)
        model.modelReset.connect(self._after_reset)
        self.selectionModel().currentChanged.connect(self._changed)

    def list_model(self) -> SequenceModel:
        model = self.model()
        assert isinstance(model, SequenceModel)
        return model

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        model = self.list_model()
        if 0 <= row < model.rowCount():
            index = model.index(row)
            self.setCurrentIndex(index)
            self.scrollTo(index)
        else:
            self.setCurrentIndex(QModelIndex())

    def _after_reset(self) -> None:
        # A reset (another list, or an edit we could not follow) loses the
        # current row; start at the first entry so the detail form is not blank.
        if self.list_model().rowCount():
            self.set_current_row(0)
        self._changed()

    def _changed(self, *_: object) -> None:
        self.listStateChanged.emit()

    # --- ListEditing ---------------------------------------------------------------

    def list_state(self) -> tuple[bool, bool, bool, bool, bool]:
        model = self.list_model()
        row, count = self.current_row(), model.rowCount()
        has = row >= 0 and model.list_path is not None
        return (model.list_path is not None, has, has, has and row > 0, has and row < count - 1)

    def add_item(self) -> None:
        model = self.list_model()
        if model.list_path is None:
            return
        row = self.current_row() + 1 if self.current_row() >= 0 else model.rowCount()
        if model.document.insert(model.item_path(row), self._new_item(), f"Add {self.noun}"):
            self.set_current_row(row)
            self.itemAdded.emit(row)

    def duplicate_item(self) -> None:
        row = self.current_row()
        model = self.list_model()
        if row >= 0 and model.document.duplicate(model.item_path(row), f"Duplicate {self.noun}"):
            self.set_current_row(row + 1)

    def remove_item(self) -> None:
        row = self.current_row()
        model = self.list_model()
        if row < 0:
            return
        if model.document.remove(model.item_path(row), f"Remove {self.noun}"):
            self.set_current_row(min(row, model.rowCount() - 1))

    def move_item(self, delta: int) -> None:
        row = self.current_row()
        model = self.list_model()
        to = row + delta
        if row < 0 or not 0 <= to < model.rowCount():
            return
        # The model follows the move, and the current row with it.
        model.document.move(model.item_path(row), to, f"Move {self.noun}")
        self.set_current_row(to)

    # --- keys -------------------------------------------------------------------------

    def _list_key(self, event: QKeyEvent) -> Callable[[], None] | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.AltModifier and event.key() == Qt.Key.Key_Up:
            return lambda: self.move_item(-1)
        if mods == Qt.KeyboardModifier.AltModifier and event.key() == Qt.Key.Key_Down:
            return lambda: self.move_item(1)
        if mods == Qt.KeyboardModifier.NoModifier and event.key() == Qt.Key.Key_Delete:
            return self.remove_item
        return None

    def event(self, event: QEvent) -> bool:
        # The Edit menu may bind the same keys; either way the same action runs,
        # but handling it here also works when the list is used on its own.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._list_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._list_key(event)
        if action:
            action()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.set_current_row(index.row())
        self.context_menu().exec(event.globalPos())

    def context_menu(self) -> QMenu:
        """Add, Duplicate, Move Up/Down and Remove for the current entry."""
        can_add, can_dup, can_remove, can_up, can_down = self.list_state()
        menu = QMenu(self)
        noun = self.noun
        for text, enabled, slot, keys in (
            (f"Add {noun}", can_add, self.add_item, ""),
            (f"Duplicate {noun}", can_dup, self.duplicate_item, ""),
            (None, True, None, ""),
            ("Move Up", can_up, lambda: self.move_item(-1), "Alt+Up"),
            ("Move Down", can_down, lambda: self.move_item(1), "Alt+Down"),
            (None, True, None, ""),
            (f"Remove {noun}", can_remove, self.remove_item, "Del"),
        ):
            if text is None:
                menu.addSeparator()
                continue
            action = menu.addAction(text)
            action.setEnabled(enabled)
            if keys:
                action.setShortcut(QKeySequence(keys))  # shown as a hint; the list handles the keys
            action.triggered.connect(lambda _checked=False, s=slot: s())
        return menu

    # --- size: show every entry up to a sensible height, then scroll ---------------

    def sizeHint(self) -> QSize:
        model = self.list_model()
        rows = max(2, min(model.rowCount(), 5))
        row_height = (
            self.sizeHintForRow(0)
            if model.rowCount()
            else self.fontMetrics().lineSpacing() * 2 + 12
        )
        return QSize(320, rows * max(row_height, 1) + 2 * self.frameWidth() + 2)


class ListButtons(QWidget):
    """Add / Remove / Duplicate / Move up / Move down under a list, for the mouse."""

    def __init__(self, editor: Any, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        specs = [
            ("+", f"Add {noun}", editor.add_item),
            ("\u2212", f"Remove {noun} (Delete)", editor.remove_item),
            ("Duplicate", f"Duplicate {noun}", editor.duplicate_item),
            ("\u2191", f"Move {noun} up (Alt+Up)", lambda: editor.move_item(-1)),
            ("\u2193", f"Move {noun} down (Alt+Down)", lambda: editor.move_item(1)),
        ]
        self.buttons: list[QToolButton] = []
        for text, tip, slot in specs:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
        editor.listStateChanged.connect(self.update_state)
        self.update_state()

    def update_state(self) -> None:
        can_add, can_dup, can_remove, can_up, can_down = self._editor.list_state()
        for button, enabled in zip(
            self.buttons, (can_add, can_remove, can_dup, can_up, can_down), strict=True
        ):
            button.setEnabled(enabled)
