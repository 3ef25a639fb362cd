"""Small pieces of text for messages: counted nouns, and data made safe to print."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """``1 respondent``, ``2 respondents``: the number and the noun, plural when not 1."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


_KEPT = {"\n", "\t"}


def printable(text: str) -> str:
    r"""``text`` with control characters (C0, DEL, C1) shown as escapes, like ``\x1b``.

    Data from files may hold terminal escapes (screen clears, window titles, links);
    printed raw, they would act on the user's terminal. Newlines and tabs are kept.
    """
    if text.isprintable() and "\x7f" not in text:
        return text
    return "".join(
        ch if ch in _KEPT or not _is_control(ch) else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code < 0xA0
