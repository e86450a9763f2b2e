"""How long archive jobs report progress and notice cancellation.

The window runs pack/verify/export on a worker thread: it passes a callback (bytes done,
bytes total, a short label) and a `threading.Event`; the core calls back between chunks and
stops cleanly (no half-finished file left looking complete) once the event is set.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from scanstation.archive.errors import Cancelled

ProgressCallback = Callable[[int, int, str], None]
CHUNK = 1024 * 1024


def no_progress(_done: int, _total: int, _label: str) -> None:
    """Default callback: the command line and tests that do not watch progress."""


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()
