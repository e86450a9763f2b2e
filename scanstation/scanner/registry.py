"""All page sources behind one door: which drivers run here, their devices, open by id.

Device ids carry their driver as a prefix ("sane:test:0", "twain:Canon DR-C225",
"wia:{6BDD1FC6-…}\\0000", "hotfolder:/srv/scans", "demo:feeder"), so a saved choice
reopens the same device next time. One driver that fails to list (a broken backend, a
TWAIN manager missing) is reported and skipped; the demo feeder is always there.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scanstation.i18n import tr
from scanstation.scanner.base import (
    Capabilities,
    DeviceGone,
    DeviceInfo,
    ScanDriver,
    ScannerDevice,
    ScannerError,
)
from scanstation.scanner.isolated import IsolatedDevice

log = logging.getLogger(__name__)


@dataclass
class DriverReport:
    name: str
    devices: list[DeviceInfo] = field(default_factory=list)
    error: str | None = None  # why the driver could not list, for the operator


def default_drivers(hot_folders: Sequence[Path] = ()) -> list[ScanDriver]:
    """The drivers this platform can run. TWAIN and WIA are imported only on Windows;
    SANE only where libsane loads."""
    from scanstation.scanner.demo import DemoDriver
    from scanstation.scanner.hotfolder import HotFolderDriver

    drivers: list[ScanDriver] = []
    if sys.platform == "win32":
        from scanstation.scanner.twain import TwainDriver
        from scanstation.scanner.wia import WiaDriver

        drivers += [WiaDriver(), TwainDriver()]
    else:
        from scanstation.scanner.sane import SaneDriver, sane_available

        if sane_available():
            drivers.append(SaneDriver())
    drivers.append(HotFolderDriver(hot_folders))
    drivers.append(DemoDriver())
    return drivers


def survey(drivers: Sequence[ScanDriver] | None = None) -> list[DriverReport]:
    reports = []
    for driver in drivers if drivers is not None else default_drivers():
        report = DriverReport(driver.name)
        try:
            report.devices = driver.list_devices()
        except ScannerError as exc:
            report.error = exc.message
        except Exception as exc:  # a broken backend must not hide the others
            log.exception("driver %s failed to list devices", driver.name)
            report.error = tr("driver does not answer: {exc}", exc=exc)
        reports.append(report)
    return reports


def list_devices(drivers: Sequence[ScanDriver] | None = None) -> list[DeviceInfo]:
    return [device for report in survey(drivers) for device in report.devices]


# Drivers whose native code runs in a worker process on Windows (scanner/isolated.py): a
# vendor's TWAIN driver that crashes must not take the window and its queued pages along.
# Each names its driver class as "module:Class", which the worker imports and opens.
ISOLATED_DRIVERS = {"twain": "scanstation.scanner.twain:TwainDriver"}


def runs_isolated(prefix: str) -> bool:
    return (sys.platform == "win32" and prefix in ISOLATED_DRIVERS
            and os.environ.get("SCANSTATION_DRIVER_IN_PROCESS") != "1")


def open_device(device_id: str, drivers: Sequence[ScanDriver] | None = None
                ) -> ScannerDevice:
    """Open a device by its id; `DeviceGone` when no driver here knows it any more.
    TWAIN devices on Windows open in a worker process unless the caller passes its own
    drivers (tests)."""
    prefix = device_id.split(":", 1)[0]
    if drivers is None and runs_isolated(prefix):
        return IsolatedDevice(device_id, ISOLATED_DRIVERS[prefix])
    hot = [Path(device_id.split(":", 1)[1])] if prefix == "hotfolder" else []
    for driver in drivers if drivers is not None else default_drivers(hot):
        if driver.name == prefix:
            return driver.open(device_id)
    raise DeviceGone(0)


def capabilities_of(device_id: str, drivers: Sequence[ScanDriver] | None = None
                    ) -> Capabilities:
    device = open_device(device_id, drivers)
    try:
        return device.capabilities()
    finally:
        device.close()
