"""One ingest writer at a time within this process.

Each change here is a file step plus a row step (allocate a name and write the page;
move to the trash and mark the row; check a row and put a staged upright file in place).
Two such changes interleaving could give one name to two pages (the page writer and a
restore both picking «the next free number») or put a worker's upright file on a page the
operator just replaced. Holding this lock around each pair keeps them whole; it is held
only for one short transaction and the file step beside it.
"""

from __future__ import annotations

import threading

WRITE_LOCK = threading.RLock()
