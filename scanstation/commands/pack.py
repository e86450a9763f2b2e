"""`scanstation pack FOLDER`: verified ZIP parts of at most 250 MB for the collector.

The packing machinery (SQLAlchemy, Pillow, the keyring) is imported when the command runs,
not when the command line is built: every other command would pay for it otherwise, and
start-up is a large part of a pack's wall time (benchmarks/pack.py).
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanstation.archive.errors import PasswordRequired
from scanstation.archive.limits import DEFAULT_LIMIT
from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, machinery_imports, print_json
from scanstation.commands._gate import add_gate_flags, check_gate_flags, gate_override
from scanstation.i18n import tr

if TYPE_CHECKING:
    from scanstation.db import Database

def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "pack", tr(
        "pack a room folder into verified ZIP archives of at most 250 MB",
    ))
    parser.add_argument("folder", type=Path, metavar=tr("FOLDER"))
    parser.add_argument("--out", type=Path, metavar=tr("DIR"), help=tr(
        "where to put the archives (default: archives/ in the data folder)",
    ))
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar=tr("BYTES"),
                        help=tr("largest archive size in bytes (250000000)"))
    parser.add_argument("--replace", action="store_true", help=tr(
        "replace this folder's earlier archives (once the new ones are verified)",
    ))
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument("--password", action="store_true", help=tr(
        "protect with a password (asked for, or taken from the OS password store)",
    ))
    secret.add_argument("--password-stdin", action="store_true", help=tr(
        "read the password from the first line of standard input",
    ))
    parser.add_argument("--encryption", choices=["aes", "zipcrypto"], default="aes", help=tr(
        "aes (default) or zipcrypto (compatibility only, weak)",
    ))
    parser.add_argument("--profile", metavar="P.toml", help=tr(
        "event profile for a folder the database does not know",
    ))
    add_gate_flags(parser, tr("pack"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with machinery_imports(args):
        for module in ("scanstation.db", "scanstation.archive.packer", "scanstation.readiness"):
            importlib.import_module(module)
    from scanstation.db import open_database

    database = open_database()
    try:
        return _run(args, database)
    finally:
        database.close()


def _run(args: argparse.Namespace, database: Database) -> int:
    from scanstation.archive.packer import PackOptions, pack_package
    from scanstation.archive.zipwriter import Encryption
    from scanstation.paths import data_dir
    from scanstation.profile import resolve_profile

    folder: Path = args.folder
    incomplete = _gate(args, database, folder)
    encryption = Encryption.NONE
    password: str | None = None
    if args.encryption == "zipcrypto" and not (args.password or args.password_stdin):
        raise PasswordRequired(tr(
            "--encryption only makes sense with --password or --password-stdin.",
        ))
    if args.password or args.password_stdin:
        encryption = Encryption(args.encryption)
        if encryption == Encryption.ZIPCRYPTO:
            print(tr(
                "WARNING: ZipCrypto is obsolete encryption, broken by a known-plaintext attack "
                "(every TIFF header is known in advance). Use it only if the recipient cannot "
                "open AES.",
            ), file=sys.stderr)
        password = _obtain_password(args, database, folder)
    options = PackOptions(
        out_dir=args.out or data_dir() / "archives", limit=args.limit, encryption=encryption,
        password=password, profile=resolve_profile(args.profile) if args.profile else None,
        replace=args.replace, incomplete=incomplete)
    result = pack_package(folder, options, database)
    if args.json:
        print_json({
            "ok": True, "folder": str(result.folder), "package_id": result.package_id,
            "incomplete": incomplete,
            "encryption": str(result.encryption),
            "archives": [{"path": str(a.path), "manifest": str(a.manifest), "part": a.part_no,
                          "parts": a.parts_total, "size": a.size, "sha256": a.sha256,
                          "pages": a.pages, "kits": a.kits} for a in result.archives]})
    else:
        for archive in result.archives:
            print(tr(
                "{archive_path}: {archive_pages} pages, {archive_size} bytes, verified",
                archive_path=archive.path,
                archive_pages=archive.pages,
                archive_size=archive.size,
            ))
    return 0


def _gate(args: argparse.Namespace, database: Database, folder: Path) -> dict[str, Any] | None:
    """The readiness gate the window uses; the override goes into the manifest."""
    from scanstation.db.lookup import package_of_folder
    from scanstation.readiness import package_gate, unknown_folder_gate

    check_gate_flags(args)
    with database.session() as session:
        package = package_of_folder(session, folder)
        package_id = package.id if package is not None else None
    summary = package_gate(database, package_id) if package_id is not None \
        else unknown_folder_gate()
    override = gate_override(args, summary)
    return override.as_json() if override is not None else None


def _obtain_password(args: argparse.Namespace, database: Database, folder: Path) -> str:
    from scanstation.archive.passwords import account_for, load_password, save_password
    from scanstation.db.lookup import package_of_folder

    with database.session() as session:
        package = package_of_folder(session, folder)
        event_name = package.event.name if package is not None else None
    account = account_for(folder.name, event_name)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        stored = load_password(account)
        if stored:
            print(tr("Password taken from the OS password store."), file=sys.stderr)
            return stored
        password = getpass.getpass(tr("Archive password: "))
        if password != getpass.getpass(tr("Repeat the password: ")):
            raise PasswordRequired(tr("The passwords differ."))
    if not password:
        raise PasswordRequired(tr("The password is empty."))
    reason = save_password(account, password)
    if reason is not None:
        print(tr("Password not kept: {reason}.", reason=reason),
              file=sys.stderr)
    return password
