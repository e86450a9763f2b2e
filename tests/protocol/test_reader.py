"""Protocol 1 and 2 as the collector lays them out, with the variations people make."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from scanstation.db.models import KitProtocolStatus
from scanstation.protocol import ProtocolError, ProtocolKind, read_protocol
from tests.protocol.builders import FIGURE4, Row, protocol1, protocol2

USED, SPOILED, UNUSED = (KitProtocolStatus.USED, KitProtocolStatus.SPOILED,
                         KitProtocolStatus.UNUSED)


def _statuses(path: Path) -> list[tuple[str, KitProtocolStatus | None, str | None]]:
    return [(k.number, k.status, k.school_login) for k in read_protocol(path).kits]


FIG4_EXPECTED = [("501501", USED, "edu777777"), ("501502", USED, "edu777778"),
                 ("501503", USED, "edu777779"), ("501504", SPOILED, None),
                 ("501505", UNUSED, None)]


def test_figure4_methodists(tmp_path: Path) -> None:
    protocol = read_protocol(protocol1(tmp_path / "p1.xlsx", FIGURE4))
    assert protocol.kind is ProtocolKind.PPO
    assert protocol.sheet == "Методисты"
    assert protocol.ppo_login == "edu030094"
    assert [(k.number, k.status, k.school_login) for k in protocol.kits] == FIG4_EXPECTED
    assert protocol.kits[0].cell == "Методисты!A5"
    assert protocol.counts() == {"kits": 5, "used": 3, "spoiled": 1, "unused": 1,
                                 "not_filled": 0}
    assert protocol.is_filled


def test_figure5_teachers_same_school_for_all(tmp_path: Path) -> None:
    rows = [Row(501501, "использован", "edu777777", "Иванов Иван Сергеевич"),
            Row(501502, "использован", "edu777777", "Петров Александр Степанович"),
            Row(501503, "использован", "edu777777", "Сидоров Михаил Юрьевич"),
            Row(501504, "не использован"), Row(501505, "испорчен")]
    path = protocol1(tmp_path / "p1.xlsx", rows, group="Учителя")
    assert _statuses(path) == [("501501", USED, "edu777777"), ("501502", USED, "edu777777"),
                               ("501503", USED, "edu777777"), ("501504", UNUSED, None),
                               ("501505", SPOILED, None)]


def test_table_found_wherever_it_starts(tmp_path: Path) -> None:
    path = protocol1(tmp_path / "p1.xlsx", FIGURE4, blank_rows_above=7, start_col=3,
                     instruction_sheet=False)
    protocol = read_protocol(path)
    assert [(k.number, k.status, k.school_login) for k in protocol.kits] == FIG4_EXPECTED
    assert protocol.kits[0].cell == "Методисты!C12"
    assert protocol.ppo_login == "edu030094"


def test_survey_sheet_is_never_taken_for_the_table(tmp_path: Path) -> None:
    """Even a «Для анкетирования» sheet first in the book, with a matching header, is skipped."""
    path = protocol1(tmp_path / "p1.xlsx", FIGURE4)
    from openpyxl import load_workbook

    book = load_workbook(path)
    survey = book["Для анкетирования"]
    survey.insert_rows(1)
    for col, header in enumerate(("Номер комплекта", "Комментарии", "Логин ОО"), start=1):
        survey.cell(1, col, header)
    book.move_sheet(survey, offset=-2)
    book.save(path)
    assert book.sheetnames[0] == "Для анкетирования"
    assert read_protocol(path).sheet == "Методисты"


def test_protocol2_templates_figures_12_and_13(tmp_path: Path) -> None:
    filled = protocol2(tmp_path / "p2.xlsx", FIGURE4)
    protocol = read_protocol(filled)
    assert protocol.kind is ProtocolKind.FIS_OKO
    assert protocol.ppo_login is None
    assert [(k.number, k.status, k.school_login) for k in protocol.kits] == FIG4_EXPECTED
    # Fig. 11/12: prefilled with the kit numbers only, or with «---» in the web form's way.
    empty = protocol2(tmp_path / "template.xlsx", [Row(n, None) for n in range(501501, 501504)])
    dashes = protocol2(tmp_path / "dashes.xlsx", [Row(501501, "---", "---"),
                                                  Row(501502, " — ", None)])
    for path in (empty, dashes):
        protocol = read_protocol(path)
        assert all(k.status is None and k.school_login is None for k in protocol.kits)
        assert not protocol.is_filled
        assert protocol.counts()["not_filled"] == len(protocol.kits)


@pytest.mark.parametrize("kit", [501501, 501501.0, "501501", " 501501 ", "501501.0"])
def test_kit_number_as_number_float_or_text(tmp_path: Path, kit: object) -> None:
    path = protocol2(tmp_path / "p2.xlsx", [Row(kit, "использован", "edu777777")])
    assert read_protocol(path).kits[0].number == "501501"


def test_text_kit_numbers_keep_leading_zeros_but_compare_without(tmp_path: Path) -> None:
    path = protocol2(tmp_path / "p2.xlsx", [Row("001234", "использован", "edu777777"),
                                            Row(5678, "испорчен")])
    kits = read_protocol(path).kits
    assert [k.number for k in kits] == ["001234", "5678"]
    assert [k.key for k in kits] == ["1234", "5678"]


@pytest.mark.parametrize(("comment", "expected"), [
    ("ИСПОЛЬЗОВАН", USED), ("  Использован ", USED), ("использован.", USED),
    ("Испорчен\u00a0", SPOILED), ("ИСПОРЧЕН", SPOILED),
    ("не   использован", UNUSED), ("Не Использован", UNUSED), ("неиспользован", UNUSED),
    ("НЕ\tИСПОЛЬЗОВАН", UNUSED), ("---", None), ("", None), (None, None),
])
def test_comments_in_any_case_and_spacing(tmp_path: Path, comment: str | None,
                                          expected: KitProtocolStatus | None) -> None:
    path = protocol1(tmp_path / "p1.xlsx", [Row(501501, comment, "edu777777", "Иванов И.")])
    assert read_protocol(path).kits[0].status is expected


@pytest.mark.parametrize(("login", "expected"), [
    ("edu777777", "edu777777"), ("EDU777777", "edu777777"), (" spo020002 ", "spo020002"),
    ("---", None), (None, None),
])
def test_school_logins(tmp_path: Path, login: str | None, expected: str | None) -> None:
    path = protocol2(tmp_path / "p2.xlsx", [Row(501501, "испорчен", login)])
    assert read_protocol(path).kits[0].school_login == expected


def test_used_kit_without_login_is_a_warning(tmp_path: Path) -> None:
    path = protocol2(tmp_path / "p2.xlsx", [Row(501501, "использован", None)])
    warnings = read_protocol(path).warnings
    assert len(warnings) == 1
    assert "501501" in warnings[0] and "A2" in warnings[0]


def test_footer_under_the_table_is_not_a_kit(tmp_path: Path) -> None:
    path = protocol2(tmp_path / "p2.xlsx", [*FIGURE4[:2], Row(None, None),
                                            Row("Подпись ответственного организатора", None)])
    assert [k.number for k in read_protocol(path).kits] == ["501501", "501502"]


def test_empty_rows_inside_the_table_are_skipped(tmp_path: Path) -> None:
    path = protocol2(tmp_path / "p2.xlsx", [FIGURE4[0], Row(None, None), FIGURE4[1]])
    assert [k.number for k in read_protocol(path).kits] == ["501501", "501502"]


# --- errors, each naming the sheet and the cell ------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(ProtocolError) as caught:
        read_protocol(path)
    return caught.value.message


def test_unknown_comment_names_the_cell_but_not_its_text(tmp_path: Path) -> None:
    rows = [*FIGURE4[:2], Row(501503, "Сидоров Михаил Юрьевич", "edu777779")]
    message = _error(protocol1(tmp_path / "p1.xlsx", rows))
    assert "Лист «Методисты», ячейка C7" in message
    assert "комментарий не распознан" in message
    assert "Сидоров" not in message


def test_bad_login(tmp_path: Path) -> None:
    message = _error(protocol2(tmp_path / "p2.xlsx", [Row(501501, "использован", "sro010001")]))
    assert "ячейка C2" in message and "edu или spo" in message


def test_bad_ppo_login(tmp_path: Path) -> None:
    message = _error(protocol1(tmp_path / "p1.xlsx", FIGURE4, ppo_login="ed030094"))
    assert "ячейка B2" in message


def test_duplicate_kit_number_even_as_number_and_text(tmp_path: Path) -> None:
    rows = [Row(501501, "использован", "edu777777"), Row("501502", "испорчен"),
            Row("501501.0", "испорчен")]
    message = _error(protocol2(tmp_path / "p2.xlsx", rows))
    assert "ячейка A4" in message and "501501" in message and "A2" in message


def test_kit_number_that_is_not_digits(tmp_path: Path) -> None:
    message = _error(protocol2(tmp_path / "p2.xlsx", [Row("50150I", "использован",
                                                          "edu777777")]))
    assert "ячейка A2" in message and "из цифр" in message


def test_filled_row_without_kit_number(tmp_path: Path) -> None:
    message = _error(protocol2(tmp_path / "p2.xlsx", [FIGURE4[0], Row(None, "испорчен")]))
    assert "ячейка A3" in message and "нет номера комплекта" in message


def test_no_header_anywhere(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Номер", "Комментарий"])
    sheet.append([501501, "использован"])
    book.save(tmp_path / "other.xlsx")
    assert "не найдена таблица протокола" in _error(tmp_path / "other.xlsx")


def test_header_without_comment_column(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([None])
    sheet.append(["Номер комплекта", "Логин ОО, в которой работает учитель"])
    book.save(tmp_path / "p.xlsx")
    message = _error(tmp_path / "p.xlsx")
    assert "строка 2" in message and "«Комментарий»" in message


def test_header_only_is_an_empty_protocol(tmp_path: Path) -> None:
    assert "нет ни одного комплекта" in _error(protocol2(tmp_path / "p2.xlsx", []))


def test_not_an_xlsx(tmp_path: Path) -> None:
    fake = tmp_path / "protocol.xlsx"
    fake.write_text("Номер комплекта;Комментарий\n501501;использован\n", encoding="utf-8")
    assert "не файл Excel .xlsx" in _error(fake)
    old = tmp_path / "protocol.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert ".xls не поддерживается" in _error(old)
    assert "не найден" in _error(tmp_path / "absent.xlsx")


def test_english_messages(tmp_path: Path) -> None:
    from scanstation.i18n import set_language

    set_language("en")
    message = _error(protocol2(tmp_path / "p2.xlsx", [Row(501501, "used?", None)]))
    assert message.startswith("Sheet «Лист1», cell B2: unknown comment")


def test_names_column_and_survey_sheet_are_never_iterated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell the reader is handed, recorded: none below the header in the names column,
    none at all from «Для анкетирования»."""
    from scanstation.protocol import reader

    seen: list[tuple[str, int, int, int]] = []  # sheet, row, first col, last col
    real_rows = reader._rows

    def recording_rows(sheet, *, min_row, max_row, min_col, max_col):  # type: ignore[no-untyped-def]
        for offset, row in enumerate(real_rows(sheet, min_row=min_row, max_row=max_row,
                                               min_col=min_col, max_col=max_col)):
            seen.append((sheet.title, min_row + offset, min_col, max_col))
            yield row

    monkeypatch.setattr(reader, "_rows", recording_rows)
    rows = [Row(501501 + i, "использован", "edu777777", f"Участник {i}") for i in range(30)]
    protocol = read_protocol(protocol1(tmp_path / "p1.xlsx", rows, blank_rows_above=2,
                                       start_col=2))
    assert len(protocol.kits) == 30
    header_row = 6  # 2 blank rows, group row, «Логин ПОО», «Название», header
    names_col = 3  # column C: the table starts in B
    assert {title for title, *_ in seen} <= {"Инструкция", "Методисты"}
    data_cells = [(r, a, b) for title, r, a, b in seen if title == "Методисты" and r > header_row]
    assert data_cells, "the table rows were read"
    assert all(not a <= names_col <= b for _, a, b in data_cells)
    assert max(r for r, _, _ in data_cells) == header_row + 30


def test_kit_header_in_the_instructions_does_not_hide_the_table(tmp_path: Path) -> None:
    path = protocol1(tmp_path / "p1.xlsx", FIGURE4)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Инструкция"]["A4"] = "Номер комплекта"  # an example cell in the instruction text
    book.save(path)
    assert read_protocol(path).sheet == "Методисты"


def test_point_login_not_entered_yet(tmp_path: Path) -> None:
    """The template's «Сохраните файл» two cells right of «Логин ПОО:» is not a login."""
    protocol = read_protocol(protocol1(tmp_path / "p1.xlsx", FIGURE4, ppo_login=""))
    assert protocol.ppo_login is None
    assert len(protocol.kits) == 5
