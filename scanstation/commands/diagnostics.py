"""`scanstation diagnostics --out FILE.zip`: the support bundle for a remote technician."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(
        subparsers, "diagnostics",
        tr("write a support bundle: logs, versions, scanners (no personal data)"),
    )
    parser.add_argument("--out", type=Path, metavar=tr("FILE"),
                        help=tr("where to write the ZIP (current folder by default)"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.diagnostics import write_bundle

    target = args.out or Path(f"scanstation-diagnostics-{datetime.now():%Y%m%d-%H%M%S}.zip")
    written = write_bundle(target)
    if args.json:
        print_json({"file": str(written), "size": written.stat().st_size})
    else:
        print(tr("Support bundle: {written}", written=written))
    return 0
