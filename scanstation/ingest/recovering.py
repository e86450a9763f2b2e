"""Which packages recovery is working on (`ingest.recovery`): their pages are read-only
until it ends. A registry of its own, so that page actions and the scan controller can ask
without importing recovery and the whole write pipeline behind it (the CLI's pack and
export pay for every module the readiness gate pulls in).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

__all__ = ["done_recovering", "is_recovering", "marked_recovering"]

_recovering: set[int] = set()
_recovering_lock = threading.Lock()


def is_recovering(package_id: int) -> bool:
    """True while recovery works on the package: its pages are read-only until it ends."""
    with _recovering_lock:
        return package_id in _recovering


@contextmanager
def marked_recovering(package_ids: Iterable[int]) -> Iterator[None]:
    ids = set(package_ids)
    with _recovering_lock:
        _recovering.update(ids)
    try:
        yield
    finally:
        with _recovering_lock:
            _recovering.difference_update(ids)


def done_recovering(package_id: int) -> None:
    with _recovering_lock:
        _recovering.discard(package_id)
