"""A guard against a reference-counting bug in PySide6 6.12.0.

``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
each emit from Python leaves ``True`` one reference short. ``True`` starts a
process with a few thousand references; after that many emits (a few thousand
keystrokes: every keystroke emits ``document.changed`` and more) the
interpreter aborts with "bool_dealloc: deallocating True or False".

The guard detects the bug once, then keeps ``True``'s count far from zero by
holding extra references, topped up from places that run on every edit. The
lists holding them are leaked on purpose: freeing them at exit would hand
back references that the emits already took away. When PySide6 is fixed the
check finds nothing and the guard does nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_CHUNK = 100_000  # references added at a time (800 KB of list slots)
_FLOOR = 50_000  # top up when True has fewer references than this


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before


EMIT_LOSES_TRUE = _emit_loses_a_reference()


def keep_true_alive(*_: object) -> None:
    """Cheap enough to call on every document change."""
    if EMIT_LOSES_TRUE and sys.getrefcount(True) < _FLOOR:
        held = [True] * _CHUNK
        # One extra reference that nobody releases: the list outlives the interpreter.
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(held))


keep_true_alive()
