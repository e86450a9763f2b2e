"""What one self-check step gets and what it says."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from scanstation.errors import KnownError


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"  # works, but the operator should know (no keyring, no scanner attached)
    FAIL = "fail"  # the station cannot do its job: the exit code becomes non-zero


@dataclass(frozen=True)
class Outcome:
    status: Status
    detail: str


@dataclass(frozen=True)
class CheckContext:
    resources: Path  # the `resources/` folder (bundle or checkout)
    workdir: Path  # an empty temporary folder, removed after the run
    scanner_timeout: float  # seconds a scanner listing may take before it counts as hung
    worker_timeout: float = 60.0  # seconds for a recognition worker to start and answer


@dataclass(frozen=True)
class CheckResult:
    key: str
    title: str
    status: Status
    detail: str
    seconds: float

    def as_json(self) -> dict[str, object]:
        return {
            "check": self.key,
            "title": self.title,
            "status": str(self.status),
            "detail": self.detail,
            "seconds": round(self.seconds, 3),
        }


class SelfCheckError(KnownError):
    """A step found a problem; the message is already in the operator's language."""
