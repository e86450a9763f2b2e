"""Errors the operator can act on, as opposed to bugs.

A `KnownError` carries a message in the operator's language and is shown as it is (dialog,
command-line message); anything else is a bug and goes to the crash report with the log.
"""

from __future__ import annotations

import errno
from pathlib import Path

from scanstation.i18n import tr


class KnownError(Exception):
    """An environment or input problem with a message for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PageActionError(KnownError):
    """The operator's action on a page cannot be done (wrong number, page gone, already
    exported). Here, not in `station.actions`, because the pipeline's `replace_page` (a
    rescan taking a page's place) refuses with it too."""


class DiskFullError(KnownError):
    def __init__(self, path: str) -> None:
        super().__init__(
            tr(
                "Not enough disk space: {path}. Free some space and continue — pages already "
                "saved are kept.",
                path=path,
            )
        )
        self.path = path


def write_error(exc: OSError, path: Path, kind: type[KnownError] = KnownError) -> KnownError:
    """What the operator is told when writing `path` failed: a full disk (or quota) as
    `DiskFullError`, anything else as `kind` with the system's reason. Raise it `from exc`."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(str(path.parent))
    return kind(tr(
        "Cannot write the file {path}: {exc_strerror}",
        path=path,
        exc_strerror=exc.strerror or exc,
    ))


class ProfileError(KnownError):
    """An event profile file is missing or malformed."""


class DatabaseError(KnownError):
    """The station's database cannot be opened or upgraded."""


class DatabaseBusyError(DatabaseError):
    """Another program held the database's write lock through every retry."""

    def __init__(self, path: str = "") -> None:
        where = f" {path}" if path else ""
        super().__init__(
            tr(
                "The database{where} is held by another program and was not freed within half a "
                "minute. Close the other ScanStation window or command using it and retry — pages "
                "already saved are kept.",
                where=where,
            )
        )
        self.path = path
