"""What every section form offers the main window.

The main window's Edit menu (Add, Duplicate, Remove, Move Up, Move Down) acts
on whichever list last had the keyboard focus inside the current form, so each
form tracks that list and hands it out through ``active_list()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from exporters.model import Resume

    from ..document import ResumeDocument


@runtime_checkable
class ListEditing(Protocol):
    """A list the Edit menu can change. The implementing widget also has a Qt
    signal ``listStateChanged`` (no arguments), emitted whenever
    ``list_state()`` may have changed."""

    def add_item(self) -> None: ...

    def duplicate_item(self) -> None: ...

    def remove_item(self) -> None: ...

    def move_item(self, delta: int) -> None: ...

    def list_state(self) -> tuple[bool, bool, bool, bool, bool]:
        """(can add, can duplicate, can remove, can move up, can move down)."""
        ...


class SectionForm(QWidget):
    """The editor of one section, bound to a document for its whole life."""

    # The list the Edit menu acts on changed (ListEditing | None).
    activeListChanged = Signal(object)

    def __init__(
        self, section_key: str, document: ResumeDocument, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.section_key = section_key
        self.document = document
        self._active_list: ListEditing | None = None
        self.setObjectName(f"form-{section_key}")

    def active_list(self) -> ListEditing | None:
        return self._active_list

    def focus_path(self, path: str) -> None:
        """Show and focus the entry or field at a model path such as ``work[1].position``."""
        raise NotImplementedError  # each form knows its own fields

    def refresh(self, resume: Resume) -> None:
        """Bring every widget up to date without disturbing the field being typed in."""
        raise NotImplementedError

    def _connect_document(self) -> None:
        """Subscribe after the children exist, so item models (which subscribe
        themselves) update before the form re-reads the current entry."""
        self.document.changed.connect(self._document_changed)
        self.refresh(self.document.resume)

    def _document_changed(self, resume: Resume) -> None:
        self.refresh(resume)

    def _set_active_list(self, editor: ListEditing | None) -> None:
        if editor is not self._active_list:
            self._active_list = editor
            self.activeListChanged.emit(editor)
