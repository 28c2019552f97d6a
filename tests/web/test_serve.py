"""``fazhi serve`` as a real process: waitress, a read-only store, and live reloading after ingest."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.web.conftest import REPORTS, fazhi_command, fazhi_server, subprocess_env

pytestmark = pytest.mark.server


def get(url: str, accept: str = "text/html") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_serve_answers_with_the_serving_host(store_dir):
    with fazhi_server(store_dir) as url:
        status, headers, _ = get(url + "/id/org/511083/government", accept="text/turtle")
        assert status == 303
        assert headers["Location"] == url + "/data/id/org/511083/government.ttl"
        status, headers, body = get(url + "/page/id/org/511083/government")
        assert status == 200 and "隆昌市人民政府" in body
        assert headers["Server"] == "fazhi"


def test_serve_an_empty_folder_then_see_ingested_reports(tmp_path):
    store = tmp_path / "store"
    with fazhi_server(store) as url:
        status, _, body = get(url + "/")
        assert status == 200 and "尚无数据" in body and "fazhi ingest" in body
        assert get(url + "/reports")[0] == 200
        ingest = subprocess.run(fazhi_command("ingest", str(REPORTS[0]), "--store", str(store), "--no-validate"),
                                env=subprocess_env(), capture_output=True, timeout=120)
        assert ingest.returncode == 0, ingest.stderr.decode()
        deadline = time.monotonic() + 30
        # every server process switches by itself: wait until several answers in a row show it
        while time.monotonic() < deadline and not all("隆昌市" in get(url + "/")[2] for _ in range(6)):
            time.sleep(0.3)
        body = get(url + "/")[2]
        assert "隆昌市" in body, "the running server switches to the new dataset version"
        assert get(url + "/page/id/report/511083/government/2021")[0] == 200


def test_serve_rejects_bad_options_with_a_clear_message():
    bad = subprocess.run(fazhi_command("serve", "--port", "0", "--threads", "0"), env=subprocess_env(),
                         capture_output=True, timeout=30)
    assert bad.returncode == 2 and b"threads" in bad.stderr
