"""What a packing run made: its verified parts, as the packer returns them.

Apart from `packer` so that `records` (the run's database rows) can take a result without
importing the packer that calls it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scanstation.archive.zipwriter import Encryption


@dataclass(frozen=True)
class PackedArchive:
    """One verified part on disk, with its manifest; `archive_id` once it is recorded."""

    path: Path
    manifest: Path
    part_no: int
    parts_total: int
    size: int
    sha256: str
    pages: int
    kits: list[str]
    archive_id: int | None


@dataclass
class PackResult:
    """The parts of one run, in order (empty until every part is verified and swapped in)."""

    folder: Path
    encryption: Encryption
    package_id: int | None
    archives: list[PackedArchive] = field(default_factory=list)
