"""Start the desktop editor."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print(
        "The Résumé Studio desktop editor is not built yet. "
        "Use 'resume-studio --help' for the headless commands.",
        file=sys.stderr,
    )
    return 0
