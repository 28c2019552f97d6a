"""/dumps/: listing, downloads with Range/ETag, no way out of the dumps folder, live reports."""

from __future__ import annotations

import gzip
import hashlib
import os

import pytest
import rdflib

from fazhi.web.dumps import report_dump_links
from tests.web.publish.stores import BASE, shared_store


def test_index_lists_every_full_dump(client, published):
    _, manifest = published
    page = client.get("/dumps/", headers={"Accept": "text/html"}).get_data(as_text=True)
    for entry in manifest.full_dumps:
        assert f'href="/dumps/{entry.path}"' in page and entry.sha256 in page
    data = client.get("/dumps/", headers={"Accept": "application/json"}).get_json()
    assert data["version"] == manifest.version and len(data["files"]) == len(manifest.files)


def test_download_is_the_file_of_the_manifest(client, published):
    config, manifest = published
    entry = manifest.full_dumps[0]
    response = client.get(f"/dumps/{entry.path}")
    assert response.status_code == 200
    assert response.mimetype == "application/gzip" and "Content-Encoding" not in response.headers
    assert int(response.headers["Content-Length"]) == entry.bytes
    assert hashlib.sha256(response.data).hexdigest() == entry.sha256
    assert response.headers["ETag"] == f'"{entry.sha256}"'
    assert "attachment" in response.headers["Content-Disposition"]


def test_range_and_conditional_requests(client, published):
    _, manifest = published
    entry = manifest.full_dumps[0]
    url = f"/dumps/{entry.path}"
    whole = client.get(url).data
    part = client.get(url, headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.data == whole[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{entry.bytes}"
    assert client.get(url, headers={"Range": f"bytes={entry.bytes + 5}-"}).status_code == 416
    assert client.get(url, headers={"If-None-Match": f'"{entry.sha256}"'}).status_code == 304
    assert client.head(url).headers["Content-Length"] == str(entry.bytes)


@pytest.mark.parametrize("path", ["/dumps/../pyproject.toml", "/dumps/%2e%2e/%2e%2e/etc/passwd",
                                  "/dumps/%2e%2e%2fmanifest.json", "/dumps//etc/passwd", "/dumps/reports/",
                                  "/dumps/reports/..%2f..%2fetc%2fpasswd", "/dumps/.hidden", "/dumps/nothing.gz",
                                  "/dumps/manifest.json.part", "/dumps/%00"])
def test_no_way_out_of_the_dumps_folder(client, path):
    response = client.get(path)
    assert response.status_code in (404, 308) or (path == "/dumps/reports/" and response.status_code == 200)
    assert b"root:" not in response.data


def test_symlinks_out_of_the_folder_are_refused(client, published, tmp_path):
    config, _ = published
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    link = os.path.join(config.dumps_dir, "leak.txt")
    os.symlink(secret, link)
    try:
        assert client.get("/dumps/leak.txt").status_code == 404
    finally:
        os.unlink(link)


def test_manifest_and_catalog_files_are_served_with_their_types(client):
    assert client.get("/dumps/manifest.json").mimetype == "application/json"
    response = client.get("/dumps/catalog.ttl")
    assert response.mimetype == "text/turtle"
    assert len(rdflib.Graph().parse(data=response.data, format="turtle")) > 50


def test_report_dump_links_and_live_report(app, client):
    report = BASE + "id/report/511083/government/2021"
    with app.test_request_context():
        links = dict(report_dump_links(report))
        assert report_dump_links(BASE + "id/org/511083/government") == []
    released = links["Turtle (gzip, release)"]
    graph = rdflib.Graph().parse(data=gzip.decompress(client.get(released).data), format="turtle")
    count = shared_store().count(BASE + "graph/report/511083/government/2021")
    assert len(graph) == count
    live = client.get(links["JSON-LD"])
    assert live.mimetype == "application/ld+json"
    assert len(rdflib.Graph().parse(data=live.data, format="json-ld")) == count


def test_live_report_errors(client):
    assert client.get("/dumps/report/999999/nobody/2020.ttl").status_code == 404
    assert client.get("/dumps/report/511083/government/2021.xlsx").status_code == 406
