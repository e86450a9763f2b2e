"""`pip install .` (not editable) carries resources/: the wheel is built for real, listed,
unpacked, and the unpacked package finds its profiles and sample blank there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_holds_resources_and_the_installed_package_finds_them(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT),
                    "-w", str(tmp_path / "wheel")], check=True, capture_output=True,
                   timeout=600)
    (wheel,) = (tmp_path / "wheel").glob("scanstation-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    wanted = {f"scanstation/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
              for p in (ROOT / "resources").rglob("*")
              if p.is_file() and p.suffix in (".toml", ".qm", ".tif", ".json", ".svg",
                                                 ".traineddata")}
    wanted.add("scanstation/resources/translations/scanstation_ru.ts")  # the core reads it
    assert wanted and wanted <= names, sorted(wanted - names)
    assert "scanstation/db/migrations/env.py" in names
    assert any(n.startswith("scanstation/db/migrations/versions/") for n in names)
    probe = (f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); "
             "from scanstation.paths import resources_dir; from scanstation.profile import "
             "default_profile; r = resources_dir(); print(r); default_profile(); "
             "assert (r / 'samples' / 'blank_code128.tif').is_file(); "
             "from scanstation.i18n import set_language, tr; set_language('ru'); "
             "assert tr('Interrupted.') == 'Прервано.', tr('Interrupted.')")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120, check=False,
                         env={**os.environ, "PYTHONSAFEPATH": "1"})
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.strip()) == tmp_path / "site" / "scanstation" / "resources"
