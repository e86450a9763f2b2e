"""The collector's completeness check on the station: every kit state, duplicates, figures."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scanstation.completeness import (
    KitState,
    PageRef,
    check_folders,
    check_pages,
    export_report_xlsx,
)
from scanstation.db.models import Event, Package, Page, PageStatus
from scanstation.db.store import open_database
from scanstation.errors import KnownError
from scanstation.profile import EventProfile
from scanstation.protocol import ProtocolError, read_protocol
from scanstation.samples import render_blank, sample_number
from tests.protocol.builders import FIGURE4, Row, protocol1, protocol2
from tests.protocol.pages import filled_blank, rescan, save_tiff

FOUR = EventProfile(name="opimk", pages_per_kit=4)
TWO = EventProfile(name="omk", pages_per_kit=2)

# Figure 4 plus an unused kit that was scanned anyway.
ROWS = (*FIGURE4, Row(501506, "не использован"))


def _pages(*numbers: tuple[int, int]) -> list[PageRef]:
    return [PageRef(Path(f"/scans/{i:04d}.tif"), sample_number(kit, page))
            for i, (kit, page) in enumerate(numbers, start=1)]


def test_each_kit_state_with_missing_page_numbers(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "p2.xlsx", ROWS))
    pages = _pages((501501, 1), (501501, 2), (501501, 3), (501501, 4),  # complete
                   (501502, 1), (501502, 3),  # partial: 2 and 4 missing
                   # 501503 used, nothing scanned: missing
                   (501504, 2),  # spoiled, yet scanned
                   # 501505 unused, nothing scanned: as it should be
                   (501506, 1),  # unused, yet scanned
                   (777777, 2),  # not in the protocol
                   (501501, 5))  # page beyond the kit
    pages.append(PageRef(Path("/scans/unread.tif"), None))
    pages.append(PageRef(Path("/scans/other-code.tif"), "12345"))  # not a blank number
    report = check_pages(pages, protocol, FOUR)

    data = report.as_json()
    assert data["kits"] == {
        "complete": ["501501"],
        "partial": {"501502": [2, 4]},
        "missing": ["501503"],
        "unexpected": ["501504", "501506", "777777"],
    }
    assert data["duplicates"] == []
    reasons = {(u["kit"], u["page"], u["reason"]) for u in data["unexpected_pages"]}
    assert reasons == {("501504", 2, "spoiled"), ("501506", 1, "unused"),
                       ("777777", 2, "not_in_protocol"), ("501501", 5, "page_out_of_range")}
    assert data["unread"] == [str(Path("/scans/unread.tif")), str(Path("/scans/other-code.tif"))]
    assert data["summary"] == {
        "protocol_loaded": True, "kits_in_protocol": 6, "used": 3, "spoiled": 1, "unused": 2,
        "not_filled": 0,
        "protocol_filled": True, "complete": 1, "partial": 1, "missing": 1, "unexpected": 3,
        "pages": 12, "unread_pages": 2, "unexpected_pages": 4, "duplicate_numbers": 0,
        "pages_per_kit": 4,
    }
    assert data["is_complete"] is False and not report.is_complete

    states = {k.number: k.state for k in report.kits}
    assert states["501505"] is KitState.NOT_SCANNED
    colours = {k.number: k.colour for k in report.kits}
    assert colours["501501"] == "C6EFCE"  # green
    assert colours["501502"] == "E4D7F5"  # lilac
    assert colours["501503"] == "FFC7CE"  # red
    assert colours["501505"] is None
    partial = report.kit("501502")
    assert partial is not None
    assert partial.files == [Path("/scans/0005.tif"), Path("/scans/0006.tif")]
    missing = report.kit("501503")
    assert missing is not None and missing.missing_pages == (1, 2, 3, 4)


def test_all_used_kits_complete_is_complete(tmp_path: Path) -> None:
    protocol = read_protocol(protocol1(tmp_path / "p1.xlsx", FIGURE4))
    report = check_pages(_pages(*[(k, p) for k in (501501, 501502, 501503) for p in (1, 2)]),
                         protocol, TWO)
    assert report.is_complete
    assert report.complete == ["501501", "501502", "501503"]
    assert report.summary()["complete"] == 3 and report.summary()["missing"] == 0
    # Take one page away: no longer complete, and exactly that page is reported missing.
    fewer = check_pages(_pages((501501, 1), (501501, 2), (501502, 2), (501503, 1),
                               (501503, 2)), protocol, TWO)
    assert not fewer.is_complete
    assert fewer.partial == {"501502": [1]}


def test_kits_compare_without_leading_zeros(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "p2.xlsx", [
        Row(1234, "использован", "edu777777"), Row("000042", "испорчен")]))
    report = check_pages(_pages((1234, 1), (1234, 2)), protocol, TWO)
    assert report.complete == ["1234"]
    assert report.unexpected == []
    assert report.is_complete


def test_unfilled_protocol_is_not_ready(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "p2.xlsx", [
        Row(501501, "---", "---"), Row(501502, None)]))
    report = check_pages(_pages((501501, 1), (501501, 2)), protocol, TWO)
    assert report.complete == ["501501"]  # scanned kits of unfilled rows are still checked
    assert report.missing == []  # nobody said 501502 was used
    assert report.summary()["not_filled"] == 2
    assert report.summary()["protocol_filled"] is False
    assert not report.is_complete


def test_kits_list_from_the_database_form(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "p2.xlsx", FIGURE4))
    report = check_pages(_pages((501501, 1)), list(protocol.kits), TWO)
    assert report.partial == {"501501": [2]}


# --- duplicates --------------------------------------------------------------------------


def test_duplicates_of_both_kinds_from_real_pages(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "p2.xlsx", FIGURE4))
    sheet = filled_blank(501501, 1, hand=1)
    first = save_tiff(rescan(sheet, 1), tmp_path / "0001.tif")
    again = save_tiff(rescan(sheet, 2, shift=(3, -2), noise=9), tmp_path / "0002.tif")
    own = save_tiff(rescan(filled_blank(501502, 1, hand=2), 3), tmp_path / "0003.tif")
    stranger = save_tiff(rescan(filled_blank(501502, 1, hand=3), 4), tmp_path / "0004.tif")
    p2 = [save_tiff(rescan(filled_blank(k, 2, hand=k), 5), tmp_path / f"{k}-2.tif")
          for k in (501501, 501502)]
    n1, n2 = sample_number(501501, 1), sample_number(501502, 1)
    pages = [PageRef(first, n1), PageRef(again, n1), PageRef(own, n2), PageRef(stranger, n2),
             PageRef(p2[0], sample_number(501501, 2)), PageRef(p2[1], sample_number(501502, 2))]
    report = check_pages(pages, protocol, TWO)
    assert report.as_json()["duplicates"] == [
        {"number": n1, "files": [str(first), str(again)], "kind": "same_sheet"},
        {"number": n2, "files": [str(own), str(stranger)], "kind": "different_sheets"},
    ]
    assert report.complete == ["501501", "501502"]  # pages are there, twice
    assert report.summary()["duplicate_numbers"] == 2
    kit = report.kit("501501")
    assert kit is not None and kit.has_duplicates and kit.colour == "E4D7F5"
    assert not report.is_complete


def test_identical_fingerprints_are_one_sheet_without_opening_images(tmp_path: Path) -> None:
    number = sample_number(501501, 1)
    same = [PageRef(tmp_path / "gone-1.tif", number, "ab" * 32),
            PageRef(tmp_path / "gone-2.tif", number, "ab" * 32)]
    assert check_pages(same, [], TWO).duplicates[0].kind == "same_sheet"
    # Different files that cannot be opened: the cautious verdict that deletes nothing.
    unknown = [PageRef(tmp_path / "gone-1.tif", number, "ab" * 32),
               PageRef(tmp_path / "gone-2.tif", number, "cd" * 32)]
    assert check_pages(unknown, [], TWO).duplicates[0].kind == "different_sheets"


# --- folders ------------------------------------------------------------------------------


def test_folders_are_recognised_when_not_known_packages(tmp_path: Path) -> None:
    protocol = protocol1(tmp_path / "p1.xlsx", FIGURE4)
    room1, room2 = tmp_path / "room1", tmp_path / "room2"
    room1.mkdir()
    room2.mkdir()
    sheet = filled_blank(501501, 1, hand=1)
    save_tiff(rescan(sheet, 1), room1 / "0001.tif")
    save_tiff(rescan(filled_blank(501501, 2, hand=1), 2), room1 / "0002.tif")
    save_tiff(rescan(sheet, 3, shift=(2, 2)), room1 / "0003.tif")  # fed twice
    save_tiff(filled_blank(501502, 1, hand=2, with_code=False), room1 / "0004.tif")  # unread
    (room1 / "notes.txt").write_text("not a page")
    (room1 / "0005.tif").write_bytes(b"II*\x00 truncated")  # a broken file: unread, no crash
    rescan(filled_blank(501502, 2, hand=2), 4).save(room2 / "0001.jpg", quality=90)
    report = check_folders([room1, room2, tmp_path / "room2" / ".." / "room1"], protocol, TWO)
    assert report.complete == ["501501"]
    assert report.partial == {"501502": [1]}
    assert report.missing == ["501503"]
    assert report.unread == (room1 / "0004.tif", room1 / "0005.tif")
    assert [(d.number, d.kind) for d in report.duplicates] == [
        (sample_number(501501, 1), "same_sheet")]
    assert report.pages_total == 6
    # Checking a stranger's folder creates no station database as a side effect.
    from scanstation.paths import database_path

    assert not database_path().exists()


def test_known_package_pages_come_from_the_database(tmp_path: Path) -> None:
    """Operator's typed numbers count, trashed and missing pages do not, images are not read."""
    protocol = protocol2(tmp_path / "p2.xlsx", FIGURE4)
    folder = tmp_path / "packages" / "room-7"
    folder.mkdir(parents=True)
    files = {}
    for name in ("0001.tif", "0002.tif", "0003.tif", "0004.tif", "0005.tif", "0006.tif"):
        # No barcodes at all: recognition would read nothing, so numbers must come from the DB.
        files[name] = save_tiff(render_blank("0", with_code=False), folder / name)
    digest = hashlib.sha256(files["0001.tif"].read_bytes()).hexdigest()
    rows = [  # (file, number, status, trashed, missing)
        ("0001.tif", sample_number(501501, 1), PageStatus.OK, False, False),
        ("0002.tif", sample_number(501501, 2), PageStatus.OK, False, False),
        ("0003.tif", sample_number(501503, 1), PageStatus.OK, True, False),  # trashed
        ("0004.tif", sample_number(501502, 1), PageStatus.OK, False, True),  # file gone
        ("0005.tif", None, PageStatus.UNREADABLE, False, False),
        ("0006.tif", sample_number(501502, 2), PageStatus.OK, False, False),
    ]
    db = open_database()  # the station's own database in SCANSTATION_DATA_DIR
    with db.session() as session:
        event = Event(name="ОМК")
        package = Package(event=event, name="Аудитория 7", folder=str(folder))
        session.add_all([event, package])
        for seq, (name, number, status, trashed, missing) in enumerate(rows, start=1):
            session.add(Page(package=package, seq=seq, file_name=name, sha256=digest,
                             size_bytes=1, width_px=1, height_px=1, blank_number=number,
                             status=status, file_missing=missing,
                             trashed_at=datetime.now(UTC) if trashed else None))
    db.close()
    report = check_folders([folder], protocol, TWO)
    assert report.complete == ["501501"]
    assert report.partial == {"501502": [1]}
    assert report.missing == ["501503"]
    assert report.unread == (folder / "0005.tif",)
    assert report.pages_total == 4


def test_folder_errors(tmp_path: Path) -> None:
    protocol = protocol2(tmp_path / "p2.xlsx", FIGURE4)
    with pytest.raises(KnownError) as caught:
        check_folders([tmp_path / "absent"], protocol, TWO)
    assert "Папка не найдена" in caught.value.message
    (tmp_path / "room").mkdir()
    with pytest.raises(ProtocolError):
        check_folders([tmp_path / "room"], tmp_path / "absent.xlsx", TWO)
    empty = check_folders([tmp_path / "room"], protocol, TWO)
    assert empty.missing == ["501501", "501502", "501503"] and not empty.is_complete


# --- xlsx report --------------------------------------------------------------------------


def test_report_export_reads_like_the_collector(tmp_path: Path) -> None:
    protocol = read_protocol(protocol2(tmp_path / "p2.xlsx", ROWS))
    numbers = [(501501, 1), (501501, 2), (501502, 2), (501504, 1), (501501, 1)]
    pages = [PageRef(Path(f"/s/{i}.tif"), sample_number(k, p), "same")
             for i, (k, p) in enumerate(numbers)]
    report = check_pages(pages, protocol, TWO)
    out = tmp_path / "report.xlsx"
    export_report_xlsx(report, out)
    book = load_workbook(out)
    assert book.sheetnames == ["Сводка", "Комплекты", "Дубли", "Лишние страницы",
                               "Нераспознанные"]
    summary = {row[0]: row[1] for row in book["Сводка"].iter_rows(values_only=True)}
    assert summary["участвовало («использован»)"] == 3
    assert summary["исключено («испорчен»)"] == 1
    assert summary["не участвовало («не использован»)"] == 2
    assert summary["загружено полностью"] == 1
    assert summary["загружено частично"] == 1
    assert summary["не загружено"] == 1
    assert summary["Готово к загрузке"] == "нет"
    kits = book["Комплекты"]
    by_number = {row[0].value: row for row in kits.iter_rows(min_row=2)}
    assert by_number["501503"][2].value == "не загружен"
    assert by_number["501503"][0].fill.start_color.rgb.endswith("FFC7CE")
    assert by_number["501502"][4].value == "1"  # missing page numbers
    assert by_number["501502"][0].fill.start_color.rgb.endswith("E4D7F5")
    assert by_number["501501"][0].data_type == "s"
    duplicates = list(book["Дубли"].iter_rows(min_row=2, values_only=True))
    assert duplicates[0][0] == sample_number(501501, 1)  # all 20 digits, as text
    assert "удалить повтор" in duplicates[0][1]
    unexpected = list(book["Лишние страницы"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[4]) for r in unexpected] == [("501504", "комплект отмечен «испорчен»")]
