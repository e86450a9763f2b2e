"""Why a background part of the pipeline stopped, in the operator's words.

A thread that cannot do its job (write a page, apply a recognition outcome) does not die
and does not drop the page: it keeps the page (held in memory or pending on disk), stops,
and reports a `Stall`. The window shows its message in a banner with «Повторить»; the
`ingest` command exits non-zero with it. Environment faults (disk full, database held by
another program) get their own message; anything else is a bug, logged with its traceback
and named by its type so the operator can report it.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from scanstation.db.store import is_busy
from scanstation.errors import DatabaseBusyError, DiskFullError, KnownError
from scanstation.i18n import tr


@dataclass(frozen=True)
class Stall:
    message: str  # for the operator, in their language
    known: bool  # an environment fault (True) or a bug (False)


class PipelineStalled(KnownError):
    """Raised to callers (feed, the `ingest` command) while the pipeline is stalled."""

    def __init__(self, stall: Stall) -> None:
        super().__init__(stall.message)
        self.stall = stall


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, DiskFullError):
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "database or disk is full" in str(getattr(exc, "orig", exc)).lower()


def stall_of(exc: BaseException, page: str) -> Stall:
    """The operator's account of `exc`, met while handling page file `page`."""
    if isinstance(exc, KnownError):
        return Stall(exc.message, True)
    if is_disk_full(exc):
        return Stall(DiskFullError(str(getattr(exc, "filename", "") or page)).message, True)
    if is_busy(exc):
        return Stall(DatabaseBusyError().message, True)
    return Stall(tr(
        "Page {page} is saved on disk, but processing it stopped on a program error ({exc_type}: "
        "{exc}). Press «Retry»; if it happens again, report it (details in the log).",
        page=page,
        exc_type=type(exc).__name__,
        exc=exc,
    ), False)
