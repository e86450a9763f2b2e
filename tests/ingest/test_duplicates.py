"""Pages sharing a number: the same sheet twice loses its repeat, different sheets are
escalated and never merged; decisions are stored and audited."""

from __future__ import annotations

import pytest
from PIL import ImageDraw
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import AuditEntry, DuplicateDecision, Package
from scanstation.ingest.duplicate_groups import (
    DuplicateError,
    delete_repeat,
    duplicate_groups,
    escalate,
)
from scanstation.ingest.packages import PackageService
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.ingest.recognizer_pool import RecognizerPool
from scanstation.samples import render_blank, sample_number
from tests.ingest.conftest import blank, scanned


def _handwritten(number: str, strokes: int):  # type: ignore[no-untyped-def]
    page = render_blank(number)
    draw = ImageDraw.Draw(page)
    for i in range(strokes):
        draw.line((300 + 90 * i, 900, 380 + 90 * i, 1500 - 40 * i), fill=0, width=4)
    return page


def test_same_sheet_twice_repeat_deleted(database: Database, package: Package) -> None:
    sheet = _handwritten(sample_number(1, 1), 3)
    pool = RecognizerPool(workers=0)
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
        decision = session.scalar(select(DuplicateDecision))
        assert decision is not None
        assert (decision.kind, decision.decision) == ("same_sheet", "deleted_repeat")
        actions = [a.action for a in session.scalars(select(AuditEntry))]
    assert actions == ["page_deleted", "duplicate_deleted_repeat"]


def test_different_sheets_escalated_never_merged(database: Database, package: Package) -> None:
    number = sample_number(2, 1)
    pool = RecognizerPool(workers=0)
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
