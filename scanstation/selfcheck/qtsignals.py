"""Does this PySide6 keep Python's reference counts when a signal is emitted?

PySide6 6.12.0 returns `True` from `SignalInstance.emit()` without taking a reference, so
each emitted signal takes one away from `True`. The window emits progress signals all day;
once `True` runs out of references Python aborts with «bool_dealloc», in the middle of a
package. pyproject keeps that release out, but a bundle or a hand-made venv may still carry
it, so the self-check (and a test) emits signals and counts.
"""

from __future__ import annotations

import ctypes
import sys

EMITS = 200


def lost_references() -> dict[str, int]:
    """References `True`, `False` and `None` lost over EMITS emissions (0 when sound)."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        number = Signal(int)
        flag = Signal(bool)
        anything = Signal(object)
        bare = Signal()

    probe = Probe()
    received: list[object] = []
    for signal in (probe.number, probe.flag, probe.anything):
        signal.connect(received.append)
    probe.bare.connect(lambda: None)
    singletons = {"True": True, "False": False, "None": None}
    before = {name: sys.getrefcount(value) for name, value in singletons.items()}
    for _ in range(EMITS):
        probe.number.emit(7)
        probe.flag.emit(False)
        probe.anything.emit(None)
        probe.bare.emit()
    received.clear()
    after = {name: sys.getrefcount(value) for name, value in singletons.items()}
    lost = {name: before[name] - after[name] for name in singletons}
    for name, count in lost.items():
        # Give back what a broken release took, so the probe leaves the process as it was.
        for _ in range(max(0, count)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(singletons[name]))
    return lost
