"""Alembic environment: runs on the connection the Store hands over (never its own URL)."""

from alembic import context

from storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs `alembic` by hand
    raise SystemExit("Run migrations through copro-bot (`copro-bot migrate`), not bare alembic.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
    # APScheduler keeps its jobs in this table and manages it itself.
    include_object=lambda obj, name, kind, *_: not (kind == "table" and name == "apscheduler_jobs"),
)
with context.begin_transaction():
    context.run_migrations()
