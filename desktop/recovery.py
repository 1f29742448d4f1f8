"""The start-up question after a crash: restore the unsaved changes, or discard them.

``offer_recovery`` holds the logic and takes a ``choose`` callback, so tests
drive it without a dialog; ``ask_with_message_box`` is the real callback, a
plain QMessageBox. A copy the user doesn't answer about (the dialog closed
with Escape) is kept for the next start: nothing is deleted without a "Discard".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from exporters.model import Resume, ResumeFileError

from .autosave import RecoveryCopy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

APP = "Résumé Studio"


class Choice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"  # keep the copy; ask again next time


@dataclass(frozen=True, slots=True)
class Restored:
    resume: Resume
    original: Path | None
    copy: RecoveryCopy


@dataclass
class RecoveryOutcome:
    restored: list[Restored]
    discarded: list[RecoveryCopy]
    kept: list[RecoveryCopy]
    problems: list[str]  # copies that could not be read (kept on disk), in plain words


def describe_time(moment: datetime | None, now: datetime | None = None) -> str:
    """``today at 14:05`` / ``on 3 March 2026 at 09:12``, in local time."""
    if moment is None:
        return "an unknown time"
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"today at {clock}"
    return f"on {local.day} {local.strftime('%B %Y')} at {clock}"


def recovery_question(copy: RecoveryCopy, now: datetime | None = None) -> str:
    target = f"“{copy.original.name}”" if copy.original else "an untitled résumé"
    return (
        f"{APP} closed unexpectedly. Restore the unsaved changes to {target} "
        f"from {describe_time(copy.saved_at, now)}?"
    )


def problem_message(copy: RecoveryCopy) -> str:
    return (
        f"A recovery copy could not be read: {copy.problem}. It was left in place "
        f"as {copy.path} in case it can be rescued by hand."
    )


def offer_recovery(
    copies: Iterable[RecoveryCopy], choose: Callable[[RecoveryCopy], Choice]
) -> RecoveryOutcome:
    """Ask about each readable copy (newest first); discard the ones the user
    discards; return what to restore. Restored copies are NOT removed here: the
    window removes each one after its own autosave has a copy
    (``AutosaveManager.adopt``)."""
    outcome = RecoveryOutcome([], [], [], [])
    for copy in copies:
        if not copy.readable:
            outcome.problems.append(problem_message(copy))
            outcome.kept.append(copy)
            continue
        choice = choose(copy)
        if choice is Choice.RESTORE:
            try:
                resume, original = copy.restore()
            except ResumeFileError as exc:
                outcome.problems.append(f"The recovery copy could not be restored: {exc}")
                outcome.kept.append(copy)
                continue
            outcome.restored.append(Restored(resume, original, copy))
        elif choice is Choice.DISCARD:
            copy.remove()
            outcome.discarded.append(copy)
        else:
            outcome.kept.append(copy)
    return outcome


def ask_with_message_box(parent: QWidget | None = None) -> Callable[[RecoveryCopy], Choice]:
    """The real ``choose``: a question box with Restore and Discard."""

    def choose(copy: RecoveryCopy) -> Choice:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(f"Restore unsaved changes — {APP}")
        box.setText(recovery_question(copy))
        if copy.original is not None:
            box.setInformativeText(
                "Restoring opens the recovered résumé with its unsaved changes; the file "
                f"itself ({copy.original}) is not changed until you save."
            )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        clicked = box.clickedButton()
        if clicked is restore:
            return Choice.RESTORE
        if clicked is discard:
            return Choice.DISCARD
        return Choice.LATER

    return choose


def report_problems(problems: list[str], parent: QWidget | None = None) -> None:
    """Tell the user about copies that could not be read (they stay on disk)."""
    if not problems:
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, f"Recovery — {APP}", "\n\n".join(problems))
