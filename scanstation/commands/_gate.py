"""The readiness gate on the command line, shared by `pack` and `export`: the flags
`--allow-incomplete --reason`, and the refusal with the Russian summary without them."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from scanstation.errors import KnownError
from scanstation.i18n import t

if TYPE_CHECKING:
    from scanstation.readiness import GateOverride, GateSummary


def add_gate_flags(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--allow-incomplete", action="store_true", help=t(
        f"{what}, даже если пакет не готов к выгрузке (нужна --reason; замечания и "
        "причина попадут в журнал)",
        f"{what} even when the package is not ready to upload (needs --reason; the "
        "problems and the reason go into the audit trail)"))
    parser.add_argument("--reason", metavar=t("ПРИЧИНА", "REASON"), help=t(
        "почему — вопреки замечаниям", "why, despite the problems"))


def check_gate_flags(args: argparse.Namespace) -> None:
    if args.reason is not None and not args.allow_incomplete:
        raise KnownError(t("--reason имеет смысл только с --allow-incomplete.",
                           "--reason only makes sense with --allow-incomplete."))
    if args.allow_incomplete and not (args.reason or "").strip():
        raise KnownError(t("--allow-incomplete требует причину: --reason «…».",
                           "--allow-incomplete needs a reason: --reason '…'."))


def gate_override(args: argparse.Namespace, summary: GateSummary) -> GateOverride | None:
    """None when nothing is wrong; the override when the flags say why; else refused."""
    from scanstation.readiness import require_reason

    override = require_reason(summary, args.reason if args.allow_incomplete else None)
    if override is not None:
        print(summary.text(), file=sys.stderr)
        print(t(f"Продолжаю с замечаниями, причина: {override.reason}",
                f"Going on despite the problems, reason: {override.reason}"), file=sys.stderr)
    return override
