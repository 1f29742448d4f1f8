"""The open résumé: its snapshot, its file, its undo history.

Forms never change the model directly. They ask the document for an edit; the
document pushes an undo command and emits ``changed`` with the new snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from exporters.model import Resume, edits

from .commands import EditCommand


class ResumeDocument(QObject):
    changed = Signal(object)  # the new Resume snapshot, after any edit, undo, redo or load
    pathChanged = Signal(object)  # Path | None
    cleanChanged = Signal(bool)  # True when the document matches what is on disk

    def __init__(
        self, resume: Resume | None = None, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._resume = resume if resume is not None else Resume()
        self._path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.cleanChanged)

    # --- state ----------------------------------------------------------------

    @property
    def resume(self) -> Resume:
        return self._resume

    @property
    def path(self) -> Path | None:
        return self._path

    def is_clean(self) -> bool:
        return self.undo_stack.isClean()

    def display_name(self) -> str:
        return self._path.name if self._path else "Untitled"

    # --- whole-document changes ---------------------------------------------

    def load(self, resume: Resume, path: Path | None, *, clean: bool = True) -> None:
        """Replace the document (open, new, import). History starts afresh."""
        self.undo_stack.clear()
        self._path = path
        self._replace(resume)
        if clean:
            self.undo_stack.setClean()
        else:
            # An imported document has never been saved: mark it modified by
            # making the clean index unreachable.
            self.undo_stack.resetClean()
            self.cleanChanged.emit(False)
        self.pathChanged.emit(path)

    def mark_saved(self, path: Path) -> None:
        if path != self._path:
            self._path = path
            self.pathChanged.emit(path)
        self.undo_stack.setClean()

    # --- edits ------------------------------------------------------------------

    def apply(
        self, text: str, edit: Callable[[Resume], Resume], merge_key: str | None = None
    ) -> bool:
        """Apply a pure edit as one undoable step. Returns False if it changed nothing.

        Raises ``exporters.model.edits.EditError`` when the edit does not fit
        the document; the document is then unchanged.
        """
        before = self._resume
        after = edit(before)
        if after == before:
            return False
        self.undo_stack.push(EditCommand(self, before, after, text, merge_key))
        return True

    def seal_merge(self) -> None:
        """End the current typing run: the next keystroke starts a new undo step."""
        count = self.undo_stack.count()
        index = self.undo_stack.index()
        if count and index:
            cmd = self.undo_stack.command(index - 1)
            if isinstance(cmd, EditCommand):
                cmd.sealed = True

    def set_value(
        self, path: str, value: Any, text: str | None = None, *, merge: bool = True
    ) -> bool:
        return self.apply(
            text or f"Edit {_label(path)}",
            lambda r: edits.set_value(r, path, value),
            merge_key=path if merge else None,
        )

    def insert(self, path: str, value: Any, text: str | None = None) -> bool:
        self.seal_merge()
        return self.apply(text or f"Add to {_label(path)}", lambda r: edits.insert(r, path, value))

    def append(self, list_path: str, value: Any, text: str | None = None) -> bool:
        self.seal_merge()
        return self.apply(
            text or f"Add to {_label(list_path)}", lambda r: edits.append(r, list_path, value)
        )

    def remove(self, path: str, text: str | None = None) -> bool:
        self.seal_merge()
        return self.apply(text or f"Remove {_label(path)}", lambda r: edits.remove(r, path))

    def move(self, path: str, to: int, text: str | None = None) -> bool:
        self.seal_merge()
        return self.apply(text or f"Move {_label(path)}", lambda r: edits.move(r, path, to))

    def duplicate(self, path: str, text: str | None = None) -> bool:
        self.seal_merge()
        return self.apply(text or f"Duplicate {_label(path)}", lambda r: edits.duplicate(r, path))

    # --- for EditCommand only ------------------------------------------------

    def _replace(self, resume: Resume) -> None:
        self._resume = resume
        self.changed.emit(resume)


def _label(path: str) -> str:
    """``work[1].highlights[3]`` -> ``highlights``: short text for the Edit menu."""
    last = path.rsplit(".", 1)[-1]
    return last.split("[", 1)[0] or path
