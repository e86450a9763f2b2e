"""Real page files and an in-memory keyring for the archive tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import numpy as np
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PIL import Image


def noisy_page(path: Path, size: tuple[int, int] = (420, 560), seed: int = 0,
               dpi: int = 200, compression: str = "tiff_lzw") -> Path:
    """A gray page of pure noise: LZW cannot shrink it, so file size ≈ width × height."""
    pixels = np.random.default_rng(seed).integers(0, 256, (size[1], size[0]), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels, "L").save(path, compression=compression, dpi=(dpi, dpi))
    return path


def page_folder(root: Path, count: int, name: str = "Аудитория 101") -> Path:
    folder = root / name
    for i in range(count):
        noisy_page(folder / f"{i + 1:04d}.tif", seed=i)
    return folder


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in this process only (tests)."""

    @properties.classproperty
    def priority(cls) -> float:
        # Never chosen by keyring's own discovery (which would leak it into other tests);
        # only ever installed explicitly with keyring.set_keyring().
        raise RuntimeError("test keyring: install it explicitly")

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
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """The headless-Linux situation: keyring's own `fail` backend."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
