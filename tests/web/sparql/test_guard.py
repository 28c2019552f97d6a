"""The query guard reads keywords as tokens: strings, IRIs, comments, variables and prefixed
names never count as SERVICE/LOAD/FROM, and FROM's IRI is resolved like the parser would."""

from __future__ import annotations

import pytest

from fazhi.errors import BadQuery
from fazhi.sparql.guard import check_dataset, plan


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }",
    "select * where { Service Silent ?endpoint { ?s ?p ?o } }",
    "LOAD <http://x/data.ttl> INTO GRAPH <http://g>",
    "PREFIX s: <http://x/> SELECT * { ?s ?p ?o OPTIONAL { SERVICE <http://x/> { ?s s:p ?q } } }",
])
def test_outbound_keywords_are_refused(query):
    with pytest.raises(BadQuery, match="not allowed"):
        plan(query)


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?s <http://x/service> "SERVICE <http://x>" }',
    "SELECT * WHERE { ?s ex:load ?o } # SERVICE <http://x>",
    "SELECT * WHERE { ?s ?p '''LOAD\n<http://x>''' }",
    'SELECT * WHERE { ?s ?p "from"@en . ?s <http://x/from> ?load }',
    "SELECT * WHERE { ?s <http://x/#SERVICE> ?o }",
])
def test_keywords_inside_other_tokens_are_ignored(query):
    found = plan(query)
    assert found.form == "SELECT" and not found.has_dataset


@pytest.mark.parametrize("query", ["INSERT DATA { <a:b> <a:c> <a:d> }", "CLEAR ALL",
                                   "DROP GRAPH <http://g>", "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_updates_are_refused(query):
    with pytest.raises(BadQuery, match="read-only"):
        plan(query)


def test_dataset_clauses_are_resolved():
    found = plan("BASE <http://x.org/base/> PREFIX g: <http://x.org/g/>\n"
                 "SELECT * FROM g:one FROM <two> FROM NAMED <http://x.org/g/three> "
                 "WHERE { ?s ?p ?o }")
    assert found.default_graphs == ["http://x.org/g/one", "http://x.org/base/two"]
    assert found.named_graphs == ["http://x.org/g/three"]
    assert found.form == "SELECT" and not found.returns_graph
    assert plan("DESCRIBE <http://x>").returns_graph


def test_only_graphs_of_the_dataset_may_be_named_in_from():
    found = plan("SELECT * FROM <http://mine/1> FROM NAMED <http://elsewhere/> { ?s ?p ?o }")
    with pytest.raises(BadQuery, match="http://elsewhere/"):
        check_dataset(found, lambda iri: iri.startswith("http://mine/"))
    check_dataset(plan("SELECT * FROM <http://mine/1> { ?s ?p ?o }"),
                  lambda iri: iri.startswith("http://mine/"))
