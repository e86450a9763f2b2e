from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from scanstation.cli import main
from scanstation.db import Event, open_database
from scanstation.logging_setup import configure_logging


def test_bundle_holds_versions_scanners_counts_and_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database()
    with database.session() as session:
        session.add(Event(name="ОМК. История", profile_name="omk_2026"))
    database.close()
    import logging

    configure_logging()
    logging.getLogger("test").warning("archive password=Secret123 set")
    target = tmp_path / "out" / "diag.zip"
    assert main(["diagnostics", "--out", str(target), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(target)
    with zipfile.ZipFile(target) as bundle:
        assert bundle.testzip() is None
        report = json.loads(bundle.read("report.json"))
        log_text = b"".join(bundle.read(n) for n in bundle.namelist() if n.startswith("logs/"))
    assert report["database"]["events"] == 1
    assert report["versions"]["packages"]["zxing-cpp"]
    assert any(entry["driver"] == "demo" and entry["devices"] for entry in report["scanners"])
    assert b"password=***" in log_text and b"Secret123" not in log_text
    assert not list(target.parent.glob("*.part"))
