"""Archive-side errors the operator can act on, each with its Russian message."""

from __future__ import annotations

from scanstation.errors import KnownError
from scanstation.i18n import tr


class ArchiveError(KnownError):
    """A folder cannot be packed, an archive is not valid, or a copy failed."""


class FolderRejected(ArchiveError):
    """The folder breaks the collector's rules; the check lists why."""


class VerificationFailed(ArchiveError):
    """A written archive does not match what was meant to go into it."""


class ExportFailed(ArchiveError):
    """Copying an archive to the target did not complete; nothing is marked exported."""


class PasswordRequired(ArchiveError):
    """An encrypted archive was asked for but no password could be obtained."""


class Cancelled(ArchiveError):
    def __init__(self) -> None:
        super().__init__(tr("Cancelled by the operator."))
