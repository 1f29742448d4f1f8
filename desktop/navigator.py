"""The section navigator: the header, then every section in page order.

``SectionModel`` is a thin Qt adapter over ``exporters.model.sections``; it
never changes the résumé itself but turns a checkbox, a rename or a drop into
a document edit (see ``section_settings``), so each one is undoable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from exporters.model import Resume
from exporters.model.sections import SectionInfo, sections

from . import section_settings
from .document import ResumeDocument

HEADER_KEY = "basics"
HEADER_TITLE = "Header & contact"
MIME_TYPE = "application/x-resume-studio-section"

KeyRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
CustomRole = Qt.ItemDataRole.UserRole + 3

ModelIndex = QModelIndex | QPersistentModelIndex


class SectionModel(QAbstractListModel):
    def __init__(self, document: ResumeDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rows: list[SectionInfo] = []
        self._load(document.resume)
        document.changed.connect(self._on_changed)

    # --- reading ------------------------------------------------------------------

    def _load(self, resume: Resume) -> None:
        self._rows = _rows_for(resume)

    def _on_changed(self, resume: Resume) -> None:
        old_rows = self._rows
        new_rows = _rows_for(resume)
        old_keys = [r.key for r in old_rows]
        new_keys = [r.key for r in new_rows]
        if new_keys != old_keys:
            # Sections were reordered, added or removed: a layout change keeps
            # the view's selection on the same section.
            self.layoutAboutToBeChanged.emit()
            self._rows = new_rows
            where = {key: row for row, key in enumerate(new_keys)}
            for index in self.persistentIndexList():
                row = where.get(old_keys[index.row()], -1) if index.row() < len(old_keys) else -1
                self.changePersistentIndex(index, self.index(row, 0) if row >= 0 else QModelIndex())
            self.layoutChanged.emit()
            return
        self._rows = new_rows
        for row, (old, new) in enumerate(zip(old_rows, new_rows, strict=True)):
            if old != new:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def info(self, row: int) -> SectionInfo:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        for row, info in enumerate(self._rows):
            if info.key == key:
                return row
        return -1

    def keys(self) -> list[str]:
        return [r.key for r in self._rows]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        info = self._rows[index.row()]
        header = info.key == HEADER_KEY
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return info.title
        if role == Qt.ItemDataRole.CheckStateRole and not header:
            return Qt.CheckState.Checked if info.visible else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(info)
        if role == Qt.ItemDataRole.FontRole and header:
            font = QFont()
            font.setBold(True)
            return font
        if role == KeyRole:
            return info.key
        if role == CountRole:
            return info.count
        if role == CustomRole:
            return info.custom is not None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self._rows[index.row()].key == HEADER_KEY:
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    # --- changing (as document edits) ----------------------------------------------

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        key = self._rows[index.row()].key
        if role == Qt.ItemDataRole.CheckStateRole:
            hidden = Qt.CheckState(value) != Qt.CheckState.Checked
            section_settings.set_section_hidden(self.document, key, hidden)
            return True
        if role == Qt.ItemDataRole.EditRole and isinstance(value, str):
            section_settings.rename_section(self.document, key, value)
            return True
        return False

    def move_section(self, key: str, delta: int) -> bool:
        """Move a section up or down the page (the header stays first)."""
        row = self.row_of(key)
        if row <= 0:
            return False
        target = row + delta
        if not 1 <= target < len(self._rows):
            return False
        return section_settings.move_section(self.document, key, target - 1)

    def can_move(self, key: str, delta: int) -> bool:
        row = self.row_of(key)
        return row > 0 and 1 <= row + delta < len(self._rows)

    # --- drag and drop -------------------------------------------------------------

    def moveRows(
        self,
        source_parent: ModelIndex,
        source_row: int,
        count: int,
        destination_parent: ModelIndex,
        destination_child: int,
    ) -> bool:
        """What QListView calls for an internal drag: move one section as a document edit.

        ``destination_child`` is the row the section goes before, counted
        before the move. The rows then follow through ``layoutChanged``.
        """
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not 1 <= source_row < len(self._rows):
            return False
        target = destination_child - 1 if destination_child > source_row else destination_child
        target = max(1, min(target, len(self._rows) - 1))
        if target == source_row:
            return False
        return section_settings.move_section(self.document, self._rows[source_row].key, target - 1)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        keys = [self._rows[i.row()].key for i in indexes if i.isValid()]
        if keys:
            data.setData(MIME_TYPE, QByteArray(keys[0].encode("utf-8")))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        key = bytes(data.data(MIME_TYPE).data()).decode("utf-8")
        source = self.row_of(key)
        if source <= 0:
            return False
        if row < 0:
            # Dropped onto an item: take its place.
            row = parent.row() if parent.isValid() else len(self._rows)
        self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)
        # The document edit already reordered the rows; the view must not
        # remove the source row itself, which removeRows (not implemented) ensures.
        return True


def _rows_for(resume: Resume) -> list[SectionInfo]:
    header = SectionInfo(
        key=HEADER_KEY,
        title=HEADER_TITLE,
        visible=True,
        count=int(bool(resume.basics.name.strip())),
    )
    return [header, *sections(resume)]


def _tooltip(info: SectionInfo) -> str:
    if info.key == HEADER_KEY:
        return "Name, headline and contact details"
    state = "printed" if info.visible and info.count else "not printed"
    reason = " (hidden)" if not info.visible else " (empty)" if not info.count else ""
    kind = "Custom section" if info.custom is not None else "Section"
    return f"{kind}: {info.count} item{'s' if info.count != 1 else ''}, {state}{reason}"


class SectionDelegate(QStyledItemDelegate):
    """Draws the item count at the right edge and greys out hidden sections."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked:
            option.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.PlaceholderText)
            )
            option.font.setItalic(True)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        count = index.data(CountRole)
        key = index.data(KeyRole)
        opt = QStyleOptionViewItem(option)
        badge = str(count) if count and key != HEADER_KEY else ""
        width = option.fontMetrics.horizontalAdvance(badge) + 16 if badge else 0
        opt.rect = QRect(option.rect.adjusted(0, 0, -width, 0))
        super().paint(painter, opt, index)
        if not badge:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        if selected:
            # Fill the strip the base paint left, so the selection spans the row.
            painter.fillRect(
                QRect(
                    option.rect.right() - width + 1, option.rect.top(), width, option.rect.height()
                ),
                option.palette.color(QPalette.ColorRole.Highlight),
            )
        painter.setPen(option.palette.color(role))
        badge_rect = option.rect.adjusted(option.rect.width() - width, 0, -8, 0)
        painter.drawText(
            badge_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), badge
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 32, max(hint.height(), option.fontMetrics.height() + 12))


class SectionNavigator(QListView):
    """The list of sections. Emits ``sectionChosen(key)`` when the selection moves."""

    sectionChosen = Signal(str)

    def __init__(self, document: ResumeDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section_model = SectionModel(document, self)
        self.setModel(self.section_model)
        self.setItemDelegate(SectionDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setUniformItemSizes(True)
        self.setAccessibleName("Sections")
        self._current_key = HEADER_KEY
        selection = self.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        self.section_model.layoutChanged.connect(self._reselect)
        self.section_model.modelReset.connect(self._reselect)
        self.select_key(HEADER_KEY)

    def current_key(self) -> str:
        return self._current_key

    def select_key(self, key: str) -> bool:
        row = self.section_model.row_of(key)
        if row < 0:
            return False
        self.setCurrentIndex(self.section_model.index(row, 0))
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        key = current.data(KeyRole)
        if key != self._current_key:
            self._current_key = key
            self.sectionChosen.emit(key)

    def _reselect(self) -> None:
        if not self.select_key(self._current_key):
            self.select_key(HEADER_KEY)

    def rename_current(self) -> None:
        index = self.currentIndex()
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit(index)
