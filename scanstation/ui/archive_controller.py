"""Archives tab behind the pack panel: pack and verify (`pack_package`), list the package's
archives with their verification and exports, copy them to the USB target
(`export_archives`). All long work runs on the job runner with progress and cancel.
Built from the panel, the database, the open package and the settings, a status sink and
the operator's name (asked for a gate override): never the window."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from scanstation.archive.drives import list_removable_drives
from scanstation.archive.export import ExportedArchive, export_archives
from scanstation.archive.packer import PackOptions, PackResult, pack_package
from scanstation.archive.passwords import account_for, load_password, save_password
from scanstation.archive.stale import stale_archive_ids
from scanstation.archive.zipwriter import Encryption
from scanstation.db import Database
from scanstation.db.models import Archive, Export, Package
from scanstation.readiness import GateOverride, GateSummary, package_gate, record_override
from scanstation.station.packages import safe_folder_name
from scanstation.ui.gate_dialog import GateDialog
from scanstation.ui.jobs import JobHandle, JobRunner
from scanstation.ui.operator_name import OperatorName
from scanstation.ui.pack_panel import ArchiveRow, PackPanel
from scanstation.ui.ports import CurrentPackage, CurrentProfile, CurrentSettings, StatusSink

Progress = Callable[[int, int, str], None]


class ArchiveController(QObject):
    def __init__(self, database: Database, *, panel: PackPanel, jobs: JobRunner,
                 status: StatusSink, dialogs: QWidget, operator: OperatorName,
                 settings: CurrentSettings, package_id: CurrentPackage,
                 profile: CurrentProfile, parent: QObject | None = None) -> None:
        """`dialogs` parents the readiness gate's dialog."""
        super().__init__(parent)
        self.database = database
        self.panel = panel
        self.jobs = jobs
        self.status = status
        self.dialogs = dialogs
        self.operator = operator
        self.settings = settings
        self.package_id = package_id
        self.profile = profile
        self.job: JobHandle | None = None
        panel.pack_requested.connect(self.pack)
        panel.export_requested.connect(self.export)
        panel.cancel_requested.connect(self.cancel)
        panel.refresh_drives_requested.connect(self.refresh_drives)
        self.last_result: PackResult | None = None
        self.password_note = ""  # why the password was not kept, for the operator
        self.last_exported: list[ExportedArchive] = []
        self.gate_dialog: GateDialog | None = None

    def package_opened(self) -> None:
        self.refresh_archives()
        self.refresh_drives()
        panel, policy = self.panel, self.settings().password_policy
        saved = load_password(self.password_account()) if self.package_id() else None
        panel.password.set_password(saved or "")
        panel.encrypt.setChecked(bool(saved) or policy != "none")
        panel.set_policy(policy)

    def password_account(self) -> str:
        """The keyring entry of the package's event: one password per event's uploads."""
        with self.database.read() as session:
            package = session.get(Package, self.package_id())
            if package is None:
                return ""
            return account_for(package.name, package.event.name)

    def refresh_drives(self) -> None:
        self.panel.set_drives(list_removable_drives())

    def archives(self) -> list[Archive]:
        """The package's archives of its latest packing, newest set only."""
        with self.database.read() as session:
            rows = list(
                session.scalars(
                    select(Archive)
                    .where(Archive.package_id == self.package_id())
                    .order_by(Archive.id)
                )
            )
            for row in rows:
                _ = row.exports  # loaded while the session is open
        latest = [row for row in rows if Path(row.path).exists()]
        return latest[-latest[-1].parts_total :] if latest else []

    def refresh_archives(self) -> None:
        """The archive list as it is now: an archive whose package changed since packing
        says «устарел» at once (computed from the folder, as export will judge it)."""
        archives = self.archives()
        stale: set[int] = set()
        if archives:
            with self.database.read() as session:
                package = session.get(Package, self.package_id())
                if package is not None:
                    stale = stale_archive_ids(session, package)
        rows = []
        for archive in archives:
            exported = any(e.verified and e.finished_at is not None for e in archive.exports)
            rows.append(ArchiveRow(
                Path(archive.path), archive.size_bytes, archive.files_count,
                archive.verified_at is not None, exported, archive.id in stale,
                archive.encryption))
        self.panel.set_archives(rows)

    # --- jobs ----------------------------------------------------------------------------
    def _start(
        self,
        name: str,
        fn: Callable[[Progress, threading.Event], object],
        done: Callable[[object], None],
    ) -> None:
        panel = self.panel
        panel.set_busy(True)
        panel.set_progress(0, 1, "")

        def finished_ok(result: object) -> None:
            panel.set_busy(False)
            done(result)

        def failed(message: str) -> None:
            panel.set_busy(False)
            panel.status.setText(message)
            self.status.show_error(message)

        def cancelled() -> None:
            panel.set_busy(False)
            panel.status.setText(QCoreApplication.translate("ArchiveController", "Cancelled."))

        self.job = self.jobs.start(
            name,
            fn,
            on_success=finished_ok,
            on_failure=failed,
            on_progress=panel.set_progress,
            on_cancel=cancelled,
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # --- the readiness gate --------------------------------------------------------------
    def _gated(self, export: bool, go: Callable[[GateOverride | None], None]) -> None:
        """Ask the core's gate off the GUI thread; go on at once when nothing is wrong,
        else show the one summary and go on only with «…всё равно» and a reason."""
        package_id = self.package_id()
        if package_id is None:
            return
        database = self.database

        def job(_p: Progress, _c: threading.Event) -> GateSummary:
            return package_gate(database, package_id)

        def checked(summary: object) -> None:
            assert isinstance(summary, GateSummary)
            if summary.ok:
                go(None)
                return
            self.gate_dialog = GateDialog(summary, export, self.dialogs)
            dialog = self.gate_dialog

            def finished(code: int) -> None:
                if code != GateDialog.DialogCode.Accepted:
                    self.panel.status.setText(QCoreApplication.translate(
                        "ArchiveController", "Not done: the package is not ready."))
                    return
                reason = dialog.reason_text()
                self.operator.with_name(
                    lambda name: go(GateOverride(reason, summary.problems, name)))

            dialog.finished.connect(finished)
            dialog.open()

        self._start("gate", job, checked)

    def pack(self, password: str | None) -> None:
        self._gated(False, lambda override: self._pack(password, override))

    def _pack(self, password: str | None, override: GateOverride | None) -> None:
        package_id, settings = self.package_id(), self.settings()
        if package_id is None:
            return
        with self.database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                return
            folder = Path(package.folder)
            out_dir = (
                settings.archives_path()
                / safe_folder_name(package.event.name)
                / safe_folder_name(package.name)
            )
        encryption = Encryption.NONE
        self.password_note = ""
        if password:
            policy = settings.password_policy
            encryption = Encryption.ZIPCRYPTO if policy == "zipcrypto" else Encryption.AES
            # Only the OS keyring may keep it; otherwise it is asked for next time.
            reason = save_password(self.password_account(), password)
            if reason is not None:
                self.password_note = reason
        options = PackOptions(
            out_dir=out_dir,
            limit=settings.archive_limit,
            encryption=encryption,
            password=password,
            profile=self.profile(),
            # «Pack and verify» again makes the package's current set: the earlier one is
            # dropped only once every new part is verified (the core keeps it otherwise).
            replace=True,
            incomplete=override.as_json() if override is not None else None,
        )
        database = self.database

        def job(progress: Progress, cancel: threading.Event) -> PackResult:
            return pack_package(folder, options, database, progress, cancel)

        self._start("pack", job, self._packed)

    def _packed(self, result: object) -> None:
        assert isinstance(result, PackResult)
        self.last_result = result
        panel = self.panel
        panel.set_progress(1, 1, "")
        text = (
            self.tr("Packed and verified: %1 archive(s), %2 pages.")
            .replace("%1", str(len(result.archives)))
            .replace("%2", str(sum(a.pages for a in result.archives)))
        )
        if self.password_note:
            text += " " + self.tr("The password was not saved: %1.").replace(
                "%1", self.password_note)
        panel.status.setText(text)
        self.refresh_archives()

    def export(self, target: Path) -> None:
        self._gated(True, lambda override: self._export(target, override))

    def _export(self, target: Path, override: GateOverride | None) -> None:
        archives = [Path(a.path) for a in self.archives()]
        if not archives:
            self.panel.status.setText(
                QCoreApplication.translate("ArchiveController", "Pack the package first.")
            )
            return
        database = self.database
        package_id = self.package_id()

        def job(progress: Progress, cancel: threading.Event) -> list[ExportedArchive]:
            if override is not None and package_id is not None:
                record_override(database, package_id, "export_incomplete", override)
            return export_archives(archives, target, database, progress, cancel)

        self._start("export", job, self._exported)

    def _exported(self, result: object) -> None:
        assert isinstance(result, list)
        self.last_exported = result
        panel = self.panel
        panel.set_progress(1, 1, "")
        target = result[0].target.parent if result else ""
        panel.status.setText(
            QCoreApplication.translate(
                "ArchiveController", "Exported and checked on the drive: %1 archive(s) to %2."
            )
            .replace("%1", str(len(result)))
            .replace("%2", str(target))
        )
        self.refresh_archives()

    def exports(self) -> list[Export]:
        with self.database.read() as session:
            return list(
                session.scalars(
                    select(Export).join(Archive).where(Archive.package_id == self.package_id())
                )
            )
