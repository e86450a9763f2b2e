"""The scanning controls (device, Start, Stop) and the fault banner that tells what
happened, how many pages are safe, and offers «Continue»."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from scanstation.scanner.base import DeviceInfo


class ScanBar(QWidget):
    start_requested = Signal()
    stop_requested = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScanBar")
        self.device = QComboBox()
        self.device.setObjectName("DeviceCombo")
        self.device.setMinimumContentsLength(22)
        self.refresh = QPushButton(self.tr("Find scanners"))
        self.refresh.clicked.connect(self.refresh_requested.emit)
        self.start = QPushButton(self.tr("Start scanning (F9)"))
        self.start.setObjectName("StartScan")
        self.start.setShortcut("F9")
        self.start.clicked.connect(self.start_requested.emit)
        self.stop = QPushButton(self.tr("Stop"))
        self.stop.setObjectName("StopScan")
        self.stop.setEnabled(False)
        self.stop.clicked.connect(self.stop_requested.emit)
        self.progress = QLabel()
        self.progress.setObjectName("ScanProgress")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("Scanner:")))
        layout.addWidget(self.device, 1)
        layout.addWidget(self.refresh)
        layout.addWidget(self.start)
        layout.addWidget(self.stop)
        layout.addWidget(self.progress, 1)

    def set_devices(self, devices: list[DeviceInfo], current: str) -> None:
        self.device.clear()
        for device in devices:
            self.device.addItem(device.name, device.id)
        at = self.device.findData(current)
        self.device.setCurrentIndex(max(0, at))

    def device_id(self) -> str | None:
        data = self.device.currentData()
        return str(data) if data else None

    def set_scanning(self, scanning: bool) -> None:
        self.start.setEnabled(not scanning)
        self.stop.setEnabled(scanning)
        self.device.setEnabled(not scanning)


class Banner(QFrame):
    """A coloured message strip with an optional action button (Continue, Rescan…)."""

    action = Signal()

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame {{ background: {colour}; }} QLabel {{ color: black; }}")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self.action.emit)
        close = QPushButton("×")
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, button: str | None = None) -> None:
        self.text.setText(text)
        self.button.setVisible(button is not None)
        if button is not None:
            self.button.setText(button)
        self.show()
