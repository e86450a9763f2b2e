"""One line of the operator audit trail per action, with JSON details.

Details hold file names, numbers and degrees — never participants' names or passwords.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from scanstation.db.models import AuditEntry, Page


def audit(session: Session, action: str, page_id: int | None, package_id: int | None,
          details: dict[str, Any], *, package_of: bool = False) -> None:
    """Add an audit entry (committed with the action's own change)."""
    if package_of and page_id is not None:
        page = session.get(Page, page_id)
        package_id = page.package_id if page is not None else package_id
        page_id = None if action.startswith("duplicate_") else page_id
    session.add(AuditEntry(action=action, page_id=page_id, package_id=package_id,
                           details=json.dumps(details, ensure_ascii=False, sort_keys=True)))
