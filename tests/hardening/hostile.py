"""The hostile-input corpus: files that broke, or could break, extraction or ingest.

Small hand-written pages live in ``tests/fixtures/hostile/``; the rest are made here from the
seed report, some far too large to keep in the repository. Each case says what a correct
outcome is: ``"ok"`` (extracted, every span consistent), ``"error"`` (one clear line naming the
file), and for re-encodings of the seed, that the result equals the seed's own.
"""

from __future__ import annotations

import codecs
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "reports" / "longchang-2021.txt"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SEED_TEXT = SEED.read_text(encoding="utf-8")
MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # folder → the hostile file written into it
    expect: str  # "ok" | "error" | "any" (either, but never anything else)
    same_as_seed: bool = False  # a re-encoding: must extract exactly as the seed does
    reason: str = ""  # for "error": a word the message must contain
    validate: bool = False  # ingest with the SHACL check (seconds a report: only a few)
    ingest: bool = True  # False: a graph so large that loading it is a store benchmark, not a test


def _bytes(name: str, produce: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(produce())
        return path
    return make


def _fixture(name: str) -> Callable[[Path], Path]:
    return lambda folder: HOSTILE / name


def _title_and_body() -> tuple[str, str]:
    """The seed's head (portal line and title) and its body, the part the cases distort."""
    head, found, body = SEED_TEXT.partition("情况报告\n")
    return head + found.rstrip("\n"), body


def _mixed_line_ends() -> bytes:
    """\r\n, \r and \n in turn; a \r never ends a line before a blank one (\r + \n is one end)."""
    lines = SEED_TEXT.split("\n")
    ends = [("\r\n", "\r", "\n")[i % 3] for i in range(len(lines))]
    ends = [("\n" if end == "\r" and not nxt else end) for end, nxt in zip(ends, lines[1:] + ["x"])]
    ends[-1] = ""  # the seed has no final line end
    return "".join(line + end for line, end in zip(lines, ends)).encode("utf-8")


def _with_nuls(every: int) -> bytes:
    data = SEED_TEXT.encode("utf-8")
    if every == 0:  # a handful, as some converters leave behind
        return b"\x00" + data[:600] + b"\x00\x00" + data[600:] + b"\x00"
    return b"".join(data[i:i + every] + b"\x00" for i in range(0, len(data), every))


def _nested_title(depth: int) -> bytes:
    title, body = _title_and_body()
    nested = "《" * depth + "关于印发法治政府建设实施方案的通知" + "》" * depth
    return f"{title}\n\n一、工作开展情况\n\n制定{nested}，受理案件12件。\n{body}".encode("utf-8")


def _short_nested_title(depth: int) -> bytes:
    """A short report (cheap to validate with SHACL) citing a title nested ``depth`` deep."""
    nested = "《" * depth + "隆昌市法治政府建设实施方案" + "》" * depth
    text = (f"隆昌市2021年度法治政府建设情况报告\n\n一、工作开展情况\n\n我市认真贯彻落实党中央、国务院关于法治"
            f"政府建设的决策部署，印发{nested}和《关于印发《隆昌市行政执法公示办法》的通知》，受理案件12件。\n\n"
            "隆昌市人民政府\n2022年2月17日\n")
    return text.encode("utf-8")


def _unbalanced_titles(count: int) -> bytes:
    title, body = _title_and_body()
    return f"{title}\n{'《' * count}{'》〉' * (count // 3)}\n{body}".encode("utf-8")


def _long_line(size: int) -> bytes:
    title, body = _title_and_body()
    flat = body.replace("\n", "")
    return (title + "\n" + flat * (size // len(flat.encode("utf-8")) + 1)).encode("utf-8")[:size].decode(
        "utf-8", "ignore").encode("utf-8")


def _blank_run(size: int) -> bytes:
    title, body = _title_and_body()
    return f"{title}\n发布时间：2022-02-17{' ' * size}信息来源：隆昌市司法局\n{body}".encode("utf-8")


def _html(inner: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>报告</title></head><body>{inner}</body></html>"


def _deep_divs(depth: int) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in SEED_TEXT.split("\n") if line.strip())
    return _html("<div>" * depth + paragraphs + "</div>" * depth).encode("utf-8")


def _unclosed_tags() -> bytes:
    paragraphs = "".join(f"<p><span><b><font>{line}" for line in SEED_TEXT.split("\n") if line.strip())
    return ("<html><body><div><table><tr><td>" + paragraphs).encode("utf-8")


def _random_unicode(seed: int, size: int) -> bytes:
    rng = random.Random(seed)
    chars = [chr(rng.choice([rng.randrange(0x20, 0xD7FF), rng.randrange(0xE000, 0x10FFFF)])) for _ in range(size)]
    return "".join(c for c in chars if c.isprintable()).encode("utf-8", "ignore")


def _oversize(size: int) -> bytes:
    return (SEED_TEXT.encode("utf-8") * (size // len(SEED_TEXT.encode("utf-8")) + 1))[:size]


CASES = [
    Case("empty", _bytes("empty.txt", lambda: b""), "error", reason="empty"),
    Case("blank", _bytes("blank.txt", lambda: b" \r\n\t\n\r  \n"), "error", reason="empty"),
    Case("random-bytes", _bytes("random.txt", lambda: random.Random(1).randbytes(64 * 1024)), "error"),
    Case("png-bytes", _bytes("image.html", lambda: b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(4096)), "error"),
    Case("utf16-bom", _fixture("utf16-bom.txt"), "ok", same_as_seed=True),
    Case("utf16-be-bom", _bytes("utf16be.txt", lambda: codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be")),
         "ok", same_as_seed=True),
    Case("utf16-no-bom", _bytes("utf16le.txt", lambda: SEED_TEXT.encode("utf-16-le")), "error", reason="binary"),
    Case("utf8-bom", _bytes("utf8bom.txt", lambda: codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8")), "ok", same_as_seed=True),
    Case("gb18030", _fixture("gb18030.txt"), "ok", same_as_seed=True),
    Case("gbk-declared-html", _bytes("gbk.html", lambda: _html(
        "".join(f"<p>{line}</p>" for line in SEED_TEXT.split("\n"))).replace('charset="utf-8"', 'charset="gbk"').encode("gb18030")),
        "ok"),
    Case("mixed-line-ends", _bytes("eol.txt", _mixed_line_ends), "ok", same_as_seed=True),
    Case("a-few-nuls", _bytes("nuls.txt", lambda: _with_nuls(0)), "ok", same_as_seed=True),
    Case("nul-every-8-bytes", _bytes("nul-heavy.txt", lambda: _with_nuls(8)), "error", reason="binary"),
    Case("over-the-size-limit", _bytes("huge.txt", lambda: _oversize(25 * MB)), "error", reason="limit"),
    Case("title-nested-5000-deep", _bytes("nested.txt", lambda: _nested_title(5000)), "ok"),
    Case("title-nested-40-deep", _bytes("nested40.txt", lambda: _short_nested_title(40)), "ok", validate=True),
    Case("30000-unclosed-titles", _bytes("unbalanced.txt", lambda: _unbalanced_titles(30000)), "ok"),
    Case("2mb-single-line", _bytes("line.txt", lambda: _long_line(2 * MB)), "ok", ingest=False),
    Case("million-blanks-in-a-metadata-line", _bytes("blanks.txt", lambda: _blank_run(1_000_000)), "ok"),
    Case("navigation-only-page", _fixture("nav-only.html"), "error", reason="not a report"),
    Case("broken-markup", _fixture("broken-markup.html"), "ok", validate=True),
    Case("no-metrics", _fixture("no-metrics.txt"), "ok"),
    Case("numbered-items-only", _fixture("numbered-only.txt"), "ok"),
    Case("divs-nested-10000-deep", _bytes("deep.html", lambda: _deep_divs(10000)), "ok"),
    Case("unclosed-tags", _bytes("unclosed.html", _unclosed_tags), "ok"),
    Case("page-ending-in-50000-unclosed-tags", _bytes("tail.html", lambda: _deep_divs(1) + b"<x " * 50000), "ok"),
    Case("page-of-50000-unclosed-comments", _bytes("comments.html", lambda: _deep_divs(1) + b"<!--" * 50000), "ok"),
    Case("endless-device", lambda folder: Path("/dev/zero"), "error"),  # read no further than the limit
    Case("random-unicode", _bytes("unicode.txt", lambda: _random_unicode(3, 20000)), "any"),
]
