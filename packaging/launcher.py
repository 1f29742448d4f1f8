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
import sys
from pathlib import Path


def _is_gui_executable() -> bool:
    return Path(sys.executable).stem.lower().endswith("-gui")


def main() -> int:
    # A frozen program that ever starts a multiprocessing child must call this first.
    multiprocessing.freeze_support()
    if _is_gui_executable():
        from desktop.app import main as gui_main

        return int(gui_main(sys.argv[1:]))
    from exporters.cli import main as cli_main

    return int(cli_main(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
