"""Bytes → text: encodings, binary and empty input, size limit, the one normalisation."""

from __future__ import annotations

import codecs
import os
import unicodedata

import pytest

from fazhi.errors import InputError
from fazhi.extract.decode import decode_bytes, normalise_text

TEXT = "隆昌市2021年度法治政府建设情况报告\n一、工作开展情况\n受理法律援助案件355件，办结率100%。"


def test_utf8():
    assert decode_bytes(TEXT.encode("utf-8")) == (TEXT, "utf-8")


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gbk_without_declaration(codec):
    data = TEXT.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, encoding = decode_bytes(data)
    assert text == TEXT and encoding == "gb18030"


def test_gb18030_only_characters():
    text = TEXT + "䶮𠀀"  # outside GBK, inside GB18030
    assert decode_bytes(text.encode("gb18030"))[0] == text


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "gb18030"])
def test_html_meta_charset(charset):
    page = f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{TEXT}</p></body></html>'
    text, encoding = decode_bytes(page.encode("gb18030"))
    assert encoding == "gb18030" and TEXT in text


def test_html_meta_http_equiv():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head>'
            f"<body>{TEXT}</body></html>")
    assert TEXT in decode_bytes(page.encode("gbk"))[0]


def test_utf16_with_bom():
    text, encoding = decode_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    assert text == TEXT and encoding == "utf-16"
    assert decode_bytes(TEXT.encode("utf-16"))[0] == TEXT  # platform BOM


def test_utf8_bom_is_dropped():
    text, encoding = decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert text == TEXT and not text.startswith("\ufeff")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_only(data):
    with pytest.raises(InputError, match="empty"):
        decode_bytes(data)


def test_random_bytes():
    data = bytes(range(256)) * 40 + os.urandom(4096)
    with pytest.raises(InputError):
        decode_bytes(data)


def test_nul_laden_bytes():
    data = b"\x00\x01\x02abc\x00\x00\x00" * 500
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data)


def test_a_stray_nul_is_removed_not_fatal():
    text, _ = decode_bytes(TEXT.encode("utf-8") + b"\x00")
    assert text == TEXT


def test_over_the_size_limit():
    data = TEXT.encode("utf-8") * 10
    with pytest.raises(InputError, match="limit"):
        decode_bytes(data, max_bytes=len(data) - 1)
    assert decode_bytes(data, max_bytes=len(data))[0] == TEXT * 10


@pytest.mark.parametrize("sep", ["\r\n", "\r"])
def test_line_ends_are_normalised(sep):
    text, _ = decode_bytes(TEXT.replace("\n", sep).encode("utf-8"))
    assert text == TEXT and "\r" not in text


def test_nfc():
    decomposed = unicodedata.normalize("NFD", "Café 法治") + TEXT
    text, _ = decode_bytes(decomposed.encode("utf-8"))
    assert text == unicodedata.normalize("NFC", decomposed)
    assert "Café" in text


def test_zero_width_characters_are_removed():
    assert normalise_text("法\u200b治\ufeff政府") == "法治政府"


def test_normalise_is_idempotent():
    once = normalise_text("a\r\nb\rc\u0065\u0301")
    assert normalise_text(once) == once == "a\nb\ncé"
