"""Small helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scanstation.i18n import tr


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help=tr("print JSON"))


def add_package_args(parser: argparse.ArgumentParser) -> None:
    """`--package` and `--event`: every command that writes pages into a package names
    it the same way, as the window's package tree does."""
    parser.add_argument("--package", required=True, metavar=tr("NAME"),
                        help=tr("package (exam room) name"))
    parser.add_argument("--event", default="default", metavar=tr("NAME"),
                        help=tr("event name (default: default)"))


def print_json(data: Any) -> None:
    """One JSON document on stdout, UTF-8, Cyrillic kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
