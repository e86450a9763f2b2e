"""Rotating log file in the user's log folder.

Passwords and participants' names are never passed to the logger; the redaction filter is a
second line of defence for anything that looks like `password=...` in a formatted message.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from scanstation.paths import log_dir

LOG_FILE_NAME = "scanstation.log"
_SECRET = re.compile(r"(?i)(pass(?:word)?|пароль)(\s*[=:]\s*)(\S+)")


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET.sub(r"\1\2***", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def configure_logging(level: int = logging.INFO) -> Path:
    """Attach the rotating file handler once; returns the log file's path."""
    path = log_dir() / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(
            handler.baseFilename
        ) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s")
    )
    handler.addFilter(RedactSecrets())
    root.addHandler(handler)
    root.setLevel(level)
    return path
