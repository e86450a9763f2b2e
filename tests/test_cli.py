from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from scanstation import __version__
from scanstation.cli import build_parser, command_modules, main

# What a command may load when it runs, never when the command line is built: each costs
# tens to hundreds of milliseconds of start-up, paid by every invocation of every command.
HEAVY_MODULES = ("numpy", "PIL", "zxingcpp", "pyzbar", "PySide6", "shiboken6", "sqlalchemy",
                 "alembic", "openpyxl", "pyzipper", "keyring", "pypdfium2",
                 "scanstation.db", "scanstation.recognition", "scanstation.ui")

# Runs the command line in a fresh interpreter, then names every module it loaded.
_MODULES_LOADED_BY = """
import sys
from scanstation.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("\\n".join(sorted(sys.modules)))
"""


def test_help_in_russian_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "использование:" in out
    assert "команды" in out
    for module in command_modules():
        name = module.rsplit(".", 1)[1]
        assert name in out, f"command {name} missing from --help"
    subparsers = next(a for a in build_parser()._actions
                      if isinstance(a, argparse._SubParsersAction))
    assert sorted(subparsers.choices) == sorted(m.rsplit(".", 1)[1] for m in command_modules())
    for choice in subparsers._choices_actions:
        assert choice.help and " ".join(choice.help.split()) in out, choice.dest


@pytest.mark.parametrize("argv", [["--help"], ["--lang", "en", "pack", "--help"],
                                  ["profiles", "--json"]])
def test_command_line_starts_without_heavy_modules(argv: list[str]) -> None:
    """Every command module is imported to build the parser: none may import its machinery
    at module level (numpy, Qt, SQLAlchemy…), or every command pays for it at start-up."""
    result = subprocess.run([sys.executable, "-c", _MODULES_LOADED_BY, *argv],
                            capture_output=True, text=True, timeout=60, check=False)
    loaded = result.stderr.splitlines()
    assert "scanstation.cli" in loaded, result.stderr[-2000:]
    heavy = sorted(name for name in loaded
                   if any(name == h or name.startswith(h + ".") for h in HEAVY_MODULES))
    assert not heavy, f"`scanstation {' '.join(argv)}` imported {heavy[:10]}"


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
