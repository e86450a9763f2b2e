"""`scanstation pack` from the command line: passwords through the keyring, or not at all."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import pyzipper

from scanstation.archive.passwords import SERVICE
from scanstation.cli import main
from scanstation.db import open_database
from tests.archive.conftest import noisy_page, page_folder
from tests.archive.test_pack import register_package
from tests.memory_keyring import MemoryKeyring


def run_pack(args: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    # Generated folders the station did not scan: the readiness gate needs a reason.
    status = main(["pack", "--json", "--allow-incomplete", "--reason", "тест", *args])
    captured = capsys.readouterr()
    data = json.loads(captured.out) if captured.out.strip() else {}
    return status, data, captured.err


def test_pack_without_keyring_asks_and_keeps_nothing(
        tmp_path: Path, no_keyring: None, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder = page_folder(tmp_path, 2)
    status, data, err = run_pack([str(folder), "--out", str(tmp_path / "out"),
                                  "--password-stdin"], "тайна-7\n", monkeypatch, capsys)
    assert status == 0
    assert "Пароль не сохранён" in err and "хранилище паролей ОС недоступно" in err
    [archive] = data["archives"]  # type: ignore[misc]
    with pyzipper.AESZipFile(archive["path"]) as zf:
        zf.setpassword("тайна-7".encode())
        assert zf.read(f"{folder.name}/0001.tif") == (folder / "0001.tif").read_bytes()
    # The password is nowhere on disk: not beside the archive, not in the data folder.
    for root in (tmp_path / "out", data_dir):
        for path in root.rglob("*"):
            if path.is_file():
                assert "тайна-7".encode() not in path.read_bytes(), path


def test_pack_keeps_password_in_keyring_and_reuses_it(
        tmp_path: Path, memory_keyring: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder = page_folder(tmp_path, 1)
    status, _data, err = run_pack([str(folder), "--out", str(tmp_path / "a"),
                                   "--password-stdin"], "s3cret\n", monkeypatch, capsys)
    assert status == 0 and "не сохранён" not in err
    assert memory_keyring.store == {(SERVICE, f"package:{folder.name}"): "s3cret"}

    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "other")
    status, data, err = run_pack([str(folder), "--out", str(tmp_path / "b"), "--password"],
                                 "", monkeypatch, capsys)
    assert status == 0 and asked == [] and "хранилища паролей ОС" in err
    [archive] = data["archives"]  # type: ignore[misc]
    with pyzipper.AESZipFile(archive["path"]) as zf:
        zf.setpassword(b"s3cret")
        assert zf.testzip() is None


def test_zipcrypto_needs_explicit_choice_and_warns(
        tmp_path: Path, no_keyring: None,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder = page_folder(tmp_path, 1)
    status, data, err = run_pack([str(folder), "--out", str(tmp_path / "out"),
                                  "--password-stdin", "--encryption", "zipcrypto"],
                                 "pw\n", monkeypatch, capsys)
    assert status == 0 and "ZipCrypto" in err and "известному" in err
    [archive] = data["archives"]  # type: ignore[misc]
    with zipfile.ZipFile(archive["path"]) as zf:
        zf.setpassword(b"pw")
        assert zf.testzip() is None


def test_pack_refusal_exit_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = page_folder(tmp_path, 1)
    noisy_page(folder / "0002.tif", dpi=300)
    status, _data, err = run_pack([str(folder), "--out", str(tmp_path / "out")], "",
                                  monkeypatch, capsys)
    assert status == 2 and "не прошла проверку" in err and "300" in err


# `scanstation pack` of a package the station scanned, in a fresh interpreter: the modules it
# loaded, and whether the ZipCrypto tables were built.
_PACK_LOADS = """
import json
import sys
from scanstation.archive import zipcrypto
from scanstation.cli import main
status = main(sys.argv[1:])
sys.stderr.write(json.dumps({"status": status, "modules": sorted(sys.modules),
                             "zipcrypto_tables": zipcrypto._tables.cache_info().currsize}))
"""


def test_station_pack_loads_only_what_it_uses(tmp_path: Path, data_dir: Path) -> None:
    """Every module a pack imports is start-up paid by every pack (issue 17's ≥ 1.0× zip):
    with a current database and no password, no migration machinery, recognition, image
    arrays, spreadsheets, AES or keyring, and no ZipCrypto tables."""
    folder = page_folder(tmp_path, 4)
    database = open_database()
    register_package(database, folder, [7, 7, 7, 7])
    database.close()
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", _PACK_LOADS, "pack", str(folder), "--out", str(out),
         "--allow-incomplete", "--reason", "тест"],
        capture_output=True, text=True, check=True)
    report = json.loads(result.stderr[result.stderr.index('{"status"'):])
    assert report["status"] == 0 and len(list(out.glob("*.zip"))) == 1
    unused = ("alembic", "numpy", "zxingcpp", "pyzbar", "openpyxl", "pyzipper", "keyring",
              "pypdfium2", "PySide6", "scanstation.recognition", "scanstation.ui",
              "scanstation.ingest.pipeline")
    loaded = sorted(name for name in report["modules"]
                    if any(name == u or name.startswith(u + ".") for u in unused))
    assert not loaded, f"`scanstation pack` imported {loaded[:10]}"
    assert report["zipcrypto_tables"] == 0
