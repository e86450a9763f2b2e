"""A FAKE TWAIN data source behind pytwain's call surface, strict like a real one.

TWAIN exists only on Windows (and a real source needs a real scanner), so unit tests on
Linux drive the project's TWAIN driver against this fake. Unlike Wine's lenient `sane.ds`
it enforces what real sources enforce, and records every breach in `violations` (and
raises pytwain's `SequenceError`, as a real source answers TWCC_SEQERROR):

- the TWAIN states: capabilities are set in state 4 only; MSG_ENABLEDS 4 → 5; the source
  posts MSG_XFERREADY (after `warmup` polls of the message loop) and only a message
  handed to it through DAT_EVENT takes it to 6; a native transfer only in 6, then 7 and
  MSG_ENDXFER back to 6 (sheets pending) or 5; MSG_RESET 6 → 5; MSG_DISABLEDS 5 → 4;
  MSG_CLOSEDS in 4 only;
- handle ownership: every image handle it hands over must be freed exactly once by the
  application, never read after that, and none may be left at close;
- the feeder: CAP_FEEDERLOADED answers whether sheets remain; a jam or a vanished device
  fails the transfer and leaves the source in state 6; MSG_CLOSEDSREQ can be posted.
"""

from __future__ import annotations

import io
import time
from collections import deque
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from PIL import Image

from scanstation.samples import a4_size
from scanstation.scanner import twain as tw


class TwainError(Exception):
    pass


class PaperJam(TwainError):  # pytwain's class names
    pass


class CheckDeviceOnlineError(TwainError):
    pass


class CapUnsupported(TwainError):
    pass


class SequenceError(TwainError):
    pass


class CheckStatus(Exception):
    pass


class DSTransferCancelled(TwainError):
    pass


EXCEPTIONS = SimpleNamespace(TwainError=TwainError, PaperJam=PaperJam,
                             CheckDeviceOnlineError=CheckDeviceOnlineError,
                             CapUnsupported=CapUnsupported, CheckStatus=CheckStatus,
                             DSTransferCancelled=DSTransferCancelled,
                             SequenceError=SequenceError)

EVENT_MESSAGE = 0xC0DE  # the registered window message the DSM posts for its sources
OTHER_MESSAGE = 0x0113  # WM_TIMER: a message that is not the source's


def bmp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="BMP")
    return buffer.getvalue()


def a4_sheets(count: int, dpi: int = 200) -> list[bytes]:
    return [bmp(Image.new("L", a4_size(dpi), 255)) for _ in range(count)]


@dataclass
class Message:
    message: int


class FakePump:
    """The scanner thread's message queue: the source posts, the driver's loop takes."""

    def __init__(self) -> None:
        self.queue: deque[Message] = deque()
        self.polls = 0
        self.dispatched: list[Message] = []
        self.on_poll: list[Any] = []

    def next_message(self, timeout: float) -> Message | None:
        self.polls += 1
        for hook in list(self.on_poll):
            hook()
        if not self.queue:
            time.sleep(min(timeout, 0.01))  # a real loop blocks until the timeout
            return None
        return self.queue.popleft()

    def dispatch(self, msg: Message) -> None:
        self.dispatched.append(msg)


@dataclass
class FakeSource:
    sheets: list[bytes]
    pump: FakePump = field(default_factory=FakePump)
    fault_at: int | None = None  # transfer number (0-based) that fails
    fault: Exception | None = None
    warmup: int = 2  # message-loop polls before MSG_XFERREADY is posted
    duplex: int = 0  # CAP_DUPLEX: 0 none, 1 one-pass
    feeder: bool = True
    close_request_at: int | None = None  # post MSG_CLOSEDSREQ instead of the Nth XFERREADY
    honours_xfercount: bool = True  # False: more images pending on a flatbed too (Wine's)
    state: int = 4
    set_calls: dict[int, tuple[int, object]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    outstanding: set[int] = field(default_factory=set)
    freed: set[int] = field(default_factory=set)
    taken: int = 0
    enables: int = 0
    disabled: int = 0
    resets: int = 0
    closed: bool = False
    _posted: deque[int] = field(default_factory=deque)
    _next_handle: int = 0x1000

    # --- helpers ------------------------------------------------------------------------
    def _breach(self, what: str) -> None:
        self.violations.append(what)
        raise SequenceError(what)

    def _need(self, state: int, call: str) -> None:
        if self.state != state:
            self._breach(f"{call} in state {self.state} (needs {state})")

    def _post(self, twmsg: int) -> None:
        self._posted.append(twmsg)
        self.pump.queue.append(Message(EVENT_MESSAGE))

    def _left(self) -> int:
        return len(self.sheets) - self.taken

    # --- capabilities (state 4 to set; 4..7 to read) ----------------------------------------
    def get_capability(self, cap: int) -> object:
        if cap == tw.ICAP_XRESOLUTION:
            return {"MinValue": 75, "MaxValue": 600, "StepSize": 1, "DefaultValue": 200,
                    "CurrentValue": 200}
        if cap == tw.ICAP_PIXELTYPE:
            return (tw.TWTY_UINT16, (0, 0, [0, 1, 2]))
        if cap == tw.CAP_FEEDERENABLED and self.feeder:
            return (tw.TWTY_BOOL, True)
        if cap == tw.CAP_FEEDERLOADED and self.feeder:
            return (tw.TWTY_BOOL, self._left() > 0)
        if cap == tw.CAP_DUPLEX and self.feeder:
            return (tw.TWTY_UINT16, self.duplex)
        if cap == tw.CAP_DUPLEXENABLED and self.duplex:
            return (tw.TWTY_BOOL, False)
        raise CapUnsupported(cap)

    def set_capability(self, cap: int, type_id: int, value: object) -> None:
        self._need(4, f"set_capability({cap:#x})")
        if cap == tw.CAP_DUPLEXENABLED and not self.duplex:
            raise CapUnsupported(cap)
        if cap in (tw.CAP_FEEDERENABLED, tw.CAP_AUTOFEED, tw.CAP_FEEDERLOADED) \
                and not self.feeder:
            raise CapUnsupported(cap)
        self.set_calls[cap] = (type_id, value)
        if cap == tw.ICAP_XRESOLUTION and value == 201.0:
            raise CheckStatus()

    # --- the acquisition --------------------------------------------------------------------
    def request_acquire(self, show_ui: bool, modal_ui: bool) -> None:
        """MSG_ENABLEDS: 4 -> 5; the image is announced once the scanner is ready."""
        self._need(4, "MSG_ENABLEDS")
        assert show_ui is False and modal_ui is False
        self.state = 5
        self.enables += 1
        polls = 0

        def ready() -> None:
            nonlocal polls
            polls += 1
            if polls == self.warmup:
                self.pump.on_poll.remove(ready)
                if self.close_request_at is not None and self.enables > self.close_request_at:
                    self._post(tw.MSG_CLOSEDSREQ)
                else:
                    self._post(tw.MSG_XFERREADY)

        self.pump.on_poll.append(ready)

    def _process_event(self, msg: Message) -> tuple[int, int]:
        """DAT_EVENT/MSG_PROCESSEVENT: the only way MSG_XFERREADY reaches the driver."""
        if self.state < 5:
            self._breach("MSG_PROCESSEVENT while not enabled")
        if msg.message != EVENT_MESSAGE:
            return tw.TWRC_NOTDSEVENT, 0
        twmsg = self._posted.popleft() if self._posted else 0
        if twmsg == tw.MSG_XFERREADY:
            self.state = 6
        return tw.TWRC_DSEVENT, twmsg

    def xfer_image_natively(self) -> tuple[int, int]:
        """DAT_IMAGENATIVEXFER (6 -> 7) then MSG_ENDXFER (7 -> 6 or 5), as pytwain does."""
        self._need(6, "DAT_IMAGENATIVEXFER before MSG_XFERREADY")
        if self.fault_at is not None and self.taken == self.fault_at:
            self.fault_at = None
            assert self.fault is not None
            raise self.fault  # TWRC_FAILURE: the source stays in state 6
        if self._left() <= 0:
            self._breach("DAT_IMAGENATIVEXFER with nothing pending")
        handle = self._next_handle
        self._next_handle += 1
        self.outstanding.add(handle)
        self.taken += 1
        feeding = self.feeder and self.set_calls.get(tw.CAP_FEEDERENABLED, (0, False))[1] is True
        single = not feeding and self.honours_xfercount  # flatbed: one image per enable
        more = 0 if single or self._left() == 0 else -1
        self.state = 6 if more else 5
        return handle, more

    def read(self, handle: int) -> bytes:
        if handle in self.freed:
            self.violations.append(f"handle {handle:#x} read after it was freed")
        if handle not in self.outstanding and handle not in self.freed:
            self.violations.append(f"unknown handle {handle:#x}")
        return self.sheets[handle - 0x1000]

    def _free(self, handle: int) -> None:
        if handle not in self.outstanding:
            self.violations.append(f"handle {handle:#x} freed twice or never given")
            return
        self.outstanding.remove(handle)
        self.freed.add(handle)

    def _end_all_xfers(self) -> None:
        """MSG_RESET: 6 -> 5, pending sheets dropped."""
        self._need(6, "MSG_RESET")
        self.resets += 1
        self.state = 5

    def hide_ui(self) -> None:
        """MSG_DISABLEDS: 5 -> 4."""
        self._need(5, "MSG_DISABLEDS")
        self.disabled += 1
        self.state = 4

    def close(self) -> None:
        """MSG_CLOSEDS: only from state 4; every handle must be back by now."""
        if self.state != 4:
            self.violations.append(f"MSG_CLOSEDS in state {self.state}")
        if self.outstanding:
            self.violations.append(f"leaked image handles: {sorted(self.outstanding)}")
        self.closed = True


def fake_twain(source: FakeSource, names: tuple[str, ...] = ("Fake DR-C225",)) -> Any:
    class SourceManager:
        def __init__(self, parent_window: int) -> None:
            self.source_list = list(names)
            self.closed = False

        def open_source(self, name: str) -> FakeSource:
            return source

        def close(self) -> None:
            self.closed = True

    return SimpleNamespace(SourceManager=SourceManager, exceptions=EXCEPTIONS,
                           dib_to_bm_file=source.read)


def fake_driver(source: FakeSource) -> tw.TwainDriver:
    return tw.TwainDriver(module=fake_twain(source), pump=lambda _module: source.pump)
