"""The package's trash: a deleted page's file moves to `.trash/`, restorable until the
package's archives are exported (then `purge` empties it).

The file keeps its name in the trash (`0007.tif` → `.trash/0007.tif`; a second page of
that name becomes `.trash/0007~2.tif`), so the names of deleted pages are never reused.
"""

from __future__ import annotations

import os
from pathlib import Path

from scanstation.errors import KnownError
from scanstation.fsutil import fsync_dir
from scanstation.i18n import tr
from scanstation.ingest.storage import TRASH_DIR


class TrashError(KnownError):
    """A page cannot be moved to or from the trash."""


def trash_name(folder: Path, file_name: str) -> str:
    """A free name for the file in the trash, relative to the package folder."""
    trash = folder / TRASH_DIR
    stem, suffix = Path(file_name).stem, Path(file_name).suffix
    candidate = f"{stem}{suffix}"
    counter = 1
    while (trash / candidate).exists():
        counter += 1
        candidate = f"{stem}~{counter}{suffix}"
    return f"{TRASH_DIR}/{candidate}"


def move(folder: Path, source_name: str, target_name: str) -> None:
    """Rename a file inside the package folder, durably (both folders fsynced)."""
    source, target = folder / source_name, folder / target_name
    if not source.exists():
        raise TrashError(tr("File {source} not found.", source=source))
    if target.exists():
        raise TrashError(tr("File {target} already exists.", target=target))
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    fsync_dir(target.parent)
    if source.parent != target.parent:
        fsync_dir(source.parent)


def purge(folder: Path) -> int:
    """Delete the trash for good (after the package's archives were exported)."""
    trash = folder / TRASH_DIR
    removed = 0
    if trash.is_dir():
        for entry in trash.iterdir():
            if entry.is_file():
                entry.unlink()
                removed += 1
    return removed
