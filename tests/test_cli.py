from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scanstation import __version__
from scanstation.cli import command_modules, main


def test_help_in_russian_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "использование:" in out
    assert "команды" in out
    for module in command_modules():
        name = module.rsplit(".", 1)[1]
        assert name in out, f"command {name} missing from --help"


def test_help_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert "usage:" in out
    assert "commands" in out
    assert "использование" not in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_info_json_reports_the_migrated_database(
    capsys: pytest.CaptureFixture[str], data_dir: object
) -> None:
    assert main(["info", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["data_dir"] == str(data_dir)
    from scanstation.db.store import head_revision

    assert facts["database_revision"] == head_revision()


def test_profiles_json_lists_bundled_profiles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles", "--json"]) == 0
    names = {row["name"] for row in json.loads(capsys.readouterr().out)}
    assert {"default", "omk_2026", "opimk_2026"} <= names


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scanstation", "--lang", "en", "--help"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: scanstation" in result.stdout
