"""The duplicates queue (issue 14, wrong outcome 2): a decided number typed on another page
reopens its group in «Дубликаты», and pages of another room of the same event with the same
number are flagged and queued — the collector compares the whole event. Driven with keys
and clicks on the real window; images are real blanks with different handwriting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from scanstation.db import Database
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.profile import default_profile
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.scanner.base import ScannedPage
from scanstation.station.duplicate_groups import duplicate_groups, escalate
from scanstation.station.packages import PackageService
from scanstation.ui.duplicates_queue import DuplicatesQueue
from scanstation.ui.page_state import PageState
from tests.protocol.pages import filled_blank
from tests.ui.conftest import _SharedPool, answer_operator

pytestmark = pytest.mark.gui

EVENT = "ОГЭ 2026"
DECIDED = sample_number(1, 1)
SHARED = sample_number(1, 2)  # scanned in both rooms


def scan(database: Database, recognizer: RecognitionPool, room: str, sheets: list) -> int:  # type: ignore[type-arg]
    package = PackageService(database).open(EVENT, room, default_profile())
    with IngestPipeline(database, package.id, pool=_SharedPool(recognizer)) as pipeline:
        for index, image in enumerate(sheets, start=1):
            pipeline.add_page(ScannedPage(image=image, dpi=200, source="test:feeder",
                                          index=index))
    return package.id


def test_queue_reopens_decided_numbers_and_spans_rooms(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer) -> None:
    room = scan(database, recognizer, "Аудитория 21", [
        *(filled_blank(1, page, hand=page) for page in range(1, 5)),
        filled_blank(1, 1, hand=77),  # a second participant's sheet with page 1's number
        filled_blank(5, 3, hand=9, with_code=False),  # unreadable: no code at all
    ])
    (group,) = duplicate_groups(database, room)
    escalate(database, group)  # decided earlier: different sheets, reported
    other = scan(database, recognizer, "Аудитория 22", [filled_blank(1, 2, hand=40)])

    window.tree.reload(select_package=room)
    model = window.model
    # the page of kit 1 page 2 is flagged: room 22 has that number too
    shared = next(r for r in model.rows if r.blank_number == SHARED)
    assert shared.state is PageState.DUPLICATE and not shared.escalated

    # type the decided number on the unreadable page, from the keyboard
    unread = next(r for r in model.rows if r.state is PageState.UNREADABLE)
    window.select_page(unread.id)
    edit = window.review_panel.number
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, DECIDED)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    answer_operator(qtbot, window)
    qtbot.waitUntil(lambda: model.page(model.row_of(unread.id)).blank_number == DECIDED,
                    timeout=10_000)
    # the decided group counts a new page: it is open again, not «reported»
    typed = model.page(model.row_of(unread.id))
    assert typed.state is PageState.DUPLICATE and not typed.escalated

    window.duplicates_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.review.dialog, DuplicatesQueue)
                    and window.review.dialog.isVisible()
                    and window.review.dialog.list.count() == 2, timeout=30_000)
    queue = window.review.dialog
    numbers = [item.group.blank_number for item in queue.items]
    assert numbers == [DECIDED, SHARED]
    assert queue.position.text().startswith("1 of 2")
    reopened = queue.items[0]
    assert len(reopened.group.pages) == 3 and reopened.group.decision is None
    assert queue.escalate_button.isVisible()  # decidable again
    qtbot.keyClick(queue.list, Qt.Key.Key_Down)
    assert queue.position.text().startswith("2 of 2")
    across = queue.current()
    assert across is not None and set(across.group.rooms) == {"Аудитория 21", "Аудитория 22"}
    assert across.group.touches(other)
    assert "Аудитория 22" in queue.list.item(1).text()
    assert "Аудитория 22, page 0001" in queue.goes.text()  # the later scan would go
    queue.reject()  # leave no modal dialog behind for the next test
