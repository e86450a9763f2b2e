"""Replacing a set of files (a package's archive parts and manifests) as a whole.

The new files are complete and verified under temporary names beside the old ones. The swap
renames the old files aside (hidden, same folder), renames the new ones into place, and only
then deletes the old ones. Renames need no space, so a full disk cannot stop it midway; an
error midway puts everything back; a power cut midway is finished at the next run from the
journal written before the first rename (`finish_interrupted_swaps`): rolled back while any
new file was not yet in place, rolled forward once all were.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from pathlib import Path

from scanstation.fsutil import atomic_write_text, fsync_dir
from scanstation.ingest.crashpoints import crash_point

log = logging.getLogger(__name__)
JOURNAL_SUFFIX = ".swap.json"


def _write_journal(journal: Path, data: dict[str, object]) -> None:
    atomic_write_text(journal, json.dumps(data, ensure_ascii=False))


def swap_in(news: list[tuple[Path, Path]], olds: set[Path], journal: Path) -> None:
    """Put every `(temp, target)` of `news` in place and remove `olds` (and anything in the
    way of a target), all or nothing. All paths are in `journal`'s folder."""
    folder = journal.parent
    olds = olds | {target for _temp, target in news}
    aside = [(folder / f".{original.name}.{uuid.uuid4().hex}.old", original)
             for original in sorted(olds) if original.exists()]
    state: dict[str, object] = {
        "placed": False,
        "aside": [[backup.name, original.name] for backup, original in aside],
        "new": [[temp.name, target.name] for temp, target in news]}
    _write_journal(journal, state)
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for backup, original in aside:
            os.rename(original, backup)
            moved.append((backup, original))
        fsync_dir(folder)
        for temp, target in news:
            crash_point("archive_swap")
            os.rename(temp, target)
            placed.append(target)
        fsync_dir(folder)
        _write_journal(journal, {**state, "placed": True})
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        for backup, original in moved:
            os.rename(backup, original)
        fsync_dir(folder)
        journal.unlink(missing_ok=True)
        raise
    _drop_backups(journal, aside)


def _drop_backups(journal: Path, aside: list[tuple[Path, Path]]) -> None:
    for backup, _original in aside:
        backup.unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    fsync_dir(journal.parent)


def finish_interrupted_swaps(folder: Path) -> list[str]:
    """Finish every swap a crash cut off in `folder`; returns the journals handled."""
    done: list[str] = []
    for journal in sorted(folder.glob(f".*{JOURNAL_SUFFIX}")):
        try:
            state = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("unreadable swap journal %s left as it is", journal)
            continue
        aside = [(folder / b, folder / o) for b, o in state["aside"]]
        if state["placed"]:  # the new set is whole: finish dropping the old one
            _drop_backups(journal, aside)
        else:  # roll back: new files out (kept temporary names go too), old ones back
            for temp, target in state["new"]:
                if not (folder / temp).exists():
                    (folder / target).unlink(missing_ok=True)  # placed before the cut
                (folder / temp).unlink(missing_ok=True)
            for backup, original in aside:
                if backup.exists():
                    os.replace(backup, original)
            fsync_dir(folder)
            journal.unlink(missing_ok=True)
        log.info("finished an interrupted archive swap from %s", journal.name)
        done.append(journal.name)
    return done
