"""Undo commands. The model is immutable, so a command is just two snapshots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from exporters.model import Resume

    from .document import ResumeDocument

_MERGE_ID = 0x5E5  # any constant: all edit commands may merge, mergeWith decides


class EditCommand(QUndoCommand):
    """Swap the document between ``before`` and ``after``.

    Consecutive commands with the same ``merge_key`` (keystrokes in one field)
    fold into one undo step, until the document closes the merge window.
    """

    def __init__(
        self,
        document: ResumeDocument,
        before: Resume,
        after: Resume,
        text: str,
        merge_key: str | None = None,
    ) -> None:
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self.sealed = False

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, EditCommand)
            or self.sealed
            or other.merge_key is None
            or other.merge_key != self.merge_key
        ):
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.document._replace(self.after)

    def undo(self) -> None:
        self.document._replace(self.before)
