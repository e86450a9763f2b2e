"""The manifest written beside each ZIP (never inside: the collector takes only pages).

It lets anyone re-check an archive later without the station's database: which pages,
which kits, which hashes. No participant data exists to leak, and no password is ever
part of it — only whether the archive is encrypted and how.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST_SUFFIX = ".manifest.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ManifestPage:
    name: str
    size: int
    crc32: int
    sha256: str
    blank_number: str | None
    kit: str | None


def manifest_path(archive: Path) -> Path:
    return archive.with_name(archive.name + MANIFEST_SUFFIX)


def write_manifest(archive: Path, *, part_no: int, parts_total: int, archive_sha256: str,
                   archive_size: int, encryption: str, pages: list[ManifestPage],
                   temp: Path | None = None) -> Path:
    """The manifest of `archive`, written durably. With `temp` it is written there and
    left for the caller to rename (the packer swaps a whole set at once); otherwise it
    replaces `archive`'s manifest atomically."""
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "archive": archive.name,
        "archive_size": archive_size,
        "archive_sha256": archive_sha256,
        "part": part_no,
        "parts": parts_total,
        "encryption": encryption,
        "kits": sorted({p.kit for p in pages if p.kit}),
        "pages": [
            {"name": p.name, "size": p.size, "crc32": p.crc32, "sha256": p.sha256,
             "blank_number": p.blank_number, "kit": p.kit}
            for p in pages
        ],
    }
    target = manifest_path(archive)
    written = temp or target.with_name(f"{target.name}.{uuid.uuid4().hex}.part")
    try:
        with written.open("x", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        written.unlink(missing_ok=True)
        raise
    if temp is not None:
        return temp
    os.replace(written, target)
    return target


def read_manifest(archive: Path) -> dict[str, Any] | None:
    path = manifest_path(archive)
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
