"""`scanstation protocol ...` end to end, and the promise that no participant name gets out.

The name test fills protocols with names (the ФИО column and the «Для анкетирования» sheet),
runs every command and function that writes files, then searches every file the program
wrote — outputs, the SQLite database with its -wal/-shm, logs — for each name, in the
encodings a file could hold it in, inside xlsx/zip members too.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from scanstation.cli import main
from scanstation.completeness import check_folders, export_report_xlsx
from scanstation.db.models import Event, Kit
from scanstation.db.store import open_database
from scanstation.profile import resolve_profile
from tests.protocol.builders import Row, protocol1, protocol2
from tests.protocol.pages import filled_blank, rescan, save_tiff

NAMES = ("Иванов Иван Сергеевич", "Петров Александр Степанович", "Сидорова Мария Юрьевна",
         "Кузнецов Пётр Ильич", "Смирнова Ольга Викторовна", "Ёлкина Анна Павловна")
ROWS = [
    Row(501501, "использован", "edu777777", NAMES[0]),
    Row(501502, "  ИСПОЛЬЗОВАН ", "EDU777778", NAMES[1]),
    Row("501503", "использован", "edu777779", NAMES[2]),
    Row(501504.0, "испорчен", None, NAMES[3]),  # a name even where it should not be
    Row(501505, "не использован", None, NAMES[4]),
    Row(501506, "Не Использован", "---", NAMES[5]),
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = protocol1(tmp_path / "p1.xlsx", ROWS)
    code, out, _ = _run(capsys, "protocol", "show", "--json", str(path))
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "protocol1" and data["ppo_login"] == "edu030094"
    assert [(k["number"], k["comment"], k["school_login"]) for k in data["kits"]] == [
        ("501501", "использован", "edu777777"), ("501502", "использован", "edu777778"),
        ("501503", "использован", "edu777779"), ("501504", "испорчен", None),
        ("501505", "не использован", None), ("501506", "не использован", None)]
    assert data["counts"] == {"kits": 6, "used": 3, "spoiled": 1, "unused": 2, "not_filled": 0}
    code, out, _ = _run(capsys, "protocol", "show", str(path))
    assert code == 0
    assert "501502\tиспользован\tedu777778" in out
    assert "Комплектов 6: использовано 3" in out


def test_convert_then_upload_form_reads_back(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = protocol1(tmp_path / "p1.xlsx", ROWS, blank_rows_above=4)
    out = tmp_path / "p2.xlsx"
    code, stdout, _ = _run(capsys, "protocol", "convert", str(source), "--out", str(out))
    assert code == 0 and "Протокол 2 записан" in stdout
    code, stdout, _ = _run(capsys, "protocol", "show", "--json", str(out))
    data = json.loads(stdout)
    assert data["kind"] == "protocol2"
    assert [k["status"] for k in data["kits"]] == ["used"] * 3 + ["spoiled", "unused", "unused"]


def test_convert_refuses_to_overwrite_its_source(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = protocol1(tmp_path / "p1.xlsx", ROWS)
    before = source.read_bytes()
    code, _, err = _run(capsys, "protocol", "convert", str(source), "--out", str(source))
    assert code == 2 and "поверх исходного" in err
    assert source.read_bytes() == before


def test_errors_are_russian_with_the_cell(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    bad = protocol2(tmp_path / "p2.xlsx", [Row(501501, "сдан", "edu777777")])
    code, out, err = _run(capsys, "protocol", "show", str(bad))
    assert code == 2 and out == ""
    assert err.startswith("Ошибка: Лист «Лист1», ячейка B2: комментарий не распознан")
    code, _, err = _run(capsys, "--lang", "en", "protocol", "show", str(tmp_path / "no.xlsx"))
    assert code == 2 and "Protocol file not found" in err


def test_convert_into_the_collectors_template(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source = protocol1(tmp_path / "p1.xlsx", ROWS)
    template = protocol2(tmp_path / "template.xlsx",
                         [Row(k, "---", "---") for k in range(501501, 501508)])
    out = tmp_path / "filled.xlsx"
    code, stdout, _ = _run(capsys, "protocol", "convert", str(source), "--template",
                           str(template), "--out", str(out), "--json")
    assert code == 0
    assert json.loads(stdout)["template_kits_not_in_protocol"] == ["501507"]
    code, stdout, _ = _run(capsys, "protocol", "show", "--json", str(out))
    statuses = [k["status"] for k in json.loads(stdout)["kits"]]
    assert statuses == ["used", "used", "used", "spoiled", "unused", "unused", None]


def test_report_command_writes_xlsx_and_exits_by_completeness(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    protocol = protocol2(tmp_path / "p2.xlsx", [Row(501501, "использован", "edu777777"),
                                                Row(501502, "не использован")])
    room = tmp_path / "room"
    room.mkdir()
    for page in (1, 2):
        save_tiff(rescan(filled_blank(501501, page, hand=page), page), room / f"{page}.tif")
    out = tmp_path / "report.xlsx"
    code, stdout, _ = _run(capsys, "protocol", "report", "--protocol", str(protocol),
                           "--profile", "omk_2026", "--out", str(out), str(room))
    assert code == 0, stdout
    assert "Готово к загрузке." in stdout and out.is_file()
    (room / "2.tif").unlink()
    code, stdout, _ = _run(capsys, "protocol", "report", "--json", "--protocol", str(protocol),
                           "--profile", "omk_2026", "--out", str(out), str(room))
    assert code == 1
    assert json.loads(stdout)["kits"]["partial"] == {"501501": [2]}


def test_import_into_an_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database()
    with db.session() as session:
        session.add(Event(name="ОМК. Литература"))
    db.close()
    path = protocol1(tmp_path / "p1.xlsx", ROWS)
    code, out, _ = _run(capsys, "protocol", "import", "--json", "--event", "ОМК. Литература",
                        str(path))
    assert code == 0
    assert json.loads(out) == {"event": "ОМК. Литература", "added": 6, "updated": 0,
                               "unchanged": 0}
    code, _, err = _run(capsys, "protocol", "import", "--event", "Нет такого", str(path))
    assert code == 2 and "не найдено" in err


def _written_files(*roots: Path, skip: set[Path]) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file() and p not in skip]


def _blobs(path: Path) -> list[bytes]:
    """The file's bytes, plus every member's bytes when it is a zip (xlsx is one)."""
    data = path.read_bytes()
    blobs = [data]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            blobs.extend(archive.read(name) for name in archive.namelist())
    return blobs


def _needles(name: str) -> list[bytes]:
    variants = {name, name.split(maxsplit=1)[0]}  # the full name and the surname alone
    return [v.encode(enc) for v in variants for enc in ("utf-8", "utf-16-le", "cp1251")]


def test_no_participant_name_in_any_file_the_program_writes(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "inputs"
    outputs = tmp_path / "outputs"
    inputs.mkdir()
    outputs.mkdir()
    p1 = protocol1(inputs / "protocol1.xlsx", ROWS)
    p1_plain = protocol1(inputs / "protocol1-shifted.xlsx", ROWS, blank_rows_above=3,
                         start_col=2, instruction_sheet=False, kit_as_text=True)
    # A name typed into the comment column: the error must not carry it into the log.
    misplaced = protocol1(inputs / "misplaced.xlsx",
                          [*ROWS[:2], Row(501503, NAMES[2], "edu777779", NAMES[2])])
    room = tmp_path / "room"
    room.mkdir()
    for page in (1, 2):
        save_tiff(rescan(filled_blank(501501, page, hand=page), page), room / f"000{page}.tif")
    save_tiff(rescan(filled_blank(501504, 1, hand=9), 9), room / "0003.tif")

    db = open_database()
    with db.session() as session:
        session.add(Event(name="ОМК"))
    db.close()

    assert _run(capsys, "protocol", "convert", str(p1), "--out",
                str(outputs / "p2.xlsx"))[0] == 0
    assert _run(capsys, "protocol", "convert", str(p1_plain), "--out",
                str(outputs / "p2b.xlsx"), "--json")[0] == 0
    assert _run(capsys, "protocol", "show", str(p1))[0] == 0
    assert _run(capsys, "protocol", "show", "--json", str(p1_plain))[0] == 0
    assert _run(capsys, "protocol", "import", "--event", "ОМК", str(p1))[0] == 0
    assert _run(capsys, "protocol", "show", str(misplaced))[0] == 2
    assert _run(capsys, "protocol", "convert", str(misplaced), "--out",
                str(outputs / "never.xlsx"))[0] == 2
    template = protocol2(inputs / "template.xlsx", [Row(k, None) for k in range(501501, 501507)])
    assert _run(capsys, "protocol", "convert", str(p1), "--template", str(template), "--out",
                str(outputs / "p2-template.xlsx"))[0] == 0
    assert _run(capsys, "protocol", "report", "--protocol", str(p1), "--profile", "omk_2026",
                "--out", str(outputs / "report-cli.xlsx"), str(room))[0] == 1
    code, check_out, _ = _run(capsys, "check", "--json", "--protocol", str(p1), "--profile",
                              "omk_2026", str(room))
    assert code == 1  # 501502, 501503 missing; 501504 spoiled yet scanned
    checked = json.loads(check_out)
    assert checked["kits"]["complete"] == ["501501"]
    assert checked["kits"]["unexpected"] == ["501504"]
    report = check_folders([room], p1, resolve_profile("omk_2026"))
    export_report_xlsx(report, outputs / "report.xlsx")

    # The program really ran and wrote: the database has the kits, the logs exist. The
    # database stays open during the search so its write-ahead log is searched too.
    db = open_database()
    try:
        with db.session() as session:
            assert len(list(session.scalars(select(Kit)))) == 6
            session.add(Event(name="keeps the WAL non-empty"))
        written = _written_files(outputs, data_dir, skip=set())
        names = {p.name for p in written}
        assert {"p2.xlsx", "p2b.xlsx", "p2-template.xlsx", "report.xlsx", "report-cli.xlsx",
                "scanstation.sqlite3",
                "scanstation.sqlite3-wal", "scanstation.log"} <= names
        assert "never.xlsx" not in names
        for path in written:
            for blob in _blobs(path):
                for name in NAMES:
                    for needle in _needles(name):
                        assert needle not in blob, f"{name!r} found in {path}"
    finally:
        db.close()
    # Nor on the terminal.
    assert not any(name.split()[0] in check_out for name in NAMES)
    # The search itself works: the input protocol does hold the names.
    assert any(_needles(NAMES[0])[0] in blob for blob in _blobs(p1))
