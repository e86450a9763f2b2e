"""Electronic protocols: read protocol 1 / 2 from xlsx, write protocol 2, keep kits per event.

Participants' names never leave the spreadsheet: see `reader` for how they are avoided.
"""

from scanstation.protocol.model import (
    Protocol,
    ProtocolError,
    ProtocolKind,
    ProtocolKit,
)
from scanstation.protocol.reader import read_protocol
from scanstation.protocol.store import ImportSummary, import_protocol, kits_of_event
from scanstation.protocol.writer import save_workbook_atomically, write_protocol2

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
