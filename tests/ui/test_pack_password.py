"""Archives with a password from the window: AES by default, the password kept only in the
OS keyring — offered again next time — or, on a machine without one, asked for each time
with the reason said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
import pyzipper
from keyring.backends import fail
from PySide6.QtCore import Qt
from sqlalchemy import select

from scanstation.db.models import Archive
from tests.ui.conftest import one_kit_package

pytestmark = pytest.mark.gui


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def pack_with(qtbot, window, password: str) -> Path:  # type: ignore[no-untyped-def]
    panel = window.pack_panel
    window.tabs.setCurrentWidget(panel)
    panel.encrypt.setChecked(True)
    panel.password.set_password(password)
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.archives.topLevelItemCount() == 1
                    and panel.pack_button.isEnabled(), timeout=60_000)
    with window.database.session() as session:
        archive = session.scalar(select(Archive).where(Archive.package_id == window.package_id))
        assert archive is not None
        assert archive.encryption == "aes"
        return Path(archive.path)


def test_password_kept_in_keyring_and_offered_again(qtbot, window, database, recognizer,  # type: ignore[no-untyped-def]
                                                   memory_keyring) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 7")
    window.tree.reload(select_package=package_id)
    assert window.package_id == package_id
    path = pack_with(qtbot, window, "секрет-42")
    with pyzipper.AESZipFile(path) as opened:
        opened.setpassword("секрет-42".encode())
        names = opened.namelist()
        assert len(names) == 4 and opened.read(names[0])[:2] in (b"II", b"MM")
    assert list(memory_keyring.store.values()) == ["секрет-42"]
    assert "not saved" not in window.pack_panel.status.text()
    # another package of the same event is offered the event's password
    other = one_kit_package(database, recognizer, "Аудитория 8")
    window.tree.reload(select_package=other)
    assert window.pack_panel.password.text() == "секрет-42"
    assert window.pack_panel.encrypt.isChecked()


def test_without_keyring_the_password_is_not_kept_and_the_reason_is_shown(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer, no_keyring, data_dir: Path) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 9")
    window.tree.reload(select_package=package_id)
    pack_with(qtbot, window, "пароль-без-хранилища")
    status = window.pack_panel.status.text()
    assert "not saved" in status and "Secret Service" in status, status
    for file in data_dir.rglob("*"):
        if file.is_file():
            assert "пароль-без-хранилища".encode() not in file.read_bytes(), file
