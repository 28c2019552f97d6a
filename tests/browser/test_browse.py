"""Browse like a reader: home → search 法律援助 → an organization → the report viewer's highlight."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_home_search_organization_and_highlighted_evidence(page, site_url, artifacts):
    page.goto(site_url + "/")
    assert "法治政府建设情况报告知识图谱" in page.locator("h1").first.inner_text()
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)

    page.fill("header input[name=q]", "法律援助")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    results = page.locator("ol.results li")
    assert results.count() > 0
    assert "法律援助" in page.locator("ol.results").inner_text()
    page.screenshot(path=str(artifacts / "search.png"), full_page=True)

    page.goto(site_url + "/organizations")
    page.locator("table.data a", has_text="隆昌市人民政府").first.click()
    page.wait_for_url(re.compile(r"/page/id/org/"))
    assert page.locator("h1").inner_text() == "隆昌市人民政府"
    assert page.locator("script[type='application/ld+json']").count() == 1
    page.screenshot(path=str(artifacts / "organization.png"), full_page=True)

    evidence = page.locator(".evidence a.span").first
    quoted = evidence.inner_text()
    evidence.click()
    page.wait_for_url(re.compile(r"/text\?hl=\d+,\d+#char="))
    highlight = page.locator("mark.hl")
    assert highlight.inner_text() == quoted
    assert highlight.is_visible()
    page.screenshot(path=str(artifacts / "viewer.png"))
    assert page.console_errors == []


def test_autocomplete_fills_suggestions_without_inline_script(page, site_url):
    page.goto(site_url + "/")
    page.locator("header input[name=q]").type("司法", delay=30)
    options = page.locator("#site-search-suggestions option")
    for _ in range(50):  # the page's CSP forbids eval, so poll with locators rather than wait_for_function
        if options.count():
            break
        page.wait_for_timeout(100)
    assert "司法" in options.first.get_attribute("value")
    assert page.console_errors == [], "no CSP violations or script errors"


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/search?q=行政复议")
    assert page.locator("ol.results li").count() > 0
    page.goto(site_url + "/reports?year=2022&sort=-year")
    assert page.locator("table.data tbody tr").count() > 0
    context.close()
