"""A ``fazhi`` process for the kill tests: imports everything, says ``ready``, waits for its
command line (a JSON list) on stdin, then runs it. The parent starts the next child while the
current one works, and times its kill from the line it sends, so that neither interpreter
start-up nor imports are spent inside the window it samples."""

from __future__ import annotations

import json
import sys

import fazhi.extract  # noqa: F401  (imported before "ready", like the rest of the command)
import fazhi.ingest  # noqa: F401
import fazhi.rdf  # noqa: F401
from fazhi.cli import cli

#: Small reports fit one bulk-load chunk, which RocksDB ingests at once; several chunks, some
#: splitting a report, are what a national corpus loads, and what a kill must not tear apart.
fazhi.ingest._FRESH_CHUNK_LINES = 5_000

if __name__ == "__main__":
    print("ready", flush=True)
    cli.main(args=json.loads(sys.stdin.readline()), prog_name="fazhi")
