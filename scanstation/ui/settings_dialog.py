"""The station settings dialog: one form over `StationSettings` (device, dpi, colour mode,
format, archive limit, password policy, folders, language)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from scanstation.profile import EventProfile
from scanstation.scanner.base import DeviceInfo
from scanstation.settings import DPI_CHOICES, StationSettings
from scanstation.ui.file_dialogs import documents_folder
from scanstation.ui.password_field import policy_choices


class SettingsDialog(QDialog):
    def __init__(self, settings: StationSettings, devices: list[DeviceInfo],
                 profiles: list[EventProfile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.original = settings
        self.device = QComboBox()
        for device in devices:
            self.device.addItem(device.name, device.id)
        self._select(self.device, settings.device_id)
        self.profile = QComboBox()
        for profile in profiles:
            self.profile.addItem(profile.name, profile.name)
        self._select(self.profile, settings.profile)
        self.dpi = QComboBox()
        for dpi in DPI_CHOICES:
            self.dpi.addItem(f"{dpi} dpi", dpi)
        self._select(self.dpi, settings.dpi)
        self.mode = QComboBox()
        for value, label in (("gray", self.tr("Grayscale")), ("color", self.tr("Colour")),
                             ("bw", self.tr("Black and white"))):
            self.mode.addItem(label, value)
        self._select(self.mode, settings.color_mode)
        self.format = QComboBox()
        self.format.addItem(self.tr("TIFF (LZW, lossless)"), "tiff")
        self.format.addItem(self.tr("JPEG"), "jpeg")
        self._select(self.format, settings.image_format)
        self.limit = QSpinBox()
        self.limit.setRange(1, 250)
        self.limit.setSuffix(self.tr(" MB"))
        self.limit.setValue(max(1, settings.archive_limit // 1_000_000))
        self.password = QComboBox()
        self.password.setObjectName("PasswordPolicy")
        for label, policy in policy_choices():
            self.password.addItem(label, policy)
        self._select(self.password, settings.password_policy)
        self.language = QComboBox()
        self.language.addItem(self.tr("As the system (Russian)"), "")
        self.language.addItem("Русский", "ru")
        self.language.addItem("English", "en")
        self._select(self.language, settings.language)
        self.packages, packages_row = self._folder_row(settings.packages_folder)
        self.archives, archives_row = self._folder_row(settings.archives_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Scanner:"), self.device)
        form.addRow(self.tr("Profile for new events:"), self.profile)
        form.addRow(self.tr("Resolution:"), self.dpi)
        form.addRow(self.tr("Colour mode:"), self.mode)
        form.addRow(self.tr("Page format:"), self.format)
        form.addRow(self.tr("Archive size limit:"), self.limit)
        form.addRow(self.tr("Archive password:"), self.password)
        form.addRow(self.tr("Language (after restart):"), self.language)
        form.addRow(self.tr("Packages folder:"), packages_row)
        form.addRow(self.tr("Archives folder:"), archives_row)
        form.addRow(buttons)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        at = combo.findData(value)
        if at >= 0:
            combo.setCurrentIndex(at)

    def _folder_row(self, value: str) -> tuple[QLineEdit, QWidget]:
        holder = QWidget(self)
        edit = QLineEdit(value, holder)
        edit.setPlaceholderText(self.tr("default (in the data folder)"))
        browse = QPushButton(self.tr("…"), holder)
        browse.clicked.connect(lambda: self._browse(edit))
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return edit, holder

    def _browse(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose folder"), edit.text() or str(documents_folder()))
        if folder:
            edit.setText(str(Path(folder)))

    def values(self) -> StationSettings:
        return replace(
            self.original,
            device_id=str(self.device.currentData() or self.original.device_id),
            profile=str(self.profile.currentData() or self.original.profile),
            dpi=int(self.dpi.currentData()),
            color_mode=str(self.mode.currentData()),
            image_format=str(self.format.currentData()),
            archive_limit=self.limit.value() * 1_000_000,
            password_policy=str(self.password.currentData()),
            language=str(self.language.currentData()),
            packages_folder=self.packages.text().strip(),
            archives_folder=self.archives.text().strip(),
        ).validated()
