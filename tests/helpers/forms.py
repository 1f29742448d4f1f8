"""Showing a section form the way a user sees it, for widget tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from desktop.document import ResumeDocument
from desktop.forms import create_form
from desktop.forms.base import SectionForm
from exporters.model import Resume


def show_form(qtbot: Any, key: str, resume: Resume) -> tuple[ResumeDocument, SectionForm]:
    """A form for ``key`` on its own document, shown, exposed and active."""
    doc = ResumeDocument(resume)
    form = create_form(key, doc)
    qtbot.addWidget(form)
    form.resize(640, 900)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    # Focus (and so the end of a typing run) needs the window to be active.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return doc, form
