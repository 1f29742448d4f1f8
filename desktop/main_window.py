"""The editor window: section navigator | section form | live preview.

The window wires parts together and owns no logic of its own: file handling is
in ``file_actions``, section settings in ``section_settings``, rendering in
``preview``, exporting in ``export_dialog``. Everything it needs is handed to
its constructor, so tests build it with a temporary settings file and scripted
dialogs.
"""

from __future__ import annotations

import contextlib
import functools
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from exporters.model.sections import section_title

from .about import AboutDialog
from .export_dialog import ExportDialog, ExportReport, ExportRunner
from .file_actions import Dialogs, FileController
from .icons import icon
from .navigator import HEADER_KEY, HEADER_TITLE, SectionNavigator
from .preview import PREVIEW_FORMATS, PreviewPane
from .section_settings import DocumentSettingsBox, set_section_hidden

if TYPE_CHECKING:
    from exporters.model import Resume
    from exporters.registry import Registry

    from .autosave import AutosaveManager
    from .document import ResumeDocument
    from .settings import AppSettings

APP_NAME = "Résumé Studio"
FormFactory = Callable[[str, "ResumeDocument", QWidget | None], QWidget]
Std = QKeySequence.StandardKey


def default_form_factory() -> FormFactory:
    from .forms import create_form

    return create_form


class MainWindow(QMainWindow):
    exportFinished = Signal(object)  # ExportReport of File ▸ Export ▸ <format>

    def __init__(
        self,
        document: ResumeDocument,
        registry: Registry | None,
        settings: AppSettings,
        dialogs: Dialogs | None = None,
        *,
        form_factory: FormFactory | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.registry = registry
        self.settings = settings
        self.dialogs = dialogs or Dialogs()
        self.form_factory = form_factory or default_form_factory()
        self.pool = pool
        self.files = FileController(document, settings, self.dialogs, self)
        self.export_runner = ExportRunner(pool, self)
        self.export_runner.finished.connect(self._single_export_finished)
        self.export_dialog: ExportDialog | None = None
        self.autosave: AutosaveManager | None = None
        self._forms: dict[str, QWidget] = {}
        self._list: Any = None  # the ListEditing the Edit menu acts on

        self._build_panes()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.statusBar().setSizeGripEnabled(True)

        document.changed.connect(self._document_changed)
        document.cleanChanged.connect(self._clean_changed)
        # Bound methods, not lambdas: Qt drops them when the window is destroyed,
        # and the document may outlive its window.
        document.pathChanged.connect(self._path_changed)
        document.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.files.recentChanged.connect(self._fill_recent_menu)
        self.files.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.files.loaded.connect(self._document_loaded)
        self.navigator.sectionChosen.connect(self.show_section)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        self._default_size()
        self._restore_state()
        self.show_section(HEADER_KEY)
        self._update_title()
        self._fill_recent_menu()
        self.preview.set_current_format(settings.preview_format())
        self.preview.set_resume(document.resume, new_document=True)
        if registry is not None:
            self.set_registry(registry)

    # --- layout --------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.navigator = SectionNavigator(self.document, self)
        self.navigator.setFrameShape(QFrame.Shape.NoFrame)
        self.document_settings = DocumentSettingsBox(self.document, self)
        nav_title = _pane_title("Sections")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.setSpacing(6)
        left_layout.addWidget(nav_title)
        left_layout.addWidget(self.navigator, 1)
        left_layout.addWidget(_pane_title("Page"))
        left_layout.addWidget(self.document_settings)

        self.form_title = _pane_title("", size=1.35)
        self.form_title.setTextFormat(Qt.TextFormat.RichText)
        self.form_stack = QStackedWidget(self)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(12, 8, 12, 8)
        middle_layout.setSpacing(8)
        middle_layout.addWidget(self.form_title)
        middle_layout.addWidget(self.form_stack, 1)

        self.preview = PreviewPane(self.registry, self, pool=self.pool)
        self.preview.formatChanged.connect(self._preview_format_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (left, middle, self.preview):
            self.splitter.addWidget(pane)
        left.setMinimumWidth(160)
        middle.setMinimumWidth(300)
        self.preview.setMinimumWidth(260)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([250, 560, 630])
        self.setCentralWidget(self.splitter)

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence.StandardKey | str | None = None,
        icon_name: str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        f = self.files
        self.act_new = self._action("&New", f.new, Std.New, "new", "Start a new, empty résumé")
        self.act_open = self._action("&Open…", f.open, Std.Open, "open", "Open a résumé file")
        self.act_import_md = self._action(
            "&Markdown Résumé…",
            lambda: f.import_file("markdown"),
            None,
            "import",
            "Import a résumé written in Markdown",
        )
        self.act_import_json = self._action(
            "&JSON Resume…",
            lambda: f.import_file("json"),
            None,
            None,
            "Import a JSON Resume file made by another tool, as a new document",
        )
        self.act_save = self._action("&Save", f.save, Std.Save, "save", "Save the résumé")
        self.act_save_as = self._action("Save &As…", f.save_as, Std.SaveAs, "save-as")
        self.act_export_all = self._action(
            "Export &All…", self.export_all, "Ctrl+E", "export", "Export several formats at once"
        )
        self.act_quit = self._action("&Quit", self.close, Std.Quit, "quit")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.document.undo_stack
        self.act_undo = stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence(Std.Undo))
        self.act_undo.setIcon(icon("undo"))
        self.act_redo = stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(QKeySequence(Std.Redo))
        self.act_redo.setIcon(icon("redo"))

        self.act_add = self._action(
            "&Add",
            lambda: self._list_call("add_item"),
            "Ctrl+Return",
            "add",
            "Add an entry to the current list",
        )
        self.act_duplicate = self._action(
            "D&uplicate",
            lambda: self._list_call("duplicate_item"),
            "Ctrl+D",
            "duplicate",
            "Duplicate the current entry",
        )
        self.act_remove = self._action(
            "Re&move",
            lambda: self._list_call("remove_item"),
            "Ctrl+Shift+Backspace",
            "remove",
            "Remove the current entry",
        )
        self.act_move_up = self._action(
            "Move &Up",
            lambda: self._list_call("move_item", -1),
            "Alt+Up",
            "up",
            "Move the current entry up",
        )
        self.act_move_down = self._action(
            "Move Do&wn",
            lambda: self._list_call("move_item", 1),
            "Alt+Down",
            "down",
            "Move the current entry down",
        )
        self.list_actions = [
            self.act_add,
            self.act_duplicate,
            self.act_remove,
            self.act_move_up,
            self.act_move_down,
        ]

        self.act_section_up = self._action(
            "Move Section &Up",
            lambda: self._move_section(-1),
            "Ctrl+Alt+Up",
            None,
            "Move the section up the page",
        )
        self.act_section_down = self._action(
            "Move Section &Down",
            lambda: self._move_section(1),
            "Ctrl+Alt+Down",
            None,
            "Move the section down the page",
        )
        self.act_section_rename = self._action(
            "&Rename Section…",
            self.navigator.rename_current,
            "F2",
            None,
            "Change the section's printed title",
        )
        self.act_section_visible = QAction("&Show Section on the Page", self)
        self.act_section_visible.setCheckable(True)
        self.act_section_visible.toggled.connect(self._toggle_section_visible)

        self.format_group = QActionGroup(self)
        self.format_actions: dict[str, QAction] = {}
        for i, fmt in enumerate(PREVIEW_FORMATS, start=1):
            action = QAction(f"Preview {fmt.title}", self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(
                lambda _c=False, n=fmt.name: self.preview.set_current_format(n)
            )
            self.format_group.addAction(action)
            self.format_actions[fmt.name] = action
        self.act_zoom_in = self._action("Zoom &In", self.preview.zoom_in, Std.ZoomIn, "zoom-in")
        self.act_zoom_out = self._action(
            "Zoom &Out", self.preview.zoom_out, Std.ZoomOut, "zoom-out"
        )
        self.act_fit = self._action("&Fit Width", self.preview.fit_width, "Ctrl+0", "zoom-fit")
        self.act_about = self._action("&About Résumé Studio", self.show_about, None, "about")
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        import_menu = file_menu.addMenu(icon("import"), "&Import")
        import_menu.addActions([self.act_import_md, self.act_import_json])
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu(icon("export"), "&Export")
        self.export_actions: dict[str, QAction] = {}
        self.export_menu.setEnabled(False)
        self.act_export_all.setEnabled(False)
        file_menu.addAction(self.act_export_all)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions(self.list_actions)
        edit_menu.addSeparator()
        section_menu = edit_menu.addMenu("&Section")
        section_menu.addActions([self.act_section_rename, self.act_section_visible])
        section_menu.addSeparator()
        section_menu.addActions([self.act_section_up, self.act_section_down])

        view_menu = bar.addMenu("&View")
        view_menu.addActions(list(self.format_actions.values()))
        view_menu.addSeparator()
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit])

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.act_new, self.act_open, self.act_save])
        bar.addSeparator()
        bar.addActions([self.act_undo, self.act_redo])
        bar.addSeparator()
        bar.addActions(self.list_actions)
        bar.addSeparator()
        bar.addAction(self.act_export_all)
        self.addToolBar(bar)
        # Text beside the icon only where it adds meaning; arrows say enough.
        for action in (self.act_move_up, self.act_move_down, self.act_undo, self.act_redo):
            button = bar.widgetForAction(action)
            if button is not None:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)  # type: ignore[attr-defined]

    def set_registry(self, registry: Registry) -> None:
        """Take the export formats: one File ▸ Export entry each, and the preview's exporters.

        ``desktop.app`` loads them after the window is painted, so start-up
        does not wait for every plugin to import.
        """
        self.registry = registry
        self.export_menu.clear()
        self.export_actions.clear()
        for name, exporter in registry.exporters.items():
            info = exporter.info
            action = self._action(
                f"{info.display_name} (.{info.extension})…",
                functools.partial(self.export_one, name),
                tip=f"Export the résumé as {info.display_name}",
            )
            self.export_actions[name] = action
            self.export_menu.addAction(action)
        self.export_menu.setEnabled(bool(self.export_actions))
        self.act_export_all.setEnabled(bool(self.export_actions))
        self.preview.set_registry(registry)
        for problem in registry.problems:
            self.statusBar().showMessage(str(problem), 10000)

    def attach_autosave(self, manager: AutosaveManager) -> None:
        """Keep a recovery copy of unsaved work; it is removed when the window closes cleanly."""
        self.autosave = manager
        manager.failed.connect(self._autosave_failed)

    def _autosave_failed(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 15000)

    # --- sections and forms --------------------------------------------------------

    def current_section(self) -> str:
        return self.navigator.current_key()

    def current_form(self) -> QWidget | None:
        return self._forms.get(self.current_section())

    def show_section(self, key: str) -> None:
        if self.navigator.current_key() != key:
            self.navigator.select_key(key)  # comes back here through sectionChosen
            return
        form = self._forms.get(key)
        if form is None:
            form = self.form_factory(key, self.document, self.form_stack)
            self._forms[key] = form
            self.form_stack.addWidget(form)
            signal = getattr(form, "activeListChanged", None)
            if signal is not None:
                signal.connect(lambda _l, f=form: self._bind_list(f))
        self.form_stack.setCurrentWidget(form)
        self._update_form_title()
        self._bind_list(form)
        self._update_section_actions()

    def _drop_forms(self) -> None:
        self._bind_list(None)
        for form in self._forms.values():
            self.form_stack.removeWidget(form)
            form.deleteLater()
        self._forms.clear()

    def _update_form_title(self) -> None:
        key = self.current_section()
        resume = self.document.resume
        title = HEADER_TITLE if key == HEADER_KEY else section_title(resume, key)
        text = html.escape(title)
        if key in resume.settings.hiddenSections:
            # Said next to the title, so nobody wonders why edits don't show.
            text += "<span style='font-weight:normal; color:gray'> — hidden from the page</span>"
        self.form_title.setText(text)

    def _move_section(self, delta: int) -> None:
        self.navigator.section_model.move_section(self.current_section(), delta)

    def _toggle_section_visible(self, visible: bool) -> None:
        key = self.current_section()
        if key != HEADER_KEY:
            set_section_hidden(self.document, key, not visible)

    def _update_section_actions(self) -> None:
        key = self.current_section()
        model = self.navigator.section_model
        is_section = key != HEADER_KEY
        self.act_section_up.setEnabled(model.can_move(key, -1))
        self.act_section_down.setEnabled(model.can_move(key, 1))
        self.act_section_rename.setEnabled(is_section)
        self.act_section_visible.setEnabled(is_section)
        self.act_section_visible.blockSignals(True)
        self.act_section_visible.setChecked(
            is_section and key not in self.document.resume.settings.hiddenSections
        )
        self.act_section_visible.blockSignals(False)

    # --- the Edit menu's list actions ----------------------------------------------

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._bind_list(self.current_form())

    def _bind_list(self, form: QWidget | None) -> None:
        if form is not None and form is not self.current_form():
            return
        active = getattr(form, "active_list", None)
        new_list = active() if callable(active) else None
        if new_list is not self._list:
            old_signal = getattr(self._list, "listStateChanged", None)
            if old_signal is not None:
                # The old list may already be gone with its form.
                with contextlib.suppress(RuntimeError, TypeError):
                    old_signal.disconnect(self._update_list_actions)
            self._list = new_list
            signal = getattr(new_list, "listStateChanged", None)
            if signal is not None:
                signal.connect(self._update_list_actions)
        self._update_list_actions()

    def _update_list_actions(self) -> None:
        state = (False,) * 5
        if self._list is not None:
            try:
                state = tuple(self._list.list_state())
            except RuntimeError:  # its widget was deleted with an old form
                self._list = None
        for action, enabled in zip(self.list_actions, state, strict=True):
            action.setEnabled(bool(enabled))

    def _list_call(self, method: str, *args: Any) -> None:
        if self._list is None:
            return
        from exporters.model.edits import EditError

        try:
            getattr(self._list, method)(*args)
        except EditError as exc:
            self.statusBar().showMessage(str(exc), 5000)
        self._update_list_actions()

    # --- document events -----------------------------------------------------------

    def _document_changed(self, resume: Resume) -> None:
        self.preview.set_resume(resume)
        self._update_form_title()
        self._update_section_actions()

    def _document_loaded(self) -> None:
        key = self.current_section()
        self._drop_forms()
        self.navigator.select_key(
            key if self.navigator.section_model.row_of(key) >= 0 else HEADER_KEY
        )
        self.show_section(self.navigator.current_key())
        self.preview.set_resume(self.document.resume, new_document=True)
        self._update_title()

    def _path_changed(self, _path: object) -> None:
        self._update_title()

    def _undo_index_changed(self, _index: int) -> None:
        self._update_section_actions()

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(not self.document.is_clean())
        path = self.document.path
        self.setWindowFilePath(str(path) if path else "")

    def _preview_format_changed(self, name: str) -> None:
        self.format_actions[name].setChecked(True)
        self.act_fit.setEnabled(name == "pdf")
        self.settings.set_preview_format(name)

    # --- recent files ----------------------------------------------------------------

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for i, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.files.open_recent(p))
        if files:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Menu")
            clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self._fill_recent_menu()

    # --- export ----------------------------------------------------------------------

    def export_all(self) -> ExportDialog | None:
        if self.registry is None:
            return None
        dialog = ExportDialog(
            self.document.resume, self.registry, self.settings, self.dialogs, self, pool=self.pool
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def export_one(self, name: str) -> bool:
        from exporters.cli import default_basename

        if self.registry is None:
            return False
        info = self.registry.get(name).info
        folder = self.settings.last_folder("export") or str(Path.home())
        suggested = str(Path(folder) / f"{default_basename(self.document.resume)}.{info.extension}")
        path = self.dialogs.save_path(
            self,
            f"Export {info.display_name}",
            suggested,
            f"{info.display_name} (*.{info.extension})",
        )
        if path is None:
            return False
        if path.suffix.lower() != f".{info.extension}":
            path = path.with_name(f"{path.name}.{info.extension}")
        self.settings.set_last_folder("export", path.parent)
        self.statusBar().showMessage(f"Exporting {path.name}…")
        self.export_runner.start(self.document.resume, self.registry, {name: path})
        return True

    def _single_export_finished(self, report: ExportReport) -> None:
        from .export_dialog import size_text

        for written in report.written:
            self.statusBar().showMessage(
                f"Exported {written.path.name} ({size_text(written.size)})", 8000
            )
        for name, reason in report.failed:
            self.statusBar().clearMessage()
            self.dialogs.error(self, "Export failed", f"The {name} export failed.", reason)
        self.exportFinished.emit(report)

    # --- help, closing ---------------------------------------------------------------

    def show_about(self) -> None:
        AboutDialog(self).exec()

    def _default_size(self) -> None:
        """1440×900, or nine tenths of a smaller screen, until the user picks a size."""
        width, height = 1440, 900
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    def _restore_state(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.splitter_state()
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.splitter.saveState())
        self.settings.set_last_file(self.document.path)
        self.settings.sync()
        self.preview.shutdown()
        if self.autosave is not None:
            self.autosave.close()  # saved or discarded on purpose: no recovery needed
        if self.export_runner.running:
            self.export_runner.pool.waitForDone(30_000)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        event.accept()


def _pane_title(text: str, size: float = 1.0) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    if size != 1.0:
        font.setPointSizeF(font.pointSizeF() * size)
    label.setFont(font)
    return label
