"""Pack and export: the package's archives, their verification, and the USB target.

The panel only collects the operator's choices and shows progress and results; packing,
verifying and copying are the core's (`pack_package`, `export_archives`), run by the main
window on the job runner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scanstation.archive.drives import Drive
from scanstation.ui.file_dialogs import remember, start_folder
from scanstation.ui.password_field import PasswordField, policy_label


def human_size(size: int) -> str:
    """Decimal units, as the collector's «250 МБ» limit is read."""
    units = (QCoreApplication.translate("PackPanel", "B"),
             QCoreApplication.translate("PackPanel", "KB"),
             QCoreApplication.translate("PackPanel", "MB"),
             QCoreApplication.translate("PackPanel", "GB"))
    value = float(size)
    for i, unit in enumerate(units):
        if value < 1000 or i == len(units) - 1:
            return f"{value:.0f} {unit}" if i == 0 else f"{value:.1f} {unit}"
        value /= 1000
    return str(size)


class PackPanel(QWidget):
    pack_requested = Signal(object)  # password or None
    export_requested = Signal(object)  # target folder (Path)
    cancel_requested = Signal()
    refresh_drives_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PackPanel")
        self.encrypt = QCheckBox(self.tr("Protect with a password"))
        self.encrypt.setObjectName("EncryptArchives")
        self.password = PasswordField()
        self.password.setEnabled(False)
        self.encrypt.toggled.connect(self.password.setEnabled)
        self.policy = QLabel()
        self.policy.setObjectName("PasswordPolicyNote")
        self.policy.setWordWrap(True)
        self.pack_button = QPushButton(self.tr("Pack and verify"))
        self.pack_button.setObjectName("PackButton")
        self.pack_button.clicked.connect(self._pack)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("CancelJob")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.progress = QProgressBar()
        self.progress.setObjectName("PackProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("PackStatus")
        self.status.setWordWrap(True)
        self.archives = QTreeWidget()
        self.archives.setObjectName("ArchiveList")
        self.archives.setHeaderLabels([self.tr("Archive"), self.tr("Size"), self.tr("Pages"),
                                       self.tr("Verified"), self.tr("Exported")])
        self.archives.setRootIsDecorated(False)
        self.target = QComboBox()
        self.target.setObjectName("ExportTarget")
        self.target.setEditable(True)
        self.target.setMinimumContentsLength(24)
        browse = QPushButton(self.tr("Choose folder…"))
        browse.clicked.connect(self._browse)
        refresh = QPushButton(self.tr("Refresh drives"))
        refresh.clicked.connect(self.refresh_drives_requested.emit)
        self.export_button = QPushButton(self.tr("Export to drive"))
        self.export_button.setObjectName("ExportButton")
        self.export_button.clicked.connect(self._export)
        self.export_button.setEnabled(False)

        pack_box = QGroupBox(self.tr("Archives"))
        form = QFormLayout()
        form.addRow(self.encrypt)
        form.addRow(self.password)
        form.addRow(self.policy)
        pack_row = QHBoxLayout()
        pack_row.addWidget(self.pack_button)
        pack_row.addWidget(self.cancel_button)
        pack_row.addStretch(1)
        box_layout = QVBoxLayout(pack_box)
        box_layout.addLayout(form)
        box_layout.addLayout(pack_row)
        box_layout.addWidget(self.archives, 1)
        export_box = QGroupBox(self.tr("Export to a removable drive"))
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)
        target_row.addWidget(refresh)
        export_layout = QVBoxLayout(export_box)
        export_layout.addLayout(target_row)
        export_layout.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(pack_box, 1)
        layout.addWidget(export_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    # --- state ---------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self.pack_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.archives.topLevelItemCount() > 0)
        self.cancel_button.setEnabled(busy)

    def set_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setValue(int(1000 * done / total) if total else 0)
        if label:
            self.status.setText(label)

    def set_drives(self, drives: list[Drive]) -> None:
        current = self.target.currentText()
        self.target.clear()
        for drive in drives:
            self.target.addItem(
                self.tr("%1 (%2 free)").replace("%1", str(drive.mount))
                .replace("%2", human_size(drive.free_bytes)), str(drive.mount))
        if current:
            self.set_target(Path(current))

    def set_target(self, folder: Path) -> None:
        at = self.target.findData(str(folder))
        if at < 0:
            self.target.addItem(str(folder), str(folder))
            at = self.target.count() - 1
        self.target.setCurrentIndex(at)

    def target_path(self) -> Path | None:
        data = self.target.currentData()
        text = str(data) if data else self.target.currentText().strip()
        return Path(text) if text else None

    def set_archives(self, rows: list[tuple[Path, int, int, bool, bool]]) -> None:
        """(path, size, pages, verified, exported) per archive."""
        self.archives.clear()
        yes, no = self.tr("yes"), self.tr("no")
        for path, size, pages, verified, exported in rows:
            item = QTreeWidgetItem([path.name, human_size(size), str(pages),
                                    yes if verified else no, yes if exported else no])
            item.setToolTip(0, str(path))
            self.archives.addTopLevelItem(item)
        for column in range(5):
            self.archives.resizeColumnToContents(column)
        self.export_button.setEnabled(bool(rows) and not self.cancel_button.isEnabled())

    # --- slots ---------------------------------------------------------------------------
    def set_policy(self, policy: str) -> None:
        """The station's password policy (chosen in the settings, named in one place)."""
        self.policy.setText(self.tr("Encryption: %1 (changed in «Settings»)")
                            .replace("%1", policy_label("aes" if policy == "none" else policy)))

    def _pack(self) -> None:
        password = None
        if self.encrypt.isChecked():
            problem = self.password.problem()
            if problem is not None:
                self.status.setText(problem)
                return
            password = self.password.password()
        self.pack_requested.emit(password)

    def _export(self) -> None:
        target = self.target_path()
        if target is None:
            self.status.setText(self.tr("Choose the drive or folder to export to."))
            return
        self.export_requested.emit(target)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export folder"),
                                                  str(start_folder("export")))
        if folder:
            remember("export", Path(folder))
            self.set_target(Path(folder))
