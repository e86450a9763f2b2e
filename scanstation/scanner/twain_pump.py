"""The Windows message loop a TWAIN acquisition needs (Windows only; ctypes, no compiler).

A TWAIN 1.x data source tells the application that an image is ready (`MSG_XFERREADY`) or
that it wants to be closed (`MSG_CLOSEDSREQ`) by posting a window message to the thread
that enabled it; the application hands every message to the source through
`DG_CONTROL/DAT_EVENT/MSG_PROCESSEVENT` until the source claims one. Without a loop on
that thread the source never reaches state 6, and a transfer before it is a sequence
error on real drivers (Wine's lenient `sane.ds` is the exception). The loop waits with
`MsgWaitForMultipleObjects` so the scanner thread can check its cancel flag every tick.
"""

from __future__ import annotations

import ctypes
import time
from typing import Any

QS_ALLINPUT = 0x04FF
PM_REMOVE = 0x0001


class Win32MessagePump:
    """Messages of the calling thread, one at a time, with a timeout."""

    def __init__(self, module: Any) -> None:
        windll: Any = getattr(ctypes, "WinDLL", None)  # absent off Windows
        if windll is None:
            raise OSError("the TWAIN message loop needs Windows")
        self._msg_type: Any = module.lowlevel.structs.MSG
        user32 = windll("user32")
        self._wait: Any = user32.MsgWaitForMultipleObjects
        self._wait.argtypes = (ctypes.c_uint32, ctypes.c_void_p, ctypes.c_int,
                               ctypes.c_uint32, ctypes.c_uint32)
        self._wait.restype = ctypes.c_uint32
        self._peek: Any = user32.PeekMessageW
        self._peek.argtypes = (ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint,
                               ctypes.c_uint, ctypes.c_uint)
        self._translate: Any = user32.TranslateMessage
        self._translate.argtypes = (ctypes.c_void_p,)
        self._dispatch: Any = user32.DispatchMessageW
        self._dispatch.argtypes = (ctypes.c_void_p,)

    def next_message(self, timeout: float) -> Any | None:
        """The next message posted to this thread, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self._msg_type()
            if self._peek(ctypes.byref(msg), None, 0, 0, PM_REMOVE):
                return msg
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self._wait(0, None, 0, int(left * 1000) + 1, QS_ALLINPUT)

    def dispatch(self, msg: Any) -> None:
        """A message the source did not claim goes to its window as usual."""
        self._translate(ctypes.byref(msg))
        self._dispatch(ctypes.byref(msg))
