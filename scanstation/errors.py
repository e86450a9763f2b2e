"""Errors the operator can act on, as opposed to bugs.

A `KnownError` carries a message in the operator's language and is shown as it is (dialog,
command-line message); anything else is a bug and goes to the crash report with the log.
"""

from __future__ import annotations

from scanstation.i18n import tr


class KnownError(Exception):
    """An environment or input problem with a message for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
