"""Application start-up: Qt application, translations, database, main window."""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from scanstation import APP_NAME, __version__
from scanstation.db import open_database
from scanstation.i18n import current_language, set_language
from scanstation.package_lock import set_program
from scanstation.paths import resources_dir
from scanstation.scanner.registry import default_drivers
from scanstation.settings import StationSettings, load_settings

log = logging.getLogger(__name__)


def install_translator(app: QApplication) -> QTranslator | None:
    """Load the Russian (or chosen) `.qm` from resources; English source text otherwise."""
    language = current_language()
    if language == "en":
        return None
    install_qt_translation(app)
    translator = QTranslator(app)
    folder = str(resources_dir() / "translations")
    if translator.load(QLocale(QLocale.Language.Russian), "scanstation", "_", folder):
        app.installTranslator(translator)
        return translator
    log.warning("Russian translation not found in %s", folder)
    return None


def install_qt_translation(app: QApplication) -> QTranslator | None:
    """Qt's own Russian strings (OK/Cancel of standard dialogs, file dialogs) when Qt ships
    them; a build without them keeps Qt's English there, and says so in the log."""
    translator = QTranslator(app)
    folders = qt_translation_folders()
    found = next((folder for folder in folders if translator.load(
        QLocale(QLocale.Language.Russian), "qtbase", "_", folder)), None)
    if found is None:
        log.warning("Qt's own Russian translation not found in %s", folders)
        return None
    app.installTranslator(translator)
    # Installed last, asked first: the few strings qtbase_ru.qm lacks («&Look in:»).
    extra = QTranslator(app)
    if extra.load(QLocale(QLocale.Language.Russian), "qtbase_extra", "_",
                  str(resources_dir() / "translations")):
        app.installTranslator(extra)
    return translator


def qt_translation_folders() -> list[str]:
    """Qt's translations folder, PySide6's own, and ours (the bundle copies qtbase_ru.qm
    there): a frozen Qt may report a TranslationsPath that is not where PyInstaller put
    the files, and then every file dialog is half English."""
    import PySide6

    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(Path(PySide6.__file__).parent / "Qt" / "translations"),
            str(resources_dir() / "translations")]


def choose_language(settings: StationSettings, argv: Sequence[str]) -> None:
    """The settings' language, unless `--lang` or SCANSTATION_LANG chose one for this run."""
    explicit = bool(os.environ.get("SCANSTATION_LANG")) or any(
        arg == "--lang" or arg.startswith("--lang=") for arg in argv)
    if settings.language in ("ru", "en") and not explicit:
        set_language("en" if settings.language == "en" else "ru")


def quit_on_signals(app: QApplication) -> QTimer:
    """SIGTERM and Ctrl+C close the window the normal way (layout saved, scanner, pipeline
    and recognition workers stopped) instead of killing the process mid-write. Python
    handles signals only when it runs, so a timer wakes it twice a second."""

    def handler(_signum: int, _frame: object) -> None:
        log.info("signal %s: closing the window", _signum)
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGINT, handler)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, handler)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(500)
    return wake


def run_app(quit_after_ms: int | None = None) -> int:
    from scanstation.ui.crash_dialog import CrashReporter
    from scanstation.ui.main_window import MainWindow
    from scanstation.ui.recovery_job import start_recovery

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    settings = load_settings()
    choose_language(settings, sys.argv[1:])
    install_translator(app)
    database = open_database()
    set_program(QCoreApplication.translate("App", "ScanStation window"))
    drivers = default_drivers([Path(folder) for folder in settings.hot_folders])
    window = MainWindow(database, settings, drivers)
    crash_reporter = CrashReporter(window)
    crash_reporter.install()  # uncaught exceptions of any thread → log + dialog
    window.show()
    # After the window is up: a crash or power cut may have left temporary files, files
    # without rows, unread pages, a file that is no page. Packages stay read-only until
    # their own recovery ends, so it never races a scan or a fix of the same folder.
    start_recovery(database, settings.archives_path(), window.jobs, window,
                   window.schedule_reload)
    quit_on_signals(app)
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, app.quit)
    log.info("window opened")
    code = app.exec()
    crash_reporter.uninstall()
    window.close()  # saves the layout and stops every worker
    database.close()
    log.info("window closed")
    return code
