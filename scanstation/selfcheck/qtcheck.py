"""The Qt part of the self-check: the platform plugin, image formats, the translation.

Qt is imported here and only here, lazily, so the rest of the self-check runs on a
machine (or bundle) where Qt is broken and can say so. The offscreen platform is forced so
the check runs the same on a station, over SSH and in CI; the native plugin for this OS
(xcb, windows, cocoa) is checked as a file, since it needs a real display to load.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scanstation.i18n import read_catalogue, tr
from scanstation.selfcheck.model import CheckContext, Outcome, Status

NATIVE_PLATFORM = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}
REQUIRED_FORMATS = (b"tiff", b"jpeg", b"png")
_keep_alive: list[object] = []  # the QApplication must outlive the check that created it


def _native_plugin_present(plugins: Path) -> tuple[str, bool]:
    key = "linux" if sys.platform.startswith("linux") else sys.platform
    name = NATIVE_PLATFORM.get(key, "xcb")
    folder = plugins / "platforms"
    found = folder.is_dir() and any(name in p.name for p in folder.iterdir())
    return name, found


def check_qt(context: CheckContext) -> Outcome:
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QImage, QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(["scanstation", "-platform", "offscreen"])
        _keep_alive.append(app)
    problems: list[str] = []
    platform = app.platformName() if isinstance(app, QApplication) else "?"
    formats = {bytes(f.data()) for f in QImageReader.supportedImageFormats()}
    missing = [f.decode() for f in REQUIRED_FORMATS if f not in formats]
    if missing:
        problems.append(tr(
            "image format plugins missing: {missing_list}",
            missing_list=', '.join(missing),
        ))
    sample = next(iter(sorted((context.resources / "samples").glob("*.tif"))), None)
    if sample is not None and QImage(str(sample)).isNull():
        problems.append(tr("Qt could not open {sample_name}", sample_name=sample.name))
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    native, native_found = _native_plugin_present(plugins)
    if not native_found:
        problems.append(tr(
            "platform plugin {native} missing from {plugins_path} — the window will not open",
            native=native,
            plugins_path=plugins / 'platforms',
        ))
    translation = context.resources / "translations" / "scanstation_ru.qm"
    warn = None
    if not translation.exists():
        warn = tr(
            "window translation (scanstation_ru.qm) not found — the window will be in English",
        )
    elif not QTranslator().load(str(translation)):
        problems.append(tr(
            "translation {translation_name} does not load",
            translation_name=translation.name,
        ))
    core = translation.with_suffix(".ts")  # the same file's core context, read without Qt
    if not read_catalogue(core):
        problems.append(tr("core messages translation {core_name} not read: the command line "
                           "and error messages would be in English", core_name=core.name))
    from scanstation.selfcheck.qtsignals import EMITS, lost_references

    lost = {name: n for name, n in lost_references().items() if n >= EMITS // 2}
    if lost:
        import PySide6

        problems.append(tr(
            "PySide6 {pyside6_version} loses references when emitting signals ({lost_list}): the "
            "window would abort mid-session — another PySide6 release is needed",
            pyside6_version=PySide6.__version__,
            lost_list=', '.join(lost),
        ))
    if problems:
        return Outcome(Status.FAIL, "; ".join(problems))
    detail = tr(
        "platform {platform}, {native} plugin present, formats {required_formats_list}",
        platform=platform,
        native=native,
        required_formats_list=', '.join(f.decode() for f in REQUIRED_FORMATS),
    )
    if warn:
        return Outcome(Status.WARN, f"{detail}; {warn}")
    return Outcome(Status.OK, detail + tr(", translation loaded"))
