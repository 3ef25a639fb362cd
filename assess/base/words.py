"""Small pieces of text for messages: counted nouns, and data made safe to print."""

from __future__ import annotations

import re


def count(n: int, noun: str) -> str:
    """``1 respondent``, ``2 respondents``: the number and the noun, plural when not 1."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


_KEPT = {"\n", "\t"}
# Invisible characters that reorder, hide or break text: bidi overrides and isolates,
# zero-width characters, line and paragraph separators, byte-order marks.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2028\u2029\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
# U+2060 WORD JOINER is left alone: it hides nothing, and Markdown output uses it.
UNSAFE = re.compile("[\x7f-\x9f" + "".join(sorted(_INVISIBLE)) + "]")
"""Characters that JSON and YAML writers leave raw but that must not reach a reader."""


def escape_unsafe(text: str) -> str:
    """``text`` (JSON or YAML already) with every `UNSAFE` character written as an escape."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable(text: str) -> str:
    r"""``text`` with control and invisible characters shown as escapes, like ``\x1b``.

    Control characters are C0, DEL and C1; invisible ones are bidi overrides, zero
    widths and line separators (`UNSAFE`).

    Data from files may hold terminal escapes (screen clears, window titles, links);
    printed raw, they would act on the user's terminal. Newlines and tabs are kept.
    """
    if text.isprintable() and not UNSAFE.search(text):
        return text
    return "".join(
        ch if ch in _KEPT or not _is_control(ch) else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code < 0xA0 or ch in _INVISIBLE
