"""Commands that score answer files: score, explain, check."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, assert_never

import typer

from assess.base.errors import UsageError
from assess.cli.options import (
    AnonymousOpt,
    BanksDir,
    BenefitChoice,
    Files,
    ForceOpt,
    OutputOpt,
    PillarChoice,
    ProfileOpt,
    TargetsOpt,
    day,
    emit,
    progress,
    registry,
    say,
)
from assess.output.choice import ScoreFormat

if TYPE_CHECKING:
    from assess.scoring.files import Scored


def _scored(
    files: list[Path], profile: str | None, targets: Path | None, banks_dir: list[Path] | None
) -> Scored:
    from assess.scoring.files import score_files

    with progress(len(files)) as advance:
        return score_files(files, registry(banks_dir), profile, targets, advance)


def _scored_while_importing(
    module: str,
    files: list[Path],
    profile: str | None,
    targets: Path | None,
    banks_dir: list[Path] | None,
) -> Scored:
    """`_scored` in a forked helper, while this process imports ``module`` (pandas, say)."""
    import importlib

    from assess.base import background
    from assess.scoring.files import score_paths

    with background.Helper() as helper:
        pending = helper.run(score_paths, files, banks_dir or (), profile, targets)
        importlib.import_module(module)
        return pending()


def score(
    files: Files,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    fmt: Annotated[
        ScoreFormat | None,
        typer.Option("--format", "-f", help="Output format; default: from -o, else table."),
    ] = None,
    out: OutputOpt = None,
    anonymous: AnonymousOpt = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date of the assessment in the workbook and OSCAL (YYYY-MM-DD); default today.",
        ),
    ] = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Score answer files as one assessment: pillars, benefits, gaps and roadmap.

    The workbook (xlsx) and OSCAL assessment results also hold every answer, named by
    respondent (by role and number with --anonymous).
    """
    chosen = ScoreFormat.choose(fmt, out, ScoreFormat.table)
    inputs = [*files, *([targets] if targets else [])]
    on = day(date) or datetime.date.today()
    scored = (
        _scored_while_importing("assess.output.workbook", files, profile, targets, banks_dir)
        if chosen is ScoreFormat.xlsx
        else _scored(files, profile, targets, banks_dir)
    )
    result = scored.result
    from assess.output import machine

    match chosen:
        case ScoreFormat.table:
            if out is not None:
                raise UsageError("--output needs --format json, csv, markdown, xlsx or oscal")
            from assess.output import terminal

            terminal.print_result(result)
        case ScoreFormat.json:
            emit(machine.render_json(result), out, inputs, force)
        case ScoreFormat.csv:
            emit(machine.render_csv(result), out, inputs, force)
        case ScoreFormat.markdown:
            emit(machine.summary_markdown(result), out, inputs, force)
        case ScoreFormat.xlsx:
            from assess.output.workbook import round_workbook

            emit(round_workbook(scored, anonymous, on), out, inputs, force)
        case ScoreFormat.oscal:
            from assess.exchange.oscal import assessment_results_json

            emit(assessment_results_json(scored, on, anonymous), out, inputs, force)
        case _:
            assert_never(chosen)


def explain(
    files: Files,
    pillar: Annotated[
        PillarChoice | None,
        typer.Option("--pillar", help="Explain a pillar's score.", case_sensitive=False),
    ] = None,
    benefit: Annotated[
        BenefitChoice | None,
        typer.Option("--benefit", help="Explain a benefit's score.", case_sensitive=False),
    ] = None,
    question: Annotated[
        str | None, typer.Option("--question", help="Explain one question.")
    ] = None,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Show how a figure was computed: each contributing question, value, weight and share."""
    if sum(x is not None for x in (pillar, benefit, question)) != 1:
        raise UsageError("give exactly one of --pillar, --benefit or --question")
    scored = _scored(files, profile, targets, banks_dir)
    result, bank = scored.result, scored.assessment.bank
    from assess.output import terminal

    if pillar is not None:
        terminal.print_explain_dimension(result, bank, result.pillar(pillar.value))
    elif benefit is not None:
        terminal.print_explain_dimension(result, bank, result.benefit(benefit.value))
    elif question is not None:
        terminal.print_explain_question(result, bank, bank.find(question).id)


def check(
    files: Files,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under", help="Fail when overall maturity (0–4) is below this.", min=0, max=4
        ),
    ] = None,
    pillar: Annotated[
        list[str] | None,
        typer.Option("--pillar", help="P=X: fail when pillar P scores below X; repeatable."),
    ] = None,
    max_high_risks: Annotated[
        int | None,
        typer.Option(
            "--max-high-risks", help="Fail when more questions than this are high risk.", min=0
        ),
    ] = None,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Gate a pipeline: exit 1 listing the conditions that fail, 0 when all hold."""
    from assess.scoring.gates import Gate, enforce

    gate = Gate.parse(fail_under, pillar or (), max_high_risks)
    result = _scored(files, profile, targets, banks_dir).result
    enforce(result, gate)
    say(f"ok: all conditions hold (overall {result.overall.score or 0:.2f})")
