"""Text from files made inert for where it goes: Markdown, and spreadsheet cells.

Subjects, names, notes and evidence are data. In Markdown they must not become links,
images, HTML or emphasis; in a CSV file opened in a spreadsheet, not formulas.
"""

from __future__ import annotations

import re

from assess.base.words import printable

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]!<>|~#])")


_WWW = re.compile(r"\b(www)\.", re.IGNORECASE)
_JOINER = "\u2060"  # WORD JOINER: zero-width, never a line break


def markdown_text(value: object) -> str:
    """Free text as inert Markdown: no links, images, raw HTML, emphasis or line breaks.

    Every character that could start markup is backslash-escaped, entities are spelt
    out, and ``://``, ``www.`` and ``@`` are broken so that no renderer (GitHub's
    extended autolinks included) turns a bare URL or an e-mail address into a link.
    """
    text = printable(str(value)).replace("&", "&amp;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("://", "\\://")
    # GitHub's extended autolinks see through backslashes; an invisible word joiner
    # before '@' and after 'www' stops them (e-mail addresses and www. names).
    text = _WWW.sub(lambda m: m.group(1) + _JOINER + ".", text.replace("@", _JOINER + "@"))
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def markdown_link(value: object) -> str:
    """Evidence as Markdown: a link when it is a plain http(s) URL, else inert text."""
    url = str(value)
    if url.startswith(("https://", "http://")) and not any(c in url for c in " <>()[]\n\r\t"):
        return f"<{url}>"
    return markdown_text(url)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula (see `text_cell`)."""
    # Some spreadsheets trim leading spaces before they look for a formula.
    return value.lstrip(" ").startswith(_FORMULA_STARTS)


def text_cell(value: str) -> str:
    """A text cell a spreadsheet will not run: one starting like a formula gets a ``'``.

    OWASP's advice against CSV injection: ``=HYPERLINK(…)`` or ``+cmd|…`` from a file
    must reach a spreadsheet as text.
    """
    return "'" + value if looks_like_formula(value) else value
