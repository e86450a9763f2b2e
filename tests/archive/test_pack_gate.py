"""The readiness gate from the command line (issue 14, wrong outcome 1): `check --protocol`
and `pack` judge one room alike — missing kit, extra kit, undecided duplicate — `pack`
refuses it with a Russian summary unless `--allow-incomplete --reason`, and then the
reason and the problems land in the manifest and the audit trail. Real pipeline, real
protocol workbook, real database, real ZIP; and real `python -m scanstation` processes
whose stderr must carry no nanobind «leaked» lines from zxing-cpp."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from scanstation.cli import main
from scanstation.db import Database, open_database
from scanstation.db.models import AuditEntry, Package
from scanstation.readiness import package_gate
from scanstation.recognition.pool import RecognitionPool
from tests.gate_room import incomplete_room, room_protocol


@pytest.fixture
def room(data_dir: Path, tmp_path: Path) -> tuple[Path, int]:
    database: Database = open_database()
    pool = RecognitionPool(workers=0)
    try:
        package_id = incomplete_room(database, pool, tmp_path)
        with database.session() as session:
            package = session.get(Package, package_id)
            assert package is not None
            return Path(package.folder), package_id
    finally:
        pool.shutdown()
        database.close()


def test_check_and_pack_agree_and_pack_needs_a_reason(
        room: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, package_id = room
    protocol = room_protocol(tmp_path)

    # check --protocol: a human Russian summary, not a raw dict; exit 1
    assert main(["check", str(folder), "--protocol", str(protocol), "--profile",
                 "default"]) == 1
    out = capsys.readouterr().out
    assert "{'" not in out and "Комплектность: {" not in out, out
    assert "Пакет не готов к выгрузке" in out
    assert "Использованных комплектов без единой страницы: 1: 2" in out
    assert "Лишних комплектов" in out and "Нерешённых дубликатов номеров: 1" in out
    # --json keeps the data, with the same gate
    assert main(["check", "--json", str(folder), "--protocol", str(protocol),
                 "--profile", "default"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["missing"] == 1 and data["summary"]["unexpected"] == 1
    assert set(data["gate"]["problems"][i]["code"] for i in range(
        len(data["gate"]["problems"]))) == {"missing", "extra", "duplicates"}

    # the window's gate over the same room names the same problems
    database = open_database()
    try:
        assert package_gate(database, package_id).codes() == ["missing", "extra", "duplicates"]
    finally:
        database.close()

    # pack refuses, says why in Russian, writes nothing
    out_dir = tmp_path / "out"
    assert main(["pack", str(folder), "--out", str(out_dir)]) == 2
    err = capsys.readouterr().err
    assert "Пакет не готов к выгрузке" in err and "--allow-incomplete" in err
    assert "Лишних комплектов" in err and "без единой страницы" in err
    assert not out_dir.exists() or not any(out_dir.iterdir())
    # a flag without a reason is refused too
    assert main(["pack", str(folder), "--out", str(out_dir), "--allow-incomplete"]) == 2
    assert "--reason" in capsys.readouterr().err

    reason = "комплект 2 не сдан, координатор в курсе"
    assert main(["pack", "--json", str(folder), "--out", str(out_dir),
                 "--allow-incomplete", "--reason", reason]) == 0
    packed = json.loads(capsys.readouterr().out)
    assert packed["incomplete"]["reason"] == reason
    [archive] = packed["archives"]
    manifest = json.loads(Path(archive["manifest"]).read_text(encoding="utf-8"))
    assert manifest["incomplete"]["reason"] == reason
    assert [p["code"] for p in manifest["incomplete"]["problems"]] == [
        "missing", "extra", "duplicates"]
    database = open_database()
    try:
        with database.session() as session:
            entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "pack"))
            assert entry is not None and reason in (entry.details or "")
    finally:
        database.close()

    # export asks the same gate: refused without a reason, recorded with one
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["export", archive["path"], "--to", str(stick)]) == 2
    err = capsys.readouterr().err
    assert "Аудитория 5: Пакет не готов к выгрузке" in err and not any(stick.iterdir())
    assert main(["export", archive["path"], "--to", str(stick), "--allow-incomplete",
                 "--reason", "разрешено координатором"]) == 0
    assert (stick / Path(archive["path"]).name).exists()
    database = open_database()
    try:
        with database.session() as session:
            entry = session.scalar(select(AuditEntry).where(
                AuditEntry.action == "export_incomplete"))
            assert entry is not None and "разрешено координатором" in (entry.details or "")
    finally:
        database.close()


def test_cli_exits_without_nanobind_leak_warnings(room: tuple[Path, int], data_dir: Path,
                                                  tmp_path: Path) -> None:
    """Every command that loads zxing-cpp, as separate processes (the warnings are printed
    at interpreter shutdown, which an in-process `main()` never reaches)."""
    folder, _package_id = room
    protocol = room_protocol(tmp_path)
    env = {**os.environ, "SCANSTATION_DATA_DIR": str(data_dir)}
    commands = [
        ["recognize", str(folder / "0001.tif")],
        ["recognize", str(folder)],
        ["check", str(folder), "--protocol", str(protocol), "--profile", "default"],
        ["pack", str(folder), "--out", str(tmp_path / "o"), "--allow-incomplete",
         "--reason", "проверка"],
    ]
    for command in commands:
        done = subprocess.run([sys.executable, "-m", "scanstation", *command], env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode in (0, 1), (command, done.stderr)
        assert "leaked" not in done.stderr and "nanobind" not in done.stderr, (
            command, done.stderr)
