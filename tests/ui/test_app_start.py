"""The README's run command opens the window: the real program started as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.gui
def test_program_opens_its_window_offscreen(data_dir: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCANSTATION_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "scanstation", "--quit-after", "1500"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr
    log = (data_dir / "logs" / "scanstation.log").read_text(encoding="utf-8")
    assert "window opened" in log
    assert (data_dir / "scanstation.sqlite3").exists()
