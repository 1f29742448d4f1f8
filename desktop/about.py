"""Help ▸ About: version, licence and where to find the project."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

JSON_RESUME = "https://jsonresume.org/schema"


def about_html() -> str:
    from PySide6 import __version__ as pyside_version

    from exporters import __version__

    return (
        f"<h2>Résumé Studio {__version__}</h2>"
        "<p>Edit your résumé once as structured data; export an ATS-safe DOCX, a PDF, "
        "plain text for application forms, and Markdown.</p>"
        "<p>Released under the MIT licence.</p>"
        f"<p>File format: JSON Resume 1.0 — {JSON_RESUME}</p>"
        f"<p style='color:gray'>Qt for Python {pyside_version}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Résumé Studio")
        text = QLabel(about_html(), self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        # Links are plain text to copy, not clickable: the app opens no browser by itself.
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
