from fazhi.rdf.areas import default_index
from fazhi.rdf.orgs import parent_org, resolve_org
from fazhi.rdf.uris import Minter

IX = default_index()
LONGCHANG = IX.get("511083")


def org_uri(name):
    r = resolve_org(IX, name, LONGCHANG)
    return Minter("https://fazhi.example.org/").org(r.area.code, r.key).value, r.full_name


def test_short_forms_resolve_against_the_issuer_area():
    assert org_uri("市司法局") == ("https://fazhi.example.org/id/org/511083/justice-bureau", "隆昌市司法局")
    assert org_uri("市政府") == ("https://fazhi.example.org/id/org/511083/government", "隆昌市人民政府")
    assert org_uri("内江中院") == ("https://fazhi.example.org/id/org/511000/intermediate-court",
                                  "内江市中级人民法院")
    assert org_uri("四川省隆昌市司法局")[0].endswith("/511083/justice-bureau")


def test_unknown_types_are_keyed_by_name_within_the_area():
    a = resolve_org(IX, "小马调解室", LONGCHANG)
    assert a.area == LONGCHANG and a.key.startswith("n-") and a.type.slug == "other"
    assert a.key == resolve_org(IX, " 小马调解室", LONGCHANG).key


def test_hierarchy():
    justice = resolve_org(IX, "隆昌市司法局")
    area, kind = parent_org(IX, justice)
    assert (area.code, kind.slug) == ("511083", "government")
    gov = resolve_org(IX, "隆昌市人民政府")
    area, kind = parent_org(IX, gov)
    assert (area.code, kind.slug) == ("511000", "government")
    assert parent_org(IX, resolve_org(IX, "内江中院")) is None


def test_ambiguous_issuer_is_not_guessed():
    r = resolve_org(IX, "铁东区人民政府")
    assert r.area is None and r.warnings
