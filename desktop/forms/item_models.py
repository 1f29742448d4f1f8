"""Qt item models over one list of the document (jobs, bullets, keywords…).

They are thin adapters, napari style: the rows are the document's own tuple,
read again after every change. Nothing is stored twice, and a change made in
the model (a drop) goes through the document, so it is one undo step.

After each document change the model works out what happened to its list — one
row moved, inserted, removed or edited — and tells the views precisely, so
selection and the current row follow the item. Anything else is a reset.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from exporters.model import Resume, edits

from ..document import ResumeDocument

ROW_MIME = "application/x-resume-studio-rows"
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2  # a short reason, or None

Index = QModelIndex | QPersistentModelIndex
Display = Callable[[Any], str]


def _as_text(item: Any) -> str:
    return item if isinstance(item, str) else str(item)


class SequenceModel(QAbstractListModel):
    """Rows of the list at ``list_path``; an empty model when there is no such list."""

    def __init__(
        self,
        document: ResumeDocument,
        list_path: str | None,
        *,
        title: Display = _as_text,
        subtitle: Display | None = None,
        problem: Callable[[Any], str | None] | None = None,
        editable: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._path = list_path
        self._title = title
        self._subtitle = subtitle
        self._problem = problem
        self._editable = editable
        self._items: tuple[Any, ...] = self._read(document.resume)
        document.changed.connect(self._on_changed)

    # --- the list -------------------------------------------------------------------

    @property
    def list_path(self) -> str | None:
        return self._path

    def set_list_path(self, path: str | None) -> None:
        """Follow another list (the bullets of another job)."""
        if path == self._path:
            return
        self.beginResetModel()
        self._path = path
        self._items = self._read(self.document.resume)
        self.endResetModel()

    def item_path(self, row: int) -> str:
        return f"{self._path}[{row}]"

    def items(self) -> tuple[Any, ...]:
        return self._items

    def _read(self, resume: Resume) -> tuple[Any, ...]:
        if self._path is None:
            return ()
        try:
            value = edits.get(resume, self._path)
        except edits.EditError:
            return ()
        return tuple(value) if isinstance(value, tuple | list) else ()

    def _on_changed(self, resume: Resume) -> None:
        new = self._read(resume)
        old = self._items
        if new is old or new == old:
            self._items = new
            return
        self._apply_diff(old, new)

    def _apply_diff(self, old: tuple[Any, ...], new: tuple[Any, ...]) -> None:
        root = QModelIndex()
        if len(new) == len(old):
            first = next(i for i in range(len(old)) if old[i] != new[i])
            last = next(i for i in reversed(range(len(old))) if old[i] != new[i])
            if (
                first < last
                and old[first] == new[last]
                and old[first + 1 : last + 1] == new[first:last]
            ):
                # One item moved down from ``first`` to ``last``.
                self.beginMoveRows(root, first, first, root, last + 1)
                self._items = new
                self.endMoveRows()
                return
            if (
                first < last
                and old[last] == new[first]
                and old[first:last] == new[first + 1 : last + 1]
            ):
                self.beginMoveRows(root, last, last, root, first)
                self._items = new
                self.endMoveRows()
                return
            self._items = new
            self.dataChanged.emit(self.index(first), self.index(last))
            return
        if len(new) == len(old) + 1:
            at = next((i for i in range(len(old)) if old[i] != new[i]), len(old))
            if old[at:] == new[at + 1 :]:
                self.beginInsertRows(root, at, at)
                self._items = new
                self.endInsertRows()
                return
        if len(new) == len(old) - 1:
            at = next((i for i in range(len(new)) if old[i] != new[i]), len(new))
            if old[at + 1 :] == new[at:]:
                self.beginRemoveRows(root, at, at)
                self._items = new
                self.endRemoveRows()
                return
        self.beginResetModel()
        self._items = new
        self.endResetModel()

    # --- read -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._title(item)
        if role == Qt.ItemDataRole.EditRole:
            return _as_text(item) if self._editable else self._title(item)
        if role == SUBTITLE_ROLE:
            return self._subtitle(item) if self._subtitle else None
        if role == PROBLEM_ROLE:
            return self._problem(item) if self._problem else None
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [
                self._title(item),
                self._subtitle(item) if self._subtitle else "",
                f"\u26a0 {problem}" if self._problem and (problem := self._problem(item)) else "",
            ]
            return "\n".join(p for p in parts if p)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows, never on one.
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- write (always through the document) ------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._editable or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not isinstance(value, str):
            return False
        self.document.set_value(self.item_path(index.row()), value)
        return True

    def moveRows(
        self,
        sourceParent: Index,
        sourceRow: int,
        count: int,
        destinationParent: Index,
        destinationChild: int,
    ) -> bool:
        """Qt's move (``destinationChild`` counts rows before the move) as a document move."""
        if (
            sourceParent.isValid()
            or destinationParent.isValid()
            or count != 1
            or self._path is None
        ):
            return False
        if not 0 <= sourceRow < len(self._items) or not 0 <= destinationChild <= len(self._items):
            return False
        if destinationChild in (sourceRow, sourceRow + 1):
            return False  # dropped onto itself
        to = destinationChild if destinationChild < sourceRow else destinationChild - 1
        return self.document.move(self.item_path(sourceRow), to)

    # --- drag and drop ------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        payload = {"path": self._path, "rows": rows}
        data.setData(ROW_MIME, QByteArray(json.dumps(payload).encode()))
        return data

    def dragged_row(self, data: QMimeData) -> int | None:
        if not data.hasFormat(ROW_MIME):
            return None
        try:
            payload = json.loads(bytes(data.data(ROW_MIME).data()).decode())
        except (ValueError, UnicodeDecodeError):
            return None
        rows = payload.get("rows") if isinstance(payload, dict) else None
        # Rows from another list (another job's bullets) are not ours to move.
        if payload.get("path") != self._path or not isinstance(rows, list) or len(rows) != 1:
            return None
        row = rows[0]
        return row if isinstance(row, int) and 0 <= row < len(self._items) else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and self.dragged_row(data) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """A drop of one of our rows before ``row`` (or onto ``parent``, or at the end)."""
        if action != Qt.DropAction.MoveAction:
            return False
        source = self.dragged_row(data)
        if source is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._items)
        self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)
        # False: the move is done, so the view must not remove the source row too.
        return False
