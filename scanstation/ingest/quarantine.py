"""Files in a package folder that are not its pages are set aside, never deleted.

A non-image named like a page (`0005.tif`), a truncated TIFF, a stray PDF: recovery cannot
record them as pages and the archive check would refuse the folder, yet they may be someone's
work. They move to the package's hidden `.quarantine/` folder (the check and the archives
skip hidden folders) with a note saying why, and the operator is told.
"""

from __future__ import annotations

from pathlib import Path

from scanstation.fsutil import fsync_dir, place

QUARANTINE_DIR = ".quarantine"


def quarantine(folder: Path, name: str, reason: str) -> str:
    """Move `folder/name` into `folder/.quarantine/` under a free name, a note beside it;
    returns the new name relative to the folder. Never replaces a file already there."""
    target_dir = folder / QUARANTINE_DIR
    target_dir.mkdir(exist_ok=True)
    source = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, number = name, 1
    while True:
        target = target_dir / candidate
        try:
            place(source, target, no_clobber=True)
            break
        except FileExistsError:
            number += 1
            candidate = f"{stem} ({number}){suffix}"
    target.with_name(target.name + ".txt").write_text(reason + "\n", encoding="utf-8")
    fsync_dir(target_dir)  # the note
    fsync_dir(folder)  # the page's name gone
    return f"{QUARANTINE_DIR}/{candidate}"

