"""Ingest: every page saved (atomically), recorded, read, turned upright, kept recoverable.

The window and the `ingest` command use the same parts: `PackageService` (events, packages,
pages, figures), `IngestPipeline` (pages in), `PageActions` (operator fixes),
`duplicate_groups` and `recover` (after a crash: a job behind the window, and first
thing in `ingest`).
"""

from scanstation.ingest.actions import PageActionError, PageActions
from scanstation.ingest.duplicate_groups import (
    DuplicateGroup,
    delete_repeat,
    duplicate_groups,
    escalate,
)
from scanstation.ingest.feeder import PageFeeder
from scanstation.ingest.packages import PackageService, PackageStats, PageInfo
from scanstation.ingest.pipeline import IngestPipeline, PipelineEvent
from scanstation.ingest.recognizer_pool import RecognizerPool
from scanstation.ingest.recovery import RecoveryReport, recover, recover_package
from scanstation.ingest.storage import SaveOptions

__all__ = [
    "DuplicateGroup",
    "IngestPipeline",
    "PackageService",
    "PackageStats",
    "PageActionError",
    "PageActions",
    "PageFeeder",
    "PageInfo",
    "PipelineEvent",
    "RecognizerPool",
    "RecoveryReport",
    "SaveOptions",
    "delete_repeat",
    "duplicate_groups",
    "escalate",
    "recover",
    "recover_package",
]
