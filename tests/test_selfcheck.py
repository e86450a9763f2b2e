"""`scanstation --self-check` from source, and from the frozen bundle when one is built.

Everything runs on real parts: the real database file, the bundled sample TIFF read by the
real recognition engine and by libzbar, real ZIP/AES archives re-opened, a spawned
recognition worker, SANE's `test` backend through a private SANE_CONFIG_DIR, Qt offscreen.
Broken conditions are made real too (a data folder that is a file, a truncated TIFF, a
database file full of garbage) and must turn the exit code non-zero.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from scanstation import keyring_backend
from scanstation.db.store import head_revision
from scanstation.selfcheck import Status, main, run_checks
from scanstation.selfcheck.checks import load_samples
from scanstation.selfcheck.timeout import call_with_timeout
from tests.sane_env import write_sane_config

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
BUNDLE = ROOT / "dist" / "scanstation" / "scanstation"
# Checks that must pass on any machine that runs the test suite. The keyring may be absent
# (headless CI) and the window translation may not be built yet: those are warnings.
WINDOWS = sys.platform == "win32"
MUST_PASS = ("data_dir", "database", "profiles", "recognition", "workers", "zbar",
             "archive", "scanners")
NO_SANE = ("data_dir", "database", "profiles", "recognition", "workers", "zbar",
           "archive", "keyring")  # in-process runs leave libsane alone (one init per process)


def _clean_env(data_dir: Path, tmp_path: Path) -> dict[str, str]:
    env = {
        "HOME": str(tmp_path / "home"),
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYINSANE_SINGLE_THREAD": "1",
        "SANE_CONFIG_DIR": str(write_sane_config(tmp_path / "sane")),
        "SCANSTATION_DATA_DIR": str(data_dir),
    }
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


def _run_cli(env: dict[str, str], *args: str, executable: list[str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    command = executable or [sys.executable, "-m", "scanstation"]
    return subprocess.run([*command, "--self-check", *args], env=env, capture_output=True,
                          text=True, timeout=180, check=False, cwd=env["HOME"])


def _by_key(document: dict[str, object]) -> dict[str, dict[str, str]]:
    checks = document["checks"]
    assert isinstance(checks, list)
    return {c["check"]: c for c in checks}


@pytest.mark.slow
def test_self_check_from_source_passes_and_creates_the_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = _run_cli(_clean_env(data, tmp_path), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    checks = _by_key(document)
    assert document["ok"] is True
    assert document["frozen"] is False
    for key in MUST_PASS:
        if WINDOWS and key == "scanners":
            continue  # under Wine (make test-windows) WIA has no automation object: a warning
        assert checks[key]["status"] == "ok", checks[key]
    assert checks["keyring"]["status"] in ("ok", "warn")
    assert checks["qt"]["status"] in ("ok", "warn")
    sample = load_samples(RESOURCES)[0]
    assert sample.number in checks["recognition"]["detail"]
    # the private SANE config was used (on Windows: SANE's test device through TWAIN)
    assert ("twain:test:0" if WINDOWS else "sane:test:0") in checks["scanners"]["detail"]
    assert (data / "scanstation.sqlite3").is_file()
    assert head_revision() in checks["database"]["detail"]
    assert (data / "logs" / "scanstation.log").read_text(encoding="utf-8").count("self-check")


def test_text_output_one_line_per_check_russian_then_english(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = run_checks(only=NO_SANE)
    assert [r.key for r in results] == list(NO_SANE)
    assert all(r.status is not Status.FAIL for r in results), results
    quick = ("database", "recognition")
    assert main(resources=_broken_copy(tmp_path, "wrong-number"), only=quick) == 1
    out = capsys.readouterr().out
    assert "самопроверка" in out and "[ОШИБКА]" in out and "НЕ пройдена" in out
    assert "[ОК]" in out  # the database line; one line per check, then the summary
    assert len([line for line in out.splitlines() if line.startswith("[")]) == len(quick)
    from scanstation.i18n import set_language

    set_language("en")
    assert main(resources=_broken_copy(tmp_path / "en", "wrong-number"), only=quick) == 1
    out = capsys.readouterr().out
    assert "[FAIL]" in out and "Self-check FAILED" in out and "самопроверка" not in out


def _broken_copy(tmp_path: Path, how: str) -> Path:
    """A copy of resources/ with the sample blank damaged in one real way."""
    copy = tmp_path / "resources"
    shutil.copytree(RESOURCES, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    sample = load_samples(copy)[0]
    if how == "truncated":
        data = sample.path.read_bytes()
        sample.path.write_bytes(data[: len(data) // 3])
    elif how == "wrong-number":
        manifest = copy / "samples" / "samples.json"
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        entries[0]["number"] = "9" * 20
        manifest.write_text(json.dumps(entries), encoding="utf-8")
    elif how == "missing":
        sample.path.unlink()
    return copy


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")  # the truncated TIFF
@pytest.mark.parametrize("how", ["truncated", "wrong-number", "missing"])
def test_a_damaged_sample_fails_recognition(tmp_path: Path, how: str) -> None:
    results = {r.key: r for r in run_checks(_broken_copy(tmp_path, how),
                                            only=("recognition", "database"))}
    assert results["recognition"].status is Status.FAIL, results["recognition"]
    assert results["database"].status is Status.OK  # the other checks still run and pass
    if how == "wrong-number":
        assert "9" * 20 in results["recognition"].detail


@pytest.mark.slow
def test_unwritable_data_folder_exits_non_zero(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    result = _run_cli(_clean_env(blocker, tmp_path), "--json", "--lang", "en")
    assert result.returncode == 1, result.stdout + result.stderr
    checks = _by_key(json.loads(result.stdout))
    assert checks["data_dir"]["status"] == "fail"
    assert str(blocker) in checks["data_dir"]["detail"]
    assert checks["database"]["status"] == "fail"
    assert checks["recognition"]["status"] == "ok"  # the rest still reports


def test_damaged_database_fails_the_database_check(data_dir: Path) -> None:
    (data_dir / "scanstation.sqlite3").write_bytes(b"this is not SQLite" * 100)
    results = {r.key: r for r in run_checks(only=("database",))}
    assert results["database"].status is Status.FAIL
    assert results["database"].detail


def test_keyring_candidates_exist_for_every_platform() -> None:
    """A misspelt backend name would only show on Windows or macOS; load them all here."""
    for platform in ("win32", "darwin", "linux"):
        names = keyring_backend.candidates_for(platform)
        assert names, platform
        for name in names:
            assert keyring_backend.load_backend_class(name).__name__ == name.rsplit(".", 1)[1]
    choice = keyring_backend.choose_backend("win32")  # not viable off Windows
    if sys.platform != "win32":
        assert not choice.usable
        assert choice.rejected[0][0].endswith("WinVaultKeyring")


def test_keyring_check_warns_without_failing_on_headless_linux() -> None:
    result = run_checks(only=("keyring",))[0]
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        assert result.status is Status.WARN
        assert "SecretService" in result.detail
    else:
        assert result.status is not Status.FAIL


def test_call_with_timeout_returns_raises_and_gives_up() -> None:
    assert call_with_timeout(lambda: 42, 5) == 42
    with pytest.raises(ZeroDivisionError):
        call_with_timeout(lambda: 1 // 0, 5)
    never = threading.Event()
    with pytest.raises(TimeoutError):
        call_with_timeout(lambda: never.wait(30), 0.2)
    never.set()


@pytest.mark.gui
def test_qt_check_loads_the_tiff_plugin_and_finds_the_platform_plugin() -> None:
    result = run_checks(only=("qt",))[0]
    assert result.status is not Status.FAIL, result.detail
    assert "tiff" in result.detail


@pytest.mark.gui
def test_qt_check_fails_without_the_core_translation(tmp_path: Path) -> None:
    """A bundle that ships the .qm but not the .ts would print every message in English."""
    resources = _broken_copy(tmp_path, "none")
    (resources / "translations" / "scanstation_ru.ts").unlink()
    result = run_checks(resources, only=("qt",))[0]
    assert result.status is Status.FAIL, result.detail
    assert "scanstation_ru.ts" in result.detail


def _bundle_is_current() -> bool:
    stamp = ROOT / "build" / "pyinstaller" / "inputs.sha256"
    if not BUNDLE.exists() or not stamp.exists():
        return False
    current = subprocess.run(["bash", str(ROOT / "scripts" / "build_bundle.sh"),
                              "--fingerprint"], capture_output=True, text=True, check=True,
                             cwd=ROOT).stdout.strip()
    return stamp.read_text(encoding="utf-8").strip() == current


@pytest.mark.frozen
@pytest.mark.posix_only("the Linux bundle (an ELF built by scripts/build_bundle.sh); the Windows "
                        "bundle's self-check runs in scripts/windows/test-windows.sh")
def test_frozen_bundle_self_check_without_python(tmp_path: Path) -> None:
    if not _bundle_is_current():
        pytest.skip("no bundle built from the current sources (scripts/build_bundle.sh)")
    empty = tmp_path / "empty-path"
    empty.mkdir()
    env = _clean_env(tmp_path / "data", tmp_path)
    env["PATH"] = str(empty)  # no Python, no tools: only what the bundle carries
    result = _run_cli(env, "--json", executable=[str(BUNDLE)])
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["frozen"] is True
    checks = _by_key(document)
    for key in MUST_PASS:
        assert checks[key]["status"] == "ok", checks[key]
