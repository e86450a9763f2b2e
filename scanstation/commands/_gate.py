"""The readiness gate on the command line, shared by `pack` and `export`: the flags
`--allow-incomplete --reason`, and the refusal with the Russian summary without them."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from scanstation.errors import KnownError
from scanstation.i18n import tr

if TYPE_CHECKING:
    from scanstation.readiness import GateOverride, GateSummary


def add_gate_flags(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--allow-incomplete", action="store_true", help=tr(
        "{what} even when the package is not ready to upload (needs --reason; the problems and "
        "the reason go into the audit trail)",
        what=what,
    ))
    parser.add_argument("--reason", metavar=tr("REASON"), help=tr(
        "why, despite the problems",
    ))


def check_gate_flags(args: argparse.Namespace) -> None:
    if args.reason is not None and not args.allow_incomplete:
        raise KnownError(tr("--reason only makes sense with --allow-incomplete."))
    if args.allow_incomplete and not (args.reason or "").strip():
        raise KnownError(tr("--allow-incomplete needs a reason: --reason '…'."))


def gate_override(args: argparse.Namespace, summary: GateSummary) -> GateOverride | None:
    """None when nothing is wrong; the override when the flags say why; else refused."""
    from scanstation.readiness import require_reason

    override = require_reason(summary, args.reason if args.allow_incomplete else None)
    if override is not None:
        print(summary.text(), file=sys.stderr)
        print(tr(
            "Going on despite the problems, reason: {override_reason}",
            override_reason=override.reason,
        ), file=sys.stderr)
    return override
