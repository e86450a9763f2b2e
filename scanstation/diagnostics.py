"""A support bundle: logs, versions, scanners and database figures in one ZIP.

What a remote technician sends when something goes wrong. It holds no participant data and
no password by construction: the database contributes only counts, and logs are already
written through the redaction filter.
"""

from __future__ import annotations

import json
import platform
import sys
import zipfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from scanstation import __version__
from scanstation.db import Database, Event, Package, Page, open_database
from scanstation.fsutil import atomic_writer
from scanstation.paths import data_dir, log_dir

PACKAGES = ("PySide6-Essentials", "pyinsane2", "Pillow", "zxing-cpp", "pyzbar", "openpyxl",
            "SQLAlchemy", "alembic", "keyring", "platformdirs", "pyzipper", "numpy")


def versions() -> dict[str, Any]:
    found: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return {
        "scanstation": __version__,
        "python": sys.version,
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "packages": found,
    }


def scanners() -> list[dict[str, Any]]:
    from scanstation.scanner.registry import survey

    return [
        {"driver": report.name, "error": report.error,
         "devices": [vars(device) for device in report.devices]}
        for report in survey()
    ]


def database_figures(database: Database) -> dict[str, Any]:
    with database.read() as session:
        statuses = {
            status: count
            for status, count in session.execute(
                select(Page.status, func.count()).group_by(Page.status)
            )
        }
        return {
            "path": str(database.path),
            "revision": database.revision(),
            "events": session.scalar(select(func.count()).select_from(Event)),
            "packages": session.scalar(select(func.count()).select_from(Package)),
            "pages_by_status": statuses,
        }


def write_bundle(target: Path, database: Database | None = None) -> Path:
    """Write the bundle atomically to `target` (a .zip path); returns it."""
    own_database = database is None
    database = database or open_database()
    try:
        report = {
            "created": datetime.now(UTC).isoformat(),
            "data_dir": str(data_dir()),
            "versions": versions(),
            "database": database_figures(database),
            "scanners": scanners(),
        }
    finally:
        if own_database:
            database.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(target) as out, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("report.json", json.dumps(report, ensure_ascii=False, indent=2,
                                                  default=str))
        for log_file in sorted(log_dir().glob("*.log*")):
            bundle.write(log_file, f"logs/{log_file.name}")
    return target
