"""PyInstaller runtime hook: runs inside the frozen program before any of its own code.

- pyinsane2's default mode re-launches the program as a helper process; a frozen program
  re-launched that way starts the window again and the scan hangs. In-process mode only.
- pyzbar finds libzbar with `ctypes.util.find_library`, which looks at the system's
  linker cache and never at the bundle; point it at the bundled copy.
The keyring backend is named explicitly by scanstation/archive/passwords.py when frozen.
"""

import ctypes.util
import os
import sys

os.environ["PYINSANE_SINGLE_THREAD"] = "1"

_BUNDLE = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
_BUNDLED_LIBS = {"zbar": ("libzbar.so.0", "libzbar.0.dylib")}
_system_find_library = ctypes.util.find_library


def _find_library(name):
    for candidate in _BUNDLED_LIBS.get(name, ()):
        path = os.path.join(_BUNDLE, candidate)
        if os.path.exists(path):
            return path
    return _system_find_library(name)


ctypes.util.find_library = _find_library
