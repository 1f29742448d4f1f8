"""A section of the user's own (Patents, Speaking…): a title, a paragraph, items.

It lives in ``meta.resumeStudio.customSections`` and is found by its id, so
the form keeps working when sections are reordered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from exporters.model import Resume

from .base import ListEditing, SectionForm
from .bullets import TextListEditor, hint_label
from .entries import FormScrollArea
from .fields import FieldsForm
from .specs import CUSTOM_FIELDS

if TYPE_CHECKING:
    from ..document import ResumeDocument


def custom_base(resume: Resume, key: str) -> str | None:
    for index, section in enumerate(resume.settings.customSections):
        if section.id == key:
            return f"meta.resumeStudio.customSections[{index}]"
    return None


class CustomForm(SectionForm):
    def __init__(self, key: str, document: ResumeDocument, parent: QWidget | None = None) -> None:
        super().__init__(key, document, parent)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        self.fields = FieldsForm(document, CUSTOM_FIELDS, content)
        self.missing = hint_label("This section has been deleted.", content)
        column.addWidget(self.fields)
        column.addWidget(self.missing)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(FormScrollArea(content, self))
        self.items = self.fields.list_editors()[0]
        self.fields.focusedList.connect(self._set_active_list)
        self._set_active_list(self.items)
        self._connect_document()

    def active_list(self) -> ListEditing | None:
        return self.items if isinstance(self.items, TextListEditor) and self.fields.base else None

    def refresh(self, resume: Resume) -> None:
        base = custom_base(resume, self.section_key)
        if not self.fields.bound or base != self.fields.base:
            self.fields.bind(base, resume)
        else:
            self.fields.refresh(resume)
        self.fields.setVisible(base is not None)
        self.missing.setVisible(base is None)

    def focus_path(self, path: str) -> None:
        base = self.fields.base
        if base and path.startswith(base + "."):
            self.fields.focus_field(path[len(base) + 1 :])
        else:
            self.fields.focus_field("title")
