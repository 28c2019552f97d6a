"""Organisation mentions and their full names, resolved against the issuer's area."""

from __future__ import annotations

import pytest

from fazhi.extract.organizations import find_organizations
from fazhi.extract.places import resolve_place

LONGCHANG = resolve_place("隆昌市")
ANJI = resolve_place("安吉县")
NANHAI = resolve_place("佛山市南海区")


def orgs(text, area=LONGCHANG, skip=()):
    return [(o.name, o.full_name) for o in find_organizations(text, list(skip), area)]


@pytest.mark.parametrize("text, name, full", [
    ("在市司法局指导下", "市司法局", "隆昌市司法局"),
    ("经市政府常务会议审议", "市政府", "隆昌市人民政府"),
    ("受到内江中院通报表扬", "内江中院", "内江市中级人民法院"),
    ("报请市中院审理", "市中院", "内江市中级人民法院"),
    ("在内江市委的领导下", "内江市委", "中共内江市委员会"),
    ("在市人大、市政协的监督下", "市人大", "隆昌市人民代表大会"),
    ("隆昌市司法局牵头", "隆昌市司法局", "隆昌市司法局"),
    ("四川省司法厅部署", "四川省司法厅", "四川省司法厅"),
    ("我市人民政府", "市人民政府", "隆昌市人民政府"),
])
def test_resolved_in_longchang(text, name, full):
    assert (name, full) in orgs(text)


def test_county_report():
    assert ("县委", "中共安吉县委员会") in orgs("在县委和县政府的领导下", ANJI)
    assert ("县政府", "安吉县人民政府") in orgs("在县委和县政府的领导下", ANJI)


def test_he_xian_is_not_read_in_xianwei_he_xianzhengfu():
    found = orgs("在县委和县政府的领导下", ANJI)
    assert [n for n, _ in found] == ["县委", "县政府"]
    assert not any("和县" in n for n, _ in found)


def test_district_report():
    assert ("区政府", "佛山市南海区人民政府") in orgs("区政府常务会议审议", NANHAI)
    assert ("区委", "中共佛山市南海区委员会") in orgs("在区委的领导下", NANHAI)


def test_city_management_bureau_is_not_city_plus_bureau():
    found = orgs("城市管理局开展整治", LONGCHANG)
    assert all(not n.startswith("市") for n, _ in found)
    assert ("城市管理局", None) in found


def test_named_mediation_room():
    assert ("小马调解室", "小马调解室") in orgs("打造“小马调解室”品牌")
    assert ("边界联合调解室", "边界联合调解室") in orgs("成立边界联合调解室")


def test_mentions_inside_titles_are_skipped():
    text = "印发《隆昌市司法局关于开展普法的通知》，市司法局牵头。"
    start = text.index("《")
    found = orgs(text, skip=[(start, text.index("》") + 1)])
    assert found == [("市司法局", "隆昌市司法局")]


@pytest.mark.parametrize("text", ["办结人大代表建议245件", "政协委员提案233件", "办理政协提案538件",
                                  "政府机关工作人员", "法治政府建设", "个人大额存款"])
def test_not_organisations(text):
    assert orgs(text) == []


def test_bare_congress_and_cppcc_where_they_act():
    assert [n for n, _ in orgs("自觉接受人大、政协监督")] == ["人大", "政协"]


def test_party_committee_of_rule_of_law():
    assert orgs("召开市委全面依法治市委员会第5次会议", resolve_place("内江市")) == [
        ("市委全面依法治市委员会", "中共内江市委全面依法治市委员会")]


def test_department_division():
    assert [n for n, _ in orgs("信息来源：四川省交通运输厅政策法规处", resolve_place("四川省"))] == ["四川省交通运输厅政策法规处"]


def test_unit_of_the_government_before_it():
    assert ("市政府行政复议局", "隆昌市人民政府行政复议局") in orgs("市政府行政复议局受理案件")


def test_grassroots_justice_office():
    assert ("司法所", None) in orgs("基层司法所人员力量不足")


def test_spans():
    text = "在内江市委、市政府和市委的坚强领导下，受到内江中院通报表扬。"
    for o in find_organizations(text, [], LONGCHANG):
        assert text[o.start:o.end] == o.name
