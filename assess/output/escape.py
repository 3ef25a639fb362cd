"""Text from files made inert for where it goes: Markdown, and spreadsheet cells.

Subjects, names, notes and evidence are data. In Markdown they must not become links,
images, HTML or emphasis; in a CSV file opened in a spreadsheet, not formulas.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]!<>|~#])")


def markdown_text(value: object) -> str:
    """Free text as inert Markdown: no links, images, raw HTML, emphasis or line breaks.

    Every character that could start markup is backslash-escaped, entities are spelt
    out, and ``://`` is broken so that no renderer turns a bare URL into a link.
    """
    text = str(value).replace("&", "&amp;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("://", "\\://")
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def markdown_link(value: object) -> str:
    """Evidence as Markdown: a link when it is a plain http(s) URL, else inert text."""
    url = str(value)
    if url.startswith(("https://", "http://")) and not any(c in url for c in " <>()[]\n\r\t"):
        return f"<{url}>"
    return markdown_text(url)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """A text cell a spreadsheet will not run: one starting like a formula gets a ``'``.

    OWASP's advice against CSV injection: ``=HYPERLINK(…)`` or ``+cmd|…`` from a file
    must reach a spreadsheet as text.
    """
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
