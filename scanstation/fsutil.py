"""File-system durability helpers shared by every atomic writer in the core."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable. Windows cannot open a directory, and NTFS
    journals renames itself, so there is nothing to do there."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
