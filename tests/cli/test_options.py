"""The command line's enums match the framework, and every format has a writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.base.errors import UsageError
from assess.base.framework import BENEFIT_IDS, PILLAR_IDS, ROLES
from assess.cli.options import BenefitChoice, PillarChoice, RoleChoice
from assess.output.choice import ReportFormat, ScoreFormat, TrendFormat


@pytest.mark.parametrize(
    ("choice", "ids"),
    [(RoleChoice, ROLES), (PillarChoice, PILLAR_IDS), (BenefitChoice, BENEFIT_IDS)],
)
def test_enums_match_the_framework(choice: type, ids: tuple[str, ...]) -> None:
    assert tuple(member.value for member in choice) == ids


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        (ReportFormat, "r.PDF", ReportFormat.pdf),
        (ReportFormat, "r.htm", ReportFormat.html),
        (ReportFormat, "r.markdown", ReportFormat.md),
        (ScoreFormat, "s.json", ScoreFormat.json),
        (ScoreFormat, "s.md", ScoreFormat.markdown),
        (TrendFormat, "t.svg", TrendFormat.svg),
    ],
)
def test_format_from_the_suffix(kind: type, name: str, expected: object) -> None:
    assert kind.choose(None, Path(name), next(iter(kind))) is expected


def test_format_given_wins_and_no_output_means_the_default() -> None:
    assert ReportFormat.choose(ReportFormat.md, Path("r.txt"), ReportFormat.pdf) is ReportFormat.md
    assert ScoreFormat.choose(ScoreFormat.oscal, Path("r.json"), ScoreFormat.table) is (
        ScoreFormat.oscal
    )
    assert ScoreFormat.choose(None, None, ScoreFormat.table) is ScoreFormat.table


def test_a_format_given_must_be_what_a_known_suffix_names() -> None:
    with pytest.raises(UsageError) as caught:
        ReportFormat.choose(ReportFormat.md, Path("r.pdf"), ReportFormat.pdf)
    assert str(caught.value) == (
        "--format md does not write 'r.pdf' (.pdf is another format): name the file .md, or "
        "leave out --format"
    )


def test_unknown_suffix_names_the_formats() -> None:
    with pytest.raises(
        UsageError, match=r"^cannot tell the format from 'x.docx': give --format pdf, html, md$"
    ):
        ReportFormat.choose(None, Path("x.docx"), ReportFormat.pdf)


@pytest.mark.parametrize("command", [["report"], ["interview"], ["round", "new"], ["record"]])
def test_help_shows_no_type_for_a_flag(command: list[str], tmp_path: Path) -> None:
    # A flag takes no value: "--force <bool>" would read as if it wanted one.
    from helpers import run_assess

    shown = run_assess(*command, "--help", cwd=tmp_path)
    assert shown.returncode == 0
    assert "--help" in shown.stdout  # itself a flag
    assert "<bool>" not in shown.stdout


def _help(command: str, columns: int, cwd: Path) -> str:
    """``assess COMMAND --help`` as printed on a terminal this many columns wide."""
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "assess", command, "--help"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": str(columns)},
        check=True,
    ).stdout


def test_help_paragraphs_wrap_to_the_terminal_not_to_the_docstring(tmp_path: Path) -> None:
    # The docstring breaks this paragraph after "named by"; a wide terminal shows it whole.
    shown = _help("score", 200, tmp_path)
    assert "also hold every answer, named by respondent (by role and number" in shown


def test_a_long_list_of_choices_is_named_in_the_help_not_cut_in_the_type_column(
    tmp_path: Path,
) -> None:
    # In the narrow type column typer cut "<leadership|security|devel" / "opment|…>".
    shown = _help("interview", 80, tmp_path)
    words = " ".join(shown.replace("│", " ").split())
    assert "--role <role> Your role. One of: leadership, security, development," in words
    assert "|" not in shown.split("--role")[1].split("\n")[0]
