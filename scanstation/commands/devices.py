"""`scanstation devices`: which scanner drivers run here, their devices and capabilities.

The first thing support asks for when «the scanner is not seen»: it shows a driver that
failed to list (and why) as well as the devices found.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.i18n import tr

if TYPE_CHECKING:
    from scanstation.scanner.base import DeviceInfo, ScanDriver


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "devices", tr(
        "scanner drivers, devices found and their capabilities",
    ))
    parser.add_argument("--hot-folder", action="append", type=Path, default=[],
                        metavar=tr("FOLDER"),
                        help=tr("also show this hot folder (may be repeated)"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def _describe(device: DeviceInfo, drivers: Sequence[ScanDriver]) -> dict[str, object]:
    from scanstation.scanner.base import ScannerError
    from scanstation.scanner.registry import open_device

    row: dict[str, object] = {
        "id": device.id, "name": device.name, "driver": device.driver,
        "vendor": device.vendor, "model": device.model,
        "capabilities": None, "error": None,
    }
    try:
        opened = open_device(device.id, drivers)
        try:
            caps = opened.capabilities()
        finally:
            opened.close()
    except ScannerError as exc:
        row["error"] = exc.message
        return row
    row["capabilities"] = {
        "resolutions": list(caps.resolutions),
        "modes": [str(m) for m in caps.modes],
        "sources": [str(s) for s in caps.sources],
    }
    return row


def run(args: argparse.Namespace) -> int:
    from scanstation.scanner.registry import default_drivers, survey

    drivers = default_drivers(args.hot_folder)
    report: list[dict[str, Any]] = [
        {"driver": r.name, "error": r.error, "devices": [_describe(d, drivers) for d in r.devices]}
        for r in survey(drivers)
    ]
    if args.json:
        print_json(report)
        return 0
    for entry in report:
        print(tr("Driver {driver}:", driver=entry['driver']))
        if entry["error"]:
            print("  " + tr("error: ") + str(entry["error"]))
        devices = entry["devices"]
        if not devices and not entry["error"]:
            print("  " + tr("no devices"))
        for row in devices:
            print(f"  {row['id']} — {row['name']}")
            caps = row["capabilities"]
            if isinstance(caps, dict):
                print("    " + tr("resolutions: ")
                      + ", ".join(str(r) for r in caps["resolutions"]) + " dpi")
                print("    " + tr("modes: ") + ", ".join(caps["modes"]))
                print("    " + tr("sources: ") + ", ".join(caps["sources"]))
            else:
                print("    " + tr("cannot be opened: ") + str(row["error"]))
    return 0
