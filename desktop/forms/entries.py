"""List sections (jobs, schools, projects, skill groups…): a master list of
entries above a detail form for the chosen one."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exporters.model import Resume, edits

from .base import ListEditing, SectionForm
from .bullets import TextListEditor, hint_label
from .fields import FieldsForm
from .item_models import SequenceModel
from .list_editor import EntryListView, ListButtons
from .markup_edit import MarkupEdit
from .specs import EntrySpec

if TYPE_CHECKING:
    from ..document import ResumeDocument

FORM_MAX_WIDTH = 760


class FormScrollArea(QScrollArea):
    """Scrolls a long form and keeps the focused field in view."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Very wide lines are hard to read: keep the form to a comfortable measure.
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(16, 12, 16, 16)
        content.setMaximumWidth(FORM_MAX_WIDTH)
        row.addWidget(content, 1)
        row.addStretch(0)
        self.setWidget(holder)
        self._content = content
        self._typing_in: MarkupEdit | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._typing_in is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._typing_in.cursorPositionChanged.disconnect(self._follow_cursor)
            self._typing_in = None
        if new is None or not self._content.isAncestorOf(new):
            return
        self.ensureWidgetVisible(new, 0, 24)
        if isinstance(new, MarkupEdit):
            # A bullet grows as it is typed; keep the line being written in view.
            self._typing_in = new
            new.cursorPositionChanged.connect(self._follow_cursor)

    def _follow_cursor(self) -> None:
        editor, holder = self._typing_in, self.widget()
        if editor is None or holder is None:
            return
        rect = editor.cursorRect()
        where = editor.viewport().mapTo(holder, rect.center())
        self.ensureVisible(where.x(), where.y(), 0, rect.height() + 12)


class EntriesEditor(QWidget):
    """The list of one section's entries and the form for the current one."""

    def __init__(
        self,
        document: ResumeDocument,
        spec: EntrySpec,
        *,
        scroll_detail: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.spec = spec
        self.model = SequenceModel(
            document,
            spec.list_path,
            title=spec.title,
            subtitle=spec.subtitle,
            problem=spec.problem,
            parent=self,
        )
        self.view = EntryListView(self.model, dict, noun=spec.noun, parent=self)
        self.buttons = ListButtons(self.view, spec.noun, self)
        self.detail = FieldsForm(document, spec.fields, self)
        self.empty = self._empty_state(spec)
        self.rule: QFrame | None = None
        self.view.itemAdded.connect(self._focus_first_field)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        if scroll_detail:
            top = QWidget(self)
            top_layout = QVBoxLayout(top)
            top_layout.setContentsMargins(16, 12, 16, 0)
            top_layout.setSpacing(0)
            top_layout.addWidget(self.view)
            top_layout.addWidget(self.empty)
            top_layout.addWidget(self.buttons)
            top.setMaximumWidth(FORM_MAX_WIDTH + 32)
            layout.addWidget(top)
            self.rule = QFrame(self)
            self.rule.setFrameShape(QFrame.Shape.HLine)
            self.rule.setFrameShadow(QFrame.Shadow.Sunken)
            layout.addWidget(self.rule)
            self.scroll_area: FormScrollArea | None = FormScrollArea(self.detail, self)
            layout.addWidget(self.scroll_area, 1)
        else:
            self.scroll_area = None
            layout.setSpacing(0)
            layout.addWidget(self.view)
            layout.addWidget(self.empty)
            layout.addWidget(self.buttons)
            layout.addSpacing(8)
            layout.addWidget(self.detail)

        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.rowsInserted.connect(self._update_empty)
        self.model.rowsRemoved.connect(self._update_empty)
        self.model.modelReset.connect(self._update_empty)
        if self.model.rowCount():
            self.view.set_current_row(0)
        self._rebind()
        self._update_empty()

    def _empty_state(self, spec: EntrySpec) -> QWidget:
        """What an empty section shows: one sentence and the button to start."""
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(hint_label(spec.empty, box))
        button = QPushButton(f"Add {spec.noun.title()}", box)
        button.clicked.connect(self.view.add_item)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_button = button
        return box

    def list_editors(self) -> list[TextListEditor]:
        return self.detail.list_editors()

    def _focus_first_field(self, _row: int) -> None:
        # A new entry is for writing in: start at its first field.
        first = self.spec.fields[0].name
        self.detail.focus_field(first)

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        self._rebind()

    def _rebind(self) -> None:
        row = self.view.current_row()
        base = self.model.item_path(row) if row >= 0 else None
        if not self.detail.bound or base != self.detail.base:
            self.document.seal_merge()
            self.detail.bind(base, self.document.resume)
        self.detail.setVisible(base is not None)

    def _update_empty(self, *_: object) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.buttons.setVisible(not empty)
        if self.rule is not None:
            self.rule.setVisible(not empty)
        self.view.setVisible(not empty)
        self.view.updateGeometry()

    def refresh(self, resume: Resume) -> None:
        # The model has already followed the change (it subscribed first);
        # the current row may now point at another path.
        self._rebind()
        self.detail.refresh(resume)

    def focus_path(self, path: str) -> bool:
        """``work[1].position`` -> select job 1, focus its position."""
        prefix = f"{self.spec.list_path}["
        if not path.startswith(prefix):
            return False
        try:
            keys = edits.parse_path(path)
        except edits.EditError:
            return False
        depth = len(edits.parse_path(self.spec.list_path))
        row = keys[depth] if len(keys) > depth else None
        if not isinstance(row, int) or not 0 <= row < self.model.rowCount():
            return False
        self.view.set_current_row(row)
        rest = edits.format_path(keys[depth + 1 :]) if len(keys) > depth + 1 else ""
        if not rest or not self.detail.focus_field(rest):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class EntriesForm(SectionForm):
    def __init__(
        self, key: str, document: ResumeDocument, spec: EntrySpec, parent: QWidget | None = None
    ) -> None:
        super().__init__(key, document, parent)
        self.editor = EntriesEditor(document, spec, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        self.editor.view.focused.connect(lambda: self._set_active_list(self.editor.view))
        self.editor.detail.focusedList.connect(self._set_active_list)
        self._set_active_list(self.editor.view)
        self._connect_document()

    def refresh(self, resume: Resume) -> None:
        self.editor.refresh(resume)

    def focus_path(self, path: str) -> None:
        self.editor.focus_path(path)

    def active_list(self) -> ListEditing | None:
        active = super().active_list()
        # A bullet list of an entry that is no longer shown is no target.
        if isinstance(active, TextListEditor) and active.model.list_path is None:
            return self.editor.view
        return active
