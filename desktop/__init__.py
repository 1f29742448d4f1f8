"""Résumé Studio's desktop editor (PySide6). The only package that imports Qt."""

# Must run before any widget emits a signal; see the module for the bug.
from . import qt_compat as _qt_compat  # noqa: F401
