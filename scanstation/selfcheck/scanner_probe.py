"""Which scanner drivers run on this machine and what devices they see.

Uses the scanner registry the window uses. A machine with no scanner attached is normal
(CI, a laptop that only packs archives); a driver that cannot list is a warning with its
reason. On Linux the bundle needs the system's libsane1 (never bundled: its backends and
/etc/sane.d belong to the system), and pyinsane2 must run in-process, because its helper
mode re-launches the frozen program.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from scanstation.i18n import tr
from scanstation.selfcheck.model import Outcome, Status


def list_backends() -> list[Any]:
    """The registry's per-driver reports (name, devices, error)."""
    from scanstation.scanner.registry import survey

    reports: list[Any] = survey()
    return reports


def _sane_note() -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    from scanstation.scanner.sane import sane_available

    if not sane_available():
        return tr(
            "libsane1 is not installed — no SANE scanners (apt install libsane1); the hot folder "
            "and demo work",
        )
    return None


def outcome(reports: list[Any]) -> Outcome:
    if getattr(sys, "frozen", False) and os.environ.get("PYINSANE_SINGLE_THREAD") != "1":
        return Outcome(Status.FAIL, tr(
            "the bundle runs without PYINSANE_SINGLE_THREAD=1 — SANE scanning would hang",
        ))
    parts = []
    warn = False
    for report in reports:
        if report.error:
            warn = True
            parts.append(f"{report.name}: {report.error}")
            continue
        devices = ", ".join(device.id for device in report.devices)
        parts.append(f"{report.name}: {len(report.devices)}" + (f" ({devices})"
                                                                 if devices else ""))
    note = _sane_note()
    if note:
        warn = True
        parts.append(note)
    if not reports:
        return Outcome(Status.FAIL, tr("no scanner driver at all"))
    return Outcome(Status.WARN if warn else Status.OK, "; ".join(parts))
