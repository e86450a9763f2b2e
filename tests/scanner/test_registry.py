"""The registry and `scanstation devices` against real drivers: SANE test/pnm, hot folder,
demo feeder."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from scanstation.cli import main
from scanstation.scanner.base import DeviceGone, DeviceInfo, ScanOptions
from scanstation.scanner.demo import DEMO_DEVICE_ID, DemoDriver
from scanstation.scanner.registry import list_devices, open_device, survey


class BrokenDriver:
    """A backend whose listing crashes (as a half-installed TWAIN manager does)."""

    name = "broken"

    def list_devices(self) -> list[DeviceInfo]:
        raise RuntimeError("DSM not found")

    def open(self, device_id: str) -> object:
        raise AssertionError("never opened")


def test_broken_driver_is_reported_and_demo_still_listed() -> None:
    reports = survey([BrokenDriver(), DemoDriver()])  # type: ignore[list-item]
    assert reports[0].error and "DSM not found" in reports[0].error
    assert [d.id for d in reports[1].devices] == [DEMO_DEVICE_ID]


def test_open_by_id_and_unknown_prefix(tmp_path: Path) -> None:
    assert open_device(DEMO_DEVICE_ID).info.id == DEMO_DEVICE_ID
    hot = open_device(f"hotfolder:{tmp_path}")
    assert hot.info.driver == "hotfolder"
    with pytest.raises(DeviceGone):
        open_device("nosuch:thing")
    with pytest.raises(DeviceGone):
        open_device(f"hotfolder:{tmp_path / 'missing'}")


@pytest.mark.sane
def test_default_drivers_find_sane_and_demo(sane_config_dir: Path) -> None:
    ids = {d.id for d in list_devices()}
    assert {"sane:test:0", "sane:pnm:0", DEMO_DEVICE_ID} <= ids
    device = open_device("sane:test:0")
    try:
        page = next(iter(device.scan(ScanOptions())))
        assert page.image.size == (1653, 2338)
    finally:
        device.close()


@pytest.mark.sane
def test_devices_command_json(sane_config_dir: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices", "--json", "--hot-folder", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    by_driver = {entry["driver"]: entry for entry in report}
    assert {"sane", "hotfolder", "demo"} <= set(by_driver)
    test0 = next(d for d in by_driver["sane"]["devices"] if d["id"] == "sane:test:0")
    assert 200 in test0["capabilities"]["resolutions"]
    assert "feeder" in test0["capabilities"]["sources"]
    assert by_driver["hotfolder"]["devices"][0]["id"] == f"hotfolder:{tmp_path}"
    assert by_driver["demo"]["devices"][0]["capabilities"]["modes"] == ["gray", "color", "bw"]


@pytest.mark.sane
def test_devices_command_text_in_russian(sane_config_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices"]) == 0
    out = capsys.readouterr().out
    assert "Драйвер demo:" in out and "sane:test:0" in out and "разрешения:" in out


def test_every_device_fulfils_the_protocol(tmp_path: Path) -> None:
    from scanstation.scanner.base import ScannerDevice

    for device_id in (DEMO_DEVICE_ID, f"hotfolder:{tmp_path}"):
        device = open_device(device_id)
        assert isinstance(device, ScannerDevice)
        device.close()


def test_hot_folder_removed_mid_watch_is_device_gone(tmp_path: Path) -> None:
    import shutil
    import threading

    from scanstation.scanner.hotfolder import HotFolderDevice

    folder = tmp_path / "share"
    folder.mkdir()
    device = HotFolderDevice(folder, settle_seconds=0.01, poll_interval=0.01)

    def pull_the_share() -> None:
        # Windows refuses to remove a folder while a listing of it is open (the watcher
        # lists it every 10 ms): try again, as the share does go away in the end.
        deadline = time.monotonic() + 10
        while True:
            try:
                shutil.rmtree(folder)
                return
            except PermissionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    timer = threading.Timer(0.05, pull_the_share)
    give_up = threading.Event()  # a watcher that never notices ends the test, not hangs it
    watchdog = threading.Timer(30, give_up.set)
    timer.start()
    watchdog.start()
    try:
        with pytest.raises(DeviceGone):
            list(device.scan(ScanOptions(), give_up))
    finally:
        watchdog.cancel()
        timer.join()
    assert not folder.exists()


@pytest.mark.sane
def test_devices_command_as_a_fresh_process(sane_config_dir: Path) -> None:
    """The real entry point, without the test suite's PYINSANE_SINGLE_THREAD: the driver
    must choose pyinsane2's in-process mode itself."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYINSANE_SINGLE_THREAD"}
    env["SANE_CONFIG_DIR"] = str(sane_config_dir)
    done = subprocess.run([sys.executable, "-m", "scanstation", "devices", "--json"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = {entry["driver"]: entry for entry in json.loads(done.stdout)}
    assert report["sane"]["error"] is None
    assert "sane:test:0" in {d["id"] for d in report["sane"]["devices"]}
