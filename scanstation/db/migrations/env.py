"""Alembic environment: always runs on the connection the store hands over."""

from __future__ import annotations

from alembic import context

from scanstation.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    transactional_ddl=True,  # the store runs the whole upgrade in one transaction
)
with context.begin_transaction():
    context.run_migrations()
