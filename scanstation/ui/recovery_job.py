"""Recovery after a crash as a background job of the window, which opens at once.

Reconciling every package (and re-reading pending pages) can take minutes after a power
cut, and one unreadable file used to stop the program from starting. Here it runs on the
job pool with its progress in the status bar; a package is read-only until its own
recovery ends (`ingest.recovering.is_recovering`), and what was set aside (`.quarantine/`) or
left for later (a package another program holds) is told to the operator at the end. A
re-pack a power cut stopped mid-swap is finished first (`archive.swap`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from scanstation.archive.swap import JOURNAL_SUFFIX, finish_interrupted_swaps
from scanstation.db import Database
from scanstation.ingest.recovery import RecoveryReport, recover
from scanstation.ui.jobs import JobHandle, JobRunner, Progress
from scanstation.ui.ports import StatusSink

log = logging.getLogger(__name__)


def start_recovery(database: Database, archives: Path, jobs: JobRunner, status: StatusSink,
                   pages_changed: Callable[[], None]) -> JobHandle:
    """Recover every package (and finish cut-off re-packs under `archives`) in the
    background; returns the job (its `done` tells when)."""

    def run(progress: Progress, cancel: threading.Event) -> list[RecoveryReport]:
        # A re-pack cut off mid-swap: its archive folder is made whole again first.
        if archives.is_dir():
            for folder in sorted({j.parent for j in archives.rglob(f".*{JOURNAL_SUFFIX}")}):
                finish_interrupted_swaps(folder)
        return recover(database, progress=progress, cancel=cancel)

    def on_progress(done: int, total: int, name: str) -> None:
        if done < total:
            status.show_message(
                QCoreApplication.translate(
                    "RecoveryJob", "Recovery after a crash: package %1 (%2 of %3)…")
                .replace("%1", name).replace("%2", str(done + 1)).replace("%3", str(total)))

    def on_success(reports: list[RecoveryReport]) -> None:
        status.show_message(
            QCoreApplication.translate("RecoveryJob", "Recovery finished."), 10_000)
        messages = [line for report in reports for line in report.messages()]
        if messages:
            status.show_error("\n".join(messages))
        pages_changed()

    def on_failure(message: str) -> None:
        status.show_error(QCoreApplication.translate(
            "RecoveryJob", "Recovery after a crash failed: %1").replace("%1", message))

    return jobs.start("recovery", run, on_success=on_success, on_failure=on_failure,
                             on_progress=on_progress)
