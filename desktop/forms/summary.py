"""The summary: one paragraph, usually three to five sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from exporters.markup import plain_text
from exporters.model import Resume

from .base import SectionForm
from .bullets import hint_label
from .entries import FormScrollArea
from .fields import BoundField, FieldSpec
from .markup_edit import MarkupEdit

if TYPE_CHECKING:
    from ..document import ResumeDocument

SUMMARY = FieldSpec(
    "summary",
    "Summary",
    "paragraph",
    lines=8,
    placeholder=(
        "e.g. Senior Software Engineer with 10+ years of experience building "
        "cloud-native backend systems…"
    ),
)


def count_words(text: str) -> str:
    plain = plain_text(text)
    words = len(plain.split())
    return f"{words} word{'s' if words != 1 else ''} \u00b7 {len(plain)} characters"


class SummaryForm(SectionForm):
    def __init__(self, document: ResumeDocument, parent: QWidget | None = None) -> None:
        super().__init__("summary", document, parent)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.field = BoundField(SUMMARY, document, content)
        heading = QLabel("Professional summary", content)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setBuddy(self.field.editor)
        self.count = hint_label("", content)
        keys = hint_label("Ctrl+B bold \u00b7 Ctrl+I italic", content)
        keys.setAlignment(Qt.AlignmentFlag.AlignRight)
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(keys)
        column.addWidget(heading)
        column.addWidget(self.field.widget)
        column.addLayout(footer)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(FormScrollArea(content, self))
        self.field.bind("basics", document.resume)
        self._connect_document()

    @property
    def editor(self) -> MarkupEdit:
        assert isinstance(self.field.editor, MarkupEdit)
        return self.field.editor

    def refresh(self, resume: Resume) -> None:
        self.field.refresh(resume)
        self.count.setText(count_words(resume.basics.summary))

    def focus_path(self, path: str) -> None:
        self.field.focus()
