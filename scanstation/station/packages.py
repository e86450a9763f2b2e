"""Events and delivery packages: finding or creating them, their pages and their figures.

A package is one folder of page files («аудитория»). The folder is the truth; the database
row describes it. The event keeps a snapshot of its profile (TOML text) so that later edits
of the bundled profile never change how an old event's numbers are checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from scanstation.db.lookup import package_of_folder
from scanstation.db.models import Event, Package, Page
from scanstation.db.store import Database
from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.ingest.pages import PageInfo, page_info
from scanstation.ingest.quality import quality_figures
from scanstation.ingest.thumbnails import ensure_thumbnail
from scanstation.paths import packages_dir
from scanstation.profile import EventProfile, default_profile, event_profile, profile_toml
from scanstation.station.duplicate_groups import duplicate_groups


class PackageError(KnownError):
    """A package or event cannot be found or created as asked."""


@dataclass(frozen=True)
class PackageStats:
    pages: int
    unreadable: int
    pending: int
    unreadable_percent: float
    rescan_recommended: bool
    duplicate_groups: int
    trashed: int
    missing_files: int


def safe_folder_name(name: str) -> str:
    """A package or event name as a folder name on Windows and Linux alike."""
    cleaned = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in name).strip(". ")
    if not cleaned:
        raise PackageError(tr("Empty package or event name."))
    return cleaned


class PackageService:
    """Finding, creating and describing events and packages. Thread-safe: one session per
    call; results are plain objects or detached rows."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def ensure_event(self, name: str, profile: EventProfile | None = None) -> Event:
        """The event of that name, created with `profile` (default profile) if new."""
        with self.database.session() as session:
            event = session.scalar(select(Event).where(Event.name == name))
            if event is None:
                chosen = profile or default_profile()
                event = Event(name=name, profile_name=chosen.name,
                              profile_toml=profile_toml(chosen))
                session.add(event)
                session.flush()
            return event

    def ensure_package(self, event: Event, name: str, folder: Path | None = None) -> Package:
        """The package of that name in the event, created (with its folder) if new.

        The default folder is `<packages dir>/<event>/<package>`."""
        with self.database.session() as session:
            package = session.scalar(
                select(Package).where(Package.event_id == event.id, Package.name == name)
            )
            if package is None:
                target = folder or packages_dir() / safe_folder_name(event.name) / \
                    safe_folder_name(name)
                target = target.resolve()
                clash = package_of_folder(session, target)
                if clash is not None:
                    raise PackageError(tr(
                        "The folder {target} already belongs to package '{clash_name}'.",
                        target=target,
                        clash_name=clash.name,
                    ))
                package = Package(event_id=event.id, name=name, folder=str(target))
                session.add(package)
                session.flush()
            Path(package.folder).mkdir(parents=True, exist_ok=True)
            return package

    def open(self, event_name: str, package_name: str, profile: EventProfile | None = None,
             folder: Path | None = None) -> Package:
        """Event and package in one call (the `ingest` command and the window's «new package»)."""
        return self.ensure_package(self.ensure_event(event_name, profile), package_name, folder)

    def package(self, package_id: int) -> Package:
        with self.database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                raise PackageError(tr("Package {package_id} not found.", package_id=package_id))
            return package

    def profile_of(self, package_id: int) -> EventProfile:
        with self.database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                raise PackageError(tr("Package {package_id} not found.", package_id=package_id))
            return event_profile(package.event)

    def pages(self, package_id: int, include_trashed: bool = False) -> list[PageInfo]:
        """The package's pages in scan order."""
        with self.database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                return []
            query = select(Page).where(Page.package_id == package_id).order_by(Page.seq, Page.id)
            if not include_trashed:
                query = query.where(Page.trashed_at.is_(None))
            folder = Path(package.folder)
            return [page_info(folder, p) for p in session.scalars(query)]

    def stats(self, package_id: int) -> PackageStats:
        with self.database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                raise PackageError(tr("Package {package_id} not found.", package_id=package_id))
            figures = quality_figures(session, package_id)
            trashed = len(session.scalars(select(Page.id).where(
                Page.package_id == package_id, Page.trashed_at.is_not(None))).all())
            missing = len(session.scalars(select(Page.id).where(
                Page.package_id == package_id, Page.file_missing.is_(True),
                Page.trashed_at.is_(None))).all())
            rescan = package.rescan_recommended
        groups = [g for g in duplicate_groups(self.database, package_id) if g.touches(package_id)]
        return PackageStats(
            pages=figures.pages, unreadable=figures.unreadable, pending=figures.pending,
            unreadable_percent=round(100 * figures.unreadable_share, 1),
            rescan_recommended=rescan, duplicate_groups=len(groups),
            trashed=trashed, missing_files=missing,
        )


def thumbnail_of(page: PageInfo) -> Path:
    """The page's cached 200 px preview, made now if missing or stale (for the window)."""
    folder = page.path.parent.parent if page.trashed else page.path.parent
    return ensure_thumbnail(folder, page.file_name)


# PageInfo is what `PackageService.pages` returns; the window imports it from here.
__all__ = ["PackageError", "PackageService", "PackageStats", "PageInfo", "safe_folder_name",
           "thumbnail_of"]
