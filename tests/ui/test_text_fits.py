"""Russian texts fit at 100 % and at 150 % (QT_SCALE_FACTOR=1.5) on a small screen: legend
chips whole and distinct, tree headers, tabs, buttons, status labels, and the whole
20-digit number on every thumbnail. Each scale runs in its own process (the scale factor
is read once, when Qt starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.gui
# Not `-m tests.ui.text_fit_probe`: the embeddable Windows Python (a `._pth` file) never puts
# the working folder on sys.path, so the checkout is added by hand.
RUN_PROBE = ("import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
             "runpy.run_module('tests.ui.text_fit_probe', run_name='__main__', alter_sys=True)")


@pytest.mark.wine_gap("Qt's offscreen platform under Wine finds no real font: «Pack and verify» "
                      "measures 180 px there against 92 px with DejaVu Sans on Linux (and about "
                      "the same with Segoe UI on Windows), so widths measured there say nothing")
@pytest.mark.parametrize(("scale", "size"), [("1", (1366, 768)), ("1.5", (1280, 720))])
def test_russian_texts_fit(scale: str, size: tuple[int, int], data_dir: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale,
               SCANSTATION_LANG="ru", PYINSANE_SINGLE_THREAD="1")
    result = subprocess.run([sys.executable, "-c", RUN_PROBE, str(ROOT),
                             str(size[0]), str(size[1])], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("{"))
    measured = json.loads(line)
    assert measured["scale"] == scale
    assert measured["problems"] == []
