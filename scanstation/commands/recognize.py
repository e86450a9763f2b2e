"""`scanstation recognize`: read the blank numbers of scanned pages from files or folders.

Pages are read in worker processes (one per core) because decoding is CPU-bound; results
are printed in sorted path order so two runs over the same folder print the same lines.
A file that cannot be opened becomes an `error` line, never a crash: the other pages of
the package still matter. The reading itself is in `_recognize_pages`, imported only when
the command runs.
"""

from __future__ import annotations

import argparse
import sys

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(
        subparsers, "recognize",
        tr("read blank numbers from scanned pages"),
        tr(
            "Reads the blank number on every page (TIFF/JPEG/PNG files or folders, recursively) "
            "and the rotation that makes the page upright. Exit code 0: all read; 1: some pages "
            "unreadable, ambiguous or damaged.",
        ),
    )
    add_json_flag(parser)
    parser.add_argument("--profile", metavar="P",
                        help=tr("event profile (name or .toml file)"))
    parser.add_argument("paths", nargs="+", metavar=tr("PATH"),
                        help=tr("page files or folders"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.commands._recognize_pages import collect_pages, page_lines
    from scanstation.db.store import open_database
    from scanstation.paths import database_path
    from scanstation.profile import resolve_profile
    from scanstation.recognition import ReadStatus

    profile = resolve_profile(args.profile)
    files = collect_pages(args.paths)
    all_read = True
    # Reads are remembered in the station's database, but reading a folder must not create
    # one as a side effect.
    database = open_database() if files and database_path().exists() else None
    try:
        for line in page_lines(files, profile, database):
            all_read = all_read and line.status == ReadStatus.OK
            if args.json:
                print_json(line.as_json())
            else:
                print(line.as_text(), flush=True)
    finally:
        if database is not None:
            database.close()
    if not files:
        print(tr("No page images found."), file=sys.stderr)
        return 1
    return 0 if all_read else 1
