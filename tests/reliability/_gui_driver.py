"""A real Résumé Studio process for the crash-recovery test.

``python _gui_driver.py edit STATE_DIR ORIGINAL``: an offscreen QApplication,
a ResumeDocument opened on ORIGINAL, an AutosaveManager (200 ms) and a few
edits through the document, as the forms make them. It prints ``copy <path>``
once the recovery copy exists, then idles in the event loop until it is killed.

``python _gui_driver.py restore STATE_DIR``: the next start. It prints one JSON
line: the copies found and, for the first, the restored résumé and its file.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.autosave import AutosaveManager, find_recovery
from desktop.document import ResumeDocument
from exporters.model import load_resume


def edit(state_dir: Path, original: Path) -> int:
    app = QApplication([])
    document = ResumeDocument(load_resume(original), original)
    autosave = AutosaveManager(document, state_dir, delay_ms=200)
    document.set_value("basics.name", "Ada Lovelace-Byron")
    document.set_value("basics.label", "Analyst — Engines ✓ 数学")
    document.append("work", {"name": "Analytical Engine Co.", "position": "Programmer"})
    document.append("work[0].highlights", "Wrote the first **published** algorithm")

    def report() -> None:
        if autosave.path.exists():
            print(f"copy {autosave.path}", flush=True)
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(report)
    poll.start(20)
    return app.exec()


def restore(state_dir: Path) -> int:
    copies = find_recovery(state_dir)
    out: dict[str, object] = {"count": len(copies), "problems": [c.problem for c in copies]}
    readable = [c for c in copies if c.readable]
    if readable:
        resume, original = readable[0].restore()
        out["resume"] = resume.to_json_data()
        out["original"] = str(original) if original else None
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "edit":
        raise SystemExit(edit(Path(sys.argv[2]), Path(sys.argv[3])))
    raise SystemExit(restore(Path(sys.argv[2])))
