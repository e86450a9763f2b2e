"""The real main window on a real database, demo feeder without pacing, one real
recognition worker process (spawned once per test module: start-up costs ~1 s)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from scanstation.db import Database, open_database
from scanstation.recognition.pool import RecognitionPool
from scanstation.scanner.base import DeviceInfo
from scanstation.scanner.demo import DemoDevice, DemoSheet, demo_stack
from scanstation.settings import StationSettings
from scanstation.ui.app import install_translator


@pytest.fixture
def russian(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The window's Russian translation, as the station starts it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setenv("SCANSTATION_LANG", "ru")
    assert install_translator(app) is not None
    yield
    for installed in app.findChildren(QTranslator):  # ours and Qt's own
        app.removeTranslator(installed)
        installed.deleteLater()


@pytest.fixture(scope="module")
def recognizer() -> Iterator[RecognitionPool]:
    pool = RecognitionPool(workers=1)
    pool.warm_up()
    yield pool
    pool.shutdown()


class _PoolView:
    """The module's pool, handed to a window or pipeline that must not shut it down."""

    def __init__(self, inner: RecognitionPool) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    def shutdown(self, wait: bool = True) -> None:
        """The module fixture owns the pool."""


def _SharedPool(inner: RecognitionPool) -> RecognitionPool:
    return cast(RecognitionPool, _PoolView(inner))


def package_stack() -> tuple[DemoSheet, ...]:
    """The demo stack (3 kits × 4 pages, one sheet upside down, one smeared) with the
    first sheet fed a second time at the end: a same-sheet duplicate to resolve."""
    stack = demo_stack()
    return (*stack, stack[0])


class StackDriver:
    """The real demo device, loaded with a chosen stack and optionally a jam."""

    name = "demo"

    def __init__(self, stack: tuple[DemoSheet, ...], jam_after: int | None = None,
                 page_delay: float = 0.0) -> None:
        self.stack = stack
        self.jam_after = jam_after
        self.page_delay = page_delay

    def list_devices(self) -> list[DeviceInfo]:
        return [DemoDevice().info]

    def open(self, device_id: str) -> DemoDevice:
        return DemoDevice(stack=self.stack, page_delay=self.page_delay,
                          jam_after=self.jam_after)


@pytest.fixture
def drivers() -> list[object]:
    return [StackDriver(package_stack())]


@pytest.fixture
def database(data_dir: Path) -> Iterator[Database]:
    db = open_database(data_dir / "scanstation.sqlite3")
    yield db
    db.close()


@pytest.fixture
def settings(tmp_path: Path) -> StationSettings:
    return StationSettings(archives_folder=str(tmp_path / "archives"))


@pytest.fixture
def window(qtbot, database: Database, settings: StationSettings,  # type: ignore[no-untyped-def]
           recognizer: RecognitionPool, drivers: list[object]):
    from scanstation.ui.main_window import MainWindow

    win = MainWindow(database, settings, drivers=drivers,
                     recognizer=_SharedPool(recognizer))
    qtbot.addWidget(win)
    win.show()
    if drivers:
        # The scanner list fills from the scanner's worker thread; on a busy machine a test
        # clicking «Сканировать» at once would only be told to choose a scanner. A driver
        # that lists nothing (a test of that) simply lets the wait run out.
        deadline = time.monotonic() + 30
        while win.scan_bar.device_id() is None and time.monotonic() < deadline:
            qtbot.wait(20)
    yield win
    win.shutdown()


def one_kit_package(database: Database, recognizer: RecognitionPool, name: str,
                    kit: int = 1, protocol: bool = True) -> int:
    """A package made through the core pipeline (no window): one complete kit, listed as
    used in the event's protocol (so the readiness gate has nothing to say) unless
    `protocol=False`."""
    from scanstation.ingest.pipeline import IngestPipeline
    from scanstation.profile import default_profile
    from scanstation.samples import sample_number
    from scanstation.scanner.base import ScanOptions
    from scanstation.station.packages import PackageService

    package = PackageService(database).open("ОГЭ 2026", name, default_profile())
    stack = tuple(DemoSheet(sample_number(kit, page, 2026)) for page in range(1, 5))
    with IngestPipeline(database, package.id, pool=_SharedPool(recognizer)) as pipeline:
        for page in DemoDevice(stack=stack).scan(ScanOptions()):
            pipeline.add_page(page)
    if protocol:
        from scanstation.db.models import KitProtocolStatus
        from scanstation.protocol.model import Protocol, ProtocolKind, ProtocolKit
        from scanstation.protocol.store import import_protocol

        import_protocol(database, package.event_id, Protocol(
            ProtocolKind.FIS_OKO, "Лист1",
            (ProtocolKit(f"{kit:06d}", KitProtocolStatus.USED, "edu123456"),)))
    return package.id


def type_text(widget: object, text: str) -> None:
    """Type any text as key presses into a widget. QTest's keyClicks maps characters
    through an ASCII table and aborts the process on Cyrillic; a key event carrying the
    character as its text is what a keyboard layout delivers."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def answer_operator(qtbot, window, name: str = "Оператор Смирнова") -> None:  # type: ignore[no-untyped-def]
    """The once-a-session question for the station operator's name: type it, Enter."""
    from scanstation.ui.operator_name import OperatorDialog

    qtbot.waitUntil(lambda: isinstance(window.review.operator.dialog, OperatorDialog)
                    and window.review.operator.dialog.isVisible(), timeout=10_000)
    dialog = window.review.operator.dialog
    dialog.name.clear()
    type_text(dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    # The offscreen platform has no window manager to give the focus back to the window
    # when a dialog closes, as a desktop does; the window's shortcuts need it.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
