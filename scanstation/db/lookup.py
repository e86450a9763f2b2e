"""Rows found by a path on disk: the package of a folder, the archive of a file.

A folder reaches the core spelled many ways — relative, with a trailing separator, through
a symlink or a mounted share, in another letter case on Windows — while the database keeps
the one spelling the station wrote (`Package.folder` is resolved when the package is made).
Packing, completeness, the readiness gate, export and the window all ask "is this a
package the station scanned?" through `package_of_folder`, so they can never disagree.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from scanstation.db.models import Archive, Package

_Row = TypeVar("_Row", Package, Archive)


def path_key(path: Path | str) -> str:
    """The spelling two paths of one file share: absolute, symlinks resolved, no trailing
    separator, and letter case folded where the file system ignores it (Windows)."""
    return os.path.normcase(str(Path(path).resolve()))


def _row_at(session: Session, model: type[_Row], column: InstrumentedAttribute[str],
            path: Path) -> _Row | None:
    """The newest row whose `column` names `path`. The spellings an index can match come
    first; only then every row is compared by `path_key` (a symlink, another case)."""
    spellings = {str(path), str(path.absolute()), str(path.resolve())}
    newest_first = model.id.desc()
    found = session.scalars(select(model).where(column.in_(spellings))
                            .order_by(newest_first)).first()
    if found is not None:
        return found
    key = path_key(path)
    for row_id, stored in session.execute(select(model.id, column).order_by(newest_first)):
        if path_key(stored) == key:
            return session.get(model, row_id)
    return None


def package_of_folder(session: Session, folder: Path) -> Package | None:
    """The package scanned into `folder`, or None for a folder from elsewhere."""
    return _row_at(session, Package, Package.folder, folder)


def archive_at(session: Session, path: Path) -> Archive | None:
    """The newest archive row made at `path` (`--replace` packs to the same names again)."""
    return _row_at(session, Archive, Archive.path, path)
