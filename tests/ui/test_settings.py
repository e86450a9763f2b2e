"""Station settings (core, JSON in the data folder) and the window's remembered layout."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from scanstation.settings import (
    VERSION,
    StationSettings,
    load_settings,
    save_settings,
    settings_path,
)


def test_defaults_when_no_file(data_dir: Path) -> None:
    settings = load_settings()
    assert settings == StationSettings()
    assert settings.dpi == 200 and settings.image_format == "tiff"
    assert settings.archive_limit == 250_000_000


def test_round_trip_is_atomic_and_versioned(data_dir: Path) -> None:
    chosen = replace(StationSettings(), device_id="sane:test:0", dpi=300, image_format="jpeg",
                     password_policy="aes", hot_folders=("/srv/scans",))
    path = save_settings(chosen)
    assert path == settings_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == VERSION
    assert load_settings() == chosen
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".settings.")] == []


def test_old_versions_are_upgraded_not_reset(data_dir: Path) -> None:
    settings_path().write_text(json.dumps({"device": "sane:fujitsu:1", "tiff": False,
                                           "encrypt": True, "dpi": 300}), encoding="utf-8")
    upgraded = load_settings()
    assert upgraded.device_id == "sane:fujitsu:1"
    assert upgraded.image_format == "jpeg"
    assert upgraded.password_policy == "aes"
    assert upgraded.dpi == 300


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", json.dumps({"dpi": "many",
                                                                       "archive_limit": 10**12,
                                                                       "color_mode": "sepia"})])
def test_broken_or_wrong_values_fall_back_to_defaults(data_dir: Path, text: str) -> None:
    settings_path().write_text(text, encoding="utf-8")
    assert load_settings() == StationSettings()


@pytest.mark.gui
def test_settings_dialog_saves_choices(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from scanstation.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, [], [], window)
    qtbot.addWidget(dialog)
    dialog.dpi.setCurrentIndex(dialog.dpi.findData(300))
    dialog.format.setCurrentIndex(dialog.format.findData("jpeg"))
    dialog.limit.setValue(100)
    window.apply_settings(dialog.values())
    saved = load_settings()
    assert (saved.dpi, saved.image_format, saved.archive_limit) == (300, "jpeg", 100_000_000)
    assert window.scan.scan_options().dpi == 300


@pytest.mark.gui
def test_window_layout_is_remembered(qtbot, database, settings) -> None:  # type: ignore[no-untyped-def]
    from scanstation.ui.main_window import MainWindow

    first = MainWindow(database, settings)
    qtbot.addWidget(first)
    first.show()
    screen = first.screen().availableGeometry()
    first.resize(screen.width() - 40, screen.height() - 40)  # restorable on this screen
    first.splitter.setSizes([150, 300, 250])
    qtbot.wait(50)
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(database, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.wait(50)
    assert second.size() == first.size()
    assert second.splitter.sizes() == sizes
    second.shutdown()


@pytest.mark.parametrize("stored,env,argv,expected", [
    ("en", "", [], "en"),
    ("", "", [], "ru"),
    ("en", "ru", [], "ru"),  # SCANSTATION_LANG wins for this run
    ("en", "", ["--lang", "ru"], "ru"),  # so does --lang (already applied by the CLI)
])
def test_language_setting_applies_unless_chosen_for_the_run(
        monkeypatch: pytest.MonkeyPatch, stored: str, env: str, argv: list[str],
        expected: str) -> None:
    from scanstation.i18n import current_language, set_language
    from scanstation.ui.app import choose_language

    monkeypatch.setenv("SCANSTATION_LANG", env) if env else monkeypatch.delenv(
        "SCANSTATION_LANG", raising=False)
    if "--lang" in argv:
        set_language("ru")
    choose_language(replace(StationSettings(), language=stored), argv)
    assert current_language() == expected
