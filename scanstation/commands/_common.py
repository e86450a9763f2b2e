"""Small helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scanstation.i18n import t


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help=t("вывод в формате JSON", "print JSON"))


def print_json(data: Any) -> None:
    """One JSON document on stdout, UTF-8, Cyrillic kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
