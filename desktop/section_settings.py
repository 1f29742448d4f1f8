"""Section order, titles and visibility, page size and date style.

Every change is a document edit on ``meta.resumeStudio``, so it is undoable and
every exporter sees it (they all read ``exporters.model.sections`` and
``exporters.theme.resolve``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from exporters.model import DateStyle, Resume
from exporters.model.sections import STANDARD_SECTIONS, custom_section, section_order, section_title

from .document import ResumeDocument

SETTINGS = "meta.resumeStudio"
PAGE_SIZES = {"letter": "Letter (8.5 × 11 in)", "a4": "A4 (210 × 297 mm)"}


def default_title(resume: Resume, key: str) -> str:
    custom = custom_section(resume, key)
    if custom is not None:
        return custom.title or key
    return STANDARD_SECTIONS.get(key, key)


def move_section(document: ResumeDocument, key: str, to: int) -> bool:
    """Put section ``key`` at position ``to`` of the page order."""
    order = section_order(document.resume)
    if key not in order:
        return False
    to = max(0, min(to, len(order) - 1))
    if order.index(key) == to:
        return False
    order.remove(key)
    order.insert(to, key)
    title = section_title(document.resume, key)
    document.seal_merge()
    return document.set_value(
        f"{SETTINGS}.sectionOrder", tuple(order), f"Move {title}", merge=False
    )


def rename_section(document: ResumeDocument, key: str, title: str) -> bool:
    """Set a section's printed title; the default title (or an empty one) clears the override."""
    resume = document.resume
    title = " ".join(title.split())
    titles = dict(resume.settings.sectionTitles)
    if not title or title == default_title(resume, key):
        titles.pop(key, None)
    else:
        titles[key] = title
    old = section_title(resume, key)
    document.seal_merge()
    return document.set_value(f"{SETTINGS}.sectionTitles", titles, f"Rename {old}", merge=False)


def set_section_hidden(document: ResumeDocument, key: str, hidden: bool) -> bool:
    resume = document.resume
    current = list(resume.settings.hiddenSections)
    if hidden == (key in current):
        return False
    new = [*current, key] if hidden else [k for k in current if k != key]
    title = section_title(resume, key)
    document.seal_merge()
    verb = "Hide" if hidden else "Show"
    return document.set_value(
        f"{SETTINGS}.hiddenSections", tuple(new), f"{verb} {title}", merge=False
    )


def set_page_size(document: ResumeDocument, size: str) -> bool:
    if size not in PAGE_SIZES:
        raise ValueError(f"unknown page size {size!r}")
    document.seal_merge()
    return document.set_value(f"{SETTINGS}.pageSize", size, "Change page size", merge=False)


def set_date_style(document: ResumeDocument, style: DateStyle) -> bool:
    document.seal_merge()
    return document.set_value(f"{SETTINGS}.dateStyle", style, "Change date style", merge=False)


class DocumentSettingsBox(QWidget):
    """Page size and date style, shown under the navigator. Follows the document."""

    def __init__(self, document: ResumeDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.page_size = QComboBox(self)
        for key, text in PAGE_SIZES.items():
            self.page_size.addItem(text, key)
        self.page_size.setToolTip("The paper size of the PDF and DOCX")
        self.date_style = QComboBox(self)
        for style in DateStyle:
            self.date_style.addItem(style.example, style.value)
        self.date_style.setToolTip("How dates are printed in every export")
        layout = QFormLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addRow("&Page size:", self.page_size)
        layout.addRow("&Dates:", self.date_style)
        self.page_size.activated.connect(self._page_size_chosen)
        self.date_style.activated.connect(self._date_style_chosen)
        document.changed.connect(self._sync)
        self._sync(document.resume)

    def _sync(self, resume: Resume) -> None:
        from exporters.theme import resolve

        theme = resolve(resume)
        self.page_size.setCurrentIndex(self.page_size.findData(theme.page_size))
        self.date_style.setCurrentIndex(self.date_style.findData(theme.date_style.value))

    def _page_size_chosen(self, index: int) -> None:
        from exporters.theme import resolve

        size = self.page_size.itemData(index)
        if size != resolve(self.document.resume).page_size:
            set_page_size(self.document, size)

    def _date_style_chosen(self, index: int) -> None:
        from exporters.theme import resolve

        style = DateStyle(self.date_style.itemData(index))
        if style != resolve(self.document.resume).date_style:
            set_date_style(self.document, style)
