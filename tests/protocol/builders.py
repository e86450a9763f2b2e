"""Protocol files laid out as the collector's templates (instruction figures 4, 5, 12, 13).

Each builder writes a real xlsx with openpyxl; the variations the station must survive are
parameters: where the table starts, numbers as numbers / floats / text, odd comment case
and spacing, the instruction and «Для анкетирования» sheets beside the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

PPO_NAME = "Муниципальное автономное образовательное учреждение Иволгинская средняя школа"
P1_HEADERS = ("Номер комплекта", "ФИО (не передаются в систему, но для заполнения обязательны)",
              "Комментарии", "Логин ОО, в которой работает учитель")
P2_HEADERS = ("Номер комплекта", "Комментарий", "Логин ОО, в которой работает учитель")


@dataclass(frozen=True)
class Row:
    kit: object  # int, float or str, as a spreadsheet may hold it
    comment: str | None
    login: str | None = None
    name: str | None = None  # protocol 1 only; must never come out of the program


def protocol1(path: Path, rows: Sequence[Row], *, group: str = "Методисты",
              subject: str = "Литература", ppo_login: str = "edu030094",
              blank_rows_above: int = 0, start_col: int = 1, survey_sheet: bool = True,
              instruction_sheet: bool = True, kit_as_text: bool = False) -> Path:
    """Figure 4/5: header rows «Логин ПОО:» and «Название:» above the table."""
    book = Workbook()
    first = book.active
    assert first is not None
    if instruction_sheet:
        first.title = "Инструкция"
        first["A1"] = "Инструкция по заполнению электронного протокола 1 (для ППО)"
        first["A2"] = ("Номер комплекта указан на бланке; в столбце «Номер комплекта» "
                       "ничего не меняйте.")
        sheet = book.create_sheet(group)
    else:
        sheet = first
        sheet.title = group
    top = 1 + blank_rows_above
    c = start_col
    sheet.cell(top, c + 2, group)
    sheet.cell(top, c + 3, subject)
    sheet.cell(top + 1, c, "Логин ПОО:")
    sheet.cell(top + 1, c + 1, ppo_login)
    sheet.cell(top + 1, c + 2, "Сохраните файл")
    sheet.cell(top + 2, c, "Название:")
    sheet.cell(top + 2, c + 1, PPO_NAME)
    for i, header in enumerate(P1_HEADERS):
        sheet.cell(top + 3, c + i, header)
    for r, row in enumerate(rows, start=top + 4):
        kit = str(row.kit) if kit_as_text else row.kit
        sheet.cell(r, c, kit)
        sheet.cell(r, c + 1, row.name)
        sheet.cell(r, c + 2, row.comment)
        sheet.cell(r, c + 3, row.login)
    if survey_sheet:
        survey = book.create_sheet("Для анкетирования")
        for row in rows:
            survey.append(["Логин", f"mlit03{row.kit}", "Пароль", "33289", "ФИО", row.name,
                           "Ссылка на анкету", "https://edutest.obrnadzor.gov.ru/"])
    book.save(path)
    return path


def protocol2(path: Path, rows: Sequence[Row], *, header_row: int = 1, start_col: int = 1,
              sheet_title: str = "Лист1", kit_as_text: bool = False) -> Path:
    """Figure 12/13: the collector's template, header in row 1, columns A–C."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title
    for i, header in enumerate(P2_HEADERS):
        sheet.cell(header_row, start_col + i, header)
    for r, row in enumerate(rows, start=header_row + 1):
        sheet.cell(r, start_col, str(row.kit) if kit_as_text else row.kit)
        sheet.cell(r, start_col + 1, row.comment)
        sheet.cell(r, start_col + 2, row.login)
    book.save(path)
    return path


FIGURE4 = (
    Row(501501, "использован", "edu777777", "Иванов Иван Сергеевич"),
    Row(501502, "использован", "edu777778", "Петров Александр Степанович"),
    Row(501503, "использован", "edu777779", "Сидоров Михаил Юрьевич"),
    Row(501504, "испорчен"),
    Row(501505, "не использован"),
)
