"""Small pieces of text: counted nouns, figures as shown, and data made safe to print."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence


def count(n: int, noun: str) -> str:
    """``1 respondent``, ``2 respondents``: the number and the noun, plural when not 1."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def listed(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def fitted(text: str) -> str:
    """Each line of ``text`` wrapped at a word to the terminal's width, less one column.

    Long words (paths, links) are kept whole rather than cut at the edge.
    """
    import shutil  # only when printing for people: every command imports this module
    import textwrap

    width = max(40, shutil.get_terminal_size().columns - 1)
    return "\n".join(
        textwrap.fill(line, width, break_on_hyphens=False, break_long_words=False)
        for line in text.split("\n")
    )


def shown_difference(later: float | None, earlier: float | None, digits: int = 1) -> float | None:
    """``later - earlier`` as the difference of the two figures shown to ``digits`` decimals.

    2.57 and 2.03 are shown as 2.6 and 2.0, so their change is shown as +0.6, never +0.5:
    a change column always equals the figures beside it. None when either is unknown.
    """
    if later is None or earlier is None:
        return None
    return round(round(later, digits) - round(earlier, digits), digits)


def shown_gap(target: float, score: float | None) -> float | None:
    """How far ``score`` is below ``target``, as read off the two figures printed.

    Both print to one decimal; the gap is their difference, never below 0. None without a
    score.
    """
    if score is None:
        return None
    return max(0.0, shown_difference(target, score) or 0.0)


def shown_split(
    total_shown: float | None, part: float | None, digits: int = 2
) -> tuple[float | None, float | None]:
    """A change split in two parts as shown: ``part`` rounded, and ``total_shown`` minus it.

    The two parts shown then always add up to the total shown.
    """
    if part is None:
        return None, None
    if total_shown is None:
        return round(part, digits), None
    return round(part, digits), round(total_shown - round(part, digits), digits)


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


_UNDECODED = re.compile("[\udc80-\udcff]")


def typed(text: str) -> str:
    r"""Text read from a terminal, with bytes it could not decode read as Latin-1.

    Python decodes input it cannot read in the locale's encoding as lone surrogates
    (``\udceb`` for the byte 0xEB), which no file can hold: a respondent on a Latin-1
    terminal typing "Zoë" would lose the answer. Latin-1 maps every byte to a character,
    and is what such terminals send most often.
    """
    return _UNDECODED.sub(lambda m: chr(ord(m.group()) - 0xDC00), text)


_FALLBACK = str.maketrans({"·": "-", "»": ">", "↑": "up", "↓": "/down", "→": "->", "…": "..."})
"""ASCII for the few symbols the interview draws, for terminals that cannot show them."""


def shown(text: str) -> str:
    """``text`` made printable, in ASCII stand-ins where standard output cannot encode it.

    What the interview draws (``·``, ``»``, arrows) becomes ASCII on a terminal that is not
    UTF-8; any other character it cannot show becomes ``?``.
    """
    text = printable(text)
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except LookupError:
        return text.translate(_FALLBACK).encode("ascii", "replace").decode("ascii")
    except UnicodeEncodeError:
        return text.translate(_FALLBACK).encode(encoding, "replace").decode(encoding)
    return text
