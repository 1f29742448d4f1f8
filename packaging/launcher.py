"""The script every frozen executable starts from.

One PyInstaller analysis feeds up to two executables that share one runtime folder:

* ``resume-studio`` — a console program (the headless CLI; with no arguments, or a
  file, it opens the editor exactly like the pip-installed command does).
* ``resume-studio-gui`` — built on Windows and macOS only, with no console: a
  Windows GUI-subsystem exe never flashes a console window when a résumé is
  double-clicked, and it is the executable inside the macOS ``.app``. It always
  opens the editor.

On Linux an ELF has no console/GUI distinction, so ``resume-studio`` does both.
The executable's own name decides which entry point runs.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path


def _is_gui_executable() -> bool:
    return Path(sys.executable).stem.lower().endswith("-gui")


FIRST_PAINT_ENV = "RESUME_STUDIO_REPORT_FIRST_PAINT"


def _restore_library_path() -> None:
    """Give the programs the app starts the user's own library path back.

    PyInstaller's Linux bootloader points LD_LIBRARY_PATH at the bundle (keeping the
    user's value in LD_LIBRARY_PATH_ORIG). Every child inherits it: ``xdg-open``,
    launched when the export dialog opens a folder, would run the file manager on
    the bundle's glib and libstdc++ instead of the system's. The dynamic loader read
    the variable when this process started, so changing it now only affects children.
    """
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original


def _report_first_paint() -> None:
    """For packaging/smoke_test.py: print one line on stderr when a window first paints.

    The editor reuses a QApplication that already exists, so creating it here, with
    an application-wide event filter, observes the real start-up without any hook in
    the app itself. The measuring side timestamps the line when it arrives, which
    counts the bootloader and the unpacking of the runtime too.
    """
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.isWindow()
            ):
                app.removeEventFilter(self)
                sys.stderr.write(f"first-paint: {type(watched).__name__}\n")
                sys.stderr.flush()
            return False

    app = QApplication([sys.argv[0]])
    watcher = FirstPaint(app)
    app.installEventFilter(watcher)


def _ensure_std_streams() -> None:
    """A windowed Windows exe has no console: sys.stdout and sys.stderr are None there,
    and the first message the app writes (a warning, the smoke test's result) would
    raise AttributeError. Such messages go nowhere instead, as they would anyway.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115


def main() -> int:
    # A frozen program that ever starts a multiprocessing child must call this first.
    multiprocessing.freeze_support()
    _ensure_std_streams()
    _restore_library_path()
    if os.environ.get(FIRST_PAINT_ENV) == "1":
        _report_first_paint()
    if _is_gui_executable():
        from desktop.app import main as gui_main

        return int(gui_main(sys.argv[1:]))
    from exporters.cli import main as cli_main

    return int(cli_main(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
