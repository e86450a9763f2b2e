"""scripts/coverage_report.py on real coverage data of a small project made here.

A real `coverage run` measures a throw-away `scanstation/` package (a core subpackage run
in full, a module at the top level run in part, a subpackage never imported, a `ui/` run
by a second process that leaves its own data file, as the CLI run by a test does); the
report is then read as `make test` reads it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "coverage_report.py"
# Without `make test`'s own COVERAGE_PROCESS_CONFIG: these processes measure the small
# project only, and must not start the suite's coverage (its .pth) beside their own.
ENV = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}

SOURCES = {
    "scanstation/__init__.py": "",
    # 4 statements; importing runs the two `def`s, f() its body: 3 of 4
    "scanstation/top.py": "def f():\n    return 1\n\n\ndef g():\n    return 2\n",
    "scanstation/core/__init__.py": "",
    # 3 statements, all run on import
    "scanstation/core/numbers.py": "A = 1\nB = A + 1\nC = B * 2\n",
    # 2 statements in a subpackage no test imports: counted as 0 of 2, not left out
    "scanstation/never/__init__.py": "",
    "scanstation/never/unused.py": "X = 1\nY = 2\n",
    # 3 statements run only by the second process; 10 more the core never pays for
    "scanstation/ui/__init__.py": "",
    "scanstation/ui/window.py": "P = 1\nQ = 2\nR = 3\n"
                                + "".join(f"\nif P > 1:\n    S{i} = {i}\n" for i in range(5)),
}


def make_project(tmp: Path, floor: float) -> None:
    for name, text in SOURCES.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text, encoding="utf-8")
    (tmp / "pyproject.toml").write_text(
        '[tool.coverage.run]\nsource = ["scanstation"]\n\n'
        f"[tool.scanstation.coverage]\ncore_floor = {floor}\n", encoding="utf-8")
    (tmp / "main_run.py").write_text(
        "import scanstation.core.numbers\nimport scanstation.top\n\nscanstation.top.f()\n",
        encoding="utf-8")
    (tmp / "child_run.py").write_text("import scanstation.ui.window\n", encoding="utf-8")
    coverage_run = [sys.executable, "-m", "coverage", "run", "--rcfile=pyproject.toml"]
    # the test process's data: .coverage; the child's: a parallel file beside it
    subprocess.run([*coverage_run, "main_run.py"], cwd=tmp, env=ENV, check=True)
    subprocess.run([*coverage_run, "--parallel-mode", "child_run.py"], cwd=tmp, env=ENV,
                   check=True)
    assert (tmp / ".coverage").exists() and list(tmp.glob(".coverage.*"))


def report(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(tmp), *args], env=ENV,
                          capture_output=True, text=True, timeout=120, check=False)


def row(output: str, label: str) -> tuple[int, int, float]:
    match = re.search(rf"^  {re.escape(label)}\s+(\d+) / (\d+)\s+([\d.]+) %", output, re.M)
    assert match, f"no row {label!r} in:\n{output}"
    return int(match.group(1)), int(match.group(2)), float(match.group(3))


# The embeddable Windows Python (its ._pth file) never puts a script's folder on sys.path, so
# the throwaway project cannot import itself there; the report is part of `make test`'s Linux
# checks (scripts/test.sh) and runs nowhere else.
linux_checks_only = pytest.mark.skipif(
    sys.platform == "win32", reason="the coverage report runs in make test's Linux checks only")


@linux_checks_only
def test_lines_per_package_and_core_without_ui(tmp_path: Path) -> None:
    make_project(tmp_path, floor=50)
    result = report(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert row(out, "scanstation.core") == (3, 3, 100.0)
    assert row(out, "scanstation.never") == (0, 2, 0.0)
    assert row(out, "scanstation (top level)") == (3, 4, 75.0)
    # the child process's file was folded in: ui's first three lines ran there
    ui_covered, ui_total, _ = row(out, "scanstation.ui")
    assert (ui_covered, ui_total) == (8, 13)  # P, Q, R + five `if` lines; no body ran
    # core = core + never + top level = 6 of 9; ui stays out of it
    assert row(out, "core (all but ui)") == (6, 9, pytest.approx(66.7))
    assert row(out, "all") == (14, 22, pytest.approx(63.6))
    assert "floor 50 %" in out
    assert not list(tmp_path.glob(".coverage.*")), "the child's data file was left behind"


@linux_checks_only
def test_the_core_below_the_configured_floor_fails(tmp_path: Path) -> None:
    make_project(tmp_path, floor=70)
    result = report(tmp_path)
    assert result.returncode == 1
    assert "BELOW" in result.stdout and "floor of 70 %" in result.stderr
    # a partial run prints the same figures and is not held to the floor
    assert report(tmp_path, "--no-floor").returncode == 0
    assert report(tmp_path, "--floor", "66").returncode == 0


def test_no_data_is_an_error_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "scanstation").mkdir()
    result = report(tmp_path)
    assert result.returncode == 2 and "no data" in result.stderr
