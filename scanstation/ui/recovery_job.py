"""Recovery after a crash as a background job of the window, which opens at once.

Reconciling every package (and re-reading pending pages) can take minutes after a power
cut, and one unreadable file used to stop the program from starting. Here it runs on the
job pool with its progress in the status bar; a package is read-only until its own
recovery ends (`ingest.recovery.is_recovering`), and what was set aside (`.quarantine/`) or
left for later (a package another program holds) is told to the operator at the end. A
re-pack a power cut stopped mid-swap is finished first (`archive.swap`).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from scanstation.archive.swap import JOURNAL_SUFFIX, finish_interrupted_swaps
from scanstation.ingest.recovery import RecoveryReport, recover
from scanstation.ui.jobs import JobHandle, Progress

if TYPE_CHECKING:
    from scanstation.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def start_recovery(window: MainWindow) -> JobHandle:
    """Recover every package in the background; returns the job (its `done` tells when)."""
    database = window.database
    archives = window.settings.archives_path()

    def run(progress: Progress, cancel: threading.Event) -> list[RecoveryReport]:
        # A re-pack cut off mid-swap: its archive folder is made whole again first.
        if archives.is_dir():
            for folder in sorted({j.parent for j in archives.rglob(f".*{JOURNAL_SUFFIX}")}):
                finish_interrupted_swaps(folder)
        return recover(database, progress=progress, cancel=cancel)

    def on_progress(done: int, total: int, name: str) -> None:
        if done < total:
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "RecoveryJob", "Recovery after a crash: package %1 (%2 of %3)…")
                .replace("%1", name).replace("%2", str(done + 1)).replace("%3", str(total)))

    def on_success(reports: list[RecoveryReport]) -> None:
        window.statusBar().showMessage(
            QCoreApplication.translate("RecoveryJob", "Recovery finished."), 10_000)
        messages = [line for report in reports for line in report.messages()]
        if messages:
            window.show_error("\n".join(messages))
        window.schedule_reload()

    def on_failure(message: str) -> None:
        window.show_error(QCoreApplication.translate(
            "RecoveryJob", "Recovery after a crash failed: %1").replace("%1", message))

    return window.jobs.start("recovery", run, on_success=on_success, on_failure=on_failure,
                             on_progress=on_progress)
