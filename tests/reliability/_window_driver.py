"""The real main window, crashed and restarted, for tests/reliability/test_startup.py.

``edit STATE SETTINGS ORIGINAL``: the window as ``desktop.app.main`` builds it
(autosave attached, the file opened through File ▸ Open's code), a few edits,
``copy <path>`` once the recovery copy exists, then idle until killed.

``restore STATE SETTINGS``: a new window runs ``recover_unsaved_work`` with a
chooser that answers Restore, then prints what the window holds as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import recover_unsaved_work
from desktop.autosave import AutosaveManager
from desktop.document import ResumeDocument
from desktop.main_window import MainWindow
from desktop.recovery import Choice
from desktop.settings import AppSettings


def _window(settings_file: Path, state: Path) -> MainWindow:
    settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    document = ResumeDocument()
    window = MainWindow(document, None, settings)
    window.attach_autosave(
        AutosaveManager(document, state, delay_ms=200, parent=window, guard=window.files.guard)
    )
    return window


def edit(state: Path, settings_file: Path, original: Path) -> int:
    app = QApplication([])
    window = _window(settings_file, state)
    assert window.files.open_path(original, prompt=False)
    window.show()
    document = window.document
    document.set_value("basics.name", "Grace Hopper")
    document.append("work", {"name": "US Navy", "position": "Rear Admiral"})
    document.append("work[0].highlights", "Made COBOL happen — *really*")
    autosave = window.autosave
    assert autosave is not None

    def report() -> None:
        if autosave.path.exists():
            print(f"copy {autosave.path}", flush=True)
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(report)
    poll.start(20)
    return app.exec()


def restore(state: Path, settings_file: Path) -> int:
    app = QApplication([])
    window = _window(settings_file, state)
    window.show()
    asked: list[str] = []

    def choose(copy):  # type: ignore[no-untyped-def]
        from desktop.recovery import recovery_question

        asked.append(recovery_question(copy))
        return Choice.RESTORE

    restored = recover_unsaved_work(window, choose, state)
    document = window.document
    path = document.path
    guard_status = window.files.guard.check(path).status.value if path else None
    out = {
        "restored": restored,
        "asked": asked,
        "resume": document.resume.to_json_data(),
        "path": str(path) if path else None,
        "clean": document.is_clean(),
        "guard": guard_status,
        "copies": sorted(p.name for p in state.glob("*.recovery.json")),
    }
    print(json.dumps(out, ensure_ascii=False), flush=True)
    document.undo_stack.setClean()  # let the window close without a prompt
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "edit":
        raise SystemExit(edit(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])))
    raise SystemExit(restore(Path(sys.argv[2]), Path(sys.argv[3])))
