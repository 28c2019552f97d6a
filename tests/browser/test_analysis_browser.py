"""The network view and an indicator chart in a real Chromium (Debian's, headless, Playwright).

Skips without /usr/bin/chromium unless FAZHI_REQUIRE_BROWSER=1 (CI). Screenshots go to
tests/artifacts/. Console errors fail the test: a CSP violation shows up there.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from fazhi.config import Config
from fazhi.ingest import ingest
from fazhi.store import EmbeddedStore
from fazhi.web import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def analysis_site(tmp_path_factory):
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("FAZHI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is not installed")
        pytest.skip(f"{CHROMIUM} is not installed")
    from waitress.server import create_server

    folder = tmp_path_factory.mktemp("analysis-browser") / "store"
    with EmbeddedStore(folder) as store:
        ingest([ROOT / "data" / "reports", ROOT / "tests" / "fixtures" / "reports"], store,
               base_uri=Config.base_uri, validate=False, workers=1)
    app = create_app(Config(store=str(folder)), EmbeddedStore(folder, read_only=True))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}", app
    server.close()


@pytest.fixture(scope="module")
def analysis_browser(analysis_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def tab(analysis_browser):
    context = analysis_browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.console_errors = []  # failed loads are told by URL below, so the favicon can be ignored
    page.on("console", lambda m: page.console_errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.on("response", lambda r: page.console_errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") and "/page/" not in r.url else None)
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_network_is_drawn_and_a_click_opens_the_node_page(analysis_site, tab):
    url, app = analysis_site
    expected = app.test_client().get("/network.json?limit=40").get_json()["elements"]["shown"]
    tab.goto(f"{url}/network?limit=40")
    tab.wait_for_selector("#network[data-drawn]", timeout=20000)
    drawn = tab.evaluate("window.fazhiAnalysis.networks.network.nodes().length")
    assert drawn == expected > 0
    assert tab.locator("#network canvas").count() >= 1
    _shot(tab, "analysis-network.png")
    target = tab.evaluate("""() => {
        const cy = window.fazhiAnalysis.networks.network;
        const node = cy.nodes().sort((a, b) => b.data('degree') - a.data('degree'))[0];
        cy.center(node);
        const box = cy.container().getBoundingClientRect(), p = node.renderedPosition();
        return {x: box.left + p.x, y: box.top + p.y, url: node.data('url')};
    }""")
    assert not tab.console_errors, tab.console_errors
    tab.mouse.click(target["x"], target["y"])
    tab.wait_for_url(f"**{target['url']}", timeout=10000)
    assert "/page/" in tab.url


def test_indicator_chart_draws_every_series_point(analysis_site, tab):
    url, app = analysis_site
    notation = "litigation-cases"
    spec = app.test_client().get(f"/indicator-data/{notation}.json").get_json()["chart"]
    tab.goto(f"{url}/indicator-chart/{notation}")
    tab.wait_for_selector(f"#chart-{notation}[data-drawn]", timeout=20000)
    counts = tab.evaluate(f"""() => {{
        const c = window.fazhiAnalysis.charts['chart-{notation}'];
        return {{line: c.line.data.datasets.reduce((n, d) => n + d.data.length, 0),
                 series: c.line.data.datasets.length, bars: c.bar.data.datasets[0].data.length,
                 styles: c.line.data.datasets.flatMap(d => d.pointStyle)}};
    }}""")
    assert counts["line"] == sum(len(s["points"]) for s in spec["series"]) > 0
    assert counts["series"] == len(spec["series"]) and counts["bars"] == len(spec["bars"]["items"])
    qualified = {p["style"] for s in spec["series"] for p in s["points"]}
    assert set(counts["styles"]) == qualified
    assert tab.locator(f"#chart-{notation} canvas").count() == 2
    assert tab.locator("table.fz-points tbody tr").count() == spec["points"]
    assert not tab.console_errors, tab.console_errors
    _shot(tab, "analysis-indicator-chart.png")
