"""Export: write chosen formats to a folder in the background, then say what was written.

The work (render + atomic write) is a plain function run on a pool thread; the
dialog only collects choices and shows the report it gets back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .icons import icon

if TYPE_CHECKING:
    from exporters.model import Resume
    from exporters.registry import Registry

    from .file_actions import Dialogs
    from .settings import AppSettings


@dataclass(frozen=True, slots=True)
class WrittenFile:
    format: str
    path: Path
    size: int


@dataclass
class ExportReport:
    written: list[WrittenFile] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # format, reason
    notes: list[tuple[str, str]] = field(default_factory=list)  # format, note

    @property
    def ok(self) -> bool:
        return not self.failed


def export_to(resume: Resume, registry: Registry, targets: dict[str, Path]) -> ExportReport:
    """Render each format and write it atomically. Runs on a pool thread: no widgets."""
    from exporters.atomic import atomic_write
    from exporters.notes import collecting
    from exporters.registry import ExportError
    from exporters.theme import resolve

    report = ExportReport()
    theme = resolve(resume)
    for name, target in targets.items():
        try:
            exporter = registry.get(name)
            with collecting() as notes:
                data = exporter.export(resume, theme, exporter.info.options())
            atomic_write(target, data)
        except KeyError as exc:
            report.failed.append((name, str(exc.args[0])))
            continue
        except ExportError as exc:
            report.failed.append((name, str(exc)))
            continue
        except OSError as exc:
            report.failed.append((name, f"can't write {target.name}: {exc.strerror or exc}"))
            continue
        except Exception as exc:  # a plugin's bug must not hide the other formats
            report.failed.append((name, f"the exporter failed ({type(exc).__name__}: {exc})"))
            continue
        report.written.append(WrittenFile(name, target, len(data)))
        report.notes.extend((name, n) for n in notes)
    return report


class _ExportSignals(QObject):
    finished = Signal(object)  # ExportReport


class ExportJob(QRunnable):
    def __init__(
        self, resume: Resume, registry: Registry, targets: dict[str, Path], signals: _ExportSignals
    ):
        super().__init__()
        self.resume, self.registry, self.targets, self.signals = resume, registry, targets, signals

    def run(self) -> None:
        self.signals.finished.emit(export_to(self.resume, self.registry, self.targets))


class ExportRunner(QObject):
    """Starts an export on a pool thread and reports back on the GUI thread."""

    finished = Signal(object)  # ExportReport

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._signals = _ExportSignals(self)
        self._signals.finished.connect(self.finished)
        self.running = False
        self.finished.connect(self._done)

    def start(self, resume: Resume, registry: Registry, targets: dict[str, Path]) -> None:
        self.running = True
        self.pool.start(ExportJob(resume, registry, targets, self._signals))

    def _done(self, _report: ExportReport) -> None:
        self.running = False


def size_text(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KB"


def summary_html(report: ExportReport) -> str:
    lines: list[str] = []
    if report.written:
        count = len(report.written)
        lines.append(
            f"<b>Wrote {count} file{'s' if count != 1 else ''}</b> to {_esc(str(report.written[0].path.parent))}:"
        )
        lines.append(
            "<ul>"
            + "".join(f"<li>{_esc(w.path.name)} ({size_text(w.size)})</li>" for w in report.written)
            + "</ul>"
        )
    for name, reason in report.failed:
        lines.append(f"<p><b>{_esc(name)} failed:</b> {_esc(reason)}</p>")
    for name, note in report.notes:
        lines.append(f"<p>{_esc(name)}: {_esc(note)}</p>")
    return "".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ExportDialog(QDialog):
    """Export All…: formats, folder and base name; the summary replaces the form when done."""

    exported = Signal(object)  # ExportReport

    def __init__(
        self,
        resume: Resume,
        registry: Registry,
        settings: AppSettings,
        dialogs: Dialogs,
        parent: QWidget | None = None,
        *,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        from exporters.cli import default_basename

        self.setWindowTitle("Export Résumé")
        self.resume = resume
        self.registry = registry
        self.settings = settings
        self.dialogs = dialogs
        self.report: ExportReport | None = None
        self.runner = ExportRunner(pool, self)
        self.runner.finished.connect(self._finished)

        formats = QGroupBox("Formats", self)
        grid = QGridLayout(formats)
        self.checks: dict[str, QCheckBox] = {}
        chosen = self._remembered_formats()
        for i, (name, exporter) in enumerate(registry.exporters.items()):
            info = exporter.info
            box = QCheckBox(f"{info.display_name} (.{info.extension})", formats)
            box.setChecked(name in chosen)
            box.toggled.connect(self._update_buttons)
            self.checks[name] = box
            grid.addWidget(box, i // 2, i % 2)
        if not self.checks:
            grid.addWidget(QLabel("No export formats are installed.", formats), 0, 0)

        self.folder = QLineEdit(self)
        self.folder.setText(settings.last_folder("export") or str(Path.home()))
        self.folder.textChanged.connect(self._update_buttons)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.basename = QLineEdit(default_basename(resume), self)
        self.basename.textChanged.connect(self._update_buttons)
        self.basename.setToolTip("The file name without extension; each format adds its own")
        form = QFormLayout()
        folder_label = QLabel("&Folder:", self)
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy by itself
        form.addRow(folder_label, folder_row)
        form.addRow("File &name:", self.basename)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.hide()

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setIcon(icon("export"))
        self.open_folder_button = self.buttons.addButton(
            "Open Folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_folder_button.setIcon(icon("folder"))
        self.open_folder_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start_export)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(formats)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update_buttons()

    def _remembered_formats(self) -> set[str]:
        value = self.settings.store.value("export/formats", "")
        if isinstance(value, str) and value:
            return set(value.split(","))
        return {"pdf", "docx", "txt", "md"}

    def selected_formats(self) -> list[str]:
        return [name for name, box in self.checks.items() if box.isChecked()]

    def targets(self) -> dict[str, Path]:
        folder = Path(self.folder.text().strip()).expanduser()
        base = self.basename.text().strip()
        return {
            name: folder / f"{base}.{self.registry.get(name).info.extension}"
            for name in self.selected_formats()
        }

    def _update_buttons(self) -> None:
        ready = (
            bool(self.selected_formats())
            and bool(self.folder.text().strip())
            and _valid_name(self.basename.text().strip())
            and not self.runner.running
        )
        self.export_button.setEnabled(ready)

    def _browse(self) -> None:
        folder = self.dialogs.folder(self, "Export To Folder", self.folder.text())
        if folder is not None:
            self.folder.setText(str(folder))

    def start_export(self) -> None:
        folder = Path(self.folder.text().strip()).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.dialogs.error(
                self,
                "Can't export",
                f"The folder {folder} can't be created.",
                exc.strerror or str(exc),
            )
            return
        self.settings.set_last_folder("export", folder)
        self.settings.store.setValue("export/formats", ",".join(self.selected_formats()))
        self.runner.start(self.resume, self.registry, self.targets())
        self.export_button.setEnabled(False)
        self.summary.setText("Exporting…")
        self.summary.show()

    def _finished(self, report: ExportReport) -> None:
        self.report = report
        self.summary.setText(summary_html(report))
        self.open_folder_button.setVisible(bool(report.written))
        self.close_button.setText("Close")
        self.close_button.setDefault(True)
        self._update_buttons()
        self.exported.emit(report)

    def open_folder(self) -> None:
        folder = Path(self.folder.text().strip()).expanduser()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        if self.runner.running:
            self.runner.pool.waitForDone(30_000)
        super().reject()


def _valid_name(name: str) -> bool:
    return bool(name) and not any(c in name for c in '/\\:*?"<>|') and name not in {".", ".."}
