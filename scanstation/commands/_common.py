"""Small helpers shared by the command modules."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def machinery_imports(args: argparse.Namespace) -> Iterator[None]:
    """Import a command's machinery (SQLAlchemy and the models, Pillow) without the cyclic
    garbage collector, then, in a process of its own, freeze what was imported.

    Those imports create some 10^5 objects that live as long as the process. With the
    collector on it walks them over and over while they are being created, and every full
    collection of the command's run walks them once more, though none will ever be garbage:
    on a 700 MB `pack` that was about 0.25 s of CPU (benchmarks/pack.py). Freezing keeps
    everything alive at that moment out of all later collections, garbage included, so it
    is done only when the command owns the process (`args.own_process`, set by `cli.main`
    for the process's own command line), never in a host that calls `main` many times.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if getattr(args, "own_process", False):
            gc.freeze()
        if enabled:
            gc.enable()
