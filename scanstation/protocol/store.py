"""Protocol kits in the station's database (`Kit` table), per event.

Only the kit number, its comment and the school login are stored — the table has no room
for anything else by design. Loading a second protocol for the same event (another room,
a corrected file) updates the kits it lists and keeps the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from scanstation.db.models import Event, Kit, KitProtocolStatus
from scanstation.db.store import Database
from scanstation.i18n import tr
from scanstation.protocol.model import Protocol, ProtocolError, ProtocolKit

log = logging.getLogger(__name__)

# Kits with no comment to act on: not filled in yet, or (rows made outside an import) unknown.
_NO_COMMENT = (KitProtocolStatus.NOT_FILLED, KitProtocolStatus.UNKNOWN)


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int

    def as_json(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged}


def import_protocol(db: Database, event_id: int, protocol: Protocol) -> ImportSummary:
    """Upsert the protocol's kits into the event; kit numbers match ignoring leading zeros."""
    added = updated = unchanged = 0
    with db.session() as session:
        if session.get(Event, event_id) is None:
            raise ProtocolError(tr("Event #{event_id} is not in the database.", event_id=event_id))
        existing = {ProtocolKit(k.number, None).key: k for k in _kits(session, event_id)}
        for kit in protocol.kits:
            status = str(kit.status if kit.status is not None else KitProtocolStatus.NOT_FILLED)
            row = existing.get(kit.key)
            if row is None:
                session.add(Kit(event_id=event_id, number=kit.number, protocol_status=status,
                                school_login=kit.school_login))
                added += 1
            elif (row.protocol_status, row.school_login) != (status, kit.school_login):
                row.protocol_status = status
                row.school_login = kit.school_login
                updated += 1
            else:
                unchanged += 1
    log.info("event %d: protocol kits added %d, updated %d, unchanged %d",
             event_id, added, updated, unchanged)
    return ImportSummary(added, updated, unchanged)


def kits_of_event(db: Database, event_id: int) -> list[ProtocolKit]:
    """The event's kits as protocol kits, for the completeness check in the window."""
    with db.read() as session:
        return [
            ProtocolKit(
                row.number,
                None if row.protocol_status in _NO_COMMENT
                else KitProtocolStatus(row.protocol_status),
                row.school_login,
            )
            for row in _kits(session, event_id)
        ]


def _kits(session: Session, event_id: int) -> list[Kit]:
    return list(session.scalars(select(Kit).where(Kit.event_id == event_id).order_by(Kit.id)))
