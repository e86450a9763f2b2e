"""The folder check: every file of a package folder against the collector's rules.

`pack` runs the same check and refuses on any error, so what the operator sees with
`scanstation check` is exactly what would stop an archive.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scanstation.archive.imagecheck import check_file
from scanstation.archive.problems import Problem, Severity
from scanstation.archive.progress import ProgressCallback, check_cancel, no_progress
from scanstation.i18n import tr


@dataclass
class FolderReport:
    folder: Path
    files: list[Path] = field(default_factory=list)  # page candidates, in name order
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == Severity.ERROR for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


def folder_files(folder: Path) -> list[Path]:
    """Files that would go into the archive: everything below `folder` except hidden entries.

    Hidden entries (names starting with a dot: trash, editor leftovers) never reach the
    archive, so they are not judged either.
    """
    found: list[Path] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            found.append(path)
    return found


def check_folder(folder: Path, progress: ProgressCallback = no_progress,
                 cancel: threading.Event | None = None, decode: bool = True,
                 decoded: Collection[Path] = ()) -> FolderReport:
    """The folder by the collector's rules. `decoded`: files whose exact bytes are known
    to decode completely (their sha256 is compared with the packed bytes afterwards), so
    only their headers are checked, as with `decode=False` for all."""
    report = FolderReport(folder)
    if not folder.is_dir():
        report.problems.append(Problem("", Severity.ERROR, "not_a_folder", tr(
            "Folder not found: {folder}",
            folder=folder,
        )))
        return report
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_dir() and not any(p.startswith(".") for p in parts):
            report.problems.append(Problem("/".join(parts), Severity.WARNING, "subfolder", tr(
                "A subfolder: the collector expects every page of a room in one folder.",
            )))
    report.files = folder_files(folder)
    if not report.files:
        report.problems.append(Problem("", Severity.ERROR, "empty_folder", tr(
            "The folder holds no pages.",
        )))
    total = len(report.files)
    for index, path in enumerate(report.files):
        check_cancel(cancel)
        rel = path.relative_to(folder).as_posix()
        progress(index, total, rel)
        report.problems.extend(check_file(path, rel, decode and path not in decoded))
    progress(total, total, "")
    return report


def check_folders(folders: Iterable[Path]) -> list[FolderReport]:
    return [check_folder(folder) for folder in folders]
