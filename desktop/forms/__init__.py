"""Section forms: one per résumé section, created by key.

The main window asks ``create_form(key, document)`` for the section the user
picks, and drives the Edit menu through ``SectionForm.active_list()``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from exporters.model.sections import STANDARD_SECTIONS, custom_section

from ..document import ResumeDocument
from .base import ListEditing, SectionForm
from .basics import BasicsForm
from .custom import CustomForm
from .entries import EntriesForm
from .specs import ENTRY_SECTIONS
from .summary import SummaryForm

__all__ = ["ListEditing", "SectionForm", "create_form", "form_keys"]


def form_keys(document: ResumeDocument) -> list[str]:
    """Every key ``create_form`` accepts for this document, header first."""
    custom = [section.id for section in document.resume.settings.customSections]
    return ["basics", *STANDARD_SECTIONS, *custom]


def create_form(key: str, document: ResumeDocument, parent: QWidget | None = None) -> SectionForm:
    """The form for section ``key``: "basics", a JSON Resume section, or a custom section's id."""
    if key == "basics":
        return BasicsForm(document, parent)
    if key == "summary":
        return SummaryForm(document, parent)
    if key in ENTRY_SECTIONS:
        return EntriesForm(key, document, ENTRY_SECTIONS[key], parent)
    if custom_section(document.resume, key) is not None:
        return CustomForm(key, document, parent)
    known = ", ".join(form_keys(document))
    raise KeyError(f"no section {key!r} in this résumé (known: {known})")
