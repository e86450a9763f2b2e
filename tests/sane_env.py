"""Real SANE virtual devices for tests, without touching /etc/sane.d.

libsane reads `SANE_CONFIG_DIR` once, at its first `sane_init`, and pyinsane2 never calls
`sane_exit`: the configuration holds for the whole test process. So one folder is made per
process and every test that needs SANE shares it — call `enable_sane_test_devices()` (or
use the `sane_config_dir` fixture) before anything touches SANE.

Devices then present: `test:0`, `test:1` (frontend tester: its feeder empties after 10
pages; `read-return-value` injects JAMMED, COVER_OPEN, IO_ERROR…) and `pnm:0`, `pnm:1`
(scans the PNM file named by its `filename` option, byte for byte).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

BACKENDS = ("test", "pnm")
# The test backend's default geometry_max of 200 mm cannot hold an A4 page (210 × 297).
TEST_CONF = "geometry_max 300.0\n"

_process_dir: Path | None = None


def write_sane_config(folder: Path, backends: tuple[str, ...] = BACKENDS) -> Path:
    """Write dll.conf (only `backends`) and test.conf into `folder`; return the folder to
    put in SANE_CONFIG_DIR (no trailing colon: /etc/sane.d is not searched at all)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("".join(f"{b}\n" for b in backends), encoding="ascii")
    (folder / "test.conf").write_text(TEST_CONF, encoding="ascii")
    return folder


def enable_sane_test_devices() -> Path:
    """The process-wide SANE config folder, written and exported on first call."""
    global _process_dir  # noqa: PLW0603 - mirrors libsane's own once-per-process init
    if _process_dir is None:
        folder = Path(tempfile.mkdtemp(prefix="scanstation-sane-"))
        write_sane_config(folder)
        atexit.register(shutil.rmtree, folder, True)
        _process_dir = folder
    os.environ["SANE_CONFIG_DIR"] = str(_process_dir)
    os.environ["PYINSANE_SINGLE_THREAD"] = "1"
    return _process_dir
