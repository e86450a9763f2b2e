"""Writing protocol 2 (the form uploaded to the collector) and saving workbooks atomically.

Kit numbers are written as text: Excel shows a long number in exponent form and keeps only
15 significant digits, and the collector matches kit numbers digit for digit.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from scanstation.errors import DiskFullError, KnownError
from scanstation.fsutil import fsync_dir as _fsync_folder
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
    """Temp file in the target folder, fsync, rename: a crash never leaves half a file."""
    path = path.resolve()
    if not path.parent.is_dir():
        raise KnownError(tr("Folder does not exist: {path_parent}", path_parent=path.parent))
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp",
                                         dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            workbook.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(str(path.parent)) from exc
        raise KnownError(
            tr(
                "Cannot write the file {path}: {exc_strerror}",
                path=path,
                exc_strerror=exc.strerror or exc,
            )
        ) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)
