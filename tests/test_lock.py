"""requirements/*.lock: current with pyproject, hashed throughout, and what .venv holds.

A dependency added to pyproject.toml without `make lock`, a range the pin left, or a lock
line without a hash (which `pip install --require-hashes` refuses) fails here, before the
bundle or the Windows build meets it. scripts/venv_matches_lock.py is exercised on a lock
file written here and on the environment running the tests.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"linux": ROOT / "requirements" / "linux.lock",
         "windows": ROOT / "requirements" / "windows.lock"}
# The extras each lock is compiled with (scripts/lock.sh)
EXTRAS = {"linux": ("test", "dev"), "windows": ("test",)}
# Markers as the target system reads them
PLATFORM = {"linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
            "windows": {"sys_platform": "win32", "platform_system": "Windows",
                        "os_name": "nt"}}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "venv_matches_lock", ROOT / "scripts" / "venv_matches_lock.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


script = load_script()


def wanted(system: str) -> list[Requirement]:
    """pyproject's requirements that apply on `system`, with the extras its lock includes."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        config = tomllib.load(file)
    project = config["project"]
    lines = list(project["dependencies"]) + list(config["build-system"]["requires"])
    for extra in EXTRAS[system]:
        lines += project["optional-dependencies"][extra]
    environment = {**default_environment(), **PLATFORM[system], "python_version": "3.11",
                   "extra": ""}
    found = [Requirement(line) for line in lines]
    return [r for r in found if r.marker is None or r.marker.evaluate(environment)]


@pytest.mark.parametrize("system", sorted(LOCKS))
def test_every_requirement_is_pinned_inside_its_range(system: str) -> None:
    pins = script.pins(LOCKS[system])
    for requirement in wanted(system):
        name = script.normalise(requirement.name)
        assert name in pins, f"{name} is in pyproject but not in {system}.lock: make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{system}.lock pins {name}=={pins[name]} outside {requirement}: make lock")


def test_platform_drivers_are_in_their_own_lock_only() -> None:
    linux, windows = (script.pins(LOCKS[s]) for s in ("linux", "windows"))
    assert "pyinsane2" in linux and "pyinsane2" not in windows
    for name in ("pytwain", "comtypes", "pywin32-ctypes"):
        assert name in windows and name not in linux, name


@pytest.mark.parametrize("system", sorted(LOCKS))
def test_every_pin_carries_a_hash(system: str) -> None:
    text = LOCKS[system].read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert len(entries) == len(script.pins(LOCKS[system])) > 20
    for entry in entries:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry.splitlines()[0]


def test_differences_between_a_lock_and_an_environment(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    lock.write_text(
        "# header comment\n"
        "PySide6_Essentials==6.11.3 \\\n    --hash=sha256:" + "a" * 64 + "\n"
        "    # via scanstation (pyproject.toml)\n"
        "zlib-ng==1.1.0 \\\n    --hash=sha256:" + "b" * 64 + "\n"
        "pip==26.3 \\\n    --hash=sha256:" + "c" * 64 + "\n", encoding="utf-8")
    pins = script.pins(lock)
    assert pins == {"pyside6-essentials": "6.11.3", "zlib-ng": "1.1.0", "pip": "26.3"}
    present = {"pyside6-essentials": "6.11.3", "zlib-ng": "1.0.0", "ruff": "0.17.6",
               "scanstation": "0.1.0"}
    assert script.differences(pins, present) == [
        "missing: pip==26.3",
        "zlib-ng: 1.0.0 installed, lock pins 1.1.0",
        "not in the lock: ruff==0.17.6",  # the project itself is never "extra"
    ]
    assert script.extras(pins, present) == ["ruff"]
    assert script.differences(pins, {**pins, "scanstation": "0.1.0"}) == []


@pytest.mark.posix_only("the Windows suite runs on the Python installed from windows.lock")
def test_the_environment_running_the_tests_is_the_linux_lock() -> None:
    assert script.main([str(LOCKS["linux"])]) == 0, "run make setup"
    assert sys.prefix != sys.base_prefix  # .venv, not the system's Python
