"""Protocol 2 for upload (text kit numbers, atomic write) and kits in the station database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from scanstation.db.models import Event, Kit, KitProtocolStatus
from scanstation.db.store import open_database
from scanstation.errors import KnownError
from scanstation.protocol import (
    ProtocolError,
    ProtocolKind,
    import_protocol,
    kits_of_event,
    read_protocol,
    write_protocol2,
)
from tests.protocol.builders import FIGURE4, Row, protocol1, protocol2


def test_protocol2_matches_figure13_with_text_kit_numbers(tmp_path: Path) -> None:
    source = protocol1(tmp_path / "p1.xlsx", FIGURE4, blank_rows_above=2, start_col=2)
    out = tmp_path / "p2.xlsx"
    write_protocol2(read_protocol(source), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows == [
        ("Номер комплекта", "Комментарий", "Логин ОО, в которой работает учитель"),
        ("501501", "использован", "edu777777"),
        ("501502", "использован", "edu777778"),
        ("501503", "использован", "edu777779"),
        ("501504", "испорчен", None),
        ("501505", "не использован", None),
    ]
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        assert cell.data_type == "s" and cell.number_format == "@"
    again = read_protocol(out)
    assert again.kind is ProtocolKind.FIS_OKO
    assert [(k.number, k.status, k.school_login) for k in again.kits] == [
        (k.number, k.status, k.school_login) for k in read_protocol(source).kits]


def test_long_and_zero_padded_numbers_keep_every_digit(tmp_path: Path) -> None:
    source = protocol2(tmp_path / "in.xlsx", [Row("0012345678901234567", "испорчен"),
                                              Row("000501", "не использован")])
    out = tmp_path / "out.xlsx"
    write_protocol2(read_protocol(source), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [sheet["A2"].value, sheet["A3"].value] == ["0012345678901234567", "000501"]


def test_unfilled_rows_stay_empty_for_the_collector(tmp_path: Path) -> None:
    source = protocol2(tmp_path / "in.xlsx", [Row(501501, "---", "---")])
    out = tmp_path / "out.xlsx"
    write_protocol2(read_protocol(source), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == ["501501", None, None]


def test_write_replaces_atomically_and_leaves_no_temp_files(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "in.xlsx", FIGURE4))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "p2.xlsx"
    out.write_bytes(b"old content")
    write_protocol2(protocol, out)
    assert os.listdir(out_dir) == ["p2.xlsx"]
    assert len(read_protocol(out).kits) == 5


def test_write_into_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "in.xlsx", FIGURE4))
    with pytest.raises(KnownError) as caught:
        write_protocol2(protocol, tmp_path / "nowhere" / "p2.xlsx")
    assert "Папка не существует" in caught.value.message
    assert not (tmp_path / "nowhere").exists()


def test_failed_rename_cleans_up_and_keeps_what_was_there(tmp_path: Path) -> None:
    """A directory where the file should go: rename fails, the temp file is removed."""
    protocol = read_protocol(protocol2(tmp_path / "in.xlsx", FIGURE4))
    folder = tmp_path / "out"
    (folder / "p2.xlsx").mkdir(parents=True)
    (folder / "p2.xlsx" / "keep.txt").write_text("kept")
    with pytest.raises(KnownError) as caught:
        write_protocol2(protocol, folder / "p2.xlsx")
    assert "Не удалось записать файл" in caught.value.message
    assert sorted(os.listdir(folder)) == ["p2.xlsx"]
    assert (folder / "p2.xlsx" / "keep.txt").read_text() == "kept"


def _event(db_path: Path) -> int:
    db = open_database(db_path)
    with db.session() as session:
        event = Event(name="ОМК. Литература", profile_name="omk_2026")
        session.add(event)
        session.flush()
        event_id = event.id
    db.close()
    return event_id


def test_import_into_event_then_update_from_a_corrected_protocol(tmp_path: Path) -> None:
    db_path = tmp_path / "x.sqlite3"
    event_id = _event(db_path)
    db = open_database(db_path)
    try:
        first = import_protocol(db, event_id, read_protocol(
            protocol1(tmp_path / "p1.xlsx", FIGURE4)))
        assert first.as_json() == {"added": 5, "updated": 0, "unchanged": 0}
        corrected = [Row("501501", "использован", "edu777777"),
                     Row(501502, "испорчен"),  # was used
                     Row("0501503", "использован", "edu777779"),  # same kit, leading zero
                     Row(501599, "---")]  # new, not filled in
        second = import_protocol(db, event_id, read_protocol(
            protocol2(tmp_path / "p2.xlsx", corrected)))
        assert second.as_json() == {"added": 1, "updated": 1, "unchanged": 2}
        with db.session() as session:
            rows = {k.number: (k.protocol_status, k.school_login)
                    for k in session.scalars(select(Kit).where(Kit.event_id == event_id))}
        assert rows == {
            "501501": ("used", "edu777777"), "501502": ("spoiled", None),
            "501503": ("used", "edu777779"), "501504": ("spoiled", None),
            "501505": ("unused", None), "501599": ("not_filled", None),
        }
        kits = {k.number: k.status for k in kits_of_event(db, event_id)}
        assert kits["501502"] is KitProtocolStatus.SPOILED
        assert kits["501599"] is None
    finally:
        db.close()


def test_import_into_unknown_event(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.sqlite3")
    try:
        with pytest.raises(ProtocolError):
            import_protocol(db, 42, read_protocol(protocol2(tmp_path / "p2.xlsx", FIGURE4)))
    finally:
        db.close()


def test_fill_the_collectors_own_template_in_place(tmp_path: Path) -> None:
    from scanstation.protocol.template import fill_template

    source = read_protocol(protocol1(tmp_path / "p1.xlsx", FIGURE4))
    template = protocol2(tmp_path / "template.xlsx",
                         [Row(n, None) for n in (501501, 501502, 501503, 501504, 501505,
                                                 501599)],
                         sheet_title="Протокол проведения", header_row=3, start_col=2)
    out = tmp_path / "filled.xlsx"
    result = fill_template(source, template, out)
    assert result.as_json() == {
        "filled": ["501501", "501502", "501503", "501504", "501505"],
        "not_in_protocol": ["501599"],
    }
    book = load_workbook(out)
    assert book.sheetnames == ["Протокол проведения"]
    sheet = book["Протокол проведения"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=4, min_col=2)]
    assert rows == [
        (501501, "использован", "edu777777"), (501502, "использован", "edu777778"),
        (501503, "использован", "edu777779"), (501504, "испорчен", None),
        (501505, "не использован", None), (501599, None, None),
    ]  # the collector's own kit cells are left exactly as they were (numbers here)
    assert load_workbook(template)["Протокол проведения"]["C4"].value is None  # untouched


def test_template_must_be_protocol2_listing_every_kit(tmp_path: Path) -> None:
    from scanstation.protocol.template import fill_template

    source = read_protocol(protocol1(tmp_path / "p1.xlsx", FIGURE4))
    short = protocol2(tmp_path / "short.xlsx", [Row(501501, None), Row(501502, None)])
    with pytest.raises(ProtocolError) as caught:
        fill_template(source, short, tmp_path / "out.xlsx")
    assert "501503, 501504, 501505" in caught.value.message
    with pytest.raises(ProtocolError) as caught:
        fill_template(source, tmp_path / "p1.xlsx", tmp_path / "out.xlsx")
    assert "это протокол 1" in caught.value.message
    assert not (tmp_path / "out.xlsx").exists()
