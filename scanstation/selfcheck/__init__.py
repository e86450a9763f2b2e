"""`scanstation --self-check`: proves an installed station can do its job, offline.

Run after installing or upgrading (and by CI on the frozen bundle): it opens the real
database (running any pending migrations), reads the bundled sample blank, writes and
re-reads a ZIP, lists scanner backends, and asks for the OS keyring and Qt. One line per
check; exit code 1 when any check failed, so a script or a support call can rely on it.
Warnings (no keyring on a headless box, no scanner attached) do not fail the check.
"""

from __future__ import annotations

import json
import logging
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from scanstation import __version__
from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.paths import resources_dir
from scanstation.selfcheck.model import CheckContext, CheckResult, Outcome, Status

log = logging.getLogger(__name__)

__all__ = ["CheckContext", "CheckResult", "Outcome", "Status", "main", "run_checks"]

CheckFunction = Callable[[CheckContext], Outcome]


def _checks(with_qt: bool) -> list[tuple[str, Callable[[], str], CheckFunction]]:
    """(key, localized title, function) in the order they run and print."""
    from scanstation.selfcheck import checks

    found: list[tuple[str, Callable[[], str], CheckFunction]] = [
        ("data_dir", lambda: tr("Data and log folder"),
         checks.check_data_dir),
        ("database", lambda: tr("Database and migrations"),
         checks.check_database),
        ("profiles", lambda: tr("Event profiles"),
         checks.check_profiles),
        ("recognition", lambda: tr("Reading the sample blank's number"),
         checks.check_recognition),
        ("ocr", lambda: tr("Reading the printed digits (OCR)"),
         checks.check_ocr),
        ("workers", lambda: tr("Recognition in a worker process"),
         checks.check_workers),
        ("zbar", lambda: tr("zbar library (second opinion)"),
         checks.check_zbar),
        ("archive", lambda: tr("Writing and verifying a ZIP"),
         checks.check_archive),
        ("scanners", lambda: tr("Scanner drivers"),
         checks.check_scanners),
        ("keyring", lambda: tr("OS password keyring"),
         checks.check_keyring),
    ]
    if with_qt:
        from scanstation.selfcheck import qtcheck

        found.append(("qt", lambda: tr("Qt: platform, image formats, translation"),
                      qtcheck.check_qt))
    return found


def _run_one(key: str, title: str, function: CheckFunction, context: CheckContext
             ) -> CheckResult:
    started = time.perf_counter()
    try:
        outcome = function(context)
    except KnownError as exc:
        outcome = Outcome(Status.FAIL, exc.message)
    except Exception as exc:  # a self-check reports every failure as a line, never dies
        log.exception("self-check %s crashed", key)
        outcome = Outcome(Status.FAIL, f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - started
    log.info("self-check %s: %s (%s) %.2fs", key, outcome.status, outcome.detail, seconds)
    return CheckResult(key, title, outcome.status, outcome.detail, seconds)


def run_checks(resources: Path | None = None, *, with_qt: bool = True,
               scanner_timeout: float = 20.0,
               only: Sequence[str] | None = None) -> list[CheckResult]:
    """Run the checks (all, or the keys in `only`) and return one result per check."""
    with tempfile.TemporaryDirectory(prefix="scanstation-selfcheck-") as work:
        context = CheckContext(resources=resources or resources_dir(), workdir=Path(work),
                               scanner_timeout=scanner_timeout)
        return [
            _run_one(key, title(), function, context)
            for key, title, function in _checks(with_qt)
            if only is None or key in only
        ]


def _status_label(status: Status) -> str:
    labels = {
        Status.OK: tr("OK"),
        Status.WARN: tr("WARNING"),
        Status.FAIL: tr("FAIL"),
    }
    return labels[status]


def format_line(result: CheckResult) -> str:
    label = f"[{_status_label(result.status)}]"
    return f"{label:<11} {result.title}: {result.detail}"


def _summary(results: Sequence[CheckResult]) -> str:
    failed = sum(r.status is Status.FAIL for r in results)
    warned = sum(r.status is Status.WARN for r in results)
    if failed:
        return tr(
            "Self-check FAILED: {failed} of {results_count} checks failed.",
            failed=failed,
            results_count=len(results),
        )
    return tr(
        "Self-check passed: {results_count} checks, {warned} warnings.",
        results_count=len(results),
        warned=warned,
    )


def _environment() -> dict[str, object]:
    return {
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main(json_output: bool = False, *, with_qt: bool = True, resources: Path | None = None,
         only: Sequence[str] | None = None) -> int:
    """The command-line entry: print every check, return 0 when none failed, else 1."""
    _start_logging()
    environment = _environment()
    results = run_checks(resources, with_qt=with_qt, only=only)
    failed = any(r.status is Status.FAIL for r in results)
    if json_output:
        document = {
            **environment,
            "ok": not failed,
            "checks": [r.as_json() for r in results],
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    else:
        build = (tr("bundle") if environment["frozen"]
                 else tr("source"))
        print(tr(
            "ScanStation {version} self-check ({build}, {platform})",
            version=environment['version'],
            build=build,
            platform=environment['platform'],
        ))
        for result in results:
            print(format_line(result))
        print(_summary(results))
    sys.stdout.flush()
    return 1 if failed else 0


def _start_logging() -> None:
    """Log the run when the log folder is usable; the data-folder check reports it if not."""
    from scanstation.logging_setup import configure_logging

    try:
        configure_logging()
    except OSError as exc:
        print(tr("Log unavailable: {exc}", exc=exc), file=sys.stderr)
