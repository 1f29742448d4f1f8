"""The preview pane: debounced, off the GUI thread, stale results dropped, scroll kept."""

from __future__ import annotations

import io
import threading
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from PySide6.QtPdfWidgets import QPdfView

from desktop.preview import PreviewPane
from exporters.model import Resume, edits
from exporters.registry import ExporterInfo, Registry, default_registry

pytestmark = pytest.mark.gui


class Recording:
    """Wraps a real exporter; records each call's thread and can hold a call back."""

    def __init__(self, name: str) -> None:
        self.inner = default_registry().get(name)
        self.info = self.inner.info
        self.threads: list[int] = []
        self.names: list[str] = []
        self.gate: threading.Event | None = None

    def export(self, resume: Resume, theme: Any, options: Any) -> bytes:
        self.threads.append(threading.get_ident())
        self.names.append(resume.basics.name)
        if self.gate is not None:
            self.gate.wait(10)
        return self.inner.export(resume, theme, options)


@pytest.fixture
def recorders() -> dict[str, Recording]:
    return {name: Recording(name) for name in ("pdf", "txt", "md")}


@pytest.fixture
def pane(qtbot, recorders) -> PreviewPane:
    widget = PreviewPane(Registry(exporters=dict(recorders)), pool=QThreadPool(), debounce_ms=150)
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    yield widget
    widget.shutdown()


def renamed(resume: Resume, name: str) -> Resume:
    return edits.set_value(resume, "basics.name", name)


def settle(qtbot, pane: PreviewPane, fmt: str) -> None:
    qtbot.waitUntil(lambda: not pane.is_pending(fmt), timeout=20_000)


def test_renders_off_the_gui_thread_and_only_the_visible_tab(qtbot, pane, recorders, long_sample):
    pane.set_current_format("txt")
    with qtbot.waitSignal(pane.rendered, timeout=20_000) as done:
        pane.set_resume(long_sample, new_document=True)
    assert done.args == ["txt", True]
    assert recorders["txt"].threads
    assert threading.get_ident() not in recorders["txt"].threads
    assert recorders["pdf"].threads == []
    assert recorders["md"].threads == []
    assert long_sample.basics.name in pane.current_text("txt")


def test_rapid_edits_are_debounced_into_one_render(qtbot, pane, recorders, long_sample):
    pane.set_current_format("txt")
    pane.set_resume(long_sample, new_document=True)
    settle(qtbot, pane, "txt")
    recorders["txt"].names.clear()
    for i in range(6):
        pane.set_resume(renamed(long_sample, f"Typist {i}"))
        qtbot.wait(20)
    settle(qtbot, pane, "txt")
    assert recorders["txt"].names == ["Typist 5"]
    assert "Typist 5" in pane.current_text("txt")


def test_switching_tabs_renders_the_newly_visible_format(qtbot, pane, recorders, long_sample):
    pane.set_current_format("txt")
    pane.set_resume(long_sample, new_document=True)
    settle(qtbot, pane, "txt")
    with qtbot.waitSignal(pane.rendered, timeout=20_000) as done:
        pane.set_current_format("md")
    assert done.args == ["md", True]
    assert long_sample.basics.name in pane.current_text("md")


def test_a_result_for_a_replaced_document_is_dropped(qtbot, pane, recorders, long_sample):
    pane.set_current_format("txt")
    gate = threading.Event()
    recorders["txt"].gate = gate
    pane.set_resume(renamed(long_sample, "Old Document"), new_document=True)
    qtbot.waitUntil(lambda: recorders["txt"].names == ["Old Document"])
    pane.set_resume(renamed(long_sample, "New Document"), new_document=True)
    shown: list[str] = []
    pane.rendered.connect(lambda fmt, ok: shown.append(pane.current_text(fmt)))
    gate.set()
    settle(qtbot, pane, "txt")
    assert recorders["txt"].names == ["Old Document", "New Document"]
    assert len(shown) == 1  # the old document's text never reached the screen
    assert "New Document" in shown[0]
    assert "Old Document" not in pane.current_text("txt")


def test_edits_during_a_render_are_rendered_right_after_it(qtbot, pane, recorders, long_sample):
    pane.set_current_format("txt")
    gate = threading.Event()
    recorders["txt"].gate = gate
    pane.set_resume(renamed(long_sample, "First"), new_document=True)
    qtbot.waitUntil(lambda: recorders["txt"].names == ["First"])
    pane.set_resume(renamed(long_sample, "Second"))
    pane.set_resume(renamed(long_sample, "Third"))
    qtbot.wait(250)  # the debounce fired while the first render was still running
    assert recorders["txt"].names == ["First"]
    gate.set()
    qtbot.waitUntil(lambda: "Third" in pane.current_text("txt"), timeout=20_000)
    assert recorders["txt"].names == ["First", "Third"]


def test_text_scroll_position_survives_a_refresh(qtbot, pane, long_sample):
    pane.set_current_format("txt")
    pane.set_resume(long_sample, new_document=True)
    settle(qtbot, pane, "txt")
    bar = pane.texts["txt"].verticalScrollBar()
    assert bar.maximum() > 50
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    pane.set_resume(renamed(long_sample, "Someone Else"))
    qtbot.waitUntil(lambda: "Someone Else" in pane.current_text("txt"), timeout=20_000)
    assert bar.value() == position


def test_pdf_scroll_position_and_zoom_survive_a_refresh(qtbot, pane, long_sample):
    pane.set_resume(long_sample, new_document=True)
    settle(qtbot, pane, "pdf")
    data = pane.current_pdf_bytes()
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert pages == pane.pdf.page_count() > 1
    bar = pane.pdf.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    pane.set_resume(renamed(long_sample, "Scroll Keeper"))
    qtbot.waitUntil(lambda: pane.current_pdf_bytes() != data, timeout=20_000)
    assert (
        "Scroll Keeper" in PdfReader(io.BytesIO(pane.current_pdf_bytes())).pages[0].extract_text()
    )
    assert bar.value() == position


def test_zoom_in_out_and_fit_width(qtbot, pane, long_sample):
    pane.set_resume(long_sample, new_document=True)
    settle(qtbot, pane, "pdf")
    view = pane.pdf.view
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fit = pane.pdf.effective_zoom()
    pane.zoom_in()
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    assert view.zoomFactor() == pytest.approx(fit * 1.2)
    pane.zoom_out()
    pane.zoom_out()
    assert view.zoomFactor() == pytest.approx(fit / 1.2)
    pane.fit_width()
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_an_exporter_that_returns_no_bytes_is_an_error_not_a_crash(qtbot, long_sample):
    class Wrong:
        info = ExporterInfo("txt", "Wrong", "txt", "text/plain", binary=False)

        def export(self, resume, theme, options):
            return "a str, not bytes"

    pane = PreviewPane(Registry(exporters={"txt": Wrong()}), pool=QThreadPool())
    qtbot.addWidget(pane)
    pane.set_current_format("txt")
    with qtbot.waitSignal(pane.rendered, timeout=20_000) as done:
        pane.set_resume(long_sample, new_document=True)
    assert done.args == ["txt", False]
    assert "not bytes" in pane.error("txt")
    pane.shutdown()


def test_damaged_pdf_bytes_show_a_message(qtbot, long_sample):
    class Damaged:
        info = ExporterInfo("pdf", "Damaged", "pdf", "application/pdf")

        def export(self, resume, theme, options):
            return b"%PDF-1.4 this is not a PDF"

    pane = PreviewPane(Registry(exporters={"pdf": Damaged()}), pool=QThreadPool())
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.rendered, timeout=20_000) as done:
        pane.set_resume(long_sample, new_document=True)
    assert done.args == ["pdf", False]
    assert "could not be displayed" in pane.error("pdf")
    pane.shutdown()


def test_exporter_notes_show_under_the_preview(qtbot, long_sample):
    class Noting:
        info = ExporterInfo("txt", "Noting", "txt", "text/plain", binary=False)

        def export(self, resume, theme, options):
            from exporters.notes import note

            note("2 emoji were left out")
            return b"plain text"

    pane = PreviewPane(Registry(exporters={"txt": Noting()}), pool=QThreadPool())
    qtbot.addWidget(pane)
    pane.show()
    pane.set_current_format("txt")
    with qtbot.waitSignal(pane.rendered, timeout=20_000):
        pane.set_resume(long_sample, new_document=True)
    assert pane.notes.isVisible()
    assert "2 emoji were left out" in pane.notes.text()
    pane.set_current_format("pdf")  # another format, no notes of its own
    assert not pane.notes.isVisible()
    pane.shutdown()
