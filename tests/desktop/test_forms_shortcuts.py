"""The forms inside a window with an Edit menu: Undo belongs to the document,
and the workaround that keeps PySide6 6.12.0's signal emits from crashing Python."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.document import ResumeDocument
from desktop.forms import create_form
from desktop.forms.entries import EntriesForm
from exporters.model import Resume, Work

pytestmark = pytest.mark.gui


def _window(qtbot) -> tuple[ResumeDocument, EntriesForm, QMainWindow]:
    doc = ResumeDocument(
        Resume(work=(Work(name="Apple Inc", position="Engineer", highlights=("Built it",)),))
    )
    window = QMainWindow()
    form = create_form("work", doc, window)
    assert isinstance(form, EntriesForm)
    window.setCentralWidget(form)
    undo = QAction("Undo", window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(doc.undo_stack.undo)
    window.addAction(undo)
    qtbot.addWidget(window)
    window.resize(640, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return doc, form, window


def test_ctrl_z_in_a_field_undoes_the_document(qtbot) -> None:
    doc, form, _win = _window(qtbot)
    line = form.editor.detail.fields["position"].editor
    line.setFocus()
    line.end(False)
    qtbot.keyClicks(line, " II")
    assert doc.resume.work[0].position == "Engineer II"
    qtbot.keyClick(line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.resume.work[0].position == "Engineer"
    assert line.text() == "Engineer"
    assert doc.undo_stack.canRedo()


def test_ctrl_z_in_a_bullet_undoes_the_document(qtbot) -> None:
    doc, form, _win = _window(qtbot)
    bullet = form.editor.detail.fields["highlights"].editor.editor_at(0)
    bullet.setFocus()
    bullet.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(bullet, " fast")
    qtbot.keyClick(bullet, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.resume.work[0].highlights == ("Built it",)
    assert bullet.text() == "Built it"


def test_many_emits_do_not_crash_the_interpreter() -> None:
    # 200,000 emits: far more than True's own reference count at start-up. With
    # PySide6 6.12.0 and no workaround (desktop/qt_compat.py) the interpreter aborts.
    script = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication
        from desktop.document import ResumeDocument
        from desktop.forms import create_form

        class Probe(QObject):
            ping = Signal()

        app = QApplication([])
        doc = ResumeDocument()
        form = create_form("basics", doc)
        probe = Probe()
        for i in range(200):
            for _ in range(1000):
                probe.ping.emit()
            doc.set_value("basics.name", f"Name {i}")
        print("done")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
