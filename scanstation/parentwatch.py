"""Worker processes end with their parent, however the parent ends.

A `ProcessPoolExecutor` worker blocks reading its task queue, whose pipe it holds both ends
of: when the parent is killed (SIGKILL, a crash, SIGTERM without cleanup) nothing tells
it, and it stays for ever, orphaned, with the resource tracker beside it. `watch_parent`,
given as the pool's `initializer`, starts a thread in the worker that waits on
`multiprocessing.parent_process().sentinel` — a pipe that reaches end-of-file when the
parent process is gone (POSIX), the parent's process handle (Windows) — and ends the
worker at once. Linux's parent-death signal (prctl) is not used: it fires when the parent
*thread* that spawned the worker ends, and pools spawn workers from whichever thread
submits first.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import time


def _exit_with_parent(sentinel: object | None, parent_pid: int) -> None:
    """Worker side: block until the parent process is gone, then end this process."""
    if sentinel is not None:
        multiprocessing.connection.wait([sentinel])  # type: ignore[list-item]
    else:  # no sentinel (not started by multiprocessing): poll the parent id
        while os.getppid() == parent_pid:
            time.sleep(0.5)
    os._exit(0)


def watch_parent() -> None:
    """Pool initializer: start the watch in this worker (returns at once)."""
    parent = multiprocessing.parent_process()
    sentinel = parent.sentinel if parent is not None else None
    threading.Thread(target=_exit_with_parent, args=(sentinel, os.getppid()),
                     name="parent-watch", daemon=True).start()
