"""`scanstation scan`: one batch from a scanner into a package, without the window.

For a technician's script and for the Windows smoke test (TWAIN under Wine). The pages go
the window's way: `ScanBatch` on the device → `PageFeeder` (the scanner never waits for
the disk) → `IngestPipeline` (durable file, database row, recognition in worker
processes). A jam, an open cover or an empty feeder is reported with the window's words
and the count of pages already safe; the batch is not continued (run the command again:
numbering goes on in the same package).
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, add_package_args, print_json
from scanstation.i18n import tr

SOURCES = {"adf": "feeder", "feeder": "feeder", "flatbed": "flatbed", "duplex": "duplex"}
EXIT_FAULT = 3  # the device stopped the batch (jam, cover, empty feeder, device gone)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "scan", tr(
        "scan a batch of sheets into a package (as the window's «Scan» button)",
    ))
    parser.add_argument("--device", required=True, metavar="ID",
                        help=tr("scanner (an id from `scanstation devices`)"))
    add_package_args(parser)
    parser.add_argument("--dpi", type=int, default=200,
                        help=tr("resolution (default 200)"))
    parser.add_argument("--mode", choices=["gray", "color", "bw"], default="gray",
                        help=tr("colour: gray, color, bw (default gray)"))
    parser.add_argument("--source", choices=sorted(SOURCES), default="adf",
                        help=tr("document feeder (adf), flatbed or duplex; default adf"))
    parser.add_argument("--pages", type=int, metavar="N",
                        help=tr("stop after N pages"))
    parser.add_argument("--jpeg", action="store_true",
                        help=tr("store pages as JPEG instead of LZW TIFF"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.db import open_database
    from scanstation.ingest.feeder import PageFeeder
    from scanstation.ingest.pipeline import IngestPipeline
    from scanstation.ingest.recovery import reconcile_package
    from scanstation.ingest.storage import SaveOptions
    from scanstation.package_lock import PackageLock
    from scanstation.paths import data_dir
    from scanstation.recognition.pool import RecognitionPool
    from scanstation.scanner.base import (
        ColorMode,
        FeederEmpty,
        ScannerError,
        ScanOptions,
        ScanSource,
    )
    from scanstation.scanner.batch import ScanBatch
    from scanstation.scanner.registry import open_device
    from scanstation.station.packages import PackageService

    options = ScanOptions(dpi=args.dpi, mode=ColorMode(args.mode),
                          source=ScanSource(SOURCES[args.source]))
    database = open_database()
    pool = RecognitionPool()
    fault: ScannerError | None = None
    cancel = threading.Event()
    try:
        service = PackageService(database)
        package = service.open(args.event, args.package)
        folder = Path(package.folder)
        folder.mkdir(parents=True, exist_ok=True)
        # The batch is this package's one writer, as a window's scan or an `ingest` is.
        with PackageLock(folder):
            for message in reconcile_package(database, package.id).messages():
                print(message, file=sys.stderr)
            device = open_device(args.device)
            with IngestPipeline(database, package.id, pool=pool,
                                options=SaveOptions("jpeg" if args.jpeg else "tiff",
                                                    dpi=args.dpi)) as pipeline:
                feeder = PageFeeder(pipeline)
                batch = ScanBatch(device, options)
                try:
                    for page in batch.run(cancel):
                        feeder.feed(page)
                        print(tr(
                            "Page {page_index} scanned",
                            page_index=page.index,
                        ), file=sys.stderr, flush=True)
                        if args.pages is not None and batch.pages_delivered >= args.pages:
                            cancel.set()
                            break
                except ScannerError as exc:
                    fault = exc
                finally:
                    feeder.close()
                    device.close()
                if feeder.error is not None:  # e.g. a full disk: held pages were not written
                    raise feeder.error
                if fault is None and batch.pages_delivered == 0 and not cancel.is_set():
                    fault = FeederEmpty(0)
        stats = service.stats(package.id)
    finally:
        pool.shutdown()
        database.close()
    delivered = batch.pages_delivered
    if fault is not None:
        print(tr("Scanning stopped: ") + fault.message,
              file=sys.stderr)
    if args.json:
        print_json({
            "device": args.device, "package": args.package, "event": args.event,
            "folder": package.folder, "data_dir": str(data_dir()), "pages": delivered,
            "fault": None if fault is None else {
                "code": fault.code, "message": fault.message,
                "pages_safe": fault.pages_delivered},
            "stats": stats.__dict__,
        })
    else:
        print(tr(
            "Pages scanned: {delivered}. Pages in the package: {stats_pages}, unreadable: "
            "{stats_unreadable_percent} %",
            delivered=delivered,
            stats_pages=stats.pages,
            stats_unreadable_percent=stats.unreadable_percent,
        ))
    return EXIT_FAULT if fault is not None else 0
