"""The Russian interface: every string of the one translation source (the window's contexts
and the core's) translated, placeholders kept, the .ts compiles cleanly with Qt's own
lrelease, the compiled .qm loads and the real window speaks Russian with it (English when
asked). The core's side is checked in tests/test_i18n.py."""

from __future__ import annotations

import re
import string
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
PLACEHOLDER = re.compile(r"%\d+")  # Qt's, in the window's contexts
CORE = "core"  # scanstation.i18n's context: str.format fields


def placeholders(context: str, text: str) -> Counter[str]:
    if context == CORE:
        return Counter(f"{{{name}!{conv}:{spec}}}" for _, name, spec, conv
                       in string.Formatter().parse(text) if name is not None)
    return Counter(PLACEHOLDER.findall(text))


def messages() -> list[tuple[str, str, str, str | None]]:
    tree = ET.parse(TS)
    out = []
    for context in tree.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source", ""), translation.text or "",
                        translation.get("type")))
    return out


def test_every_string_is_translated_and_keeps_its_placeholders() -> None:
    found = messages()
    contexts = {context for context, *_ in found}
    assert CORE in contexts and len(contexts) > 10  # the core's and the window's
    assert len(found) > 500
    for context, source, translation, kind in found:
        assert kind is None, (context, source, kind)  # finished: lrelease compiles it
        assert translation.strip(), (context, source)
        assert placeholders(context, source) == placeholders(context, translation), (
            context, source, translation)
        assert source.endswith("…") == translation.endswith("…"), (source, translation)


def qt_tool(name: str) -> Path:
    bin_dir = Path(sys.executable).parent
    return next((p for p in (bin_dir / name, bin_dir / "Scripts" / f"{name}.exe",
                             bin_dir / f"{name}.exe") if p.exists()), bin_dir / name)


def test_qt_compiles_the_one_source_without_a_warning(tmp_path: Path) -> None:
    """The file a translator opens in Qt Linguist is valid for Qt, core context included."""
    qm = tmp_path / "check.qm"
    done = subprocess.run([str(qt_tool("pyside6-lrelease")), str(TS), "-qm", str(qm)],
                          capture_output=True, text=True, check=True)
    report = (done.stdout + done.stderr).replace(str(qm), "").replace(str(TS), "")
    assert f"({len(messages())} finished and 0 unfinished)" in report, report
    assert "warning" not in report.lower() and "error" not in report.lower(), report
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate(CORE, "Pages already scanned and kept: {pages}.") == (
        "Уже отсканировано и сохранено страниц: {pages}.")


def test_ts_lists_every_string_of_the_code(tmp_path: Path) -> None:
    """The committed .ts is up to date: lupdate over the code finds nothing new."""
    fresh = tmp_path / "fresh.ts"
    root = resources_dir().parent
    sources = sorted(str(p) for p in (root / "scanstation" / "ui").glob("*.py"))
    subprocess.run([str(qt_tool("pyside6-lupdate")), "-silent", "-locations", "none",
                    *sources, "-ts", str(fresh)], check=True)
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
