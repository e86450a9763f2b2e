"""PySide6 must not take references away from True/False/None when a signal is emitted.

PySide6 6.12.0 did (its `emit()` returned True without a reference): the window, which
emits progress signals all day, would abort with «bool_dealloc» mid-package. This test runs
the same probe as the self-check on the installed PySide6.
"""

from __future__ import annotations

import pytest

from scanstation.selfcheck.qtsignals import EMITS, lost_references

pytestmark = pytest.mark.gui


def test_emitting_signals_keeps_reference_counts(qapp: object) -> None:
    import PySide6

    lost = lost_references()
    assert set(lost) == {"True", "False", "None"}
    # A sound release loses nothing; a few references may move with the garbage collector.
    assert all(n < EMITS // 2 for n in lost.values()), (
        f"PySide6 {PySide6.__version__} loses references on emit: {lost}")
