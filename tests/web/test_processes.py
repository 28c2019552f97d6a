"""``fazhi serve --processes N``: worker processes on one socket, replaced when they die."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.web.conftest import BASE, fazhi_command, free_port, subprocess_env


def _children(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    if not os.path.exists(path):
        pytest.skip("needs /proc")
    with open(path) as f:
        return [int(p) for p in f.read().split()]


def _answers(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status


def _wait(predicate, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.fixture()
def two_processes(store_dir):
    port = free_port()
    process = subprocess.Popen(fazhi_command("serve", "--store", str(store_dir), "--port", str(port),
                                             "--base-uri", BASE, "--processes", "2"),
                               env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    _wait(lambda: process.poll() is not None or _up(url))
    assert process.poll() is None, process.stderr.read().decode()
    yield process, url
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=20)


def _up(url: str) -> bool:
    try:
        return _answers(url + "/") == 200
    except OSError:
        return False


def test_two_workers_answer_and_a_dead_one_is_replaced(two_processes):
    process, url = two_processes
    _wait(lambda: len(_children(process.pid)) == 2)
    first, second = _children(process.pid)
    os.kill(first, signal.SIGKILL)
    _wait(lambda: len(_children(process.pid)) == 2 and first not in _children(process.pid))
    assert second in _children(process.pid)
    for _ in range(20):  # whichever worker accepts, the site answers
        assert _answers(url + "/reports.json?size=1") == 200


def test_stack_dump_on_sigusr1_keeps_the_workers(two_processes):
    process, url = two_processes
    _wait(lambda: len(_children(process.pid)) == 2)
    workers = _children(process.pid)
    process.send_signal(signal.SIGUSR1)
    time.sleep(1.0)
    assert _children(process.pid) == workers and _answers(url + "/") == 200
    process.terminate()
    assert process.wait(timeout=20) == 0
    assert b"Thread 0x" in process.stderr.read()


def test_sigterm_stops_every_worker(two_processes):
    process, _ = two_processes
    _wait(lambda: len(_children(process.pid)) == 2)
    workers = _children(process.pid)
    process.terminate()
    assert process.wait(timeout=20) == 0
    _wait(lambda: not any(os.path.exists(f"/proc/{w}") for w in workers), 10)


def test_workers_stop_when_the_supervisor_is_killed(two_processes):
    process, url = two_processes
    _wait(lambda: len(_children(process.pid)) == 2)
    workers = _children(process.pid)
    process.kill()
    process.wait()
    _wait(lambda: not any(_alive(w) for w in workers), 15)
    port = int(url.rsplit(":", 1)[1])
    with socket.socket() as sock:  # the port is free again
        sock.bind(("127.0.0.1", port))


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_store_that_cannot_open_fails_in_one_line(tmp_path, processes):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = subprocess.run(fazhi_command("serve", "--store", str(blocker / "store"), "--port", str(free_port()),
                                          "--processes", processes),
                            env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fazhi: error:") and "is a file" in lines[0], result.stderr


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_port_in_use_fails_in_one_line(store_dir, processes):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(fazhi_command("serve", "--store", str(store_dir), "--port", str(port),
                                              "--processes", processes),
                                env=subprocess_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"fazhi: error: cannot listen on 127.0.0.1:{port}: Address already in use; choose another --host/--port"]
