"""The manifest written beside each ZIP (never inside: the collector takes only pages).

It lets anyone re-check an archive later without the station's database: which pages,
which kits, which hashes. No participant data exists to leak, and no password is ever
part of it — only whether the archive is encrypted and how.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanstation.fsutil import stage_bytes

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
                   incomplete: dict[str, Any] | None = None) -> Path:
    """The manifest of `archive`, written durably to a temporary file beside it
    (`fsutil.stage_bytes`) whose path is returned: the packer swaps a whole set of archives
    and manifests in at once. `incomplete`: packed despite the readiness gate — its
    problems and the reason."""
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
    if incomplete is not None:
        data["incomplete"] = incomplete
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return stage_bytes(manifest_path(archive), text.encode("utf-8"))


def read_manifest(archive: Path) -> dict[str, Any] | None:
    path = manifest_path(archive)
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
