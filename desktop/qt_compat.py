"""Work around a reference-counting bug in PySide6 6.12.0.

``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
every emit from Python leaves ``True`` one reference short. After a few
thousand emits (a few hundred keystrokes: each one emits ``document.changed``
and more) CPython 3.11 aborts with "bool_dealloc: deallocating True or False".

Python 3.12 made ``True`` immortal, which makes the bug harmless. On 3.11 we
do the same by hand: when a probe shows the bug, ``True``'s reference count is
raised so far (2**40) that no session can use it up. ``True`` is a static
object that is never freed anyway, so an inflated count costs nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_HEADROOM = 2**40


class _Probe(QObject):
    ping = Signal()


def emit_loses_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def make_true_immortal() -> bool:
    """Apply the workaround if this PySide6 needs it; returns whether it did."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not emit_loses_true():
        return False
    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(True)).value += _HEADROOM
    return True


APPLIED = make_true_immortal()
