"""Run a call that may block in a driver (SANE listing, D-Bus) with a time limit.

The call runs on a daemon thread: if it never returns, the self-check still finishes and
reports it, and the process can exit. The stuck thread is abandoned, not killed — Python
cannot kill a thread blocked in C — which is acceptable for a one-shot diagnostic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def call_with_timeout(function: Callable[[], T], seconds: float) -> T:
    """`function()`'s result or exception; `TimeoutError` after `seconds`."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(function())
        except BaseException as exc:  # noqa: BLE001 - handed back to the calling thread
            failure.append(exc)

    worker = threading.Thread(target=target, name="selfcheck-timeout", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"no answer within {seconds:g} s")
    if failure:
        raise failure[0]
    return outcome[0]
