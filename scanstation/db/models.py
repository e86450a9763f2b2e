"""Domain tables. Participants' names have no column anywhere, by design.

String enumerations are stored as plain text (see the `*Status` classes) so that a database
stays readable with any SQLite tool and old rows survive new values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class PageStatus(StrEnum):
    OK = "ok"                  # blank number known (barcode or typed by the operator)
    UNREADABLE = "unreadable"  # no valid number found
    AMBIGUOUS = "ambiguous"    # two different valid numbers on one page
    PENDING = "pending"        # saved, recognition not finished yet


class ReadMethod(StrEnum):
    BARCODE = "barcode"
    MANUAL = "manual"
    NONE = "none"


class KitProtocolStatus(StrEnum):
    USED = "used"          # «использован»
    SPOILED = "spoiled"    # «испорчен»
    UNUSED = "unused"      # «не использован»
    NOT_FILLED = "not_filled"  # listed, comment empty or «---»: «отчёт — не полный»
    UNKNOWN = "unknown"    # no protocol has described this kit


class Event(Base):
    """«Мероприятие»: one assessment (subject, date) with its profile."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    profile_name: Mapped[str] = mapped_column(String(200), default="default")
    profile_toml: Mapped[str | None] = mapped_column(Text)  # snapshot used for this event
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    packages: Mapped[list[Package]] = relationship(back_populates="event")
    kits: Mapped[list[Kit]] = relationship(back_populates="event")


class Package(Base):
    """«Доставочный пакет / аудитория»: one exam room, scanned into one folder."""

    __tablename__ = "package"
    __table_args__ = (UniqueConstraint("event_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    folder: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    rescan_recommended: Mapped[bool] = mapped_column(Boolean, default=False)

    event: Mapped[Event] = relationship(back_populates="packages")
    pages: Mapped[list[Page]] = relationship(back_populates="package", order_by="Page.seq")
    archives: Mapped[list[Archive]] = relationship(back_populates="package")


class Page(Base):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("package_id", "file_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(
        ForeignKey("package.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)  # scan order, 1-based; file 0001.tif is seq 1
    file_name: Mapped[str] = mapped_column(Text)  # relative to the package folder
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    width_px: Mapped[int] = mapped_column(Integer)
    height_px: Mapped[int] = mapped_column(Integer)
    dpi: Mapped[int] = mapped_column(Integer, default=200)
    image_format: Mapped[str] = mapped_column(String(10), default="tiff")
    source: Mapped[str] = mapped_column(String(200), default="")  # device or import origin
    blank_number: Mapped[str | None] = mapped_column(String(64), index=True)
    read_method: Mapped[str] = mapped_column(String(16), default=ReadMethod.NONE)
    symbology: Mapped[str | None] = mapped_column(String(32))
    engine: Mapped[str | None] = mapped_column(String(64))
    strategy: Mapped[str | None] = mapped_column(String(64))
    rotation: Mapped[int] = mapped_column(Integer, default=0)  # clockwise degrees applied
    status: Mapped[str] = mapped_column(String(16), default=PageStatus.PENDING, index=True)
    trashed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    file_missing: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    # Added in revision 0002.
    phash: Mapped[str | None] = mapped_column(String(32))  # perceptual hash, hex
    blank_back: Mapped[bool] = mapped_column(Boolean, default=False)  # empty duplex back side
    # Added in revision 0004b: the file a page came from (hot folder, `ingest`) and its
    # place in it, so a file delivered again is recognised page by page and never taken twice.
    source_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    source_page: Mapped[int | None] = mapped_column(Integer)  # 1-based
    # Added in revision 0006: the printed digits read by OCR on a page whose code was not
    # accepted — a suggestion the operator confirms or corrects, never a blank number.
    suggestion: Mapped[str | None] = mapped_column(String(64))
    suggestion_unsure: Mapped[str | None] = mapped_column(String(128))  # "3,17": doubted digits

    package: Mapped[Package] = relationship(back_populates="pages")


class Kit(Base):
    """A kit number as the electronic protocol lists it. No participant data, ever."""

    __tablename__ = "kit"
    __table_args__ = (UniqueConstraint("event_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(64))
    protocol_status: Mapped[str] = mapped_column(String(16), default=KitProtocolStatus.UNKNOWN)
    school_login: Mapped[str | None] = mapped_column(String(32))

    event: Mapped[Event] = relationship(back_populates="kits")


class Archive(Base):
    __tablename__ = "archive"
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(
        ForeignKey("package.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(Text)
    part_no: Mapped[int] = mapped_column(Integer, default=1)
    parts_total: Mapped[int] = mapped_column(Integer, default=1)
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    files_count: Mapped[int] = mapped_column(Integer)
    encryption: Mapped[str] = mapped_column(String(16), default="none")  # none/aes/zipcrypto
    manifest_path: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    package: Mapped[Package] = relationship(back_populates="archives")
    members: Mapped[list[ArchiveMember]] = relationship(
        back_populates="archive", cascade="all, delete-orphan"
    )
    exports: Mapped[list[Export]] = relationship(back_populates="archive")

    @property
    def password_protected(self) -> bool:
        return self.encryption != "none"


class ArchiveMember(Base):
    __tablename__ = "archive_member"
    id: Mapped[int] = mapped_column(primary_key=True)
    archive_id: Mapped[int] = mapped_column(
        ForeignKey("archive.id", ondelete="CASCADE"), index=True
    )
    page_id: Mapped[int | None] = mapped_column(ForeignKey("page.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(Integer)
    crc32: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))

    archive: Mapped[Archive] = relationship(back_populates="members")


class Export(Base):
    __tablename__ = "export"
    id: Mapped[int] = mapped_column(primary_key=True)
    archive_id: Mapped[int] = mapped_column(
        ForeignKey("archive.id", ondelete="CASCADE"), index=True
    )
    target_path: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text)

    archive: Mapped[Archive] = relationship(back_populates="exports")


class AuditEntry(Base):
    """What the operator did and when (rotate, type a number, delete, restore, pack, export)."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(64))
    package_id: Mapped[int | None] = mapped_column(ForeignKey("package.id", ondelete="SET NULL"))
    page_id: Mapped[int | None] = mapped_column(ForeignKey("page.id", ondelete="SET NULL"))
    details: Mapped[str | None] = mapped_column(Text)  # JSON; never names or passwords


# --- revision 0002 -------------------------------------------------------------------------


class ImportedFile(Base):
    """A source file already taken (hot folder, `ingest`), so a restart never takes it twice."""

    __tablename__ = "imported_file"
    __table_args__ = (UniqueConstraint("package_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(
        ForeignKey("package.id", ondelete="CASCADE"), index=True
    )
    source_path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DuplicateDecision(Base):
    """The operator's decision on a group of pages sharing one blank number."""

    __tablename__ = "duplicate_decision"
    __table_args__ = (UniqueConstraint("event_id", "blank_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    blank_number: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))  # same_sheet / different_sheets
    decision: Mapped[str] = mapped_column(String(32))  # deleted_repeat / escalated
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- revision 0005 -------------------------------------------------------------------------


class DuplicatePair(Base):
    """The operator's decision on two pages with one blank number (page_a < page_b).

    Stored per pair, not per number: a third page with a decided number forms new pairs,
    so the group is open again until those are decided too."""

    __tablename__ = "duplicate_pair"
    __table_args__ = (UniqueConstraint("page_a", "page_b"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    blank_number: Mapped[str] = mapped_column(String(64))
    page_a: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    page_b: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # same_sheet / different_sheets
    decision: Mapped[str] = mapped_column(String(32))  # deleted_repeat / escalated / answered
    operator: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PageRead(Base):
    """A page read once from a folder the station did not scan, kept by its file's content.

    Keyed by the sha256 of the file's bytes, the page's index within the file and the
    recogniser's fingerprint: the same bytes read by the same recogniser give the same
    result, so `check`, pack and completeness never read them again; a new recogniser
    version has another fingerprint and reads afresh. `pages_in_file` tells that every page
    of a multi-page file is here. `result` is the `ReadResult` as JSON."""

    __tablename__ = "page_read"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    page_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    recognizer: Mapped[str] = mapped_column(String(64), primary_key=True)
    pages_in_file: Mapped[int] = mapped_column(Integer)
    result: Mapped[str] = mapped_column(Text)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
