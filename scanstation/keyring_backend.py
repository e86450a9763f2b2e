"""Which OS keyring backend this machine offers, chosen from an explicit list per platform.

keyring normally discovers backends through entry points and by importing every backend
module; in a PyInstaller build that discovery came up empty. Naming the candidates also
gives the reason each one is unusable (no D-Bus session, no Secret Service running), which
the self-check prints so support can tell «no keyring here» from «keyring broken».

keyrings.alt (plain-text / base64 files) is deliberately never a candidate: a password must
live in the OS keyring or nowhere.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from keyring.backend import KeyringBackend
from keyring.backends import fail

# Fully qualified class names, best first. kwallet and SecretService both speak D-Bus; the
# Secret Service (GNOME Keyring, KeePassXC) is far more common on station desktops.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "linux": (
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
    ),
}


@dataclass(frozen=True)
class BackendChoice:
    """The chosen backend and, for each candidate that was not viable, why."""

    backend: KeyringBackend
    rejected: tuple[tuple[str, str], ...]

    @property
    def usable(self) -> bool:
        return not isinstance(self.backend, fail.Keyring)

    @property
    def name(self) -> str:
        cls = type(self.backend)
        return f"{cls.__module__}.{cls.__qualname__}"


def _platform_key(platform: str) -> str:
    return "linux" if platform.startswith(("linux", "freebsd", "openbsd")) else platform


def candidates_for(platform: str | None = None) -> tuple[str, ...]:
    return CANDIDATES.get(_platform_key(platform or sys.platform), ())


def load_backend_class(qualified: str) -> type[KeyringBackend]:
    module_name, _, class_name = qualified.rpartition(".")
    module = __import__(module_name, fromlist=[class_name])
    cls: type[KeyringBackend] = getattr(module, class_name)
    return cls


def choose_backend(platform: str | None = None) -> BackendChoice:
    """The first viable candidate for this platform, or keyring's `fail` backend."""
    rejected: list[tuple[str, str]] = []
    for qualified in candidates_for(platform):
        try:
            cls = load_backend_class(qualified)
            cls.priority  # noqa: B018 - keyring's viability test: raises RuntimeError if not
        except (ImportError, AttributeError, RuntimeError) as exc:
            rejected.append((qualified, str(exc) or type(exc).__name__))
            continue
        return BackendChoice(cls(), tuple(rejected))
    return BackendChoice(fail.Keyring(), tuple(rejected))  # type: ignore[no-untyped-call]
