"""Application start-up: Qt application, translations, database, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from scanstation import APP_NAME, __version__
from scanstation.db import open_database
from scanstation.i18n import current_language
from scanstation.paths import resources_dir
from scanstation.settings import load_settings

log = logging.getLogger(__name__)


def install_translator(app: QApplication) -> QTranslator | None:
    """Load the Russian (or chosen) `.qm` from resources; English source text otherwise."""
    language = current_language()
    if language == "en":
        return None
    translator = QTranslator(app)
    folder = str(resources_dir() / "translations")
    if translator.load(QLocale(QLocale.Language.Russian), "scanstation", "_", folder):
        app.installTranslator(translator)
        return translator
    log.warning("Russian translation not found in %s", folder)
    return None


def run_app(quit_after_ms: int | None = None) -> int:
    from scanstation.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_translator(app)
    database = open_database()
    window = MainWindow(database, load_settings())
    window.show()
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, app.quit)
    log.info("window opened")
    code = app.exec()
    window.close()  # saves the layout and stops every worker
    database.close()
    return code
