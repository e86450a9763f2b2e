"""Reading protocol 1 (for the assessment point) and protocol 2 (for the collector) from xlsx.

The table is found by its header cell «Номер комплекта» wherever it sits: the collector's
protocol 1 has «Логин ПОО:» / «Название:» rows above it and an instruction sheet before it,
and people insert rows. The names column of protocol 1 is never iterated: each needed
column is read on its own, so no participant name ever reaches this module's variables.
The «Для анкетирования» sheet (logins, passwords and names per participant) is skipped by
its title without reading a cell.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from scanstation.db.models import KitProtocolStatus
from scanstation.i18n import tr
from scanstation.protocol.model import (
    Protocol,
    ProtocolError,
    ProtocolKind,
    ProtocolKit,
    TableLayout,
    parse_comment,
    parse_kit_number,
    parse_login,
)

log = logging.getLogger(__name__)

_HEADER_SCAN_ROWS = 40  # the header sits near the top; deeper cells are never scanned
_HEADER_SCAN_COLS = 26
_KIT_HEADER = "номер комплекта"


@dataclass(frozen=True)
class _Header:
    row: int
    kit_col: int
    comment_col: int
    login_col: int
    names_col: int | None  # only located, to tell protocol 1 and to stay away from it
    ppo_login: str | None


def read_protocol(path: Path) -> Protocol:
    """The kits of the protocol in `path`; `ProtocolError` with a sheet and cell otherwise."""
    workbook = _open(path)
    incomplete: ProtocolError | None = None  # a «Номер комплекта» cell without the table
    try:
        for sheet in workbook.worksheets:
            if not isinstance(sheet, ReadOnlyWorksheet) or _is_survey_sheet(sheet.title):
                continue
            header, problem = _find_header(sheet)
            incomplete = incomplete or problem
            if header is not None:
                protocol = _read_table(sheet, header)
                log.info("protocol %s: %s, sheet %r, %d kits", path.name, protocol.kind,
                         protocol.sheet, len(protocol.kits))
                return protocol
    finally:
        workbook.close()
    if incomplete is not None:
        raise incomplete
    raise ProtocolError(
        tr(
            "{path}: no protocol table found — no «Номер комплекта» cell on any sheet (first "
            "{header_scan_rows} rows).",
            path=path,
            header_scan_rows=_HEADER_SCAN_ROWS,
        )
    )


def _open(path: Path) -> Workbook:
    if not path.is_file():
        raise ProtocolError(tr("Protocol file not found: {path}", path=path))
    if path.suffix.lower() == ".xls":
        raise ProtocolError(
            tr(
                "{path}: the old .xls format is not supported — save the protocol as .xlsx in "
                "Excel.",
                path=path,
            )
        )
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ProtocolError(
            tr(
                "{path}: not an Excel .xlsx file, or it is damaged ({exc_type}).",
                path=path,
                exc_type=type(exc).__name__,
            )
        ) from exc


def _is_survey_sheet(title: str) -> bool:
    """«Для анкетирования» holds names with logins and passwords: never open it."""
    return "анкет" in title.lower()


def _norm(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value.split()).lower().rstrip(":").strip()


def _where(sheet: str, col: int, row: int) -> str:
    return tr(
        "Sheet «{sheet}», cell {column}{row}",
        sheet=sheet,
        column=get_column_letter(col),
        row=row,
    )


def _find_header(sheet: ReadOnlyWorksheet) -> tuple[_Header | None, ProtocolError | None]:
    """The table's header row; a «Номер комплекта» cell without the other columns (say, in
    the instruction text) is remembered as a problem and the search goes on."""
    ppo_login: str | None = None
    problem: ProtocolError | None = None
    rows = _rows(sheet, min_row=1, max_row=_HEADER_SCAN_ROWS, min_col=1,
                 max_col=_HEADER_SCAN_COLS)
    for row_no, row in enumerate(rows, start=1):
        labels = [_norm(value) for value in row]
        for col, label in enumerate(labels, start=1):
            # «Логин ПОО:» (sic, the template's spelling) with the point's login beside it.
            if label in ("логин поо", "логин ппо"):
                ppo_login = _value_right_of(row, col, sheet.title, row_no)
        if _KIT_HEADER in labels:
            try:
                return _header_from(labels, row_no, sheet.title, ppo_login), None
            except ProtocolError as exc:
                problem = problem or exc
    return None, problem


def _value_right_of(row: tuple[object, ...], col: int, sheet: str, row_no: int) -> str | None:
    """The login in the cell right of the label; the template's «Сохраните файл» further
    right is not a login, so an empty neighbour means «not entered yet»."""
    value = row[col] if col < len(row) else None
    if value is None or not str(value).strip():
        return None
    return parse_login(value, _where(sheet, col + 1, row_no))


def _header_from(labels: list[str], row_no: int, sheet: str, ppo_login: str | None) -> _Header:
    def column(test: str) -> int | None:
        for col, label in enumerate(labels, start=1):
            if label.startswith(test):
                return col
        return None

    kit_col = labels.index(_KIT_HEADER) + 1
    comment_col = column("комментари")
    login_col = column("логин оо")
    missing = [name for name, col in (("«Комментарий»", comment_col),
                                      ("«Логин ОО, в которой работает учитель»", login_col))
               if col is None]
    if missing or comment_col is None or login_col is None:
        raise ProtocolError(
            tr(
                "Sheet «{sheet}», row {row_no}: the table header has no column {missing_list}.",
                sheet=sheet,
                row_no=row_no,
                missing_list=', '.join(missing),
            )
        )
    return _Header(row_no, kit_col, comment_col, login_col, column("фио"), ppo_login)


def _column(sheet: ReadOnlyWorksheet, col: int, first_row: int) -> Iterator[object]:
    """One column's values from `first_row` down; other columns are not handed out."""
    for (value,) in _rows(sheet, min_row=first_row, max_row=None, min_col=col, max_col=col):
        yield value


def _rows(sheet: ReadOnlyWorksheet, *, min_row: int, max_row: int | None, min_col: int,
          max_col: int) -> Iterator[tuple[object, ...]]:
    # types-openpyxl binds iter_rows to Worksheet only; the read-only sheet has the same one.
    return sheet.iter_rows(  # type: ignore[misc]
        min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True
    )


def _read_table(sheet: ReadOnlyWorksheet, header: _Header) -> Protocol:
    title = sheet.title
    first = header.row + 1
    kits: list[ProtocolKit] = []
    seen: dict[str, str] = {}
    warnings: list[str] = []
    after_gap = False
    columns = zip_longest(_column(sheet, header.kit_col, first),
                          _column(sheet, header.comment_col, first),
                          _column(sheet, header.login_col, first))
    for row_no, (raw_kit, raw_comment, raw_login) in enumerate(columns, start=first):
        if all(v is None or not str(v).strip() for v in (raw_kit, raw_comment, raw_login)):
            after_gap = True
            continue
        kit_where = _where(title, header.kit_col, row_no)
        if after_gap and isinstance(raw_kit, str) and not raw_kit.strip().isdigit():
            break  # text under the table after an empty row: signatures, notes
        number = parse_kit_number(raw_kit, kit_where)
        if number is None:
            raise ProtocolError(
                tr("{kit_where}: the kit number is missing in a filled row.", kit_where=kit_where)
            )
        status = parse_comment(raw_comment, _where(title, header.comment_col, row_no))
        login = parse_login(raw_login, _where(title, header.login_col, row_no))
        kit = ProtocolKit(number, status, login,
                          f"{title}!{get_column_letter(header.kit_col)}{row_no}", row_no)
        if kit.key in seen:
            raise ProtocolError(
                tr(
                    "{kit_where}: kit {number} is already listed in cell {seen}.",
                    kit_where=kit_where,
                    number=number,
                    seen=seen[kit.key],
                )
            )
        seen[kit.key] = f"{get_column_letter(header.kit_col)}{row_no}"
        if status is KitProtocolStatus.USED and login is None:
            warnings.append(
                tr(
                    "{kit_where}: kit {number} is used but has no school login.",
                    kit_where=kit_where,
                    number=number,
                )
            )
        kits.append(kit)
    if not kits:
        raise ProtocolError(
            tr("Sheet «{title}»: the protocol table lists no kits.", title=title)
        )
    kind = ProtocolKind.PPO if header.names_col is not None else ProtocolKind.FIS_OKO
    layout = TableLayout(header.row, header.kit_col, header.comment_col, header.login_col)
    return Protocol(kind, title, tuple(kits), header.ppo_login, tuple(warnings), layout)
