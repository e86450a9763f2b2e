"""What a controller may ask of the window, as narrow types: each controller is built from
the parts it uses (widgets, the core's services, these callables and the status sink), so
it can be built and tested without `MainWindow`, and no module but the composition root
imports the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from scanstation.profile import EventProfile
from scanstation.settings import StationSettings


class StatusSink(Protocol):
    """Where a controller tells the operator something: the status bar's line for news,
    a message box (and the status bar) for what went wrong."""

    def show_message(self, text: str, timeout_ms: int = 0) -> None: ...

    def show_error(self, message: str) -> None: ...


# The open package and the settings change under a controller's feet (another package is
# chosen, «Настройки» saved), so controllers ask for them each time instead of keeping them.
CurrentPackage = Callable[[], int | None]
CurrentProfile = Callable[[], EventProfile | None]
CurrentSettings = Callable[[], StationSettings]
