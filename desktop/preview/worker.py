"""Rendering a snapshot with an exporter, on a pool thread.

Like Anki's background operations, nothing here may touch a widget: the task
only renders bytes and hands them back through a queued signal. The résumé is
an immutable snapshot, so the GUI thread can keep editing meanwhile.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

if TYPE_CHECKING:
    from exporters.model import Resume
    from exporters.registry import Exporter


@dataclass(frozen=True, slots=True)
class RenderResult:
    format: str
    generation: int
    data: bytes = b""
    error: str = ""  # set when the exporter raised; shown in place of the preview
    notes: tuple[str, ...] = field(default=())
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


def render(exporter: Exporter, resume: Resume, fmt: str, generation: int) -> RenderResult:
    """Run one export and capture everything, exceptions included, as a result."""
    from exporters.notes import collecting
    from exporters.registry import ExportError
    from exporters.theme import resolve

    start = time.perf_counter()
    try:
        with collecting() as notes:
            theme = resolve(resume)
            options = exporter.info.options()
            data = exporter.export(resume, theme, options)
        if not isinstance(data, bytes | bytearray):
            raise TypeError(f"export() returned {type(data).__name__}, not bytes")
        return RenderResult(
            fmt, generation, bytes(data), notes=tuple(notes), seconds=time.perf_counter() - start
        )
    except ExportError as exc:
        return RenderResult(fmt, generation, error=str(exc) or "the export failed")
    except Exception as exc:  # a failing exporter must never take the editor down
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return RenderResult(fmt, generation, error=f"The exporter failed ({reason}).")


class RenderSignals(QObject):
    """Lives on the GUI thread; a pool thread's emit is queued to it."""

    finished = Signal(object)  # RenderResult


class RenderTask(QRunnable):
    def __init__(
        self, exporter: Exporter, resume: Resume, fmt: str, generation: int, signals: RenderSignals
    ) -> None:
        super().__init__()
        self.exporter = exporter
        self.resume = resume
        self.fmt = fmt
        self.generation = generation
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        result = render(self.exporter, self.resume, self.fmt, self.generation)
        self.signals.finished.emit(result)
