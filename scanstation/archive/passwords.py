"""Archive passwords live only in the OS keyring (service «ScanStation»), one per event or
package; nothing else (file, log, database, manifest) ever holds one.

A bare Linux box has no keyring: the `keyring` library then falls back to its `fail`
backend, which raises NoKeyringError. That is not an error for the operator — the password
is simply asked for each time, and the operator is told why. keyrings.alt must never be
installed: it silently becomes the default and keeps passwords base64-encoded in a file.
"""

from __future__ import annotations

import logging
import sys

import keyring
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringError, NoKeyringError

from scanstation.i18n import tr

log = logging.getLogger(__name__)
SERVICE = "ScanStation"
_backend_chosen = False


def account_for(package_name: str, event_name: str | None = None) -> str:
    """The keyring user name: per event when known (one password for the event's uploads)."""
    return f"event:{event_name}" if event_name else f"package:{package_name}"


def _choose_backend() -> None:
    """In a frozen build entry-point discovery fails: take the platform's named backend."""
    global _backend_chosen  # noqa: PLW0603 - chosen once per process
    if _backend_chosen:
        return
    _backend_chosen = True
    if getattr(sys, "frozen", False):
        from scanstation.keyring_backend import choose_backend

        keyring.set_keyring(choose_backend().backend)


def unavailable_reason() -> str | None:
    """None when a keyring can store passwords; otherwise why not, for the operator."""
    _choose_backend()
    backend = keyring.get_keyring()
    empty_chain = isinstance(backend, ChainerBackend) and not backend.backends
    if isinstance(backend, fail.Keyring | null.Keyring) or empty_chain:
        return tr(
            "the OS password store is not available (no Secret Service/KWallet on this machine) — "
            "the password is not kept and will be asked for next time",
        )
    return None


def load_password(account: str) -> str | None:
    _choose_backend()
    try:
        return keyring.get_password(SERVICE, account)
    except NoKeyringError:
        return None
    except KeyringError as exc:
        log.warning("keyring read failed: %s", type(exc).__name__)
        return None


def save_password(account: str, password: str) -> str | None:
    """Store the password; returns None on success, else the reason it was not kept."""
    reason = unavailable_reason()
    if reason is not None:
        return reason
    try:
        keyring.set_password(SERVICE, account, password)
    except NoKeyringError:
        return unavailable_reason() or tr("the OS password store is not available")
    except KeyringError as exc:
        return tr("the OS password store refused ({exc_type})", exc_type=type(exc).__name__)
    return None


def forget_password(account: str) -> None:
    try:
        keyring.delete_password(SERVICE, account)
    except KeyringError:
        log.info("no stored password to forget for this account")
