"""Start the desktop editor: ``resume-studio [FILE] [--smoke-test]``.

Only light modules load before the window shows; reportlab and python-docx
load on the preview thread when the first PDF or DOCX is rendered.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from .autosave import RecoveryCopy
    from .main_window import MainWindow
    from .recovery import Choice
    from .settings import AppSettings

SMOKE_TIMEOUT_MS = 60_000
FORMATS_FALLBACK_MS = 1_000
APP_ICON_NAMES = ("resume-studio.svg", "resume-studio.png", "app.svg", "app.png", "icon.png")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="resume-studio", description="Résumé Studio: the desktop editor."
    )
    parser.add_argument("file", nargs="?", help="a résumé to open (.json, or .md to import)")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="exit as soon as the first preview has rendered (0: it worked, 1: it failed)",
    )
    return parser


def _application() -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from resources import ICONS

    from .settings import APPLICATION, ORGANIZATION

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "resume-studio"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Résumé Studio")
    from exporters import __version__

    app.setApplicationVersion(__version__)
    app.setDesktopFileName("resume-studio")
    for name in APP_ICON_NAMES:
        if (ICONS / name).is_file():
            app.setWindowIcon(QIcon(str(ICONS / name)))
            break
    return app


def open_initial(window: MainWindow, settings: AppSettings, file: Path | None) -> None:
    """The file asked for, else the last one, else the sample on the very first run."""
    from exporters.model import Resume, load_resume
    from resources import SAMPLE_RESUME

    files = window.files
    if file is not None:
        files.open_path(file, prompt=False)
        return
    last = settings.last_file()
    if last is not None and last.exists():
        if files.open_path(last, prompt=False):
            return
    elif last is not None:
        files.message.emit(f"{last.name} was moved or deleted; starting a new résumé")
    if not settings.has_run_before():
        settings.set_has_run()
        try:
            sample = load_resume(SAMPLE_RESUME)
        except Exception:  # a broken install must still open an editor
            sample = Resume()
        # The sample opens as an untitled document: saving asks for a new
        # name, so the bundled file is never overwritten.
        window.document.load(sample, None)
        files.loaded.emit()


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(args_list)
    app = _application()

    from .document import ResumeDocument
    from .main_window import MainWindow
    from .settings import AppSettings

    if args.smoke_test:
        # A check of the installed app must leave no trace: the user's first
        # real start still opens the sample, and no recovery copy is made.
        import tempfile

        from PySide6.QtCore import QSettings

        with tempfile.TemporaryDirectory(prefix="resume-studio-smoke-") as scratch:
            store = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(ResumeDocument(), None, AppSettings(store))
            open_initial(window, window.settings, Path(args.file) if args.file else None)
            _load_formats_after_first_paint(window)
            window.show()
            return _run_smoke_test(app, window)

    from .autosave import AutosaveManager
    from .recovery import ask_with_message_box

    settings = AppSettings()
    document = ResumeDocument()
    window = MainWindow(document, None, settings)
    window.attach_autosave(AutosaveManager(document, parent=window, guard=window.files.guard))
    open_initial(window, settings, Path(args.file) if args.file else None)
    _load_formats_after_first_paint(window)
    window.show()
    recover_unsaved_work(window, ask_with_message_box(window))
    return int(app.exec())


def recover_unsaved_work(
    window: MainWindow, choose: Callable[[RecoveryCopy], Choice], state_dir: Path | None = None
) -> bool:
    """After a crash: offer the recovery copies; restore the first one the user picks.

    Further restored copies stay on disk and are offered again at the next start:
    one window shows one résumé.
    """
    from .autosave import find_recovery
    from .recovery import offer_recovery, report_problems

    copies = find_recovery(state_dir)
    if not copies:
        return False
    outcome = offer_recovery(copies, choose)
    report_problems(outcome.problems, window)
    if not outcome.restored:
        return False
    first = outcome.restored[0]
    window.document.load(first.resume, first.original, clean=False)
    if first.original is not None:
        # Saving the restored work must still notice a change made meanwhile.
        window.files.guard.remember_as(first.original, first.copy.original_stamp)
    window.files.loaded.emit()
    if window.autosave is not None:
        window.autosave.adopt(first.copy)
    window.statusBar().showMessage("Restored your unsaved changes; save them to keep them", 10000)
    return True


def _load_formats_after_first_paint(window: MainWindow) -> None:
    """Import the export formats (every plugin) once the window is on screen."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, load)
            return False

    def load() -> None:
        if window.registry is not None:
            return
        from exporters.registry import default_registry

        window.set_registry(default_registry())

    window._first_paint = FirstPaint(window)  # type: ignore[attr-defined]
    window.installEventFilter(window._first_paint)  # type: ignore[attr-defined]
    # A window that is never painted (started minimised) still gets its formats.
    QTimer.singleShot(FORMATS_FALLBACK_MS, load)


def _run_smoke_test(app: QApplication, window: MainWindow) -> int:
    """Exit once the first preview is on screen: proves the frozen app can render."""
    from PySide6.QtCore import QTimer

    result = {"code": 1}

    def done(fmt: str, ok: bool) -> None:
        result["code"] = 0 if ok else 1
        message = "rendered" if ok else f"failed: {window.preview.error(fmt)}"
        sys.stderr.write(f"smoke test: {fmt} preview {message}\n")
        window.document.undo_stack.setClean()  # nothing to save: close without a prompt
        window.close()
        app.exit(result["code"])

    window.preview.rendered.connect(done)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: app.exit(1))
    app.exec()
    return result["code"]
