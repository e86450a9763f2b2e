"""A room that is not ready to upload, as the operator in issue 14 had it: kit 1 complete
with its page 1 fed a second time (an undecided duplicate), kit 3 scanned though the
protocol does not list it (extra), and kit 2 used in the protocol but not scanned at all
(missing). Made through the real pipeline and a real protocol workbook."""

from __future__ import annotations

from pathlib import Path

from scanstation.db import Database
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.profile import default_profile
from scanstation.protocol.reader import read_protocol
from scanstation.protocol.store import import_protocol
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.scanner.base import ScanOptions
from scanstation.scanner.demo import DemoDevice, DemoSheet
from scanstation.station.packages import PackageService
from tests.protocol.builders import Row, protocol1

EVENT = "ОГЭ 2026"


def room_sheets() -> tuple[DemoSheet, ...]:
    kit1 = [DemoSheet(sample_number(1, page, 2026)) for page in range(1, 5)]
    kit3 = [DemoSheet(sample_number(3, page, 2026)) for page in range(1, 5)]
    return (*kit1, *kit3, kit1[0])


def room_protocol(folder: Path) -> Path:
    return protocol1(folder / "protocol1.xlsx", [
        Row(1, "использован", "edu123456", "Иванов Иван"),
        Row(2, "использован", "edu123456", "Петров Пётр"),
    ])


def incomplete_room(database: Database, pool: RecognitionPool, folder: Path,
                    name: str = "Аудитория 5", with_protocol: bool = True) -> int:
    package = PackageService(database).open(EVENT, name, default_profile())
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        for page in DemoDevice(stack=room_sheets()).scan(ScanOptions()):
            pipeline.add_page(page)
    if with_protocol:
        import_protocol(database, package.event_id, read_protocol(room_protocol(folder)))
    return package.id
