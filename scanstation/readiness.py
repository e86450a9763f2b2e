"""Is a package ready to upload? One summary of everything the collector would refuse.

The window's «Упаковать и проверить» and export, `scanstation pack` and `scanstation check
--protocol` all ask this one module, so they cannot disagree: unread pages (and more than
10 % of them), partial, missing and extra kits, pages outside any kit, duplicate numbers not
decided or escalated and not yet answered, no protocol loaded, a protocol not filled in.
Going on anyway needs an explicit override with a reason (`GateOverride`), which the caller
writes to the audit trail and into the archive manifest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from scanstation.completeness.match import check_pages
from scanstation.completeness.report import CompletenessReport, PageRef, UnexpectedReason
from scanstation.db import Database
from scanstation.db.models import Package, Page, PageStatus
from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.profile import event_profile
from scanstation.protocol.store import kits_of_event

RESCAN_SHARE = 0.10  # the collector: more than 10 % unreadable → «рекомендуется пересканировать»
_SHOWN = 8  # items named in one line; the rest are counted


class GateCode(StrEnum):
    NO_PROTOCOL = "no_protocol"
    NOT_CHECKED = "not_checked"  # a folder the station did not scan: nothing to compare
    PENDING = "pending"
    UNREAD = "unread"
    RESCAN = "rescan"
    PARTIAL = "partial"
    MISSING = "missing"
    EXTRA = "extra"
    OUT_OF_RANGE = "out_of_range"
    DUPLICATES = "duplicates"
    ESCALATED = "escalated"
    NOT_FILLED = "not_filled"


@dataclass(frozen=True)
class GateProblem:
    code: GateCode
    count: int
    message: str  # one line, in the operator's language
    items: tuple[str, ...] = ()  # kits, numbers or files it is about

    def as_json(self) -> dict[str, Any]:
        return {"code": str(self.code), "count": self.count, "message": self.message,
                "items": list(self.items)}


@dataclass(frozen=True)
class GateSummary:
    problems: tuple[GateProblem, ...] = field(default=())
    room: str = ""  # named in the text when several packages are judged at once

    @property
    def ok(self) -> bool:
        return not self.problems

    def codes(self) -> list[str]:
        return [str(p.code) for p in self.problems]

    def text(self) -> str:
        if self.ok:
            return tr("The package is ready to upload: nothing to report.")
        head = tr("The package is not ready to upload:")
        if self.room:
            head = f"{self.room}: {head}"
        return "\n".join([head, *(f"• {p.message}" for p in self.problems)])

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": [p.as_json() for p in self.problems]}


@dataclass(frozen=True)
class GateOverride:
    """«Упаковать всё равно»: who went on despite which problems, and why."""

    reason: str
    problems: tuple[GateProblem, ...]
    operator: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"reason": self.reason,
                                "problems": [p.as_json() for p in self.problems]}
        if self.operator:
            data["operator"] = self.operator
        return data


class PackageIncomplete(KnownError):
    """The gate found problems and no override was given."""

    def __init__(self, summary: GateSummary) -> None:
        super().__init__(summary.text() + "\n" + tr(
            "To pack anyway, give a reason: --allow-incomplete --reason '…'.",
        ))
        self.summary = summary


def require_reason(summary: GateSummary, reason: str | None,
                   operator: str | None = None) -> GateOverride | None:
    """None when there is nothing to override; the override when a reason is given; else
    the refusal with the summary."""
    if summary.ok:
        return None
    if reason is None or not reason.strip():
        raise PackageIncomplete(summary)
    return GateOverride(reason.strip(), summary.problems, operator)


def _no_protocol() -> GateProblem:
    return GateProblem(GateCode.NO_PROTOCOL, 1, tr(
        "No electronic protocol loaded: the kits are not compared with it.",
    ))


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    rest = len(items) - _SHOWN
    return shown + (tr(" and {rest} more", rest=rest) if rest > 0 else "")


def summarize(report: CompletenessReport, *, open_duplicates: Sequence[str] | None = None,
              escalated: Sequence[str] = (), pending: int = 0) -> GateSummary:
    """The gate over a completeness report. `open_duplicates=None`: every duplicate number
    in the report counts as undecided (a folder check knows no decisions)."""
    problems: list[GateProblem] = []
    add = problems.append
    if not report.protocol_loaded:
        add(_no_protocol())
    if pending:
        add(GateProblem(GateCode.PENDING, pending, tr(
            "Pages still being read: {pending}.",
            pending=pending,
        )))
    unread = [p.name for p in report.unread]
    unread_only = max(len(unread) - pending, 0)
    if unread_only:
        add(GateProblem(GateCode.UNREAD, unread_only, tr(
            "Unreadable pages: {unread_only} — type the number, turn or rescan.",
            unread_only=unread_only,
        ),
            tuple(unread)))
    decided = report.pages_total - pending
    if decided and unread_only / decided > RESCAN_SHARE:
        share = 100.0 * unread_only / decided
        add(GateProblem(GateCode.RESCAN, unread_only, tr(
            "{share:.1f} % of the pages are unreadable (more than 10 %): rescanning is "
            "recommended.",
            share=share,
        )))
    partial = [f"{kit} ({tr('no p.')} {', '.join(map(str, pages))})"
               for kit, pages in report.partial.items()]
    if partial:
        add(GateProblem(GateCode.PARTIAL, len(partial), tr(
            "Partially loaded kits: {partial_count}: {partial_list}.",
            partial_count=len(partial),
            partial_list=_listed(partial),
        ),
            tuple(report.partial)))
    if report.missing:
        add(GateProblem(GateCode.MISSING, len(report.missing), tr(
            "Used kits without a single page: {report_missing_count}: {missing_list}.",
            report_missing_count=len(report.missing),
            missing_list=_listed(report.missing),
        ), tuple(report.missing)))
    if report.unexpected:
        add(GateProblem(GateCode.EXTRA, len(report.unexpected), tr(
            "Extra kits (not in the protocol, spoiled or unused): {report_unexpected_count}: "
            "{unexpected_list}.",
            report_unexpected_count=len(report.unexpected),
            unexpected_list=_listed(report.unexpected),
        ),
            tuple(report.unexpected)))
    outside = [u.path.name for u in report.unexpected_pages
               if u.reason is UnexpectedReason.PAGE_OUT_OF_RANGE]
    if outside:
        add(GateProblem(GateCode.OUT_OF_RANGE, len(outside), tr(
            "Pages numbered outside their kit: {outside_count}: {outside_list}.",
            outside_count=len(outside),
            outside_list=_listed(outside),
        ),
            tuple(outside)))
    open_numbers = [d.number for d in report.duplicates] if open_duplicates is None \
        else list(open_duplicates)
    if open_numbers:
        add(GateProblem(GateCode.DUPLICATES, len(open_numbers), tr(
            "Undecided duplicate numbers: {open_numbers_count}: {open_numbers_list} — "
            "«Duplicates…».",
            open_numbers_count=len(open_numbers),
            open_numbers_list=_listed(open_numbers),
        ), tuple(open_numbers)))
    if escalated:
        add(GateProblem(GateCode.ESCALATED, len(escalated), tr(
            "Reported to the coordinator, awaiting the answer: {escalated_count}: "
            "{escalated_list}.",
            escalated_count=len(escalated),
            escalated_list=_listed(list(escalated)),
        ), tuple(escalated)))
    not_filled = report.protocol_counts.get("not_filled", 0)
    if report.protocol_loaded and not_filled:
        add(GateProblem(GateCode.NOT_FILLED, not_filled, tr(
            "Kits not filled in in the protocol: {not_filled} (the report is incomplete).",
            not_filled=not_filled,
        )))
    return GateSummary(tuple(problems))


def package_report(database: Database, package_id: int, classify_duplicates: bool = True,
                   whole_event: bool = False) -> CompletenessReport:
    """The completeness of one package (or of its whole event) against the event's
    protocol kits. An event spans several rooms: for one package, «missing» means «not in
    this package»; the event view is the collector's view."""
    with database.read() as session:
        package = session.get(Package, package_id)
        if package is None:
            raise LookupError(package_id)
        profile = event_profile(package.event)
        event_id = package.event_id
        scope = (Package.event_id == event_id) if whole_event else (Package.id == package_id)
        refs = [PageRef(Path(folder) / file_name,
                        number if status == PageStatus.OK else None, sha)
                for folder, file_name, number, status, sha in session.execute(
                    select(Package.folder, Page.file_name, Page.blank_number, Page.status,
                           Page.sha256)
                    .join(Package, Page.package_id == Package.id)
                    .where(scope, Page.trashed_at.is_(None), Page.blank_back.is_(False))
                    .order_by(Package.id, Page.seq))]
    kits = kits_of_event(database, event_id)
    return check_pages(refs, kits, profile, classify_duplicates=classify_duplicates)


def package_gate(database: Database, package_id: int) -> GateSummary:
    """The gate of one room before packing or export. Duplicates are the event's groups
    that touch this room (a number shared with another room is the collector's duplicate
    too), with the operator's decisions."""
    from scanstation.station.duplicate_groups import ESCALATED, OPEN, duplicate_groups

    report = package_report(database, package_id, classify_duplicates=False)
    groups = [g for g in duplicate_groups(database, package_id) if g.touches(package_id)]
    with database.read() as session:
        pending = session.scalar(select(func.count(Page.id)).where(
            Page.package_id == package_id, Page.trashed_at.is_(None),
            Page.status == PageStatus.PENDING)) or 0
    return summarize(report,
                     open_duplicates=[g.blank_number for g in groups if g.decision is OPEN],
                     escalated=[g.blank_number for g in groups if g.decision == ESCALATED],
                     pending=pending)


def unknown_folder_gate() -> GateSummary:
    """A folder the station did not scan: no protocol, no numbers to compare."""
    return GateSummary((
        _no_protocol(),
        GateProblem(GateCode.NOT_CHECKED, 1, tr(
            "The station does not know this folder: completeness and duplicates were not checked "
            "(scanstation check --protocol …).",
        ))))


def record_override(database: Database, package_id: int, action: str,
                    override: GateOverride) -> None:
    """The audit line of «…всё равно»: what was wrong, the reason, who (never a
    participant's name: the station's operator name only)."""
    from scanstation.ingest.audit import audit
    from scanstation.ingest.writelock import WRITE_LOCK

    with WRITE_LOCK, database.session() as session:
        audit(session, action, None, package_id, override.as_json())
