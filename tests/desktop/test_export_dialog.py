"""Export All…: the chosen formats land in the folder, read back by independent readers."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices

from desktop.export_dialog import ExportDialog, export_to
from exporters.registry import ExporterInfo, Registry, default_registry
from tests.desktop.test_main_window import ScriptedDialogs, make_window, temp_settings

pytestmark = pytest.mark.gui


def make_dialog(qtbot, tmp_path, resume, registry=None) -> ExportDialog:
    dialog = ExportDialog(
        resume,
        registry or default_registry(),
        temp_settings(tmp_path),
        ScriptedDialogs(),
        pool=QThreadPool(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(dialog: ExportDialog, names: set[str]) -> None:
    for name, box in dialog.checks.items():
        box.setChecked(name in names)


def test_every_registered_format_has_a_checkbox_and_the_default_name(qtbot, tmp_path, long_sample):
    dialog = make_dialog(qtbot, tmp_path, long_sample)
    assert list(dialog.checks) == default_registry().names()
    assert dialog.basename.text() == "Zoë_Ångström-Núñez_Resume"


def test_export_writes_the_selected_formats_and_reports_them(
    qtbot, tmp_path, long_sample, monkeypatch
):
    out = tmp_path / "out"
    dialog = make_dialog(qtbot, tmp_path, long_sample)
    choose(dialog, {"pdf", "docx", "txt"})
    dialog.folder.setText(str(out))
    dialog.basename.setText("Zoe_Resume")
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.export_button.click()
    report = blocker.args[0]
    assert report.ok
    assert sorted(p.name for p in out.iterdir()) == [
        "Zoe_Resume.docx",
        "Zoe_Resume.pdf",
        "Zoe_Resume.txt",
    ]

    position = long_sample.work[0].position
    pdf = PdfReader(io.BytesIO((out / "Zoe_Resume.pdf").read_bytes()))
    assert position in pdf.pages[0].extract_text()
    paragraphs = [p.text for p in docx.Document(str(out / "Zoe_Resume.docx")).paragraphs]
    assert any(position in p for p in paragraphs)
    assert position in (out / "Zoe_Resume.txt").read_text(encoding="utf-8")

    summary = dialog.summary.text()
    for written in report.written:
        assert written.path.name in summary
        assert written.size == written.path.stat().st_size
    assert "Wrote 3 files" in summary

    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    assert dialog.open_folder_button.isVisible()
    dialog.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(out))]


def test_nothing_chosen_or_a_bad_name_disables_export(qtbot, tmp_path, long_sample):
    dialog = make_dialog(qtbot, tmp_path, long_sample)
    choose(dialog, set())
    assert not dialog.export_button.isEnabled()
    choose(dialog, {"txt"})
    dialog.basename.setText("a/b")
    assert not dialog.export_button.isEnabled()
    dialog.basename.setText("ok")
    assert dialog.export_button.isEnabled()


def test_a_failing_plugin_is_reported_and_the_others_still_written(qtbot, tmp_path, long_sample):
    class Failing:
        info = ExporterInfo("boom", "Boom format", "boom", "application/x-boom")

        def export(self, resume, theme, options):
            raise ValueError("no such glyph")

    registry = Registry(exporters={**default_registry().exporters, "boom": Failing()})
    dialog = make_dialog(qtbot, tmp_path, long_sample, registry)
    choose(dialog, {"txt", "boom"})
    dialog.folder.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.start_export()
    report = blocker.args[0]
    assert [w.format for w in report.written] == ["txt"]
    assert report.failed[0][0] == "boom"
    assert "no such glyph" in dialog.summary.text()
    assert not (tmp_path / f"{dialog.basename.text()}.boom").exists()


def test_export_notes_are_collected_per_format(tmp_path, long_sample):
    class Noting:
        info = ExporterInfo("noting", "Noting", "note", "text/plain", binary=False)

        def export(self, resume, theme, options):
            from exporters.notes import note

            note("removed 1 emoji")
            return b"ok"

    report = export_to(
        long_sample, Registry(exporters={"noting": Noting()}), {"noting": tmp_path / "x.note"}
    )
    assert report.notes == [("noting", "removed 1 emoji")]
    assert (tmp_path / "x.note").read_bytes() == b"ok"


def test_export_all_from_the_window_uses_the_current_document(qtbot, tmp_path, long_sample):
    window = make_window(qtbot, tmp_path, long_sample)
    window.document.set_value("work[0].position", "Head of Widgets")
    window.act_export_all.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    choose(dialog, {"md"})
    dialog.folder.setText(str(tmp_path / "md"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.start_export()
    (written,) = dialog.report.written
    import markdown

    html = markdown.markdown(written.path.read_text(encoding="utf-8"))
    assert "Head of Widgets" in html
    dialog.close()


def test_exports_read_the_folder_again_from_settings(qtbot, tmp_path, long_sample):
    first = make_dialog(qtbot, tmp_path, long_sample)
    choose(first, {"json"})
    first.folder.setText(str(tmp_path / "keep"))
    with qtbot.waitSignal(first.exported, timeout=30_000):
        first.start_export()
    second = make_dialog(qtbot, tmp_path, long_sample)
    assert Path(second.folder.text()) == tmp_path / "keep"
    assert second.selected_formats() == ["json"]
