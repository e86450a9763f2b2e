"""`scanstation export ARCHIVE... --to PATH`: copy archives to a stick, verified by hash."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.commands._gate import add_gate_flags, check_gate_flags, gate_override
from scanstation.errors import KnownError
from scanstation.i18n import tr

if TYPE_CHECKING:
    from scanstation.db import Database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "export", tr(
        "copy archives to a removable drive, verified by checksum",
    ))
    parser.add_argument("archives", nargs="*", type=Path, metavar=tr("ARCHIVE"))
    parser.add_argument("--to", type=Path, metavar=tr("PATH"),
                        help=tr("folder on the drive"))
    parser.add_argument("--list-drives", action="store_true",
                        help=tr("list removable drives"))
    add_gate_flags(parser, tr("export"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list_drives:
        from scanstation.archive.drives import list_removable_drives

        drives = list_removable_drives()
        if args.json:
            print_json({"drives": [d.as_json() for d in drives]})
        elif not drives:
            print(tr("No removable drives found."))
        for drive in drives:
            if not args.json:
                print(tr(
                    "{drive_mount} ({drive_device}): {drive_free_bytes} bytes free",
                    drive_mount=drive.mount,
                    drive_device=drive.device,
                    drive_free_bytes=drive.free_bytes,
                ))
        return 0
    if not args.archives or args.to is None:
        raise KnownError(tr("Give the archives and the target: export ARCHIVE... --to PATH"))
    from scanstation.archive.export import export_archives
    from scanstation.db import open_database

    check_gate_flags(args)
    database = open_database()
    try:
        _gate(args, database, list(args.archives))
        last = [-1]

        def progress(done: int, total: int, _label: str) -> None:
            percent = done * 100 // max(total, 1)
            if not args.json and percent != last[0] and sys.stderr.isatty():
                last[0] = percent
                print(f"\r{percent}%", end="", file=sys.stderr, flush=True)

        exported = export_archives(list(args.archives), args.to, database, progress)
    finally:
        database.close()
    if args.json:
        print_json({"ok": True, "exported": [
            {"source": str(e.source), "target": str(e.target), "size": e.size,
             "sha256": e.sha256, "recorded": e.export_id is not None} for e in exported]})
    else:
        for item in exported:
            print(tr("{item_target}: copied and verified", item_target=item.target))
    return 0


def _gate(args: argparse.Namespace, database: Database, archives: list[Path]) -> None:
    """The readiness gate of every package whose archives go out (archives the station
    did not make have no package to judge); an override is written to the audit trail."""
    from sqlalchemy import select

    from scanstation.db.models import Archive, Package
    from scanstation.readiness import package_gate, record_override

    with database.session() as session:
        packages = {package_id: name for package_id, name in session.execute(
            select(Package.id, Package.name).join(Archive, Archive.package_id == Package.id)
            .where(Archive.path.in_({str(p) for a in archives
                                     for p in (a, a.absolute(), a.resolve())})))}
    for package_id, name in sorted(packages.items()):
        override = gate_override(args, replace(package_gate(database, package_id), room=name))
        if override is not None:
            record_override(database, package_id, "export_incomplete", override)
