"""Work measures, problems and plans inside the sections."""

from __future__ import annotations

from fazhi.extract import extract_report

TITLE = "隆昌市2021年度法治政府建设情况报告\n\n"


def items(body: str):
    report = extract_report(TITLE + body)
    return report, [(i.kind, i.marker, i.heading, i.text) for i in report.measures + report.problems + report.plans]


def test_inline_clauses_in_one_paragraph():
    report, found = items("一、工作开展情况\n(一)坚持高位推动。一是强化组织引领。召开会议3次。二是坚持系统谋划。制定方案。三是强化督察考核。开展督察。\n")
    assert found == [
        ("measure", "一是", "强化组织引领", "一是强化组织引领。召开会议3次。"),
        ("measure", "二是", "坚持系统谋划", "二是坚持系统谋划。制定方案。"),
        ("measure", "三是", "强化督察考核", "三是强化督察考核。开展督察。"),
    ]
    assert [i.id for i in report.measures] == ["1.1/1", "1.1/2", "1.1/3"]
    assert all(i.section == "1.1" for i in report.measures)


def test_inline_clauses_across_paragraphs():
    _, found = items("一、工作开展情况\n(一)坚持高位推动\n一是强化组织引领。召开会议。\n二是坚持系统谋划。制定方案。\n")
    assert [(m, h) for _, m, h, _ in found] == [("一是", "强化组织引领"), ("二是", "坚持系统谋划")]


def test_di_yi_di_er():
    _, found = items("一、工作开展情况\n(一)强化监督\n第一，自觉接受人大监督。第二，强化审计监督。第三，推进政务公开。\n")
    assert [m for _, m, _, _ in found] == ["第一", "第二", "第三"]
    assert found[1][3] == "第二，强化审计监督。"


def test_out_of_order_numerals_are_not_items():
    _, found = items("一、工作开展情况\n(一)强化监督\n全面贯彻党的二十大精神，落实三是三非要求。\n")
    assert [m for _, m, _, _ in found] == [""]  # the paragraph itself, no 三是 item


def test_numbered_items_each_run_to_the_next():
    _, found = items("一、工作开展情况\n(一)加强领导\n1.落实责任。召开会议。\n继续推进。\n2.强化学法。组织学法。\n"
                     "二、存在的问题\n一是意识不强。二是力量不足。\n三、下一步工作打算\n1.加强学习。\n2.强化考核。\n")
    assert found[0] == ("measure", "1.", "落实责任", "1.落实责任。召开会议。\n继续推进。")
    assert [(k, m) for k, m, _, _ in found] == [
        ("measure", "1."), ("measure", "2."), ("problem", "一是"), ("problem", "二是"), ("plan", "1."), ("plan", "2.")]


def test_paren_arabic_items():
    _, found = items("一、工作情况\n（1）统筹推进法治政府建设。召开会议。\n（2）推进依法决策。审查文件。\n")
    assert [(m, h) for _, m, h, _ in found] == [("（1）", "统筹推进法治政府建设"), ("（2）", "推进依法决策")]


def test_paragraph_items_in_a_leaf_without_markers():
    report, found = items("一、主要工作和成效\n全面加强组织领导。市委常委会研究法治工作。\n深化放管服改革。推进一网通办。\n"
                          "二、存在的问题\n法治意识有待提高，部分干部学法不够。\n执法力量不足，基层执法人员偏少。\n"
                          "三、下一步工作安排\n加强学习，提高依法行政能力。\n")
    assert [(k, h) for k, _, h, _ in found][:2] == [("measure", "全面加强组织领导"), ("measure", "深化放管服改革")]
    assert [(k, t) for k, _, _, t in found][2:] == [("problem", "法治意识有待提高，部分干部学法不够。"),
                                                    ("problem", "执法力量不足，基层执法人员偏少。"),
                                                    ("plan", "加强学习，提高依法行政能力。")]
    for item in report.measures + report.problems + report.plans:
        assert report.text[item.start:item.end] == item.text


def test_parent_sections_do_not_repeat_their_children_items():
    report, _ = items("一、工作开展情况\n(一)加强领导\n一是落实责任。二是强化学法。\n(二)依法履职\n一是深化改革。二是优化服务。\n")
    assert [i.id for i in report.measures] == ["1.1/1", "1.1/2", "1.2/1", "1.2/2"]
