"""The throwaway SQLite file a SQLite bench runs on.

`bench/ejecutar.py` (`make bench`) hands each SQLite bench BENCH_SQLITE, a copy
of a file it migrated once for the whole run, so the bench's `migrate` has
nothing to apply. Run by hand, the bench gets its own file, emptied first (so it
can run twice in a row) and migrated by the bench.
"""

import os
from pathlib import Path


def sqlite_desechable(propia: Path) -> Path:
    dada = os.environ.get("BENCH_SQLITE")
    if dada:
        return Path(dada)
    propia.parent.mkdir(parents=True, exist_ok=True)
    for resto in ("", "-wal", "-shm", "-journal"):
        Path(f"{propia}{resto}").unlink(missing_ok=True)
    return propia
