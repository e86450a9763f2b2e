"""An in-memory OS keyring for tests, shared by the archive and window tests.

keyring's own discovery must never pick it (it would leak into other tests), so it reports
itself viable only while a test has installed it with the `memory_keyring` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """Keeps passwords in this process; viable only while a test has installed it."""

    active = False

    @properties.classproperty
    def priority(cls) -> float:
        if not MemoryKeyring.active:
            raise RuntimeError("test keyring: install it explicitly")
        return 5.0

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    MemoryKeyring.active = True
    keyring.set_keyring(backend)
    yield backend
    MemoryKeyring.active = False
    keyring.set_keyring(previous)
