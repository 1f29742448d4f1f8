"""The contact header: name, headline, how to reach you, where you are, profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from exporters.model import Resume

from .base import SectionForm
from .entries import EntriesEditor, FormScrollArea
from .fields import FieldsForm
from .specs import BASICS_FIELDS, LOCATION_FIELDS, PROFILES

if TYPE_CHECKING:
    from ..document import ResumeDocument


def group_heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.08)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 2)
    return label


class BasicsForm(SectionForm):
    def __init__(self, document: ResumeDocument, parent: QWidget | None = None) -> None:
        super().__init__("basics", document, parent)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.contact = FieldsForm(document, BASICS_FIELDS, content)
        self.location = FieldsForm(document, LOCATION_FIELDS, content)
        self.profiles = EntriesEditor(document, PROFILES, scroll_detail=False, parent=content)
        column.addWidget(group_heading("Contact", content))
        column.addWidget(self.contact)
        column.addWidget(group_heading("Location", content))
        column.addWidget(self.location)
        column.addWidget(group_heading("Profiles", content))
        column.addWidget(self.profiles)
        column.addStretch(1)
        self._align_labels()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(FormScrollArea(content, self))

        resume = document.resume
        self.contact.bind("basics", resume)
        self.location.bind("basics", resume)
        self.profiles.view.focused.connect(lambda: self._set_active_list(self.profiles.view))
        self._set_active_list(self.profiles.view)
        self._connect_document()

    def _align_labels(self) -> None:
        # Three forms one above the other read as one when their labels line up.
        forms = (self.contact, self.location, self.profiles.detail)
        width = max(form.label_width() for form in forms)
        for form in forms:
            form.set_label_width(width)

    def refresh(self, resume: Resume) -> None:
        self.contact.refresh(resume)
        self.location.refresh(resume)
        self.profiles.refresh(resume)

    def focus_path(self, path: str) -> None:
        if self.profiles.focus_path(path):
            return
        name = path.removeprefix("basics.")
        for form in (self.contact, self.location):
            if form.focus_field(name):
                return
        self.contact.focus_field("name")
