"""Fields bound to a place in the document, built from a small spec table.

A ``FieldsForm`` is a ``QFormLayout`` of fields under one base path (``basics``,
``work[2]``). Each field writes through the document as the user types and
re-reads the document after every change, touching the widget only when the
value really differs, so the field being typed in keeps its cursor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from exporters.model import Resume, edits
from exporters.model.checks import range_problem

from ..document import ResumeDocument
from .bullets import TextListEditor
from .date_field import DateField
from .markup_edit import MarkupEdit
from .validation import CHECKERS, ProblemLabel

LIST_KEYS_BULLETS = (
    "Enter: new bullet \u00b7 Ctrl+B bold \u00b7 Ctrl+I italic \u00b7 Alt+\u2191/\u2193 move"
)
LIST_KEYS_KEYWORDS = "Enter: next keyword \u00b7 Alt+\u2191/\u2193 move"

Kind = Literal["text", "email", "url", "date", "end", "paragraph", "bullets", "keywords"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str  # JSON path below the base: "position", "location.city"
    label: str
    kind: Kind = "text"
    placeholder: str = ""
    chars: int | None = None  # a narrower field for short values (phone, year)
    tip: str = ""
    lines: int = 3  # paragraph height before it grows
    add_text: str = ""  # "Add bullet" for list fields


def join(base: str | None, name: str) -> str:
    return f"{base}.{name}" if base else name


def read_text(resume: Resume, path: str | None) -> str:
    if path is None:
        return ""
    try:
        value = edits.get(resume, path)
    except edits.EditError:
        return ""
    return value if isinstance(value, str) else ""


class FieldLineEdit(QLineEdit):
    """A line edit that leaves Undo/Redo to the document and reports focus loss."""

    focusLost = Signal()
    focused = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            event.ignore()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()

    def set_text(self, text: str) -> None:
        if text == self.text():
            return
        position = self.cursorPosition()
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        if self.hasFocus():
            self.setCursorPosition(min(position, len(text)))


class BoundField:
    """One spec'd field: its widget, its problem label, its path."""

    def __init__(self, spec: FieldSpec, document: ResumeDocument, parent: QWidget) -> None:
        self.spec = spec
        self.document = document
        self.base: str | None = None
        self.problem = ProblemLabel(parent)
        self.editor = self._make(parent)
        self.widget = self._wrap(parent)

    @property
    def path(self) -> str | None:
        return join(self.base, self.spec.name) if self.base is not None else None

    # --- building --------------------------------------------------------------------

    def _make(self, parent: QWidget) -> QWidget:
        spec = self.spec
        editor: QWidget
        if spec.kind in ("text", "email", "url"):
            line = FieldLineEdit(parent)
            line.setPlaceholderText(spec.placeholder)
            line.setClearButtonEnabled(False)
            if spec.chars:
                line.setMaximumWidth(line.fontMetrics().horizontalAdvance("x" * spec.chars) + 24)
            line.textEdited.connect(self._text_edited)
            line.focusLost.connect(self.document.seal_merge)
            if spec.kind == "email":
                line.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
            elif spec.kind == "url":
                line.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
            editor = line
        elif spec.kind == "paragraph":
            text = MarkupEdit(parent, min_lines=spec.lines, placeholder=spec.placeholder)
            text.edited.connect(self._text_edited)
            text.editingFinished.connect(self.document.seal_merge)
            text.sealRequested.connect(self.document.seal_merge)
            editor = text
        elif spec.kind in ("date", "end"):
            date = DateField(present=spec.kind == "end", parent=parent)
            date.edited.connect(self._date_edited)
            date.editingFinished.connect(self.document.seal_merge)
            date.problemChanged.connect(self.problem.show_problem)
            editor = date
        else:
            keywords = spec.kind == "keywords"
            noun = "keyword" if keywords else "bullet"
            items = TextListEditor(
                self.document,
                noun=noun,
                add_text=spec.add_text or ("Add keyword" if keywords else "Add bullet"),
                placeholder=spec.placeholder,
                min_lines=1,
                parent=parent,
            )
            editor = items
        editor.setAccessibleName(spec.label)
        if spec.tip:
            editor.setToolTip(spec.tip)
        return editor

    def _wrap(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addWidget(self.problem)
        return box

    # --- user edits -----------------------------------------------------------------------

    def _text_edited(self, text: str) -> None:
        self._check(text)
        self._write(text, merge=True)

    def _date_edited(self, value: str) -> None:
        self._write(value, merge=False)

    def _write(self, value: str, *, merge: bool) -> None:
        if self.path is None:
            return
        label = f"Edit {self.spec.label.lower()}"
        try:
            self.document.set_value(self.path, value, label, merge=merge)
        except edits.EditError as exc:
            # The value does not fit the model (it never should from these
            # widgets); say so beside the field rather than lose the keystroke.
            self.problem.show_problem(str(exc))

    def _check(self, text: str) -> None:
        checker = CHECKERS.get(self.spec.kind)
        if checker is not None:
            self.problem.show_problem(checker(text))

    # --- document -> widget ----------------------------------------------------------------

    def bind(self, base: str | None, resume: Resume) -> None:
        self.base = base
        self.widget.setEnabled(base is not None)
        if isinstance(self.editor, TextListEditor):
            self.editor.set_list_path(self.path)
        self.refresh(resume, rebind=True)

    def refresh(self, resume: Resume, *, rebind: bool = False) -> None:
        editor, path = self.editor, self.path
        if isinstance(editor, FieldLineEdit | MarkupEdit):
            value = read_text(resume, path)
            editor.set_text(value)
            self._check(value)
        elif isinstance(editor, DateField):
            value = read_text(resume, path)
            start = (
                read_text(resume, join(self.base, "startDate")) if self.spec.kind == "end" else ""
            )
            editor.set_value(value, start=start, rebind=rebind)
            if self.spec.kind == "end":
                self.problem.show_problem(range_problem(start, value))

    def focus(self) -> None:
        target: Any = self.editor
        if isinstance(target, TextListEditor):
            if target.rows:
                target.editor_at(0).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(target, QLineEdit):
            target.selectAll()


class FieldsForm(QWidget):
    """A form of fields under one base path; ``focusedList`` reports the list
    editor (bullets, keywords) that took the focus."""

    focusedList = Signal(object)

    def __init__(
        self,
        document: ResumeDocument,
        specs: tuple[FieldSpec, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.fields: dict[str, BoundField] = {}
        self.base: str | None = None
        self.bound = False
        self.labels: list[QLabel] = []
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        # Labels sit level with the first line of their field, however tall it grows.
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._label_height = FieldLineEdit().sizeHint().height()
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setVerticalSpacing(8)
        for spec in specs:
            self.add_field(spec)

    def add_field(self, spec: FieldSpec) -> BoundField:
        field = BoundField(spec, self.document, self)
        self.fields[spec.name] = field
        if spec.kind in ("bullets", "keywords"):
            # Lists take the full width: their items are the longest text on the page.
            self.layout_.addRow(self._list_heading(spec, field.editor))
            self.layout_.addRow(field.widget)
            assert isinstance(field.editor, TextListEditor)
            editor = field.editor
            editor.focused.connect(lambda e=editor: self.focusedList.emit(e))
        else:
            label = QLabel(f"{spec.label}:", self)
            label.setBuddy(field.editor)
            # As tall as one line of a field, so it sits level with the first line.
            label.setFixedHeight(self._label_height)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.labels.append(label)
            self.layout_.addRow(label, field.widget)
        return field

    def _list_heading(self, spec: FieldSpec, buddy: QWidget) -> QWidget:
        """ "Highlights" on the left, the keys that matter here on the right."""
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 8, 0, 0)
        heading = QLabel(spec.label, row)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setBuddy(buddy)
        keys = LIST_KEYS_BULLETS if spec.kind == "bullets" else LIST_KEYS_KEYWORDS
        hint = QLabel(keys, row)
        small = hint.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        hint.setFont(small)
        palette = hint.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
        )
        hint.setPalette(palette)
        layout.addWidget(heading)
        layout.addStretch(1)
        layout.addWidget(hint)
        return row

    def label_width(self) -> int:
        return max((label.sizeHint().width() for label in self.labels), default=0)

    def set_label_width(self, width: int) -> None:
        for label in self.labels:
            label.setMinimumWidth(width)

    def list_editors(self) -> list[TextListEditor]:
        return [f.editor for f in self.fields.values() if isinstance(f.editor, TextListEditor)]

    def bind(self, base: str | None, resume: Resume) -> None:
        self.base, self.bound = base, True
        for field in self.fields.values():
            field.bind(base, resume)

    def refresh(self, resume: Resume) -> None:
        for field in self.fields.values():
            field.refresh(resume)

    def focus_field(self, name: str) -> bool:
        """Focus the field ``name`` (or the list item ``highlights[2]``)."""
        head = name.split("[", 1)[0]
        field = self.fields.get(name) or self.fields.get(head)
        if field is None:
            return False
        editor = field.editor
        if isinstance(editor, TextListEditor) and "[" in name:
            try:
                row = int(name.split("[", 1)[1].split("]", 1)[0])
            except ValueError:
                row = 0
            if 0 <= row < len(editor.rows):
                editor.editor_at(row).setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        field.focus()
        return True
