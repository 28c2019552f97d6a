"""Real SPARQL servers for the contract tests: ``oxigraph serve`` and Debian's Virtuoso.

Each runs on 127.0.0.1 with free ports and a fresh data folder, and is stopped afterwards.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = .
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {d}/vsp
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 30
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=2).close()
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def oxigraph_command() -> list[str]:
    exe = Path(sys.executable).with_name("oxigraph")
    return [str(exe)] if exe.exists() else [shutil.which("oxigraph") or "oxigraph"]


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[dict[str, str]]:
    """``oxigraph serve --union-default-graph`` on a free port; yields its endpoint URLs."""
    port = free_port()
    command = oxigraph_command() + ["serve", "--location", str(folder), "--bind",
                                    f"127.0.0.1:{port}", "--union-default-graph",
                                    "--timeout-s", "10"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/query?query=ASK%7B%7D", process)
        yield {"query": f"{base}/query", "update": f"{base}/update", "gsp": f"{base}/store"}
    finally:
        stop(process)


@contextlib.contextmanager
def virtuoso_server(folder: Path) -> Iterator[dict[str, str]]:
    """``virtuoso-t`` in the foreground with its own ini; SPARQL updates granted."""
    sql_port, http_port = free_port(), free_port()
    (folder / "vsp").mkdir(parents=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(["virtuoso-t", "-f", "-c", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_until_answers(f"{url}?query=ASK%7B%7D", process, seconds=120)
        _grant_update(sql_port)
        yield {"query": url, "update": url, "gsp": ""}
    finally:
        stop(process)


def _grant_update(sql_port: int) -> None:
    """The anonymous SPARQL account may only read until granted SPARQL_UPDATE."""
    statement = 'GRANT SPARQL_UPDATE TO "SPARQL";'
    subprocess.run(["isql-vt", str(sql_port), "dba", "dba", f"exec={statement}"],
                   check=True, capture_output=True, timeout=60)
