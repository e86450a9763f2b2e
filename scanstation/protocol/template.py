"""Filling the collector's own protocol-2 template (fig. 12) from protocol 1.

The collector generates the template with the point's kit numbers already in it; filling
that very file keeps whatever sheet name, layout and number cells the collector expects on
upload. Only the comment and login cells are written; kit numbers are left as they are.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from scanstation.i18n import tr
from scanstation.protocol.model import COMMENT_TEXT, Protocol, ProtocolError, ProtocolKind
from scanstation.protocol.reader import read_protocol
from scanstation.protocol.writer import save_workbook_atomically

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TemplateFill:
    filled: tuple[str, ...]  # kits written into the template
    not_in_protocol: tuple[str, ...]  # template kits protocol 1 does not list: left as they were

    def as_json(self) -> dict[str, list[str]]:
        return {"filled": list(self.filled), "not_in_protocol": list(self.not_in_protocol)}


def fill_template(protocol: Protocol, template: Path, out: Path) -> TemplateFill:
    """Write `protocol`'s comments and logins into a copy of the collector's template."""
    # Read-only pass first: it validates the template and proves it has no names column
    # before the whole workbook is loaded for editing.
    layout = read_protocol(template)
    if layout.kind is not ProtocolKind.FIS_OKO:
        raise ProtocolError(
            tr(
                "{template}: this is protocol 1 (it has a names column); a protocol 2 template "
                "from FIS OKO is needed.",
                template=template,
            )
        )
    wanted = protocol.by_key()
    template_keys = {kit.key for kit in layout.kits}
    absent = [kit.number for kit in protocol.kits if kit.key not in template_keys]
    if absent:
        raise ProtocolError(
            tr(
                "{template}: the template lacks kits {absent_list} of protocol 1 — download the "
                "template of this point and subject again.",
                template=template,
                absent_list=', '.join(absent),
            )
        )
    assert layout.layout is not None  # read_protocol always says where the table is
    comment_col, login_col = layout.layout.comment_col, layout.layout.login_col
    book = load_workbook(template)
    sheet = book[layout.sheet]
    filled: list[str] = []
    skipped: list[str] = []
    for kit in layout.kits:
        source = wanted.get(kit.key)
        if source is None:
            skipped.append(kit.number)
            continue
        sheet.cell(kit.row, comment_col,
                   COMMENT_TEXT[source.status] if source.status is not None else None)
        sheet.cell(kit.row, login_col, source.school_login)
        filled.append(kit.number)
    save_workbook_atomically(book, out)
    log.info("protocol 2 template filled: %s, %d kits, %d left", out, len(filled),
             len(skipped))
    return TemplateFill(tuple(filled), tuple(skipped))
