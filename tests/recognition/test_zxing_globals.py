"""No zxing-cpp object lives in a module global of ours. Such an object outlives zxing-cpp's
own module at interpreter shutdown whenever our module is torn down later, and nanobind then
prints «leaked instances» on exit (measured: the `BarcodeFormats` that engines.py kept made
every pytest run of the window tests end with it). Enum members are plain Python objects
and do not count."""

from __future__ import annotations

import enum
import importlib
import pkgutil
import sys

import scanstation
from scanstation.profile import default_profile
from scanstation.recognition import read_blank_number
from scanstation.samples import render_blank, sample_number


def _zxing_objects(value: object) -> list[object]:
    values = list(value.values()) if isinstance(value, dict) else [value]
    return [v for v in values if type(v).__module__.startswith("zxingcpp")
            and not isinstance(v, (type, enum.Enum)) and not callable(v)]


def test_no_zxing_object_in_module_globals(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for info in pkgutil.walk_packages(scanstation.__path__, "scanstation."):
        if any(part in info.name for part in (".ui", ".migrations", "__main__")):
            continue  # Qt, Alembic's env (runs only under Alembic), the entry point
        importlib.import_module(info.name)
    page = tmp_path / "0001.tif"
    render_blank(sample_number(1, 1)).save(page, compression="tiff_lzw", dpi=(200, 200))
    assert read_blank_number(page, default_profile()).number == sample_number(1, 1)
    found = {name: held for name, module in sys.modules.items()
             if name.startswith("scanstation")
             for value in vars(module).values()
             for held in _zxing_objects(value)}
    assert not found, found
