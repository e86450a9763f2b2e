"""Fixtures for the scanner tests: the process-wide SANE config with `test` and `pnm`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sane_env import enable_sane_test_devices

# At collection time, before any test of any folder runs: libsane reads SANE_CONFIG_DIR once
# per process, so a test elsewhere that touches SANE first must already see this config.
enable_sane_test_devices()


@pytest.fixture(scope="session")
def sane_config_dir() -> Path:
    return enable_sane_test_devices()


@pytest.fixture
def sane_driver(sane_config_dir: Path) -> Iterator[object]:
    from scanstation.scanner.sane import SaneDriver

    yield SaneDriver()
