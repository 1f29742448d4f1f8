"""The real main window, driven as a user would: edits reach every output."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.document import ResumeDocument
from desktop.file_actions import Answer, Dialogs
from desktop.main_window import MainWindow
from desktop.settings import AppSettings
from exporters.model import Resume
from exporters.registry import ExporterInfo, Registry, default_registry

pytestmark = pytest.mark.gui


class ScriptedDialogs(Dialogs):
    """Answers dialogs from queues and records what the user would have seen."""

    def __init__(self) -> None:
        self.open_paths: list[Path | None] = []
        self.save_paths: list[Path | None] = []
        self.answers: list[Answer] = []
        self.errors: list[tuple[str, str, str]] = []
        self.asked_save: list[str] = []

    def open_path(self, parent: Any, title: str, folder: str, filters: str) -> Path | None:
        return self.open_paths.pop(0)

    def save_path(self, parent: Any, title: str, suggested: str, filters: str) -> Path | None:
        return self.save_paths.pop(0)

    def folder(self, parent: Any, title: str, start: str) -> Path | None:
        return None

    def error(self, parent: Any, title: str, text: str, detail: str = "") -> None:
        self.errors.append((title, text, detail))

    def ask_save(self, parent: Any, name: str) -> Answer:
        self.asked_save.append(name)
        return self.answers.pop(0) if self.answers else Answer.DISCARD


def temp_settings(folder: Path) -> AppSettings:
    return AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def make_window(
    qtbot: Any,
    tmp_path: Path,
    resume: Resume,
    *,
    registry: Registry | None = None,
    settings: AppSettings | None = None,
    path: Path | None = None,
) -> MainWindow:
    window = MainWindow(
        ResumeDocument(resume, path),
        registry if registry is not None else default_registry(),
        settings or temp_settings(tmp_path),
        ScriptedDialogs(),
        pool=QThreadPool(),
    )
    qtbot.addWidget(window)
    window.show()
    return window


def dialogs_of(window: MainWindow) -> ScriptedDialogs:
    assert isinstance(window.dialogs, ScriptedDialogs)
    return window.dialogs


def wait_preview(qtbot: Any, window: MainWindow, fmt: str) -> None:
    """Show the format's tab and wait until it shows the latest snapshot."""
    preview = window.preview
    preview.set_current_format(fmt)
    preview.render_now()
    qtbot.waitUntil(lambda: not preview.is_pending(fmt), timeout=20_000)


def ats_text(qtbot: Any, window: MainWindow) -> str:
    wait_preview(qtbot, window, "txt")
    return window.preview.current_text("txt")


def pdf_text(qtbot: Any, window: MainWindow) -> str:
    wait_preview(qtbot, window, "pdf")
    data = window.preview.current_pdf_bytes()
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def export_docx_text(qtbot: Any, window: MainWindow, target: Path) -> str:
    """File ▸ Export ▸ DOCX, answered with ``target``; the file read by python-docx."""
    dialogs_of(window).save_paths.append(target)
    with qtbot.waitSignal(window.exportFinished, timeout=20_000) as blocker:
        window.export_actions["docx"].trigger()
    assert blocker.args[0].ok
    document = docx.Document(str(target))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def type_position(qtbot: Any, window: MainWindow, job: int, text: str) -> None:
    """Type into a job's position field, keystroke by keystroke."""
    window.show_section("work")
    window.current_form().focus_path(f"work[{job}].position")  # type: ignore[union-attr]
    field = QApplication.focusWidget()
    assert field is not None
    assert hasattr(field, "selectAll")
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_title_shows_file_name_and_unsaved_marker(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample, path=tmp_path / "mine.json")
    assert window.windowTitle().startswith("mine.json[*]")
    assert not window.isWindowModified()
    window.document.set_value("basics.label", "Platform Lead")
    assert window.isWindowModified()
    window.document.undo_stack.undo()
    assert not window.isWindowModified()


def test_typed_position_reaches_text_pdf_and_docx_and_undo_redo(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample)
    old = long_sample.work[0].position
    assert old in ats_text(qtbot, window)

    type_position(qtbot, window, 0, "Chief Widget Officer")
    assert window.document.resume.work[0].position == "Chief Widget Officer"
    assert "Chief Widget Officer" in ats_text(qtbot, window)
    assert "Chief Widget Officer" in pdf_text(qtbot, window)
    assert "Chief Widget Officer" in export_docx_text(qtbot, window, tmp_path / "out.docx")

    # All the keystrokes in one field are one undo step.
    window.act_undo.trigger()
    assert window.document.resume.work[0].position == old
    assert "Chief Widget Officer" not in ats_text(qtbot, window)
    assert old in pdf_text(qtbot, window)
    window.act_redo.trigger()
    assert "Chief Widget Officer" in ats_text(qtbot, window)
    assert "Chief Widget Officer" in pdf_text(qtbot, window)


def test_hidden_and_renamed_sections_follow_in_every_output(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample)
    model = window.navigator.section_model
    skills = model.index(model.row_of("skills"), 0)
    work = model.index(model.row_of("work"), 0)
    skill_name = "Kubernetes"  # a keyword of the Cloud skill group, nowhere else
    assert skill_name in ats_text(qtbot, window)

    from PySide6.QtCore import Qt

    assert model.setData(skills, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(work, "Where I Worked", Qt.ItemDataRole.EditRole)

    text = ats_text(qtbot, window)
    assert skill_name not in text
    assert "WHERE I WORKED" in text.upper()
    pdf = pdf_text(qtbot, window)
    assert "Where I Worked".upper() in pdf.upper()
    assert skill_name not in pdf
    docx_text = export_docx_text(qtbot, window, tmp_path / "r.docx")
    assert "WHERE I WORKED" in docx_text.upper()
    assert skill_name not in docx_text

    window.act_undo.trigger()  # the rename
    window.act_undo.trigger()  # the hide
    text = ats_text(qtbot, window)
    assert skill_name in text
    assert "WHERE I WORKED" not in text.upper()


def test_page_size_and_date_style_apply_to_the_preview(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample)
    box = window.document_settings
    box.page_size.setCurrentIndex(box.page_size.findData("a4"))
    box.page_size.activated.emit(box.page_size.currentIndex())
    long_style = box.date_style.findData("long")
    box.date_style.setCurrentIndex(long_style)
    box.date_style.activated.emit(long_style)
    assert window.document.resume.settings.pageSize == "a4"

    wait_preview(qtbot, window, "pdf")
    page = PdfReader(io.BytesIO(window.preview.current_pdf_bytes())).pages[0]
    assert round(float(page.mediabox.width)) == 595
    assert round(float(page.mediabox.height)) == 842
    start = long_sample.work[0].startDate  # "2022-01"
    import calendar

    month = calendar.month_name[int(start[5:7])]
    assert f"{month} {start[:4]}" in ats_text(qtbot, window)
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert window.document.resume.settings.pageSize is None


def test_edit_menu_acts_on_the_forms_active_list(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample)
    window.show_section("work")
    window.current_form().focus_path("work[1].position")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.act_add.isEnabled())
    count = len(window.document.resume.work)
    window.act_add.trigger()
    assert len(window.document.resume.work) == count + 1
    window.act_undo.trigger()
    assert len(window.document.resume.work) == count


def test_closing_with_unsaved_changes_asks_first(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample)
    window.document.set_value("basics.name", "Changed Name")
    dialogs = dialogs_of(window)
    dialogs.answers.append(Answer.CANCEL)
    assert not window.close()
    assert window.isVisible()
    assert dialogs.asked_save == ["Untitled"]
    dialogs.answers.append(Answer.DISCARD)
    assert window.close()


def test_exporter_error_shows_in_the_preview(qtbot, tmp_path, long_sample):
    class Broken:
        info = ExporterInfo("txt", "Broken text", "txt", "text/plain", binary=False)

        def export(self, resume, theme, options):
            raise RuntimeError("the font table is corrupt")

    registry = Registry(exporters={"txt": Broken()})
    window = make_window(qtbot, tmp_path, long_sample, registry=registry)
    wait_preview(qtbot, window, "txt")
    assert "the font table is corrupt" in window.preview.error("txt")
    wait_preview(qtbot, window, "pdf")
    assert "not installed" in window.preview.error("pdf")
    window.document.set_value("basics.name", "Still Editing")  # the editor lives on
    assert window.document.resume.basics.name == "Still Editing"


def test_smoke_test_flag_exits_zero_after_the_first_preview(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    code = "import sys; from desktop.app import main; sys.exit(main(['--smoke-test']))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "pdf preview rendered" in done.stderr
    assert not list(tmp_path.rglob("Resume Studio*"))  # no settings, no recovery copy: no trace


def test_autosave_keeps_a_copy_until_a_clean_close(qtbot, tmp_path, long_sample):
    from desktop.autosave import AutosaveManager

    window = make_window(qtbot, tmp_path, long_sample)
    manager = AutosaveManager(window.document, tmp_path / "state", delay_ms=50, parent=window)
    window.attach_autosave(manager)
    window.document.set_value("basics.name", "Unsaved Work")
    qtbot.waitUntil(manager.path.exists, timeout=5000)
    assert "Unsaved Work" in manager.path.read_text(encoding="utf-8")
    dialogs_of(window).answers.append(Answer.DISCARD)
    assert window.close()
    assert not manager.path.exists()


def test_start_after_a_crash_restores_the_recovery_copy(qtbot, tmp_path, long_sample):
    from desktop.app import recover_unsaved_work
    from desktop.autosave import AutosaveManager
    from desktop.recovery import Choice
    from exporters.model import save_resume

    original = tmp_path / "ada.json"
    save_resume(long_sample, original, backup=False)
    state = tmp_path / "state"
    driver = Path(__file__).parents[1] / "reliability" / "_gui_driver.py"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    crashed = subprocess.Popen(
        [sys.executable, str(driver), "edit", str(state), str(original)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = crashed.stdout.readline()  # "copy <path>" once the copy is on disk
        assert line.startswith("copy ")
    finally:
        crashed.kill()  # the crash
        crashed.wait(10)
        crashed.stdout.close()

    window = make_window(qtbot, tmp_path, Resume())
    window.attach_autosave(AutosaveManager(window.document, state, delay_ms=50, parent=window))
    asked: list[object] = []
    assert recover_unsaved_work(window, lambda copy: asked.append(copy) or Choice.RESTORE, state)
    assert len(asked) == 1
    assert window.document.resume.basics.name == "Ada Lovelace-Byron"
    assert window.document.path == original
    assert window.isWindowModified()
    assert window.autosave.path.exists()  # our own copy replaced the crashed one
    assert [p for p in state.glob("*.json") if p != window.autosave.path] == []
    dialogs_of(window).answers.append(Answer.DISCARD)


def test_every_registered_format_has_an_export_entry_plugins_included(qtbot, tmp_path, long_sample):
    class Shout:
        info = ExporterInfo("shout", "Shouting text", "shout", "text/plain", binary=False)

        def export(self, resume, theme, options):
            return resume.basics.name.upper().encode("utf-8")

    registry = Registry(exporters={**default_registry().exporters, "shout": Shout()})
    window = make_window(qtbot, tmp_path, long_sample, registry=registry)
    assert list(window.export_actions) == [*default_registry().names(), "shout"]
    assert window.export_actions["shout"].text() == "Shouting text (.shout)…"
    target = tmp_path / "loud"
    dialogs_of(window).save_paths.append(target)
    with qtbot.waitSignal(window.exportFinished, timeout=20_000):
        window.export_actions["shout"].trigger()
    assert (tmp_path / "loud.shout").read_text(encoding="utf-8") == long_sample.basics.name.upper()


def test_view_and_section_menu_actions(qtbot, tmp_path, long_sample):
    from exporters.model.sections import section_order

    window = make_window(qtbot, tmp_path, long_sample)
    window.format_actions["md"].trigger()
    assert window.preview.current_format() == "md"
    assert window.settings.preview_format() == "md"
    assert not window.act_fit.isEnabled()
    window.format_actions["pdf"].trigger()
    assert window.act_fit.isEnabled()

    window.show_section("skills")
    before = section_order(window.document.resume)
    window.act_section_up.trigger()
    after = section_order(window.document.resume)
    assert after.index("skills") == before.index("skills") - 1
    assert window.current_section() == "skills"
    window.act_section_visible.trigger()  # uncheck: hide
    assert "skills" in window.document.resume.settings.hiddenSections
    assert window.act_undo.text() == "&Undo Hide Skills"
    window.show_section("basics")
    assert not window.act_section_visible.isEnabled()
    assert not window.act_section_up.isEnabled()


def test_singletons_survive_many_void_qt_calls(qtbot):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call;
    desktop.qt_compat (applied when the package is imported) keeps None alive
    however long the session runs."""
    from PySide6.QtWidgets import QScrollBar

    import desktop  # noqa: F401

    bar = QScrollBar()
    qtbot.addWidget(bar)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        bar.setValue(0)
    assert sys.getrefcount(None) > 20_000
    assert before - sys.getrefcount(None) <= 20_000


LAZY_PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject
import desktop.main_window as mw

seen = {}
init = mw.MainWindow.__init__

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.update(reportlab="reportlab" in sys.modules, docx="docx" in sys.modules)
        return False

def patched(self, *args, **kwargs):
    init(self, *args, **kwargs)
    self._probe = Probe(self)
    self.installEventFilter(self._probe)
    self.preview.rendered.connect(
        lambda fmt, ok: print("painted", seen, "after-pdf", "reportlab" in sys.modules, flush=True)
    )

mw.MainWindow.__init__ = patched
from desktop.app import main
sys.exit(main(["--smoke-test"]))
"""


def test_the_window_paints_before_reportlab_and_docx_load(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", LAZY_PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "painted {'reportlab': False, 'docx': False} after-pdf True" in done.stdout


def test_the_form_title_follows_renames_and_says_when_hidden(qtbot, tmp_path, long_sample):
    from desktop.section_settings import rename_section, set_section_hidden

    window = make_window(qtbot, tmp_path, long_sample)
    window.show_section("work")
    assert window.form_title.text() == "Experience"
    rename_section(window.document, "work", "R&D Roles")
    assert window.form_title.text() == "R&amp;D Roles"  # rich text, shown as "R&D Roles"
    set_section_hidden(window.document, "work", True)
    assert "hidden from the page" in window.form_title.text()
