"""Shared fixtures: every test gets its own data folder (database, logs, packages)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYINSANE_SINGLE_THREAD", "1")

from tests.sane_env import enable_sane_test_devices

# libsane reads SANE_CONFIG_DIR once per process: every test sees only the virtual
# `test` and `pnm` devices, configured in a temporary folder (never /etc/sane.d).
enable_sane_test_devices()

# The in-memory keyring fixture (`memory_keyring`) for every test folder.
pytest_plugins = ["tests.memory_keyring"]


WINDOWS = sys.platform == "win32"


def under_wine() -> bool:
    """Windows as Wine emulates it (`make test-windows`): its ntdll exports
    `wine_get_version`, which no real Windows has."""
    if not WINDOWS:
        return False
    import ctypes

    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
    except OSError:
        return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """On Windows (`make test-windows`, under Wine) tests of POSIX-only code skip with the
    reason their marker gives; SANE tests skip (no SANE on Windows: TWAIN is tested
    through the bundle there); tests of a known Wine gap skip under Wine only, so a real
    Windows machine still runs them."""
    if not WINDOWS:
        return
    wine = under_wine()
    for item in items:
        posix = item.get_closest_marker("posix_only")
        gap = item.get_closest_marker("wine_gap")
        if gap is not None and wine:
            reason = gap.args[0] if gap.args else "a Wine gap"
            item.add_marker(pytest.mark.skip(reason=f"Wine gap: {reason}"))
        elif posix is not None:
            reason = posix.args[0] if posix.args else "POSIX-only"
            item.add_marker(pytest.mark.skip(reason=f"POSIX only: {reason}"))
        elif item.get_closest_marker("sane") is not None:
            item.add_marker(pytest.mark.skip(reason="SANE exists only on Linux"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "station-data"
    folder.mkdir()
    monkeypatch.setenv("SCANSTATION_DATA_DIR", str(folder))
    from scanstation.i18n import set_language

    set_language(None)
    yield folder
    set_language(None)
