"""Writing protocol 2 (the form uploaded to the collector) and saving workbooks atomically.

Kit numbers are written as text: Excel shows a long number in exponent form and keeps only
15 significant digits, and the collector matches kit numbers digit for digit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from scanstation.errors import KnownError, write_error
from scanstation.fsutil import atomic_writer
from scanstation.i18n import tr
from scanstation.protocol.model import COMMENT_TEXT, Protocol

log = logging.getLogger(__name__)

PROTOCOL2_HEADERS = ("Номер комплекта", "Комментарий", "Логин ОО, в которой работает учитель")
PROTOCOL2_SHEET = "Протокол 2"
TEXT_FORMAT = "@"


def write_protocol2(protocol: Protocol, path: Path) -> None:
    """The collector's protocol-2 table (fig. 13): kit number, comment, school login."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = PROTOCOL2_SHEET
    sheet.append(PROTOCOL2_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_no, kit in enumerate(protocol.kits, start=2):
        number = sheet.cell(row=row_no, column=1, value=kit.number)
        number.number_format = TEXT_FORMAT
        number.data_type = "s"
        comment = COMMENT_TEXT[kit.status] if kit.status is not None else None
        sheet.cell(row=row_no, column=2, value=comment)
        sheet.cell(row=row_no, column=3, value=kit.school_login)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 18
    sheet.column_dimensions["C"].width = 40
    save_workbook_atomically(workbook, path)
    log.info("protocol 2 written: %s, %d kits", path, len(protocol.kits))


def save_workbook_atomically(workbook: Workbook, path: Path) -> None:
    """`fsutil.atomic_writer`: a crash never leaves half a workbook; errors said in Russian."""
    path = path.resolve()
    if not path.parent.is_dir():
        raise KnownError(tr("Folder does not exist: {path_parent}", path_parent=path.parent))
    try:
        with atomic_writer(path) as stream:
            workbook.save(stream)
    except OSError as exc:
        raise write_error(exc, path) from exc
