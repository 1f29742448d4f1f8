"""The preview pane: one tab per format, each showing the real exporter output.

Edits restart a short debounce timer; when it fires, only the visible tab's
format renders, on the pool, from the latest immutable snapshot. Each snapshot
gets a generation number, and a result older than what a tab already shows is
dropped. One render per format runs at a time; edits made meanwhile are
rendered right after it, so a slow exporter never queues up work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from .pdf_view import PdfPreview
from .text_view import TextPreview
from .worker import RenderResult, RenderSignals, RenderTask

if TYPE_CHECKING:
    from exporters.model import Resume
    from exporters.registry import Registry


@dataclass(frozen=True, slots=True)
class PreviewFormat:
    name: str  # the exporter's registry name
    title: str  # the tab's label


PREVIEW_FORMATS = (
    PreviewFormat("pdf", "PDF"),
    PreviewFormat("txt", "ATS text"),
    PreviewFormat("md", "Markdown"),
)
DEBOUNCE_MS = 150


class _FormatTab(QStackedWidget):
    """The format's view, or a message in its place (an error, a missing format)."""

    def __init__(self, view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMargin(24)
        self.addWidget(view)
        self.addWidget(self.message)

    def show_view(self) -> None:
        self.setCurrentWidget(self.view)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)


class PreviewPane(QWidget):
    rendered = Signal(str, bool)  # format name, success: after a result is shown
    formatChanged = Signal(str)

    def __init__(
        self,
        registry: Registry | None,
        parent: QWidget | None = None,
        *,
        pool: QThreadPool | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.registry = registry
        self.pool = pool if pool is not None else QThreadPool(self)
        if pool is None:
            self.pool.setMaxThreadCount(2)
        self.pdf = PdfPreview(self)
        self.texts = {
            "txt": TextPreview("ATS text", self),
            "md": TextPreview("Markdown", self),
        }
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._tabs: dict[str, _FormatTab] = {}
        for fmt in PREVIEW_FORMATS:
            view = self.pdf if fmt.name == "pdf" else self.texts[fmt.name]
            tab = _FormatTab(view, self)
            self._tabs[fmt.name] = tab
            self.tabs.addTab(tab, fmt.title)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setContentsMargins(8, 4, 8, 4)
        self.notes.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.notes)

        self._signals = RenderSignals(self)
        self._signals.finished.connect(self._finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._kick)
        self._snapshot: Resume | None = None
        self._generation = 0  # bumped for every new snapshot
        self._epoch = 0  # first generation of the current document
        self._shown: dict[str, int] = {}  # format -> generation on screen
        self._dirty: set[str] = set()
        self._busy: set[str] = set()
        self._notes: dict[str, tuple[str, ...]] = {}
        self._errors: dict[str, str] = {}
        self.tabs.currentChanged.connect(self._tab_changed)

    # --- what the window calls -----------------------------------------------------

    def set_resume(self, resume: Resume, *, new_document: bool = False) -> None:
        """A new snapshot: render it after the debounce (at once for a new document)."""
        if resume is self._snapshot and not new_document:
            return
        self._snapshot = resume
        self._generation += 1
        if new_document:
            self._epoch = self._generation
        self._dirty = {f.name for f in PREVIEW_FORMATS}
        if new_document:
            self._timer.stop()
            self._kick()
        else:
            self._timer.start()

    def set_registry(self, registry: Registry) -> None:
        """The formats arrived (the app loads them after the window is painted)."""
        self.registry = registry
        self._kick()

    def render_now(self) -> None:
        self._timer.stop()
        self._kick()

    def current_format(self) -> str:
        return PREVIEW_FORMATS[self.tabs.currentIndex()].name

    def set_current_format(self, name: str) -> None:
        for i, fmt in enumerate(PREVIEW_FORMATS):
            if fmt.name == name:
                self.tabs.setCurrentIndex(i)
                return

    def is_pending(self, fmt: str | None = None) -> bool:
        """True while the format (default: the visible one) is not up to date."""
        fmt = fmt or self.current_format()
        return fmt in self._dirty or fmt in self._busy

    def current_pdf_bytes(self) -> bytes:
        """The PDF exactly as the preview shows it."""
        return self.pdf.pdf_bytes()

    def current_text(self, fmt: str) -> str:
        return self.texts[fmt].text()

    def error(self, fmt: str) -> str:
        return self._errors.get(fmt, "")

    # --- zoom (the View menu) ------------------------------------------------------

    def zoom_in(self) -> None:
        if self.current_format() == "pdf":
            self.pdf.zoom_in()
        else:
            self.texts[self.current_format()].zoomIn(1)

    def zoom_out(self) -> None:
        if self.current_format() == "pdf":
            self.pdf.zoom_out()
        else:
            self.texts[self.current_format()].zoomOut(1)

    def fit_width(self) -> None:
        self.pdf.fit_width()

    # --- scheduling ----------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        self._show_notes()
        self.formatChanged.emit(self.current_format())
        self._kick()

    def _kick(self) -> None:
        fmt = self.current_format()
        if (
            fmt not in self._dirty
            or fmt in self._busy
            or self._snapshot is None
            or self.registry is None  # still loading: render when it arrives
        ):
            return
        self._dirty.discard(fmt)
        try:
            exporter = self.registry.get(fmt)
        except KeyError:
            title = self.tabs.tabText(self.tabs.currentIndex())
            self._show_error(
                fmt, f"The {title} preview needs the '{fmt}' export format, which is not installed."
            )
            self.rendered.emit(fmt, False)
            return
        self._busy.add(fmt)
        self.pool.start(RenderTask(exporter, self._snapshot, fmt, self._generation, self._signals))

    def _finished(self, result: RenderResult) -> None:
        fmt = result.format
        self._busy.discard(fmt)
        stale = result.generation < self._epoch or result.generation <= self._shown.get(fmt, 0)
        if not stale:
            self._show(result)
        if fmt in self._dirty and fmt == self.current_format() and not self._timer.isActive():
            self._kick()

    def _show(self, result: RenderResult) -> None:
        fmt = result.format
        self._shown[fmt] = result.generation
        error = result.error
        if not error:
            if fmt == "pdf":
                error = self.pdf.show_pdf(result.data)
            else:
                self.texts[fmt].show_text(result.data.decode("utf-8", errors="replace"))
        if error:
            self._show_error(fmt, error)
        else:
            self._errors.pop(fmt, None)
            self._tabs[fmt].show_view()
        self._notes[fmt] = result.notes
        self._show_notes()
        self.rendered.emit(fmt, not error)

    def _show_error(self, fmt: str, message: str) -> None:
        self._errors[fmt] = message
        self._tabs[fmt].show_message(
            f"<b>The preview could not be made.</b><br><br>{_escape(message)}"
        )

    def _show_notes(self) -> None:
        notes = self._notes.get(self.current_format(), ())
        self.notes.setText("\n".join(f"Note: {n}" for n in notes))
        self.notes.setVisible(bool(notes))

    def shutdown(self) -> None:
        """Stop scheduling and wait for a running render, so nothing outlives the window."""
        self._timer.stop()
        self._dirty.clear()
        self.pool.waitForDone(10_000)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
