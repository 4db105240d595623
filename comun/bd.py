"""Long write jobs on the embedded SQLite: short transactions, and a turn for others."""

import time

from django.db import connection

# SQLite's busy handler polls for the write lock, sleeping up to 100 ms between
# tries; it does not queue waiters. A job that commits and begins again at once
# keeps the lock for itself and the waiters time out.
PAUSA_SQLITE = 0.1


def ceder_escritura() -> None:
    """Between two write transactions of a long job (a batch, an import, the
    consolidation): on SQLite, leave the write lock free long enough for a waiting
    writer to take it. Nothing on PostgreSQL, which locks rows, not the database."""
    if connection.vendor == "sqlite":
        time.sleep(PAUSA_SQLITE)
