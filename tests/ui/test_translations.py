"""The Russian interface: every string translated, placeholders kept, the compiled .qm
loads and the real window speaks Russian with it (English when asked)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from scanstation.paths import resources_dir

TS = resources_dir() / "translations" / "scanstation_ru.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"%\d+")


def messages() -> list[tuple[str, str, str]]:
    tree = ET.parse(TS)
    out = []
    for context in tree.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source", ""), translation.text or ""))
    return out


def test_every_string_is_translated_and_keeps_its_placeholders() -> None:
    found = messages()
    assert len(found) > 100
    for context, source, translation in found:
        assert translation.strip(), (context, source)
        assert Counter(PLACEHOLDER.findall(source)) == Counter(PLACEHOLDER.findall(
            translation)), (context, source, translation)
        assert source.endswith("…") == translation.endswith("…"), (source, translation)


def test_ts_lists_every_string_of_the_code(tmp_path: Path) -> None:
    """The committed .ts is up to date: lupdate over the code finds nothing new."""
    fresh = tmp_path / "fresh.ts"
    root = resources_dir().parent
    sources = sorted(str(p) for p in (root / "scanstation" / "ui").glob("*.py"))
    bin_dir = Path(sys.executable).parent
    lupdate = next((p for p in (bin_dir / "pyside6-lupdate", bin_dir / "Scripts" /
                                "pyside6-lupdate.exe", bin_dir / "pyside6-lupdate.exe")
                    if p.exists()), bin_dir / "pyside6-lupdate")
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *sources, "-ts",
                    str(fresh)], check=True)
    def keys(path: Path) -> set[tuple[str, str]]:
        tree = ET.parse(path)
        return {(c.findtext("name", ""), m.findtext("source", ""))
                for c in tree.iter("context") for m in c.iter("message")}
    missing = keys(fresh) - keys(TS)
    assert not missing, f"run `make translations`: {sorted(missing)[:5]}"


@pytest.mark.gui
def test_russian_qm_loads_and_translates_the_window(qtbot, database) -> None:  # type: ignore[no-untyped-def]
    from scanstation.ui.main_window import MainWindow

    translator = QTranslator()
    assert translator.load(str(QM))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        assert QCoreApplication.translate("ReviewPanel", "Save number") == "Сохранить номер"
        window = MainWindow(database)
        qtbot.addWidget(window)
        assert window.windowTitle() == "ScanStation — станция сканирования"
        assert window.tabs.tabText(1) == "Комплектность"
        assert window.review_panel.buttons["trash"].text() == "Удалить (F8)"
        window.shutdown()
    finally:
        app.removeTranslator(translator)
    english = MainWindow(database)
    qtbot.addWidget(english)
    assert english.tabs.tabText(1) == "Completeness"
    english.shutdown()


def test_app_installs_russian_unless_english_is_asked(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from scanstation.ui.app import install_translator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setenv("SCANSTATION_LANG", "en")
    assert install_translator(app) is None
    monkeypatch.setenv("SCANSTATION_LANG", "ru")
    translator = install_translator(app)
    assert translator is not None
    try:
        assert QCoreApplication.translate("ScanBar", "Stop") == "Стоп"
        # Qt's own buttons (OK/Cancel) in Russian too, from Qt's qtbase_ru.qm
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    finally:
        for installed in app.findChildren(QTranslator):  # ours and Qt's own
            app.removeTranslator(installed)
            installed.deleteLater()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
