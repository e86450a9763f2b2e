"""A scanner whose native driver runs in a worker process (as NAPS2 runs TWAIN drivers).

A vendor's TWAIN driver is native code loaded into the process that calls it; when it
crashes, it takes that process with it. Here it takes only a worker: the device is opened
and scanned in a child process (multiprocessing, spawn), pages come back over a pipe as
they arrive and go on into the pipeline as usual, and a dead worker becomes a typed fault
(`DriverCrashed`) with the count of pages already safe — the window, its queued pages and
the database are untouched, and «Продолжить» starts a fresh worker that reopens the device.

The registry wraps TWAIN devices this way on Windows (`SCANSTATION_DRIVER_IN_PROCESS=1`
turns it off). All calls of one source still happen on one thread: the worker's main thread.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from scanstation.i18n import tr
from scanstation.scanner.base import (
    Capabilities,
    DeviceInfo,
    ScannedPage,
    ScannerError,
    ScanOptions,
)

log = logging.getLogger(__name__)
START_TIMEOUT = 120.0  # a spawned worker imports the scanning stack first
POLL = 0.25


class DriverCrashed(ScannerError):
    """The driver's worker process died (a crash in the vendor's native code)."""

    code = "driver_crashed"

    def __init__(self, pages_delivered: int = 0, exit_code: int | None = None) -> None:
        super().__init__(
            tr(
                "The scanner driver crashed (code {exit_code}). Pages already scanned and kept: "
                "{pages_delivered}. Check the scanner and press «Continue».",
                exit_code=exit_code,
                pages_delivered=pages_delivered,
            ),
            pages_delivered)
        self.exit_code = exit_code


def _pack_error(exc: ScannerError) -> tuple[str, str, tuple[Any, ...], dict[str, Any]]:
    """A typed fault as plain data (its constructor's arguments differ per class)."""
    return type(exc).__module__, type(exc).__qualname__, exc.args, dict(exc.__dict__)


def _unpack_error(module: str, name: str, args: tuple[Any, ...],
                  state: dict[str, Any]) -> ScannerError:
    cls = getattr(importlib.import_module(module), name, None)
    if not (isinstance(cls, type) and issubclass(cls, ScannerError)):
        return ScannerError(str(state.get("message", args)), state.get("pages_delivered", 0))
    exc = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc


def _open(device_id: str, driver_factory: str) -> Any:
    """The real device, opened in the worker by the driver class the registry named (a
    name, not the class: it crosses into a spawned process)."""
    module, _, name = driver_factory.partition(":")
    return getattr(importlib.import_module(module), name)().open(device_id)


def serve(conn: Connection, device_id: str, driver_factory: str,
          cancel: Any) -> None:
    """The worker: open the device, then answer `caps` / `scan` / `close` requests."""
    try:
        device = _open(device_id, driver_factory)
    except ScannerError as exc:
        conn.send(("fault", _pack_error(exc)))
        return
    conn.send(("opened", device.info))
    try:
        while True:
            request = conn.recv()
            if request[0] == "caps":
                conn.send(("caps", device.capabilities()))
            elif request[0] == "scan":
                conn.send(_scan(conn, device, request[1], cancel))
            else:
                break
    except (EOFError, OSError):
        pass  # the parent went away: close and end
    finally:
        device.close()


def _scan(conn: Connection, device: Any, options: ScanOptions, cancel: Any
          ) -> tuple[str, Any]:
    """Pages in lockstep: the next sheet is asked of the driver only once the parent has
    taken this one, so stopping early leaves the feeder where it would be in-process."""
    try:
        for page in device.scan(options, cancel):
            conn.send(("page", page))
            if conn.recv()[0] != "next":
                break
    except ScannerError as exc:
        return "fault", _pack_error(exc)
    return "done", None


class IsolatedDevice:
    """`ScannerDevice` in front of a worker process that holds the real device, opened
    there by `driver_factory` ("module:Class" of a `ScanDriver`; the registry names it)."""

    def __init__(self, device_id: str, driver_factory: str,
                 start_timeout: float = START_TIMEOUT) -> None:
        self.device_id = device_id
        self._factory = driver_factory
        self._start_timeout = start_timeout
        self._context = multiprocessing.get_context("spawn")
        self._cancel = self._context.Event()
        self._conn: Connection | None = None
        self._process: Any = None
        self.info = DeviceInfo(id=device_id, name=device_id, driver=device_id.partition(":")[0])
        self._start(0)

    def _start(self, delivered: int) -> Connection:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=serve, args=(theirs, self.device_id, self._factory, self._cancel),
            name=f"scanner-{self.device_id}", daemon=True)
        process.start()
        theirs.close()
        self._conn, self._process = ours, process
        kind, payload = self._receive(delivered, self._start_timeout)
        if kind == "fault":
            self._stop()
            raise _unpack_error(*payload)
        self.info = payload
        return ours

    def _receive(self, delivered: int, timeout: float | None = None) -> tuple[str, Any]:
        """The worker's next message; a dead worker is `DriverCrashed`."""
        conn, process = self._conn, self._process
        assert conn is not None
        waited = 0.0
        while True:
            try:
                if conn.poll(POLL):
                    message: tuple[str, Any] = conn.recv()
                    return message
            except (EOFError, OSError):
                pass
            else:
                if process.is_alive():
                    waited += POLL
                    if timeout is None or waited < timeout:
                        continue
                    log.warning("scanner worker did not answer in %.0f s", timeout)
            process.join(5)
            code = process.exitcode
            self._stop()
            log.error("scanner worker for %s died (exit code %s)", self.device_id, code)
            raise DriverCrashed(delivered, code)

    def _connection(self, delivered: int) -> Connection:
        if self._conn is None or not self._process.is_alive():
            self._stop()
            return self._start(delivered)  # after a crash: a fresh worker reopens it
        return self._conn

    def capabilities(self) -> Capabilities:
        self._connection(0).send(("caps",))
        kind, payload = self._receive(0, self._start_timeout)
        if kind == "fault":
            raise _unpack_error(*payload)
        caps: Capabilities = payload
        return caps

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        delivered = options.first_index - 1
        conn = self._connection(delivered)
        self._cancel.clear()
        conn.send(("scan", options))
        finished = False
        try:
            while True:
                if cancel is not None and cancel.is_set():
                    self._cancel.set()  # the worker's driver stops at its next check
                kind, payload = self._receive(delivered)
                if kind == "page":
                    delivered = max(delivered, payload.index)
                    yield payload
                    if cancel is not None and cancel.is_set():
                        self._cancel.set()  # before the driver is asked for the next sheet
                    conn.send(("next",))
                elif kind == "fault":
                    finished = True
                    raise _unpack_error(*payload)
                else:
                    finished = True
                    return
        finally:
            if not finished and self._conn is not None:
                # the caller stopped early (max pages, cancel, a failed sink): no next sheet
                try:
                    conn.send(("stop",))
                    self._receive(delivered, self._start_timeout)
                except (ScannerError, OSError):
                    pass

    def _stop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send(("close",))
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(10)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
            self._process = None

    def close(self) -> None:
        self._stop()
