"""What the ingest pipeline tells its listener, and the guard around telling it.

Both halves of the pipeline (pages saved, pages recognised) and the feeder report through
one callback: the window marshals it to the GUI thread, the `ingest` command ignores it.
A listener that raises is logged and forgotten, never allowed to stop the pipeline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from scanstation.ingest.pages import PageInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineEvent:
    """What happened to a page: `saved`, `recognized`, `failed` (recognition error); the
    feeder adds `stalled` (writing failed, e.g. a full disk; pages held in memory)."""

    kind: str
    package_id: int
    page: PageInfo | None
    rescan_recommended: bool = False
    message: str = ""


EventCallback = Callable[[PipelineEvent], None]


def notify(listener: EventCallback | None, event: PipelineEvent) -> None:
    """Call the listener, if any; its failure is logged, not raised."""
    if listener is None:
        return
    try:
        listener(event)
    except Exception:  # a broken listener must not stop the pipeline
        log.exception("ingest event listener failed")
