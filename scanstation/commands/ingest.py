"""`scanstation ingest`: pages made elsewhere into a package, through the same pipeline.

Runs recovery of the package first, so a run killed half-way is simply run again. Ends
only when every page is recorded and read, or with the reason it stalled (exit code 3,
pages kept). SIGTERM or Ctrl+C stops it between pages: the pages saved so far are recorded,
the recognition workers are shut down, and the next run goes on from there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, add_package_args, print_json
from scanstation.i18n import tr

STALLED_EXIT = 3  # the pipeline stopped with a reason (printed); every saved page kept


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "ingest", tr(
        "bring pages (TIFF/JPEG/PNG) from a folder or files into a package",
    ))
    parser.add_argument("inputs", nargs="+", type=Path, metavar=tr("FOLDER_OR_FILE"),
                        help=tr("folder of pages or page files"))
    add_package_args(parser)
    parser.add_argument("--profile", metavar=tr("PROFILE"),
                        help=tr("event profile (name or .toml file)"))
    parser.add_argument("--folder", type=Path, metavar=tr("FOLDER"),
                        help=tr("package folder (default: in the data folder)"))
    parser.add_argument("--jpeg", action="store_true",
                        help=tr("store pages as JPEG instead of LZW TIFF"))
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help=tr("recognition processes (default 1–2)"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.db import open_database
    from scanstation.ingest.importer import collect_files, import_files
    from scanstation.ingest.pipeline import IngestPipeline
    from scanstation.ingest.recovery import reconcile_package
    from scanstation.ingest.storage import SaveOptions
    from scanstation.package_lock import PackageLock
    from scanstation.profile import resolve_profile
    from scanstation.recognition.pool import RecognitionPool
    from scanstation.station.packages import PackageService

    database = open_database()
    pool = RecognitionPool(args.workers)
    finished = False
    try:
        service = PackageService(database)
        profile = resolve_profile(args.profile) if args.profile else None
        package = service.open(args.event, args.package, profile, args.folder)
        folder = Path(package.folder)
        folder.mkdir(parents=True, exist_ok=True)
        # The whole run is this package's one writer: a second `ingest`, the window or a
        # `pack` of it is refused with who holds it; a killed run's lock is taken over.
        with PackageLock(folder):
            recovered = reconcile_package(database, package.id)
            for message in recovered.messages():
                print(message, file=sys.stderr)
            options = SaveOptions("jpeg" if args.jpeg else "tiff")
            with IngestPipeline(database, package.id, pool=pool, options=options) as pipeline:
                pipeline.recognize_pending()

                def progress(source: str, index: int, file_name: str) -> None:
                    if not args.json:
                        print(f"{file_name} ← {source} [{index}]", flush=True)

                report = import_files(pipeline, collect_files(args.inputs, [pipeline.folder]),
                                      progress)
                stall = pipeline.finish()
        stats = service.stats(package.id)
        finished = True
    finally:
        pool.shutdown(wait=finished)
        database.close()
    if stall is not None:
        print(tr("Error: {message}", message=stall.message), file=sys.stderr)
    for _source, message in report.rejected:
        print(message, file=sys.stderr)
    if args.json:
        print_json({
            "package": args.package, "event": args.event, "folder": package.folder,
            "pages_added": report.pages_added, "pages_already": report.pages_already,
            "files_taken": report.files_taken, "files_already": report.files_already,
            "rejected": [{"file": f, "message": m} for f, m in report.rejected],
            "recovery": recovered.messages(),
            "stats": stats.__dict__,
            "stalled": stall.message if stall is not None else None,
        })
    else:
        print(tr(
            "Pages added: {report_pages_added}; already there: {report_pages_already}; files "
            "taken before: {report_files_already_count}; files rejected: {report_rejected_count}.",
            report_pages_added=report.pages_added,
            report_pages_already=report.pages_already,
            report_files_already_count=len(report.files_already),
            report_rejected_count=len(report.rejected),
        ))
        print(tr(
            "Pages in the package: {stats_pages}, unreadable: {stats_unreadable_percent} %",
            stats_pages=stats.pages,
            stats_unreadable_percent=stats.unreadable_percent,
        ))
        if stats.rescan_recommended:
            print(tr("Rescanning the package is recommended (more than 10 % unreadable)."))
    if stall is not None:
        return STALLED_EXIT
    return 1 if report.rejected else 0
