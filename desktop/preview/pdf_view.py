"""The PDF tab: the exporter's bytes, shown by QtPdf, with zoom and fit-width."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QPointF
from PySide6.QtGui import QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QVBoxLayout, QWidget

ZOOM_STEP = 1.2
MIN_ZOOM, MAX_ZOOM = 0.25, 5.0


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(16, 16, 16, 16))
        self.view.setAccessibleName("PDF preview")
        # A grey desk under white pages, as every PDF reader shows them.
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, palette.color(QPalette.ColorRole.Mid))
        self.view.setPalette(palette)
        self.view.setBackgroundRole(QPalette.ColorRole.Dark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._bytes = b""
        self.view.setDocument(self._document)

    def pdf_bytes(self) -> bytes:
        return self._bytes

    def page_count(self) -> int:
        return self._document.pageCount()

    def show_pdf(self, data: bytes) -> str:
        """Show new bytes at the same scroll position; returns an error text or ''."""
        bar = self.view.verticalScrollBar()
        hbar = self.view.horizontalScrollBar()
        position, hposition = bar.value(), hbar.value()
        fraction = position / bar.maximum() if bar.maximum() else 0.0
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready:
            reason = document.error().name
            document.deleteLater()
            buffer.deleteLater()
            return f"The PDF could not be displayed ({reason})."
        old_document, old_buffer = self._document, self._buffer
        self._document, self._buffer, self._bytes = document, buffer, data
        self.view.setDocument(document)
        # Same page count: keep the exact offset; otherwise keep the same
        # relative place so a long edit does not jump to the top.
        same_length = old_document.pageCount() == document.pageCount()
        bar.setValue(position if same_length else round(fraction * bar.maximum()))
        hbar.setValue(hposition)
        old_document.deleteLater()
        if old_buffer is not None:
            old_buffer.deleteLater()
        return ""

    # --- zoom ---------------------------------------------------------------------

    def effective_zoom(self) -> float:
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        if self._document.pageCount() == 0:
            return 1.0
        page = self._document.pagePointSize(0)
        margins = self.view.documentMargins()
        available = self.view.viewport().width() - margins.left() - margins.right()
        dpi_scale = self.logicalDpiX() / 72.0
        return max(MIN_ZOOM, available / (page.width() * dpi_scale)) if page.width() else 1.0

    def zoom_by(self, factor: float) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.effective_zoom() * factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoom)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def is_fit_width(self) -> bool:
        return self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth

    def scroll_to_page(self, page: int) -> None:
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
