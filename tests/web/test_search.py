"""Search: whole-substring matching (Chinese-aware), ranking, paging, autocomplete."""

from __future__ import annotations

import pytest

from fazhi.web.search import Entry, Field, SearchIndex, normalise


def index(labels: list[str], texts: dict[int, str] | None = None) -> SearchIndex:
    entries = [Entry(f"https://x/{i}", label, "Thing") for i, label in enumerate(labels)]
    return SearchIndex(entries, Field(list(enumerate(labels))), Field(sorted((texts or {}).items())))


def test_words_must_appear_together_not_character_by_character():
    idx = index(["行政复议委员会", "行业政策"], {1: "发展行业，政府复核，议事"})
    found = [h.entry.label for h in idx.search("行政复议")]
    assert found == ["行政复议委员会"]


def test_ranking_exact_then_prefix_then_contains_then_text():
    idx = index(["法律援助中心工作", "市法律援助中心", "法律援助中心", "司法局"], {3: "设立法律援助中心，法律援助中心"})
    assert [h.entry.label for h in idx.search("法律援助中心")] == ["法律援助中心", "法律援助中心工作", "市法律援助中心", "司法局"]


def test_more_matches_rank_higher_within_a_tier():
    idx = index(["甲", "乙"], {0: "普法一次", 1: "普法普法普法"})
    assert [h.entry.label for h in idx.search("普法")] == ["乙", "甲"]


def test_width_and_case_are_normalised():
    assert normalise("ＡＢＣ１２３") == "abc123"
    assert index(["SHACL 规则"]).search("shacl")


def test_entries_do_not_match_across_boundaries():
    idx = index(["甲乙", "丙丁"])
    assert idx.search("乙丙") == []


def test_search_page_finds_legal_aid(client):
    html = client.get("/search?q=法律援助").data.decode()
    assert "法律援助" in html and "results" in html
    data = client.get("/search?q=法律援助&format=json").get_json()
    assert data["total"] > 0
    for hit in data["results"]:
        assert "法律援助" in hit["label"] or "法律援助" in hit["snippet"]


def test_search_paging(client):
    first = client.get("/search?q=法治&format=json").get_json()
    second = client.get("/search?q=法治&format=json&page=2").get_json()
    assert first["total"] > 20 and first["results"][0] != second["results"][0]


def test_suggest_returns_names_only(client):
    data = client.get("/search/suggest?q=司法").get_json()
    assert data["suggestions"] and all("司法" in s["label"] for s in data["suggestions"])
    assert len(data["suggestions"]) <= 10


@pytest.mark.parametrize("query", ["page=0&q=a", "page=abc&q=a", "q=" + "长" * 101])
def test_bad_search_parameters_are_400(client, query):
    assert client.get(f"/search?{query}").status_code == 400


def test_odd_queries_never_fail(client):
    for q in ["", " ", "%", "<script>", "\x00", "a" * 100, "（）", "*"]:
        response = client.get("/search", query_string={"q": q})
        assert response.status_code == 200, q
        assert b"<script>" not in response.data.split(b"</header>", 1)[1]
