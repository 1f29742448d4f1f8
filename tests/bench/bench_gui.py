"""Desktop editor benchmark: ``python tests/bench/bench_gui.py [--runs 5] [--minutes 1|5]``.

Prints a table of medians:

- cold start to a shown, painted window, and to the first PDF preview (a fresh
  process per run, offscreen, first start, so the bundled sample opens);
- last keystroke in a job's Position field to the PDF preview showing it
  (the 150 ms debounce included);
- the longest stall of the GUI event loop while previews render (a 10 ms timer
  probe: the render thread shares the GIL with the GUI);
- resident memory after exporting every format, and after N minutes of
  scripted editing (typing, adding and removing bullets, undo/redo, switching
  preview tabs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds() -> float:
    """User + system CPU of this process so far, all threads: unlike wall time,
    it hardly depends on how busy the other cores are."""
    times = os.times()
    return times.user + times.system


# --- child process: one cold start -------------------------------------------------


def child_startup() -> None:
    """Run the real ``desktop.app.main``; print when the window painted and the PDF showed."""
    from PySide6.QtCore import QEvent, QObject

    import desktop.main_window as main_window

    marks: dict[str, float] = {}
    original_init = main_window.MainWindow.__init__

    class FirstPaint(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in marks:
                marks["painted"] = time.time()
                marks["painted_cpu"] = cpu_seconds()
            return False

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        self._bench_filter = FirstPaint(self)
        self.installEventFilter(self._bench_filter)

        def rendered(fmt: str, ok: bool) -> None:
            if fmt == "pdf" and "pdf" not in marks:
                marks["pdf"] = time.time()
                marks["pdf_cpu"] = cpu_seconds()
                marks["pdf_ok"] = float(ok)
                sys.stdout.write(json.dumps(marks) + "\n")
                sys.stdout.flush()

        self.preview.rendered.connect(rendered)

    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    from desktop.app import main

    sys.exit(main(["--smoke-test"]))


def cold_start(runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    shown, pdf, shown_cpu, pdf_cpu = [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "XDG_CONFIG_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
            start = time.time()
            done = subprocess.run(
                [sys.executable, __file__, "--child-startup"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise SystemExit(f"the app did not start:\n{done.stderr}")
        marks = json.loads(lines[-1])
        shown.append(marks["painted"] - start)
        pdf.append(marks["pdf"] - start)
        shown_cpu.append(marks["painted_cpu"])
        pdf_cpu.append(marks["pdf_cpu"])
    return shown, pdf, shown_cpu, pdf_cpu


# --- in-process measurements -------------------------------------------------------


class StallProbe:
    """A 10 ms timer; the longest gap between ticks beyond 10 ms is the stall.

    It also notes how much CPU the whole process used during that gap: a long
    gap with almost no CPU means the OS did not run us (other programs on the
    same cores), not that the editor was busy.
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.last_cpu = 0.0
        self.worst = 0.0
        self.worst_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), cpu_seconds()
        if self.last and now - self.last - 0.010 > self.worst:
            self.worst = now - self.last - 0.010
            self.worst_cpu = cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu

    def start(self) -> None:
        self.worst, self.last, self.worst_cpu = 0.0, 0.0, 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def make_window(settings_dir: str) -> Any:
    from PySide6.QtCore import QSettings

    from desktop.document import ResumeDocument
    from desktop.file_actions import Answer, Dialogs
    from desktop.main_window import MainWindow
    from desktop.settings import AppSettings
    from exporters.model import load_resume
    from exporters.registry import default_registry
    from resources import SAMPLE_RESUME

    class Quiet(Dialogs):
        def ask_save(self, parent: Any, name: str) -> Answer:
            return Answer.DISCARD

    settings = AppSettings(QSettings(f"{settings_dir}/bench.ini", QSettings.Format.IniFormat))
    window = MainWindow(
        ResumeDocument(load_resume(SAMPLE_RESUME)), default_registry(), settings, Quiet()
    )
    window.resize(1440, 900)
    window.show()
    return window


def wait(app: Any, condition: Any, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the preview did not update")
        app.processEvents()
        time.sleep(0.001)


def keystroke_to_pdf(app: Any, window: Any, runs: int) -> tuple[list[float], list[float]]:
    """Type a new position; time from the last key to the PDF showing it, with the stall probe on."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    preview = window.preview
    preview.set_current_format("pdf")
    wait(app, lambda: not preview.is_pending("pdf"))
    latencies, stalls = [], []
    probe = StallProbe()
    for run in range(runs):
        window.show_section("work")
        window.current_form().focus_path("work[0].position")
        field = QApplication.focusWidget()
        field.selectAll()
        text = f"Principal Engineer {run}"
        rendered: list[float] = []

        def on_rendered(fmt: str, ok: bool, rendered: list[float] = rendered) -> None:
            if fmt == "pdf":
                rendered.append(time.perf_counter())

        preview.rendered.connect(on_rendered)
        probe.start()
        QTest.keyClicks(field, text)
        last_key = time.perf_counter()
        wait(app, lambda rendered=rendered: not preview.is_pending("pdf") and bool(rendered))
        latencies.append(rendered[-1] - last_key)
        app.processEvents()
        stalls.append(probe.stop())
        preview.rendered.disconnect(on_rendered)
        assert window.document.resume.work[0].position == text
    return latencies, stalls


def export_every_format(folder: Path) -> None:
    from desktop.export_dialog import export_to
    from exporters.model import load_resume
    from exporters.registry import default_registry
    from resources import SAMPLE_RESUME

    registry = default_registry()
    targets = {n: folder / f"bench.{e.info.extension}" for n, e in registry.exporters.items()}
    report = export_to(load_resume(SAMPLE_RESUME), registry, targets)
    assert report.ok, report.failed


def scripted_editing(app: Any, window: Any, minutes: float) -> tuple[int, float, float]:
    """Edit like a person would, quickly, for ``minutes``.

    Returns (edits, worst stall, CPU the process used during that stall)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    document = window.document
    probe = StallProbe()
    probe.start()
    end = time.perf_counter() + minutes * 60
    edits = 0
    formats = ["pdf", "txt", "md"]
    while time.perf_counter() < end:
        step = edits % 6
        if step == 0:
            window.show_section("work")
            window.current_form().focus_path("work[1].position")
            field = QApplication.focusWidget()
            QTest.keyClicks(field, " x")
        elif step == 1:
            document.append("work[0].highlights", "**Scripted:** a bullet added by the benchmark.")
        elif step == 2:
            document.remove("work[0].highlights[-1]")
        elif step == 3:
            document.undo_stack.undo()
        elif step == 4:
            document.undo_stack.redo()
        else:
            window.preview.set_current_format(formats[(edits // 6) % 3])
        edits += 1
        pause = time.perf_counter() + 0.12
        while time.perf_counter() < pause:
            app.processEvents()
            time.sleep(0.002)
    wait(app, lambda: not window.preview.is_pending())
    worst = probe.stop()
    return edits, worst, probe.worst_cpu


def table(rows: list[tuple[str, str, str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row)))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (default 5)")
    parser.add_argument("--minutes", type=float, default=1.0, help="scripted editing time (1 or 5)")
    parser.add_argument("--child-startup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_startup:
        child_startup()
        return 0
    runs = max(5, args.runs)

    load_before = os.getloadavg()[0]
    shown, first_pdf, shown_cpu, pdf_cpu = cold_start(runs)

    from PySide6.QtWidgets import QApplication

    import desktop  # noqa: F401  (applies desktop.qt_compat, as the app does)

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        window = make_window(tmp)
        latencies, stalls = keystroke_to_pdf(app, window, runs)
        rss_start = rss_mb()
        export_every_format(Path(tmp))
        rss_export = rss_mb()
        edits, edit_stall, edit_stall_cpu = scripted_editing(app, window, args.minutes)
        rss_edit = rss_mb()
        window.document.undo_stack.setClean()
        window.close()

    rows = [
        ("measure", "median", f"runs / detail (runs={runs})"),
        (
            "cold start -> painted window",
            ms(shown),
            f"{runs} processes, min {min(shown) * 1000:.0f} ms",
        ),
        ("cold start -> first PDF preview", ms(first_pdf), f"max {max(first_pdf) * 1000:.0f} ms"),
        ("  CPU time to painted window", ms(shown_cpu), "user+sys of the process"),
        ("  CPU time to first PDF preview", ms(pdf_cpu), "both threads"),
        ("last keystroke -> PDF updated", ms(latencies), f"{runs} edits, incl. 150 ms debounce"),
        ("worst event-loop stall per PDF render", ms(stalls), f"max {max(stalls) * 1000:.0f} ms"),
        (
            f"worst stall over {args.minutes:g} min editing",
            f"{edit_stall * 1000:.0f} ms",
            f"{edits} edits; {edit_stall_cpu * 1000:.0f} ms CPU used in it",
        ),
        ("RSS, window open with the sample", f"{rss_start:.0f} MB", "one process"),
        ("RSS after exporting every format", f"{rss_export:.0f} MB", "pdf, docx, txt, md, json"),
        (
            f"RSS after {args.minutes:g} min of editing",
            f"{rss_edit:.0f} MB",
            f"+{rss_edit - rss_export:.1f} MB",
        ),
    ]
    print(table(rows))
    cores = os.cpu_count()
    print(
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {cores} cores"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
