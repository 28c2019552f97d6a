"""A process that fills an empty store with ``EmbeddedStore.load_fresh`` and kills itself
(SIGKILL, no clean-up of any kind) at one named step of it: the crash-recovery test's subject.

    python -m tests.hardening.swap_child STORE STEP
"""

from __future__ import annotations

import os
import signal
import sys

from fazhi.store import embedded
from fazhi.store.embedded import EmbeddedStore

GRAPHS, TRIPLES = 3, 1000


def chunks(kill_after_first: bool):
    """One chunk of N-Quads per graph, as ingest streams whole reports."""
    for g in range(GRAPHS):
        if g == 1 and kill_after_first:
            _die()
        yield "".join(f"<urn:s:{g}:{i}> <urn:p> \"第{i}条\"@zh <urn:g:{g}> .\n" for i in range(TRIPLES)).encode()


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _after(function, calls: set[int]):
    """``function``, but the process dies right after its n-th call for n in ``calls``."""
    count = [0]

    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        count[0] += 1
        if count[0] in calls:
            _die()
        return result

    return wrapped


def arm(step: str) -> None:
    if step == "staged":  # the staging store complete and closed, the swap not begun
        embedded._bulk_load = _after(embedded._bulk_load, {1})
    elif step == "first-rename":  # the empty store retired, the staging not yet in its place
        embedded.os.rename = _after(os.rename, {1})
    elif step == "second-rename":  # the new store in place, the retired one not yet removed
        embedded.os.rename = _after(os.rename, {2})
    elif step == "retired-removed":  # all done but reopening
        embedded._remove_retired = _after(embedded._remove_retired, {2})


if __name__ == "__main__":
    path, step = sys.argv[1], sys.argv[2]
    store = EmbeddedStore(path)
    arm(step)
    store.load_fresh(chunks(kill_after_first=step == "loading"))
    print("done", flush=True)
