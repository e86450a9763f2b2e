"""Qt's own file dialogs in Russian, opened in the documents folder (or the folder used
last), proposing a report name built from the event and the room (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget

from scanstation.ui.file_dialogs import documents_folder, remember, start_folder
from tests.ui.conftest import one_kit_package
from tests.ui.keyboard import when_modal

pytestmark = pytest.mark.gui


@pytest.fixture
def russian(monkeypatch):  # type: ignore[no-untyped-def]
    from scanstation.ui.app import install_translator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setenv("SCANSTATION_LANG", "ru")
    installed = [t for t in (install_translator(app),) if t is not None]
    installed += [t for t in app.findChildren(QTranslator) if t not in installed]
    yield
    for translator in installed:
        app.removeTranslator(translator)


def test_documents_folder_first_then_the_last_one(tmp_path: Path, data_dir: Path) -> None:
    assert start_folder("report") == documents_folder()
    expected = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert documents_folder() == (Path(expected) if expected and Path(expected).is_dir()
                                  else Path.home())
    chosen = tmp_path / "reports"
    chosen.mkdir()
    remember("report", chosen / "r.xlsx")
    assert start_folder("report") == chosen
    assert start_folder("protocol") == documents_folder()


def test_report_dialog_is_russian_and_named_after_event_and_room(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer, russian, tmp_path: Path) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 101")
    window.tree.reload(select_package=package_id)
    window.completeness.whole_event.setChecked(False)
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        seen["labels"] = labels
        seen["directory"] = Path(dialog.directory().absolutePath())
        seen["files"] = dialog.selectedFiles()
        dialog.reject()

    when_modal(qtbot, look)
    window.checks.report = None
    window.checks.ask_export()
    labels = seen["labels"]
    assert isinstance(labels, dict)
    assert labels.get("lookInLabel") == "&Перейти к:"
    assert labels.get("fileTypeLabel") == "&Типы файлов:"
    assert seen["directory"] == documents_folder() != Path.cwd()
    files = seen["files"]
    assert isinstance(files, list) and files
    assert Path(files[0]).name == "Комплектность — ОГЭ 2026 — Аудитория 101.xlsx"
    assert all(not any("a" <= c.lower() <= "z" for c in text) for text in labels.values())
