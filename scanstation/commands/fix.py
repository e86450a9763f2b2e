"""`scanstation fix FOLDER --split/--to-lzw/--to-tiff`: the repairs `check` offers, run only
when asked for; originals are kept in the folder's hidden `.originals/`."""

from __future__ import annotations

import argparse
from pathlib import Path

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.errors import KnownError
from scanstation.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "fix", tr(
        "fix a folder's files: split multi-page TIFF, LZW, PDF/PNG → TIFF",
    ))
    parser.add_argument("folder", type=Path, metavar=tr("FOLDER"))
    parser.add_argument("--split", action="store_true",
                        help=tr("split multi-page TIFF"))
    parser.add_argument("--to-lzw", action="store_true",
                        help=tr("re-save TIFF with LZW"))
    parser.add_argument("--to-tiff", action="store_true",
                        help=tr("PDF and PNG → LZW TIFF pages"))
    parser.add_argument("--all", action="store_true", help=tr("every fix"))
    parser.add_argument("--dry-run", action="store_true",
                        help=tr("only show what would be done"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.archive.check import check_folder
    from scanstation.archive.fixes import fix_folder
    from scanstation.package_lock import PackageLock

    actions: set[str] = set()
    if args.split or args.all:
        actions.add("split")
    if args.to_lzw or args.all:
        actions.add("to-lzw")
    if args.to_tiff or args.all:
        actions |= {"to-tiff", "pdf-to-tiff"}
    if not actions:
        raise KnownError(tr("Choose a fix: --split, --to-lzw, --to-tiff or --all."))
    if args.dry_run or not args.folder.is_dir():
        done = fix_folder(args.folder, actions, dry_run=args.dry_run)
    else:
        with PackageLock(args.folder):  # no other program writes to it meanwhile
            done = fix_folder(args.folder, actions, dry_run=args.dry_run)
    report = check_folder(args.folder)
    if args.json:
        print_json({"ok": report.ok, "dry_run": args.dry_run,
                    "fixed": [{"file": d.source, "action": d.action, "created": d.created,
                               "original": d.kept_original} for d in done],
                    "problems": [p.as_json() for p in report.problems]})
    else:
        for item in done:
            print(f"{item.source}: {item.action} → {', '.join(item.created) or '…'}")
        print(tr("Errors left: {report_errors_count}", report_errors_count=len(report.errors)))
    return 0 if report.ok else 1
