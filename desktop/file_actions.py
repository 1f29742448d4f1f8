"""New, Open, Import, Save, Save As and recent files, with the unsaved-work prompt.

Dialogs go through ``Dialogs`` so tests can answer them; the controller holds
no widgets of its own and never reaches a global application object.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from exporters.model import Resume, ResumeFileError

from .document import ResumeDocument
from .file_guard import FileGuard, FileStamp
from .settings import AppSettings

JSON_FILTER = "JSON Resume (*.json)"
MARKDOWN_FILTER = "Markdown résumé (*.md *.markdown)"
OPEN_FILTER = "Résumés (*.json *.md *.markdown);;" + JSON_FILTER + ";;" + MARKDOWN_FILTER
ALL_FILES = "All files (*)"


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Dialogs:
    """The native dialogs the app asks. Tests replace it with scripted answers."""

    def open_path(
        self, parent: QWidget | None, title: str, folder: str, filters: str
    ) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return Path(name) if name else None

    def save_path(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def folder(self, parent: QWidget | None, title: str, start: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, start)
        return Path(name) if name else None

    def error(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        if detail:
            box.setInformativeText(detail)
        box.exec()

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        """A yes/no question whose yes button says what happens (``action``)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.NoButton, parent
        )
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def ask_save(self, parent: QWidget | None, name: str) -> Answer:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Do you want to save the changes you made to “{name}”?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return Answer.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return Answer.DISCARD
        return Answer.CANCEL


class FileController(QObject):
    recentChanged = Signal()
    loaded = Signal()  # a different document (new, opened, imported) replaced the old one
    message = Signal(str)  # a short status-bar message

    def __init__(
        self,
        document: ResumeDocument,
        settings: AppSettings,
        dialogs: Dialogs,
        window: QWidget | None = None,
        guard: FileGuard | None = None,
    ) -> None:
        super().__init__(window)
        self.document = document
        self.settings = settings
        self.dialogs = dialogs
        self.window = window
        # Notices a file another program changed since we opened or saved it.
        self.guard = guard if guard is not None else FileGuard()

    # --- the unsaved-work prompt --------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved or discarded)."""
        if self.document.is_clean():
            return True
        answer = self.dialogs.ask_save(self.window, self.document.display_name())
        if answer is Answer.SAVE:
            return self.save()
        return answer is Answer.DISCARD

    # --- new / open / import -------------------------------------------------------

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.document.load(Resume(), None)
        self.loaded.emit()
        self.message.emit("New résumé")
        return True

    def open(self) -> bool:
        if not self.maybe_save():
            return False
        path = self.dialogs.open_path(
            self.window,
            "Open Résumé",
            self.settings.last_folder("open"),
            OPEN_FILTER + ";;" + ALL_FILES,
        )
        return self.open_path(path, prompt=False) if path else False

    def open_path(self, path: Path, *, prompt: bool = True) -> bool:
        """Open a résumé file; a Markdown file is imported as a new, unsaved document."""
        if prompt and not self.maybe_save():
            return False
        if path.suffix.lower() in {".md", ".markdown", ".mdown", ".mkd"}:
            return self._import(path)
        from exporters.model import load_resume

        # Stamped before reading: a change during the read then asks at save time.
        stamp = FileStamp.of(path)
        try:
            resume = load_resume(path)
        except ResumeFileError as exc:
            self._report_load_error(exc)
            return False
        self.guard.remember_as(path, stamp)
        self.document.load(resume, path.resolve())
        self.loaded.emit()
        self._remember(path)
        self.message.emit(f"Opened {path.name}")
        return True

    def open_recent(self, path: Path) -> bool:
        if not path.exists():
            self.dialogs.error(
                self.window,
                "File not found",
                f"“{path.name}” can't be opened because it no longer exists.",
                f"It was in {path.parent}. It has been removed from the recent files.",
            )
            self.settings.remove_recent(path)
            self.recentChanged.emit()
            return False
        return self.open_path(path)

    def import_file(self, kind: str) -> bool:
        """Import a Markdown résumé or another tool's JSON Resume as a new unsaved document."""
        if not self.maybe_save():
            return False
        filters = MARKDOWN_FILTER if kind == "markdown" else JSON_FILTER
        title = "Import Markdown Résumé" if kind == "markdown" else "Import JSON Resume"
        path = self.dialogs.open_path(
            self.window, title, self.settings.last_folder("import"), filters + ";;" + ALL_FILES
        )
        return self._import(path) if path else False

    def _import(self, path: Path) -> bool:
        from exporters.readers import open_any

        try:
            resume = open_any(path)
        except ResumeFileError as exc:
            self._report_load_error(exc)
            return False
        except ImportError as exc:
            self.dialogs.error(
                self.window, "Import is not available", f"{path.name} can't be imported.", str(exc)
            )
            return False
        self.settings.set_last_folder("import", path.parent)
        self.document.load(resume, None, clean=False)
        self.loaded.emit()
        self.message.emit(f"Imported {path.name}; save it to keep it")
        return True

    def _report_load_error(self, exc: ResumeFileError) -> None:
        place = f" ({exc.where})" if exc.where else ""
        self.dialogs.error(
            self.window,
            "Can't open the file",
            f"“{exc.path.name}” could not be opened.",
            f"{exc.reason[:1].upper()}{exc.reason[1:]}{place}.",
        )

    # --- save ----------------------------------------------------------------------

    def save(self) -> bool:
        path = self.document.path
        if path is None:
            return self.save_as()
        return self._save_to(path)

    def save_as(self) -> bool:
        from exporters.cli import default_basename

        current = self.document.path
        if current is not None:
            suggested = str(current)
        else:
            folder = self.settings.last_folder("open") or str(Path.home())
            # "*.resume.json" is the file type the installers register, so a
            # double-click on the saved file opens it here.
            stem = default_basename(self.document.resume).removesuffix("_Resume") or "Resume"
            suggested = str(Path(folder) / f"{stem}.resume.json")
        path = self.dialogs.save_path(self.window, "Save Résumé As", suggested, JSON_FILTER)
        if path is None:
            return False
        if not path.suffix:
            path = path.with_suffix(".json")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from exporters.model import save_resume

        confirm = lambda question: self.dialogs.confirm(  # noqa: E731
            self.window, "The file changed on disk", question, "Save Anyway"
        )
        if not self.guard.may_save(path, confirm):
            return False
        try:
            save_resume(self.document.resume, path)
        except ResumeFileError as exc:
            self.dialogs.error(
                self.window,
                "Can't save the file",
                f"“{path.name}” could not be saved. Your changes are still open here.",
                f"{exc.reason[:1].upper()}{exc.reason[1:]}.",
            )
            return False
        self.guard.remember(path)
        self.document.mark_saved(path.resolve())
        self._remember(path)
        self.message.emit(f"Saved {path.name}")
        return True

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.settings.set_last_file(path.resolve())
        self.settings.set_last_folder("open", path.resolve().parent)
        self.recentChanged.emit()
