"""The driver in a worker process (scanstation/scanner/isolated.py): real processes
(spawn, as on Windows), the real demo feeder inside them, a driver that kills its own
process mid-batch. The window's side (`ScanBatch`) sees pages, typed faults, and a crash
as a fault with the pages already safe, then goes on with a fresh worker."""

from __future__ import annotations

import importlib
import threading

import pytest

from scanstation.scanner import registry
from scanstation.scanner.base import PaperJam, ScanOptions
from scanstation.scanner.batch import ScanBatch
from scanstation.scanner.isolated import DriverCrashed, IsolatedDevice

DEMO = "scanstation.scanner.demo:DemoDriver"


def test_pages_come_from_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCANSTATION_DEMO_DELAY", "0")
    device = IsolatedDevice("demo:feeder", DEMO)
    try:
        assert device.info.id == "demo:feeder" and device.capabilities().resolutions
        pages = list(device.scan(ScanOptions()))
        assert [p.index for p in pages] == list(range(1, 13))
        assert pages[0].image.size[0] > 1000 and pages[0].dpi == 200
        cancel = threading.Event()
        got = []
        for page in device.scan(ScanOptions(), cancel):  # cancel mid-batch
            got.append(page)
            cancel.set()
        assert len(got) == 1  # lockstep: no sheet taken beyond the one asked for
        rest = list(device.scan(ScanOptions(first_index=2)))  # the same worker goes on
        assert [p.index for p in rest] == list(range(2, 13))
    finally:
        device.close()


def test_a_jam_in_the_worker_is_the_same_typed_fault() -> None:
    device = IsolatedDevice("demo:feeder", "tests.scanner.crashing_driver:JammingDriver")
    batch = ScanBatch(device)
    got = []
    try:
        with pytest.raises(PaperJam) as info:
            got.extend(batch.run())
        assert info.value.pages_delivered == 2 and info.value.code == "paper_jam"
        got.extend(batch.run())  # «Продолжить»
        assert [p.index for p in got] == list(range(1, 13))
    finally:
        device.close()


def test_a_crashing_driver_takes_only_its_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    device = IsolatedDevice("demo:feeder", "tests.scanner.crashing_driver:CrashingDriver")
    batch = ScanBatch(device)
    got = []
    try:
        with pytest.raises(DriverCrashed) as info:
            got.extend(batch.run())
        assert len(got) == 2 and info.value.pages_delivered == 2
        assert "аварийно" in info.value.message or "crashed" in info.value.message
        monkeypatch.setenv("CRASHED_ONCE", "1")  # the operator reconnected the scanner
        got.extend(batch.run())  # a fresh worker reopens the device
        assert got[2].index == 3 and len(got) > 3
    finally:
        device.close()


def test_twain_runs_isolated_on_windows_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCANSTATION_DRIVER_IN_PROCESS", raising=False)
    monkeypatch.setattr(registry.sys, "platform", "linux")
    assert not registry.runs_isolated("twain")
    monkeypatch.setattr(registry.sys, "platform", "win32")
    assert registry.runs_isolated("twain") and not registry.runs_isolated("demo")
    monkeypatch.setenv("SCANSTATION_DRIVER_IN_PROCESS", "1")
    assert not registry.runs_isolated("twain")


@pytest.mark.parametrize("prefix", sorted(registry.ISOLATED_DRIVERS))
def test_isolated_driver_names_its_own_class(prefix: str) -> None:
    """The worker opens the device by the class the registry names: it must exist and be
    the driver of that prefix (a typo would only show on a Windows station)."""
    module, _, name = registry.ISOLATED_DRIVERS[prefix].partition(":")
    driver_class = getattr(importlib.import_module(module), name)
    assert driver_class.name == prefix
