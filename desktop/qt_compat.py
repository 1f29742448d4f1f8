"""Work around a reference-counting bug in PySide6 6.12.0 on Python 3.11.

Every call of a C++ method that returns nothing (``setValue``,
``processEvents``…) drops one reference to ``None``, and ``Signal.emit()`` and
bool-returning methods drop one to ``True``/``False``: shiboken hands back the
singleton without taking the reference it gives away. ``None`` starts a process
with a few thousand references, so after some minutes of editing CPython 3.11
aborts with "deallocating None".

Python 3.12 made the singletons immortal, which makes the bug harmless. On 3.11
we do the same by hand when a probe shows the bug: each singleton's count is
raised by 2**40, more than any session can use up. They are static objects that
are never freed anyway, so an inflated count costs nothing. Pinning PySide6 below
6.12 was the alternative; QtPdf then only comes in the 670 MB Addons wheel.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_HEADROOM = 2**40


class _Probe(QObject):
    ping = Signal()


def singletons_leak() -> bool:
    """Whether this PySide6 drops references to None or True (measured, not guessed)."""
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")
        probe.ping.emit()
    return sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before


def make_singletons_immortal() -> bool:
    """Apply the workaround if this PySide6 needs it; returns whether it did."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not singletons_leak():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    return True


APPLIED = make_singletons_immortal()
