"""Pages sharing a number: the same sheet twice loses its repeat, different sheets are
escalated and never merged; decisions are stored per pair of pages and audited, a page
that joins a decided number later reopens the group, and groups span every room of the
event (the collector compares the whole event)."""

from __future__ import annotations

import pytest
from PIL import ImageDraw
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import AuditEntry, DuplicatePair, Package
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import render_blank, sample_number
from scanstation.station.duplicate_groups import (
    DuplicateError,
    answered,
    delete_exact_repeats,
    delete_repeat,
    duplicate_groups,
    escalate,
)
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank, scanned


def _handwritten(number: str, strokes: int):  # type: ignore[no-untyped-def]
    page = render_blank(number)
    draw = ImageDraw.Draw(page)
    for i in range(strokes):
        draw.line((300 + 90 * i, 900, 380 + 90 * i, 1500 - 40 * i), fill=0, width=4)
    return page


def test_same_sheet_twice_repeat_deleted(database: Database, package: Package) -> None:
    sheet = _handwritten(sample_number(1, 1), 3)
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        pipeline.add_page(scanned(sheet))
        pipeline.add_page(scanned(blank(1, 2)))
        pipeline.add_page(scanned(sheet.rotate(0.4, fillcolor=255)))  # fed again
    pool.shutdown()
    (group,) = duplicate_groups(database, package.id)
    assert [p.file_name for p in group.pages] == ["0001.tif", "0003.tif"]
    assert PackageService(database).stats(package.id).duplicate_groups == 1
    trashed = delete_repeat(database, group)
    assert trashed == [group.pages[1].id]
    assert duplicate_groups(database, package.id) == []
    with database.session() as session:
        decision = session.scalar(select(DuplicatePair))
        assert decision is not None
        assert (decision.kind, decision.decision) == ("same_sheet", "deleted_repeat")
        assert (decision.page_a, decision.page_b) == (group.pages[0].id, group.pages[1].id)
        actions = [a.action for a in session.scalars(select(AuditEntry))]
    assert actions == ["page_deleted", "duplicate_deleted_repeat"]


def test_different_sheets_escalated_never_merged(database: Database, package: Package) -> None:
    number = sample_number(2, 1)
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        pipeline.add_page(scanned(_handwritten(number, 2)))
        pipeline.add_page(scanned(_handwritten(number, 6)))
    pool.shutdown()
    (group,) = duplicate_groups(database, package.id)
    with pytest.raises(DuplicateError, match="разные листы"):
        delete_repeat(database, group)
    assert len(PackageService(database).pages(package.id)) == 2  # nothing trashed
    assert escalate(database, group) == "different_sheets"
    (still,) = duplicate_groups(database, package.id)
    assert still.decision == "escalated"


def test_new_page_with_decided_number_reopens_escalation(
        database: Database, package: Package) -> None:
    number = sample_number(2, 1)
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        pipeline.add_page(scanned(_handwritten(number, 2)))
        pipeline.add_page(scanned(_handwritten(number, 6)))
    (group,) = duplicate_groups(database, package.id)
    escalate(database, group, operator="Оператор 1")
    assert duplicate_groups(database, package.id)[0].decision == "escalated"
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        pipeline.add_page(scanned(_handwritten(number, 9)))  # a third sheet, same number
    pool.shutdown()
    (reopened,) = duplicate_groups(database, package.id)
    assert len(reopened.pages) == 3 and reopened.decision is None
    escalate(database, reopened)
    (again,) = duplicate_groups(database, package.id)
    assert again.decision == "escalated"
    answered(database, again)
    assert duplicate_groups(database, package.id)[0].decision == "answered"
    with database.session() as session:
        pairs = list(session.scalars(select(DuplicatePair)))
        assert len(pairs) == 3 and {p.decision for p in pairs} == {"answered"}
        first = session.scalar(select(AuditEntry).where(
            AuditEntry.action == "duplicate_escalated"))
        assert first is not None and "Оператор 1" in (first.details or "")


def test_groups_span_the_rooms_of_the_event(database: Database, package: Package,
                                            tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = PackageService(database).open("ОГЭ-2026 математика", "Аудитория 102",
                                          folder=tmp_path / "pkg2")
    elsewhere = PackageService(database).open("ЕГЭ-2026 физика", "Аудитория 7",
                                              folder=tmp_path / "pkg3")
    sheet = _handwritten(sample_number(4, 2), 3)
    pool = RecognitionPool(workers=0)
    for target in (package, other, elsewhere):
        with IngestPipeline(database, target.id, pool=pool) as pipeline:
            pipeline.add_page(scanned(sheet))
    pool.shutdown()
    (group,) = duplicate_groups(database, package.id)  # the other event stays apart
    assert group.rooms == ("Аудитория 101", "Аудитория 102")
    assert group.touches(package.id) and group.touches(other.id)
    assert not group.touches(elsewhere.id)
    assert group.repeat.id == group.pages[1].id and group.keep.id == group.pages[0].id
    assert PackageService(database).stats(other.id).duplicate_groups == 1
    # the batch: one sheet fed in two rooms is an exact repeat, the later scan goes
    assert delete_exact_repeats(database, [group]) == [group.repeat.id]
    assert duplicate_groups(database, other.id) == []
