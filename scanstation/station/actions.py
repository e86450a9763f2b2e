"""The operator's fixes to pages: rotate, type the number, delete, restore, replace.

Each action changes the file first (atomically) and the row after, then writes one audit
entry in the same transaction and recomputes the package's quality flag. Recovery repairs
the gap a crash could leave between the two (see `recovery`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from scanstation.db.models import Archive, Export, Page, PageStatus, ReadMethod
from scanstation.db.store import Database
from scanstation.errors import PageActionError
from scanstation.i18n import tr
from scanstation.ingest import trash
from scanstation.ingest.audit import audit
from scanstation.ingest.pages import PageInfo, next_free_name, page_info
from scanstation.ingest.quality import recompute_quality
from scanstation.ingest.recovering import is_recovering
from scanstation.ingest.storage import TRASH_DIR, rotate_file
from scanstation.ingest.thumbnails import drop_thumbnail, ensure_thumbnail
from scanstation.ingest.writelock import WRITE_LOCK
from scanstation.package_lock import PackageLock
from scanstation.profile import EventProfile, event_profile


def _page(session: Session, page_id: int) -> Page:
    """The page to change; refused while recovery works on its package (read-only then)."""
    page = session.get(Page, page_id)
    if page is None:
        raise PageActionError(tr("Page {page_id} not found.", page_id=page_id))
    if is_recovering(page.package_id):
        raise PackageRecovering()
    return page


class PackageRecovering(PageActionError):
    """Recovery after a crash is still reconciling this package: look, do not change."""

    def __init__(self) -> None:
        super().__init__(tr(
            "The package is still being recovered after a crash: pages can be viewed and changed "
            "once recovery has finished.",
        ))


def check_number(number: str, profile: EventProfile) -> str:
    """The typed number, cleaned, if it has the profile's form; else a clear Russian error.

    A kit outside the protocol is accepted, as a barcode read of it is: protocols are
    filled in by hand and can be wrong, the number on the sheet is the truth. The page is
    then shown «нет в протоколе» and the readiness gate lists its kit as extra."""
    cleaned = "".join(number.split())
    if not profile.is_valid_number(cleaned):
        raise PageActionError(tr(
            "'{cleaned}' is not a blank number of this event (profile '{profile_name}').",
            cleaned=cleaned,
            profile_name=profile.name,
        ))
    return cleaned


class PageActions:
    """Operator actions on single pages; every method returns the page as it is now."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @contextmanager
    def _writing(self, page_id: int) -> Iterator[tuple[Session, Page]]:
        """The page in a write transaction, the package's lock held: shared with this
        process's own pipeline, refused (saying who) while another program writes to it."""
        with self.database.session() as session:
            folder = Path(_page(session, page_id).package.folder)
        with PackageLock(folder), WRITE_LOCK, self.database.session() as session:
            yield session, _page(session, page_id)

    def rotate(self, page_id: int, degrees: int) -> PageInfo:
        """Turn a page clockwise by 90/180/270 degrees (lossless for TIFF)."""
        if degrees % 90 or degrees % 360 == 0:
            raise PageActionError(tr("Rotation must be 90, 180 or 270 degrees."))
        with self._writing(page_id) as (session, page):
            folder = Path(page.package.folder)
            stored = rotate_file(folder / page.file_name, degrees % 360)
            page.sha256, page.size_bytes = stored.sha256, stored.size_bytes
            page.width_px, page.height_px = stored.width_px, stored.height_px
            page.rotation = (page.rotation + degrees) % 360
            page.phash = None  # the fingerprint is of the upright page; made again on demand
            audit(session, "page_rotated", page.id, page.package_id,
                  {"file": page.file_name, "degrees": degrees % 360})
            info = page_info(folder, page)
        if not info.trashed:
            drop_thumbnail(folder, info.file_name)
            ensure_thumbnail(folder, info.file_name)
        return info

    def set_number(self, page_id: int, number: str, operator: str | None = None) -> PageInfo:
        """Type the blank number by hand (checked against the profile's form). The audit
        entry says who (the station operator's name, when given) and when."""
        with self._writing(page_id) as (session, page):
            package = page.package
            cleaned = check_number(number, event_profile(package.event))
            previous = page.blank_number
            # The audit says whether the operator confirmed the printed-digit suggestion
            # as it was or typed a number of their own.
            how = ("suggestion_confirmed" if page.suggestion and cleaned == page.suggestion
                   else "suggestion_corrected" if page.suggestion else "typed")
            page.blank_number, page.status = cleaned, PageStatus.OK
            page.read_method = ReadMethod.MANUAL
            page.symbology = page.engine = page.strategy = None
            recompute_quality(session, package.id)
            details: dict[str, object] = {"file": page.file_name, "number": cleaned,
                                          "previous": previous, "how": how,
                                          "suggestion": page.suggestion}
            if operator:
                details["operator"] = operator
            audit(session, "page_number_set", page.id, package.id, details)
            return page_info(Path(package.folder), page)

    def delete(self, page_id: int, reason: str = "operator") -> PageInfo:
        """Move the page to the package's trash (restorable)."""
        with self._writing(page_id) as (session, page):
            if page.trashed_at is not None:
                return page_info(Path(page.package.folder), page)
            folder = Path(page.package.folder)
            original = page.file_name
            target = trash.trash_name(folder, original)
            trash.move(folder, original, target)
            page.file_name, page.trashed_at = target, datetime.now(UTC)
            drop_thumbnail(folder, original)
            recompute_quality(session, page.package_id)
            audit(session, "page_deleted", page.id, page.package_id,
                  {"file": original, "trash_file": target, "reason": reason})
            return page_info(folder, page)

    def restore(self, page_id: int) -> PageInfo:
        """Bring a trashed page back under its old name (or the next free one)."""
        with self._writing(page_id) as (session, page):
            if page.trashed_at is None:
                return page_info(Path(page.package.folder), page)
            exported = session.scalar(select(Export.id).join(Archive).where(
                Archive.package_id == page.package_id, Export.finished_at.is_not(None)))
            folder = Path(page.package.folder)
            if exported is not None or not (folder / page.file_name).exists():
                raise PageActionError(tr(
                    "The page cannot be restored: the package's archives were exported and the "
                    "trash emptied.",
                ))
            name = Path(page.file_name).name.split("~")[0]
            name = name if "." in name else name + Path(page.file_name).suffix
            seq = page.seq
            taken = session.scalar(select(Page.id).where(
                Page.package_id == page.package_id, Page.file_name == name))
            if taken is not None or (folder / name).exists():
                seq, name = next_free_name(session, folder, page.package_id,
                                           Path(page.file_name).suffix)
            source = page.file_name
            trash.move(folder, source, name)
            page.file_name, page.seq, page.trashed_at = name, seq, None
            recompute_quality(session, page.package_id)
            audit(session, "page_restored", page.id, page.package_id,
                  {"trash_file": source, "file": name})
            info = page_info(folder, page)
        ensure_thumbnail(folder, info.file_name)
        return info


def trash_folder(folder: Path) -> Path:
    return folder / TRASH_DIR
