"""`scanstation scan` end to end: the real SANE `test` device and the demo feeder, pages
into a real package (files, SQLite rows, recognition), faults reported as the window
reports them; and the command line never crashing on a cp1252/cp1251 console."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.sane_env import enable_sane_test_devices


def scanstation(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scanstation", *argv], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=240,
                          env={**os.environ, "PYINSANE_SINGLE_THREAD": "1",
                               "PYTHONIOENCODING": "utf-8", **env},
                          check=False)


def last_json(stdout: str) -> dict[str, object]:
    result: dict[str, object] = json.loads(stdout.strip().splitlines()[-1])
    return result


@pytest.mark.sane
def test_scan_from_the_sane_test_feeder_into_a_package(data_dir: Path) -> None:
    enable_sane_test_devices()
    run = scanstation("--lang", "en", "scan", "--device", "sane:test:0", "--package", "101",
                      "--event", "ОГЭ", "--source", "adf", "--pages", "3", "--json")
    assert run.returncode == 0, run.stderr
    result = last_json(run.stdout)
    assert result["pages"] == 3 and result["fault"] is None
    assert "Page 3 scanned" in run.stderr  # progress on stderr
    pages = sorted(Path(str(result["folder"])).glob("*.tif"))
    assert len(pages) == 3
    for page in pages:
        with Image.open(page) as image:
            assert image.info["compression"] == "tiff_lzw"
            assert tuple(round(v) for v in image.info["dpi"]) == (200, 200)
            assert abs(image.width - 1653) <= 2 and image.mode == "L"
    stats = result["stats"]
    assert isinstance(stats, dict) and stats["pages"] == 3 and stats["pending"] == 0
    # a second run continues the same package's numbering
    again = scanstation("scan", "--device", "sane:test:0", "--package", "101", "--event",
                        "ОГЭ", "--pages", "2", "--json")
    assert again.returncode == 0, again.stderr
    assert len(list(Path(str(result["folder"])).glob("*.tif"))) == 5


def test_scan_from_the_demo_feeder_reports_a_jam_like_the_window(data_dir: Path) -> None:
    run = scanstation("scan", "--device", "demo:feeder", "--package", "202", "--json",
                      SCANSTATION_DEMO_DELAY="0", SCANSTATION_DEMO_JAM_AFTER="2")
    assert run.returncode == 3, run.stderr
    result = last_json(run.stdout)
    fault = result["fault"]
    assert isinstance(fault, dict) and fault["code"] == "paper_jam"
    assert fault["pages_safe"] == 2 and result["pages"] == 2
    assert "Уже отсканировано и сохранено страниц: 2" in run.stderr
    stats = result["stats"]
    assert isinstance(stats, dict) and stats["pages"] == 2  # the pages before the jam kept


def test_scan_of_an_unknown_device_is_a_clear_error(data_dir: Path) -> None:
    run = scanstation("scan", "--device", "demo:nothing", "--package", "1")
    assert run.returncode != 0 and "Traceback" not in run.stderr and run.stderr.strip()


@pytest.mark.parametrize("encoding", ["cp1252", "cp1251"])
@pytest.mark.parametrize("argv", [["--help"], ["--self-check"], ["devices"],
                                  ["scan", "--help"]])
def test_cli_never_crashes_on_a_narrow_console_encoding(
        data_dir: Path, encoding: str, argv: list[str]) -> None:
    """Output into a pipe in a Windows code page: unencodable text is escaped, never a
    UnicodeEncodeError (the self-check may fail on this machine; it must not crash)."""
    run = subprocess.run([sys.executable, "-m", "scanstation", *argv], capture_output=True,
                         timeout=240, env={**os.environ, "PYTHONIOENCODING": encoding},
                         check=False)
    err = run.stderr.decode(encoding, errors="replace")
    assert "UnicodeEncodeError" not in err and "Traceback" not in err, err
    assert run.returncode in (0, 1), err
    assert run.stdout.strip()
    run.stdout.decode(encoding)  # what was written is valid in the console's code page
