"""The output formats of each command, and the one way a format is chosen.

A format comes from ``--format`` when given, else from the output file's suffix, else
the command's default. Each command maps every member of its enum to a writer with a
``match`` ending in ``assert_never``, so mypy proves no format is left without one.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Self

from assess.base.errors import UsageError


class Format(StrEnum):
    """Base of the format enums: members know the file suffixes they are written as."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes (lowercase, with the dot) that mean this format; none for a table."""
        return _SUFFIXES.get(self.value, ())

    @classmethod
    def choose(cls, given: Self | None, output: Path | None, default: Self) -> Self:
        """The format asked for, else the one ``output``'s suffix names, else ``default``.

        Raises:
            UsageError: no format is given and the suffix names none of this command's;
                or the format given is not what the suffix names (a CSV called .xlsx).
        """
        if given is not None:
            suffix = "" if output is None or str(output) == "-" else output.suffix.lower()
            known = {s for names in _SUFFIXES.values() for s in names}
            if given.suffixes and suffix in known and suffix not in given.suffixes:
                raise UsageError(
                    f"--format {given.value} does not write {output.name!r} "  # type: ignore[union-attr]
                    f"({suffix} is another format): name the file {given.suffixes[0]}, "
                    "or leave out --format"
                )
            return given
        if output is None or str(output) == "-":  # stdout
            return default
        suffix = output.suffix.lower()
        for member in cls:
            if suffix in member.suffixes:
                return member
        names = ", ".join(m.value for m in cls if m.suffixes)
        raise UsageError(f"cannot tell the format from {output.name!r}: give --format {names}")


_SUFFIXES: dict[str, tuple[str, ...]] = {
    "json": (".json",),
    "csv": (".csv",),
    "markdown": (".md", ".markdown"),
    "md": (".md", ".markdown"),
    "pdf": (".pdf",),
    "html": (".html", ".htm"),
    "png": (".png",),
    "xlsx": (".xlsx",),
    "oscal": (".json",),
    "svg": (".svg",),
}


class ScoreFormat(Format):
    """Formats of `assess score`."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
    oscal = "oscal"


class HistoryFormat(Format):
    """Formats of `assess history`."""

    table = "table"
    json = "json"
    csv = "csv"


class CompareFormat(Format):
    """Formats of `assess compare`."""

    table = "table"
    json = "json"


class TrendFormat(Format):
    """Formats of `assess trend`: a table on the terminal, a chart or a CSV file."""

    table = "table"
    png = "png"
    svg = "svg"
    csv = "csv"


class ReportFormat(Format):
    """Formats of `assess report`."""

    pdf = "pdf"
    html = "html"
    md = "md"


class PortfolioFormat(Format):
    """Formats of `assess portfolio`."""

    table = "table"
    json = "json"
    csv = "csv"
    html = "html"
    md = "md"
    pdf = "pdf"
    xlsx = "xlsx"


class SubjectsFormat(Format):
    """Formats of `assess subjects`."""

    table = "table"
    json = "json"


class AnswersFormat(Format):
    """Formats of `assess answers export`."""

    csv = "csv"
