"""Electronic protocols: read protocol 1 / 2 from xlsx, write protocol 2, keep kits per event.

Participants' names never leave the spreadsheet: see `reader` for how they are avoided.
The reader, writer and store load openpyxl (~0.15–0.25 s): they are imported on first use,
so the readiness gate before a pack, which needs only the model, does not pay for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from scanstation.protocol.model import (
    Protocol,
    ProtocolError,
    ProtocolKind,
    ProtocolKit,
)

if TYPE_CHECKING:
    from scanstation.protocol.reader import read_protocol
    from scanstation.protocol.store import ImportSummary, import_protocol, kits_of_event
    from scanstation.protocol.writer import save_workbook_atomically, write_protocol2

_LAZY = {"read_protocol": "reader", "ImportSummary": "store", "import_protocol": "store",
         "kits_of_event": "store", "save_workbook_atomically": "writer",
         "write_protocol2": "writer"}

__all__ = [
    "ImportSummary",
    "Protocol",
    "ProtocolError",
    "ProtocolKind",
    "ProtocolKit",
    "import_protocol",
    "kits_of_event",
    "read_protocol",
    "save_workbook_atomically",
    "write_protocol2",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"scanstation.protocol.{module}"), name)
