"""SIGTERM and Ctrl+C end a command cleanly, never in the middle of saving a page.

A signal becomes `KeyboardInterrupt` in the main thread, so every `finally` runs (pipeline
stopped, workers shut down, database closed). Inside `shielded()` — a page being written
and recorded — it is deferred to the end of the block: a page whose file is on disk always
gets its row, and the next run does not take the same source page again.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_state = {"depth": 0, "pending": 0}


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    if _state["depth"]:
        _state["pending"] = signum
        return
    raise KeyboardInterrupt


def install() -> None:
    """Route SIGTERM (and SIGINT) through `_on_signal`; main thread only, at start."""
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, _on_signal)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_signal)


@contextmanager
def shielded() -> Iterator[None]:
    """Defer an interrupt that arrives inside the block to its end (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _state["depth"] += 1
    try:
        yield
    finally:
        _state["depth"] -= 1
        if not _state["depth"] and _state["pending"]:
            _state["pending"] = 0
            raise KeyboardInterrupt
