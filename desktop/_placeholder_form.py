"""A stand-in section form until desktop/forms lands: a list of entries and their
text fields, speaking the same contract (``section_key``, ``active_list``,
``focus_path``, ``ListEditing``). Deleted when the real forms arrive."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QListWidget, QVBoxLayout, QWidget

from exporters.model import edits
from exporters.model.sections import STANDARD_SECTIONS

from .document import ResumeDocument


class _EntryList(QListWidget):
    listStateChanged = Signal()

    def __init__(self, form: PlaceholderForm) -> None:
        super().__init__(form)
        self.form = form
        self.currentRowChanged.connect(lambda _r: self.listStateChanged.emit())

    def add_item(self) -> None:
        self.form.document.append(self.form.list_path, {})

    def duplicate_item(self) -> None:
        self.form.document.duplicate(f"{self.form.list_path}[{self.currentRow()}]")

    def remove_item(self) -> None:
        self.form.document.remove(f"{self.form.list_path}[{self.currentRow()}]")

    def move_item(self, delta: int) -> None:
        row = self.currentRow()
        self.form.document.move(f"{self.form.list_path}[{row}]", row + delta)
        self.setCurrentRow(row + delta)

    def list_state(self) -> tuple[bool, bool, bool, bool, bool]:
        row, n = self.currentRow(), self.count()
        has = 0 <= row < n
        return (True, has, has, has and row > 0, has and row < n - 1)


class PlaceholderForm(QWidget):
    def __init__(self, key: str, document: ResumeDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section_key = key
        self.document = document
        self.list_path = key if key in STANDARD_SECTIONS and key != "summary" else ""
        self.entries = _EntryList(self) if self.list_path else None
        self.fields = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        if self.entries is not None:
            layout.addWidget(self.entries)
            self.entries.currentRowChanged.connect(lambda _r: self._build_fields())
        layout.addLayout(self.fields)
        layout.addStretch(1)
        document.changed.connect(self._refresh)
        self._refresh(document.resume)

    def active_list(self) -> Any:
        return self.entries

    def focus_path(self, path: str) -> None:
        keys = edits.parse_path(path)
        if self.entries is not None and len(keys) > 1 and isinstance(keys[1], int):
            self.entries.setCurrentRow(keys[1])
        edit = self.edits.get(str(keys[-1]))
        if edit is not None:
            edit.setFocus()

    def _entry_path(self) -> str:
        if self.entries is None:
            return "basics"
        return f"{self.list_path}[{self.entries.currentRow()}]"

    def _refresh(self, resume: Any) -> None:
        if self.entries is not None:
            items = getattr(resume, self.list_path)
            labels = [_label(item) for item in items]
            for i, label in enumerate(labels[: self.entries.count()]):
                self.entries.item(i).setText(label)
            if self.entries.count() != len(labels):
                row = self.entries.currentRow()
                self.entries.blockSignals(True)
                self.entries.clear()
                self.entries.addItems(labels)
                self.entries.setCurrentRow(min(max(row, 0), len(labels) - 1))
                self.entries.blockSignals(False)
                self._build_fields()
                self.entries.listStateChanged.emit()
        for name, edit in self.edits.items():
            try:
                value = edits.get(resume, f"{self._entry_path()}.{name}")
            except edits.EditError:
                continue
            if edit.text() != value and not edit.hasFocus():
                edit.setText(value)

    def _build_fields(self) -> None:
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.edits.clear()
        try:
            node = edits.get(self.document.resume, self._entry_path())
        except edits.EditError:
            return
        if not isinstance(node, BaseModel):
            return
        for name, info in type(node).model_fields.items():
            if info.annotation is not str:
                continue
            edit = QLineEdit(getattr(node, name), self)
            edit.setObjectName(name)
            path = f"{self._entry_path()}.{name}"
            edit.textEdited.connect(lambda text, p=path: self.document.set_value(p, text))
            self.edits[name] = edit
            self.fields.addRow(name, edit)


def _label(item: Any) -> str:
    for name in ("position", "name", "institution", "title", "organization", "language"):
        value = getattr(item, name, "")
        if value:
            return str(value)
    return "(new entry)"


def create_form(
    key: str, document: ResumeDocument, parent: QWidget | None = None
) -> PlaceholderForm:
    return PlaceholderForm(key, document, parent)
