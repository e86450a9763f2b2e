"""Screenshots of the main states under a real X server (Xvfb), in Russian, light and dark
(the dark one at 1.5× scale, as on a HiDPI screen), saved to tests/artifacts/ for a person
to look at. The tour runs as its own process: this one's Qt is already offscreen."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
STATES = ("1-scanning", "2-review", "3-completeness", "4-export", "7-dashboard")
DIALOGS = ("5-duplicates", "6-trash", "8-keys") + (
    ("9-gate",) if importlib.util.find_spec("scanstation.ui.gate_dialog") else ())

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (scripts/setup.sh installs it)")
    number = 90 + os.getpid() % 100
    process = subprocess.Popen([xvfb, f":{number}", "-screen", "0", "1920x1080x24",
                                "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(10)


def run_tour(display: str, data_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
               SCANSTATION_DATA_DIR=str(data_dir), SCANSTATION_LANG="ru")
    return subprocess.run([sys.executable, "-m", "tests.ui.screenshot_tour", str(ARTIFACTS),
                           *extra], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=240, check=False)


def check_png(path: Path, min_width: int) -> None:
    assert path.exists(), path
    with Image.open(path) as image:
        assert image.width >= min_width, image.size
        colours = image.convert("RGB").resize((64, 40)).getcolors(4096)
        assert colours is not None and len(colours) > 20, "a blank screenshot"


def test_screenshots_of_the_main_states(display: str, data_dir: Path) -> None:
    result = run_tour(display, data_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    for state in STATES:
        check_png(ARTIFACTS / f"{state}.png", 1200)
    for dialog in DIALOGS:
        check_png(ARTIFACTS / f"{dialog}.png", 400)


def test_dark_palette_at_high_dpi(display: str, data_dir: Path) -> None:
    os.environ.pop("QT_SCALE_FACTOR", None)
    env_scale = {"QT_SCALE_FACTOR": "1.5"}
    os.environ.update(env_scale)
    try:
        result = run_tour(display, data_dir, "--dark", "--prefix", "dark-hidpi-")
    finally:
        os.environ.pop("QT_SCALE_FACTOR", None)
    assert result.returncode == 0, result.stderr[-3000:]
    check_png(ARTIFACTS / "dark-hidpi-2-review.png", 1500)
    check_png(ARTIFACTS / "dark-hidpi-7-dashboard.png", 1500)
    for dialog in DIALOGS:
        check_png(ARTIFACTS / f"dark-hidpi-{dialog}.png", 600)
