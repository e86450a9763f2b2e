"""Removable drives the operator can export to (USB sticks, SD cards).

Linux: mounted block devices whose disk says `removable` in sysfs or sits on USB, plus
anything the desktop automounted under /media or /run/media. Windows: drive letters whose
type is DRIVE_REMOVABLE (asked through ctypes, only on Windows).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

DRIVE_REMOVABLE = 2
_AUTOMOUNT_ROOTS = ("/media/", "/run/media/")


@dataclass(frozen=True)
class Drive:
    mount: Path
    device: str
    free_bytes: int
    total_bytes: int

    def as_json(self) -> dict[str, object]:
        return {"mount": str(self.mount), "device": self.device,
                "free_bytes": self.free_bytes, "total_bytes": self.total_bytes}


def list_removable_drives() -> list[Drive]:
    if sys.platform == "win32":
        return _windows_drives()
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8")
    except OSError:
        return []
    return linux_drives(mounts, Path("/sys"))


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _block_is_removable(device: str, sys_root: Path) -> bool:
    name = Path(device).name
    node = sys_root / "class" / "block" / name
    if not node.exists():
        return False
    real = node.resolve()
    disk = real.parent if (real / "partition").exists() else real
    try:
        if (disk / "removable").read_text(encoding="ascii").strip() == "1":
            return True
    except OSError:
        pass  # no flag: fall through to the USB test
    return "/usb" in str(real)


def linux_drives(mounts: str, sys_root: Path) -> list[Drive]:
    drives: list[Drive] = []
    seen: set[str] = set()
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3 or not fields[0].startswith("/dev/"):
            continue
        device, mount = _unescape(fields[0]), _unescape(fields[1])
        automounted = mount.startswith(_AUTOMOUNT_ROOTS)
        if mount in seen or not (automounted or _block_is_removable(device, sys_root)):
            continue
        seen.add(mount)
        drives.append(_drive(Path(mount), device))
    return drives


def _drive(mount: Path, device: str) -> Drive:
    try:
        usage = shutil.disk_usage(mount)
        return Drive(mount, device, usage.free, usage.total)
    except OSError:
        return Drive(mount, device, 0, 0)


def _windows_drives() -> list[Drive]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    mask = int(kernel32.GetLogicalDrives())
    drives: list[Drive] = []
    for index in range(26):
        if not mask & (1 << index):
            continue
        root = f"{chr(ord('A') + index)}:\\"
        if int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))) == DRIVE_REMOVABLE \
                and os.path.exists(root):
            drives.append(_drive(Path(root), root))
    return drives
