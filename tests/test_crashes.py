"""Crash reporting wired at start: an uncaught exception (main thread or any other) is
logged with its traceback; a native crash leaves every thread's stack in `crash.log`.
Real processes: a segfault cannot be survived by the test itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(120)

PRELUDE = """
import threading
from scanstation import crashes
from scanstation.logging_setup import configure_logging
configure_logging()
crashes.install()
"""


def run(tmp_path: Path, body: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    env = {**os.environ, "SCANSTATION_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PRELUDE + body], env=env, text=True,
                          capture_output=True, timeout=60, check=False)
    return done, tmp_path / "logs"


def test_native_crash_is_written_to_the_crash_log(tmp_path: Path) -> None:
    done, logs = run(tmp_path, "import ctypes\nctypes.string_at(0)\n")
    assert done.returncode != 0
    text = (logs / "crash.log").read_text(encoding="utf-8")
    # faulthandler's words for the native crash: POSIX names the signal, Windows the exception
    assert ("Segmentation fault" in text or "Fatal Python error" in text
            or "Windows fatal exception: access violation" in text)
    assert "string_at" in text or "ctypes" in text  # the Python stack at the crash


def test_uncaught_exceptions_are_logged_with_their_traceback(tmp_path: Path) -> None:
    done, logs = run(tmp_path, (
        "def worker():\n"
        "    raise ValueError('broken in a thread')\n"
        "t = threading.Thread(target=worker, name='page-writer-x')\n"
        "t.start(); t.join()\n"
        "raise RuntimeError('broken in main')\n"))
    assert done.returncode == 1
    log = (logs / "scanstation.log").read_text(encoding="utf-8")
    assert "uncaught exception in thread page-writer-x" in log
    assert "ValueError: broken in a thread" in log
    assert "uncaught exception in the main thread" in log
    assert "RuntimeError: broken in main" in log and "Traceback" in log
