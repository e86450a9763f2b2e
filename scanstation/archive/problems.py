"""One finding of the folder check: which file, how bad, a stable code, a Russian message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"      # the collector would refuse it: packing is refused
    WARNING = "warning"  # worth a look, packing goes on


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the checked folder ("" for the folder itself)
    severity: Severity
    code: str
    message: str
    fix: str | None = None  # `scanstation fix` action that repairs it, when one exists

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "file": self.file,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }
        if self.fix:
            data["fix"] = self.fix
        return data
