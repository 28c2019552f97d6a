"""Find the report inside a page: its title, its body, and the page's metadata lines.

Plain-text reports are kept exactly as they are (only read, never trimmed), so their offsets
match the file. A saved HTML page is reduced to the title and the body paragraphs, one blank
line between paragraphs; the portal's chrome goes, and its metadata lines ("发布时间", "信息来源",
"索引号" …) are parsed into ``metadata`` rather than kept in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fazhi.errors import InputError
from fazhi.extract.html import html_lines, looks_like_html

_HAN = re.compile(r"[\u4e00-\u9fff]")
_META_KEYS = (
    "发布时间", "发布日期", "成文日期", "发文日期", "印发日期", "生成日期", "日期", "时间",
    "信息来源", "来源", "发布机构", "发布单位", "发文机关", "发文单位", "索引号", "文号", "发文字号",
    "主题分类", "体裁分类", "组配分类", "服务对象", "公开方式", "公开范围", "公开时限", "有效性",
    "浏览次数", "访问次数", "阅读次数", "点击数", "浏览量", "作者", "责任编辑", "编辑", "字体", "字号",
)
_META_PAIR = re.compile(
    r"(" + "|".join(sorted(_META_KEYS, key=len, reverse=True)) + r")\s*[:：]\s*"
    r"(.*?)(?=[【\[]|(?:" + "|".join(_META_KEYS) + r")\s*[:：]|$)"  # no \s* first: quadratic on long blanks
)
_CHROME = re.compile(
    r"^(首页|网站首页|当前位置|您当前的位置|您现在的位置|网站地图|无障碍|长者模式|登录|注册|"
    r"上一篇|下一篇|【?打印|【?关闭|扫一扫|分享到|网站标识码|.*ICP备|.*公网安备|版权所有|主办单位|"
    r"主办[:：]|承办单位|技术支持|联系我们|联系电话|相关附件|附件下载|【我要纠错】|收藏|繁體|简体|"
    r"English|政府信息公开$|信息公开$|政务公开$|通知公告$|工作动态$|【字体)"
)
_END = re.compile(
    r"^(相关附件|附件下载|附件[:：]|【?打印本页|【?关闭窗口|扫一扫|上一篇|下一篇|分享到|网站标识码|"
    r"版权所有|主办单位|责任编辑|【我要纠错】|【打印】|\[打印\]|相关链接|相关文章|相关稿件)"
)
_BREADCRUMB = re.compile(r"(>|＞|»|›|→)\s*\S")
_TITLE_WORDS = re.compile(r"(法治政府|依法行政|法治建设|法治.{0,6}工作|法制).{0,30}(报告|情况)")
#: A line that is only the issuer's name, set above a title that begins with 关于.
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(人民政府|政府|办事处|局|厅|委员会|委|院|办公室|党委|党组)$")


@dataclass
class Page:
    text: str
    title: str = ""
    title_start: int | None = None
    #: Where the title ends in ``text``: a title set on two lines (issuer, then 关于…的报告)
    #: spans the line break that ``title`` leaves out.
    title_end: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    source_format: str = "text"


def read_page(decoded: str) -> Page:
    """Split a decoded file into report text, title and page metadata."""
    if looks_like_html(decoded):
        return _html_page(decoded)
    return _text_page(decoded)


def parse_meta_line(line: str) -> dict[str, str]:
    """``发布时间:2022-02-17 信息来源: 隆昌市司法局 【字体:`` → the key/value pairs it holds."""
    pairs = {}
    for key, value in _META_PAIR.findall(line):
        value = value.strip()  # the blanks before the next key, which the pattern leaves in
        if value and key not in pairs:
            pairs[key] = value
    return pairs


def is_chrome(line: str) -> bool:
    """True for a portal line that is not report text (navigation, metadata, footer)."""
    stripped = line.strip()
    if _CHROME.match(stripped) or _BREADCRUMB.search(stripped) and len(stripped) < 120:
        return True
    return bool(parse_meta_line(stripped)) and len(_HAN.findall(stripped)) < 60


def _has_han(text: str, count: int) -> bool:
    for n, _ in enumerate(_HAN.finditer(text), 1):
        if n >= count:
            return True
    return False


def _text_page(text: str) -> Page:
    if not _has_han(text, 30):
        raise InputError("no report text: fewer than 30 Chinese characters")
    lines = _lines_with_offsets(text)
    page = Page(text=text)
    for start, line in lines[:40]:
        if is_chrome(line):
            page.metadata.update(parse_meta_line(line))
    title = _pick_title(lines[:30])
    if title:
        page.title_start, page.title_end, page.title = title
    return page


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.append((pos + raw.index(stripped[0]), stripped))
        pos += len(raw) + 1
    return out


def looks_like_title(line: str) -> bool:
    """Short, no sentence punctuation inside, not chrome."""
    return len(line) <= 80 and not re.search(r"[。，,；;]|[：:]$", line) and not is_chrome(line)


def _pick_title(lines: list[tuple[int, str]]) -> tuple[int, int, str] | None:
    """The first short line that reads like a report title, else the first short non-chrome
    line, as (start, end, title); an issuer line just above a 关于… title joins it."""
    candidates = [(s, line) for s, line in lines if looks_like_title(line)]
    for start, line in candidates:
        if _TITLE_WORDS.search(line) or ("报告" in line and "年" in line):
            return _with_issuer_line(lines, start, line)
    for start, line in candidates:
        if not line.endswith(("。", "：", ":")) and len(line) >= 6:
            return start, start + len(line), line
    return None


def _with_issuer_line(lines: list[tuple[int, str]], start: int, line: str) -> tuple[int, int, str]:
    """新桥镇人民政府 / 关于二〇二二年度法治政府建设情况的报告 → one title."""
    index = next(i for i, (s, _) in enumerate(lines) if s == start)
    if line.startswith("关于") and index > 0 and _ISSUER_LINE.match(lines[index - 1][1]):
        above_start, above = lines[index - 1]
        return above_start, start + len(line), above + line
    return start, start + len(line), line


def _html_page(markup: str) -> Page:
    lines = html_lines(markup)
    metadata = {}
    for line in lines:
        if is_chrome(line):
            metadata.update(parse_meta_line(line))
    body = _report_lines(lines)
    if len(_HAN.findall("".join(body))) < 100 or _first_long_index(lines) is None:
        raise InputError("not a report: the page holds no report text (no paragraph of running text)")
    text = "\n\n".join(body) + "\n"
    title = _pick_title(_lines_with_offsets(text)[:3])
    page = Page(text=text, metadata=metadata, source_format="html")
    if title:
        page.title_start, page.title_end, page.title = title
    return page


def _report_lines(lines: list[str]) -> list[str]:
    """The title line through the last body line, without chrome and metadata lines."""
    start = _title_index(lines)
    if start is None:
        start = _first_long_index(lines) or 0
    body = []
    for line in lines[start:]:
        if body and _END.match(line):
            break
        if not is_chrome(line):
            body.append(line)
    return body


def _title_index(lines: list[str]) -> int | None:
    """The title line nearest above the first long paragraph (skips breadcrumbs and <title>)."""
    first_long = _first_long_index(lines) or 0
    best = None
    for i, line in enumerate(lines[: first_long + 1]):
        if looks_like_title(line) and _TITLE_WORDS.search(line):
            best = i
    return best


def _first_long_index(lines: list[str]) -> int | None:
    """The first paragraph of running text (40+ Chinese characters); None on a page that has
    only navigation, link lists and short lines, which is no report however many links it has."""
    for i, line in enumerate(lines):
        if _has_han(line, 40) and not is_chrome(line):
            return i
    return None
