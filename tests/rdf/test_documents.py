from fazhi.rdf.areas import default_index
from fazhi.rdf.documents import doc_type, issuer_key

IX = default_index()


def test_issuer_keys():
    assert issuer_key(IX, "中华人民共和国行政处罚法", "511083") == ""
    assert issuer_key(IX, "重大行政决策程序暂行条例", "511083") == ""
    assert issuer_key(IX, "法治政府建设实施纲要(2021—2025年)", "511083") == ""
    assert issuer_key(IX, "四川省社会信用管理暂行办法", "511083") == "510000"
    assert issuer_key(IX, "政府工作报告", "511083") == "511083"


def test_types():
    assert doc_type("四川省社会信用管理暂行办法") == "measures"
    assert doc_type("隆昌市人民政府2021年度法治政府建设重点工作责任清单") == "list"
    assert doc_type("隆昌市法治政府建设实施方案(2021—2025年)") == "plan"
    assert doc_type("阳光政务") == "other"
    assert doc_type("x", "notice") == "notice"
