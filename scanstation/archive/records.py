"""Database rows for a packing run: Archive and ArchiveMember per part, one audit entry.

Written only after every part is verified and named, so a row always means a good file.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from scanstation.archive.manifest import manifest_path
from scanstation.archive.packed import PackResult
from scanstation.archive.sources import SourcePage
from scanstation.db import Database
from scanstation.db.models import Archive, ArchiveMember, AuditEntry


def record_archives(database: Database, package_id: int, result: PackResult,
            sources: list[SourcePage], folder: Path,
            incomplete: dict[str, Any] | None = None) -> None:
    by_rel = {f"{folder.name}/{s.rel}": s for s in sources}
    now = datetime.now(UTC)
    with database.session() as session:
        for index, packed in enumerate(result.archives):
            row = Archive(package_id=package_id, path=str(packed.path),
                          part_no=packed.part_no, parts_total=packed.parts_total,
                          size_bytes=packed.size, sha256=packed.sha256,
                          files_count=packed.pages, encryption=str(result.encryption),
                          manifest_path=str(manifest_path(packed.path)), verified_at=now)
            session.add(row)
            session.flush()
            data = json.loads(packed.manifest.read_text(encoding="utf-8"))
            # One executemany, not an ORM object per page: a 300-page part's members took
            # ~30 ms as objects, ~10 ms as rows (every pack pays it).
            session.execute(insert(ArchiveMember), [
                {"archive_id": row.id, "page_id": by_rel[page["name"]].page_id,
                 "name": page["name"], "size_bytes": page["size"], "crc32": page["crc32"],
                 "sha256": page["sha256"]} for page in data["pages"]])
            result.archives[index] = replace(packed, archive_id=row.id)
        details: dict[str, Any] = {"archives": [a.path.name for a in result.archives],
                                   "encryption": str(result.encryption)}
        if incomplete is not None:
            details["incomplete"] = incomplete
        session.add(AuditEntry(action="pack", package_id=package_id,
                               details=json.dumps(details, ensure_ascii=False)))
