"""Crash reporting, wired once at start (as qutebrowser's `crashsignal.py` does).

An exception nobody caught — in the main thread (`sys.excepthook`) or in any other thread
(`threading.excepthook`) — is logged with its traceback and handed to the listener the
window sets (a dialog on the GUI thread); the command line prints it. A native crash (a
scanner driver's segfault, an abort in Qt) cannot run Python code: `faulthandler` writes
every thread's stack to `crash.log` in the log folder, where the support bundle finds it.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from scanstation.paths import log_dir

log = logging.getLogger("scanstation.crash")

CRASH_LOG_NAME = "crash.log"
CRASH_LOG_LIMIT = 1_000_000  # started afresh above this size

CrashListener = Callable[[str], None]  # the formatted traceback


class _Hooks:
    listener: CrashListener | None = None
    native: IO[str] | None = None
    installed = False


def crash_log_path() -> Path:
    return log_dir() / CRASH_LOG_NAME


def report(kind: type[BaseException], value: BaseException,
           trace: TracebackType | None, where: str) -> None:
    """Log one uncaught exception and tell the listener; never raises."""
    text = "".join(traceback.format_exception(kind, value, trace))
    try:
        log.critical("uncaught exception in %s:\n%s", where, text)
        if _Hooks.listener is not None:
            _Hooks.listener(text)
    except Exception:  # noqa: BLE001 - the crash handler must not crash
        if sys.__stderr__ is not None:
            sys.__stderr__.write(text)


def _excepthook(kind: type[BaseException], value: BaseException,
                trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, trace)
        return
    report(kind, value, trace, "the main thread")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")


def install(listener: CrashListener | None = None) -> Path:
    """Install the hooks and set the listener (the native crash log is opened once);
    returns the native crash log's path."""
    if listener is not None:
        _Hooks.listener = listener
    path = crash_log_path()
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    if _Hooks.installed:
        return path
    _Hooks.installed = True
    try:
        if path.exists() and path.stat().st_size > CRASH_LOG_LIMIT:
            path.unlink()
        _Hooks.native = path.open("a", encoding="utf-8")  # kept open: a crash cannot open
        faulthandler.enable(file=_Hooks.native, all_threads=True)
    except OSError as exc:
        log.warning("native crash log %s not available: %s", path, exc)
    return path


def set_listener(listener: CrashListener | None) -> None:
    _Hooks.listener = listener
