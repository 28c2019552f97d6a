"""Chinese and full-width numerals → numbers.

>>> chinese_to_int("十九")
19
>>> chinese_to_int("二百零五")
205
>>> chinese_to_int("两")
2
>>> parse_number("１，２３４．５")
1234.5
>>> chinese_to_int("二〇二二")
2022
>>> chinese_to_int("三亿五千万")
350000000
"""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_BIG)


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral, or None when ``text`` is not one."""
    if not text or any(c not in _DIGITS and c not in _UNITS and c not in _BIG for c in text):
        return None
    if all(c in _DIGITS for c in text) and len(text) > 1:
        return int("".join(str(_DIGITS[c]) for c in text))  # 二〇二二 read digit by digit
    return _positional(text)


def _positional(text: str) -> int:
    """亿 scales everything before it, 万 only what follows the last 亿: 三亿五千万 is 350000000
    (scaling everything at 万 too read it as 3000050000000)."""
    high, low, section, digit = 0, 0, 0, None  # high: up to the last 亿; low: its 万 part
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char == "万":
            low = (low + section + (digit or 0)) * _BIG[char]
            section, digit = 0, None
        else:
            high = (high + low + section + (digit or 0)) * _BIG[char]
            low, section, digit = 0, 0, None
    return high + low + section + (digit or 0)


def parse_number(text: str) -> int | float:
    """An Arabic numeral as printed (half- or full-width, thousands commas) → int or float."""
    plain = text.translate(_FULLWIDTH).replace(",", "").replace(" ", "")
    value = float(plain)
    return int(value) if "." not in plain and value.is_integer() else value
