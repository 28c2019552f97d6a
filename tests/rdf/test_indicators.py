from fazhi.rdf.indicators import CLOSE, EXACT, load_scheme, match_key, strip_verbs

S = load_scheme("https://fazhi.example.org/")


def test_exact_after_normalisation():
    m = S.match("最多跑一次事项比例")
    assert m.kind == EXACT and m.indicator.notation == "run-at-most-once-ratio"
    assert S.match("全程网办率").indicator.default_unit == "http://qudt.org/vocab/unit/PERCENT"


def test_close_by_verb_or_containment():
    m = S.match("受理法律援助案件")
    assert (m.kind, m.indicator.notation) == (CLOSE, "legal-aid-cases")
    m = S.match("全年办理行政复议案件办结数")
    assert m.kind == CLOSE


def test_no_match_and_helpers():
    assert S.match("检查车数") is None
    assert match_key("“双公示” 信息") == "双公示信息"
    assert strip_verbs("受理法律援助案件") == "法律援助案件"
