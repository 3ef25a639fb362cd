"""The `assess` command line: options in, one core call, output and an exit code out.

This is the only module that turns errors into messages and exit codes (see `_guarded`):
0 ok, 1 a check failed, 2 invalid input or usage, 130 interrupted.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TypeVar

import typer

from assess import __version__
from assess.errors import AssessError, ExitCode, InputError, Problem, UsageError

if TYPE_CHECKING:
    import datetime

    from assess.answerfile import Header
    from assess.answers import Assessment, Response
    from assess.history import HistoryStore, Record
    from assess.records import Snapshot
    from assess.registry import Registry
    from assess.reportdata import Report
    from assess.results import Result

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="assess",
    help=(
        "Measure DevSecOps maturity against the CSA Reflexive Security framework "
        "(six RAMPAC pillars, six HEARTY benefits).\n\n"
        "Exit codes: 0 ok, 1 check failed, 2 invalid input or usage, 130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
banks_app = typer.Typer(help="List, show and validate question banks.", no_args_is_help=True)
app.add_typer(banks_app, name="banks")

BankArg = Annotated[
    str, typer.Argument(help="Bank id, id@version, or path to a bank file; default rampac-core.")
]
PillarFilter = Annotated[
    list[str] | None,
    typer.Option("--pillar", help="Keep only questions feeding this pillar; repeatable."),
]
BanksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--banks-dir",
        help="Extra folder of banks (<id>/<version>.yaml); repeatable. Also ASSESS_BANKS_PATH.",
        show_default=False,
    ),
]


DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Date of the assessment (YYYY-MM-DD); default today."),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="History database: a file or a SQLAlchemy URL. Default: ASSESS_DB, else "
        "history.db in your user data folder.",
        show_default=False,
    ),
]


def _guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a command, turning `AssessError` and Ctrl-C into a message and an exit code."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except InputError as err:
            for problem in err.problems:
                typer.echo(str(problem), err=True)
            files = len({p.file for p in err.problems})
            typer.echo(
                f"error: {_count(len(err.problems), 'problem')} in {_count(files, 'file')}",
                err=True,
            )
            raise typer.Exit(int(err.exit_code)) from None
        except AssessError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

    return run


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assess {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Measure DevSecOps maturity against the CSA Reflexive Security framework."""


def _registry(banks_dir: list[Path] | None) -> Registry:
    from assess.registry import Registry
    from assess.yamldoc import Limits

    return Registry.default(banks_dir or (), limits=Limits.from_env())


@banks_app.command("list")
@_guarded
def banks_list(banks_dir: BanksDir = None) -> None:
    """List the banks on the search path: id, version, title, questions per pillar."""
    from assess import views

    registry = _registry(banks_dir)
    loaded = [registry.load(str(entry.path)) for entry in registry.entries()]
    views.print_bank_list(loaded)


@banks_app.command("show")
@_guarded
def banks_show(
    bank: Annotated[str, typer.Argument(help="Bank id, id@version, or path to a bank file.")],
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="Show one question in full.")
    ] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Show a bank: sections, questions and their pillar and benefit weights."""
    from assess import views

    loaded = _registry(banks_dir).load(bank)
    if question is None:
        views.print_bank(loaded)
        return
    try:
        q = loaded.bank.question(question)
    except KeyError:
        from assess.validation import did_you_mean

        hint = did_you_mean(question, [q.id for q in loaded.bank.questions])
        raise UsageError(
            f"{loaded.bank.ref} has no question {question!r}" + (f" ({hint})" if hint else "")
        ) from None
    views.print_question(loaded.bank, q)


@banks_app.command("validate")
@_guarded
def banks_validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Bank files, or folders to search for *.yaml files.")
    ],
) -> None:
    """Check bank files and report every problem; exit 0 when all are valid, 2 otherwise."""
    from assess.registry import load_bank_file
    from assess.yamldoc import Limits

    limits = Limits.from_env()
    files = _expand(paths)
    problems: list[Problem] = []
    for file in files:
        try:
            loaded = load_bank_file(file, limits)
        except InputError as err:
            problems.extend(err.problems)
        else:
            typer.echo(
                f"ok: {file} ({loaded.bank.ref}, {_count(len(loaded.bank.questions), 'question')})"
            )
    if problems:
        raise InputError(problems)


@banks_app.command("diff")
@_guarded
def banks_diff(
    old: Annotated[str, typer.Argument(help="Earlier version, like rampac-core@1.0.0.")],
    new: Annotated[str, typer.Argument(help="Later version, like rampac-core@1.1.0.")],
    banks_dir: BanksDir = None,
) -> None:
    """Show what changed between two versions of a bank: declared and observed."""
    from assess.changes import diff

    registry = _registry(banks_dir)
    for line in diff(registry, registry.load(old).bank, registry.load(new).bank).lines():
        typer.echo(line)


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given, folders replaced by the *.yaml/*.yml files anywhere below them."""
    return [file for path in paths for file in _yaml_files(path, recursive=True)]


def _yaml_files(path: Path, recursive: bool = False) -> list[Path]:
    """``path`` itself, or the *.yaml/*.yml files in (or, recursively, below) a folder.

    Raises:
        UsageError: the folder holds no such file.
    """
    if not path.is_dir():
        return [path]
    find = path.rglob if recursive else path.glob
    found = sorted([*find("*.yaml"), *find("*.yml")])
    if not found:
        raise UsageError(f"no .yaml files {'under' if recursive else 'in'} {path}")
    return found


@app.command("schema")
@_guarded
def schema(
    kind: Annotated[str, typer.Argument(help="Which file format: 'bank' or 'answers'.")],
) -> None:
    """Print the JSON Schema of bank or answer files (for editor completion and checks)."""
    from assess.schemas import json_schema

    if kind not in ("bank", "answers"):
        raise UsageError(f"unknown schema {kind!r}: choose 'bank' or 'answers'")
    typer.echo(json_schema("bank" if kind == "bank" else "answers"), nl=False)


class OutputFormat(StrEnum):
    """Formats of `assess score`."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


Files = Annotated[
    list[Path], typer.Argument(help="Answer files, one per respondent, of one assessment.")
]
ProfileOpt = Annotated[
    str | None, typer.Option("--profile", help="Target profile of the bank (overrides the files).")
]
TargetsOpt = Annotated[
    Path | None, typer.Option("--targets", help="YAML file of targets, instead of a profile.")
]


def _result(
    files: list[Path], profile: str | None, targets: Path | None, banks_dir: list[Path] | None
) -> Result:
    """Load answer files as one assessment and score it (with a progress bar when slow)."""
    return _scored(files, profile, targets, _registry(banks_dir))[1]


def _scored(
    files: list[Path], profile: str | None, targets: Path | None, registry: Registry
) -> tuple[Assessment, Result]:
    from assess.answers import load_assessment
    from assess.scoring import score
    from assess.targets import from_profile, load_targets

    with _progress(len(files)) as advance:
        assessment = load_assessment(files, registry, profile, advance)
    bank = assessment.bank.bank
    chosen = (
        load_targets(targets, bank, registry.limits)
        if targets is not None
        else from_profile(bank, assessment.profile)
    )
    return assessment, score(assessment, chosen)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr while many files load on a terminal; nothing otherwise."""
    if total < 20 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading answer files", total=total)
        yield lambda n: bar.advance(task, n)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    from assess.fileio import write_atomic

    write_atomic(out, text)
    typer.echo(f"wrote {out}", err=True)


@app.command("template")
@_guarded
def template(
    bank: BankArg = "rampac-core",
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="Pre-fill the role; keep only its questions.")
    ] = None,
    pillar: PillarFilter = None,
    subject: Annotated[str | None, typer.Option("--subject", help="Pre-fill the subject.")] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Write a blank answer file to fill in with a text editor (valid as it stands)."""
    from assess.answerfile import Header, blank_answer_file, select_questions
    from assess.framework import PILLAR_IDS, ROLES

    _known("role", [role] if role else [], ROLES)
    _known("pillar", pillar or [], PILLAR_IDS)
    loaded = _registry(banks_dir).load(bank)
    questions = select_questions(loaded.bank, role, pillar or ())  # type: ignore[arg-type]
    text = blank_answer_file(loaded.bank, questions, Header(subject=subject, role=role))  # type: ignore[arg-type]
    _emit(text, out)


def _known(kind: str, given: Sequence[str], allowed: Sequence[str]) -> None:
    from assess.validation import did_you_mean

    for value in given:
        if value not in allowed:
            hint = did_you_mean(value, allowed) or "choose one of: " + ", ".join(allowed)
            raise UsageError(f"unknown {kind} {value!r} ({hint})")


@app.command("validate")
@_guarded
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Answer files or bank files.")],
    banks_dir: BanksDir = None,
) -> None:
    """Check answer files (and bank files) and report every problem; exit 0 or 2."""
    from assess.answers import load_answer_file
    from assess.registry import load_bank_file
    from assess.yamldoc import load_yaml_file

    registry = _registry(banks_dir)
    problems: list[Problem] = []
    for path in paths:
        try:
            data = load_yaml_file(path, registry.limits).data
            if isinstance(data, dict) and str(data.get("schema", "")).startswith("assess/bank/"):
                loaded = load_bank_file(path, registry.limits)
                typer.echo(f"ok: {path} (bank {loaded.bank.ref})")
            else:
                answer_set, loaded = load_answer_file(path, registry)
                typer.echo(
                    f"ok: {path} ({len(answer_set.responses)} of "
                    f"{len(loaded.bank.questions)} answered, {loaded.bank.ref})"
                )
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)


@app.command("score")
@_guarded
def score_cmd(
    files: Files,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Score answer files as one assessment: pillars, benefits, gaps and roadmap."""
    result = _result(files, profile, targets, banks_dir)
    if fmt is OutputFormat.table:
        if out is not None:
            raise UsageError("--output needs --format json, csv or markdown")
        from assess import views

        views.print_result(result)
        return
    from assess import formats

    renderers = {
        OutputFormat.json: formats.render_json,
        OutputFormat.csv: formats.render_csv,
        OutputFormat.markdown: formats.render_markdown,
    }
    _emit(renderers[fmt](result), out)


@app.command("explain")
@_guarded
def explain(
    files: Files,
    pillar: Annotated[
        str | None, typer.Option("--pillar", help="Explain a pillar's score.")
    ] = None,
    benefit: Annotated[
        str | None, typer.Option("--benefit", help="Explain a benefit's score.")
    ] = None,
    question: Annotated[
        str | None, typer.Option("--question", help="Explain one question.")
    ] = None,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Show how a figure was computed: each contributing question, value, weight and share."""
    from assess import views
    from assess.framework import BENEFIT_IDS, PILLAR_IDS

    chosen = [x for x in (pillar, benefit, question) if x is not None]
    if len(chosen) != 1:
        raise UsageError("give exactly one of --pillar, --benefit or --question")
    _known("pillar", [pillar] if pillar else [], PILLAR_IDS)
    _known("benefit", [benefit] if benefit else [], BENEFIT_IDS)
    result = _result(files, profile, targets, banks_dir)
    bank = _registry(banks_dir).load(result.bank_ref).bank
    if pillar:
        views.print_explain_dimension(result, bank, result.pillar(pillar))
    elif benefit:
        views.print_explain_dimension(result, bank, result.benefit(benefit))
    else:
        _known("question", [chosen[0]], [q.id for q in bank.questions])
        views.print_explain_question(result, bank, chosen[0])


@app.command("check")
@_guarded
def check(
    files: Files,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", help="Fail when overall maturity (0–4) is below this."),
    ] = None,
    pillar: Annotated[
        list[str] | None,
        typer.Option("--pillar", help="P=X: fail when pillar P scores below X; repeatable."),
    ] = None,
    max_high_risks: Annotated[
        int | None,
        typer.Option("--max-high-risks", help="Fail when more questions than this are high risk."),
    ] = None,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Gate a pipeline: exit 1 listing the conditions that fail, 0 when all hold."""
    from assess.checks import Gate, failures

    minimums = _pillar_minimums(pillar or [])
    if fail_under is None and not minimums and max_high_risks is None:
        raise UsageError("nothing to check: give --fail-under, --pillar P=X or --max-high-risks")
    result = _result(files, profile, targets, banks_dir)
    failed = failures(result, Gate(fail_under, minimums, max_high_risks))
    for line in failed:
        typer.echo(f"failed: {line}", err=True)
    if failed:
        raise typer.Exit(int(ExitCode.CHECK_FAILED))
    typer.echo(f"ok: all conditions hold (overall {result.overall.score or 0:.2f})")


def _pillar_minimums(specs: Sequence[str]) -> dict[str, float]:
    from assess.framework import PILLAR_IDS

    minimums: dict[str, float] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not sep or not 0 <= number <= 4:
            raise UsageError(
                f"--pillar {spec!r}: expected PILLAR=SCORE with a score from 0 to 4, "
                "like automate=2.5"
            )
        _known("pillar", [name], PILLAR_IDS)
        minimums[name] = number
    return minimums


class ReportFormat(StrEnum):
    """Formats of `assess report`."""

    pdf = "pdf"
    html = "html"
    md = "md"


@app.command("report")
@_guarded
def report(
    files: Files,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Where to write; default report.pdf (html/md: stdout)."
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="pdf, html or md; default: from the output's extension."
        ),
    ] = None,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            "--previous",
            help="Folder (or file) of an earlier round's answer files, for trends; repeatable.",
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="Folder of templates that override the bundled ones."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Report title.")] = None,
    date: DateOpt = None,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Write the leadership report: summary, pillars, benefits, gaps, roadmap, trends, appendix.

    Trends come from the history (earlier records of the same subject) and --previous.
    """
    chosen = fmt or _format_from(out)
    if chosen is ReportFormat.pdf and out is None:
        out = Path("report.pdf")
    day = _day(date)
    from assess import render

    def content() -> Report:
        return _report_content(files, profile, targets, previous, db, day, title, banks_dir)

    if chosen is ReportFormat.md:
        _emit(render.render_markdown(content(), template_dir), out)
        return
    from assess import background

    # The child imports matplotlib and jinja2 while this process scores, then draws the
    # charts and writes the HTML while this one imports WeasyPrint.
    with background.Helper(render.load_drawing) as helper:
        drafting = helper.run(render.render_html, content(), template_dir)
        if chosen is ReportFormat.html:
            _emit(drafting(), out)
            return
        render.load_typesetter()
        html = drafting()
    assert out is not None  # noqa: S101 - set above for pdf
    from assess.fileio import write_atomic

    write_atomic(out, render.html_to_pdf(html, template_dir))
    typer.echo(f"wrote {out}", err=True)


def _report_content(
    files: list[Path],
    profile: str | None,
    targets: Path | None,
    previous: list[Path] | None,
    db: str | None,
    day: datetime.date | None,
    title: str | None,
    banks_dir: list[Path] | None,
) -> Report:
    """Score the files and gather what the report says, with earlier rounds for trends."""
    from assess.reportdata import build_report, snapshot_point, trend_point

    registry = _registry(banks_dir)
    assessment, result = _scored(files, profile, targets, registry)
    rounds = [_scored(_yaml_files(p), profile, targets, registry)[1] for p in previous or []]
    recorded = [snapshot_point(r.snapshot) for r in _recorded_before(result, day, db)]
    earlier = [*recorded, *(trend_point(r) for r in sorted(rounds, key=lambda r: r.period or ""))]
    _check_earlier(result, rounds, [p.period for p in recorded])
    return build_report(result, assessment.bank.bank, assessment.answer_sets, earlier, title, day)


def _format_from(out: Path | None) -> ReportFormat:
    if out is None:
        return ReportFormat.pdf
    suffix = out.suffix.lower().lstrip(".")
    aliases = {
        "pdf": ReportFormat.pdf,
        "html": ReportFormat.html,
        "htm": ReportFormat.html,
        "md": ReportFormat.md,
        "markdown": ReportFormat.md,
    }
    if suffix not in aliases:
        raise UsageError(f"cannot tell the format from {out.name!r}: give --format pdf, html or md")
    return aliases[suffix]


def _recorded_before(result: Result, day: datetime.date | None, db: str | None) -> list[Record]:
    """Earlier records of the result's subject; none when there is no history yet."""
    import datetime

    from assess.paths import default_location

    location = db or default_location()
    if db is None and "://" not in location and not Path(location).expanduser().exists():
        return []
    from assess.history import earlier_records

    with _store(location, create=False) as store:
        records = store.records(result.subject)
    return earlier_records(records, result.period, day or datetime.date.today())


def _check_earlier(result: Result, earlier: Sequence[Result], recorded: Sequence[str]) -> None:
    periods = [result.period, *recorded]
    for r in earlier:
        if r.subject != result.subject:
            raise UsageError(f"--previous: subject {r.subject!r} is not {result.subject!r}")
        if r.period in periods:
            raise UsageError(
                f"--previous: period {r.period!r} appears twice (or is in the history); "
                "each round needs its own period"
            )
        periods.append(r.period)


def _day(date: str | None) -> datetime.date | None:
    import datetime

    try:
        return datetime.date.fromisoformat(date) if date else None
    except ValueError:
        raise UsageError(f"--date {date!r}: expected YYYY-MM-DD, like 2026-11-21") from None


def _store(db: str | None, create: bool = True) -> HistoryStore:
    from assess.history import HistoryStore
    from assess.paths import default_location

    return HistoryStore(db or default_location(), create=create)


@app.command("record")
@_guarded
def record(
    files: Files,
    period: Annotated[
        str | None,
        typer.Option("--period", help="Round label, like 2026-Q4; default: the files' period."),
    ] = None,
    date: DateOpt = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite the subject's record for this period.")
    ] = False,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Score answer files as one assessment and keep it in the history, for trends."""
    import datetime

    from assess import background

    day = _day(date) or datetime.date.today()
    # Scoring (pydantic) and the store (SQLAlchemy) import slowly: load them side by side.
    pending = background.start(_snapshot, files, profile, targets, banks_dir, period, day)
    from assess import history  # noqa: F401 - imported while the child scores

    snapshot = pending()
    with _store(db) as store:
        saved = store.record(snapshot, replace)
        where = store.shown
    overall = "–" if snapshot.overall is None else f"{snapshot.overall:.2f}"
    typer.echo(
        f"recorded {saved.label} as #{saved.id}: "
        f"{_count(snapshot.respondent_count, 'respondent')}, {snapshot.bank_ref}, "
        f"overall {overall} (in {where})"
    )


def _snapshot(
    files: list[Path],
    profile: str | None,
    targets: Path | None,
    banks_dir: list[Path] | None,
    period: str | None,
    day: datetime.date,
) -> Snapshot:
    from assess.records import snapshot_of

    assessment, result = _scored(files, profile, targets, _registry(banks_dir))
    chosen = period or result.period
    if not chosen:
        raise UsageError("the answer files name no period: give one, like --period 2026-Q4")
    return snapshot_of(result, assessment.bank.bank, chosen, day)


class HistoryFormat(StrEnum):
    """Formats of `assess history` and `assess compare`."""

    table = "table"
    json = "json"
    csv = "csv"


@app.command("history")
@_guarded
def history(
    subject: Annotated[
        str | None, typer.Option("--subject", help="Only this subject's records.")
    ] = None,
    fmt: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.table,
    db: DbOpt = None,
) -> None:
    """List recorded assessments: id, subject, period, date, bank, respondents, scores."""
    from assess import formats

    with _store(db, create=False) as store:
        records = store.records(subject)
        if subject is not None and not records:
            _unknown_subject(subject, store)
    if fmt is HistoryFormat.json:
        typer.echo(formats.render_records_json(records), nl=False)
    elif fmt is HistoryFormat.csv:
        typer.echo(formats.render_records_csv(records), nl=False)
    else:
        from assess import views

        views.print_history(records)


def _unknown_subject(subject: str, store: HistoryStore) -> NoReturn:
    from assess.validation import did_you_mean

    known = store.subjects()
    hint = did_you_mean(subject, known) or (
        "recorded subjects: " + ", ".join(known) if known else "nothing is recorded yet"
    )
    raise UsageError(f"no records of {subject!r} in {store.shown} ({hint})")


@app.command("trend")
@_guarded
def trend(
    subject: Annotated[str, typer.Argument(help="The subject, as recorded.")],
    pillar: Annotated[
        list[str] | None, typer.Option("--pillar", help="Only this pillar; repeatable.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write a chart (.png, .svg) or a table (.csv)."),
    ] = None,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """A subject's scores across recorded rounds, noting where the bank version changed."""
    from assess.framework import PILLAR_IDS

    _known("pillar", pillar or [], PILLAR_IDS)
    kinds = {".png": "png", ".svg": "svg", ".csv": "csv"}
    if out is not None and out.suffix.lower() not in kinds:
        raise UsageError(f"cannot tell the format from {out.name!r}: use .png, .svg or .csv")
    from assess.changes import map_between
    from assess.trends import bank_changes, series, trend_frame

    registry = _registry(banks_dir)
    with _store(db, create=False) as store:
        records = store.records(subject)
        if not records:
            _unknown_subject(subject, store)
        notes = bank_changes(
            records,
            lambda a, b: map_between(registry, a.bank_ref, b.bank_ref),
            lambda r: store.get(str(r.id)),
        )
    frame = trend_frame(records, pillar or ())
    if out is None:
        from assess import views

        views.print_trend(subject, frame, series(frame), notes)
        return
    kind = kinds[out.suffix.lower()]
    from assess.fileio import write_atomic

    if kind == "csv":
        write_atomic(out, frame.to_csv(float_format="%.4f", lineterminator="\n"))
    else:
        from assess import charts

        chart = charts.trend_png if kind == "png" else charts.trend
        write_atomic(out, chart([str(p) for p in frame.index], series(frame)))
    typer.echo(f"wrote {out}", err=True)


@app.command("compare")
@_guarded
def compare_cmd(
    before: Annotated[str, typer.Argument(help="Earlier record: id, or SUBJECT@PERIOD.")],
    after: Annotated[str, typer.Argument(help="Later record: id, or SUBJECT@PERIOD.")],
    fmt: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="table or json.")
    ] = HistoryFormat.table,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Compare two records: each pillar and benefit, and every question that moved."""
    from assess.changes import map_between
    from assess.comparison import compare
    from assess.validation import semver_key

    if fmt is HistoryFormat.csv:
        raise UsageError("compare writes table or json")
    with _store(db, create=False) as store:
        a, b = store.get(before).snapshot, store.get(after).snapshot
    if a.bank_id != b.bank_id:
        raise UsageError(
            f"{before} and {after} answered different banks ({a.bank_id}, {b.bank_id})"
        )
    old, new = sorted((a, b), key=lambda s: semver_key(s.bank_version))
    result = compare(a, b, map_between(_registry(banks_dir), old.bank_ref, new.bank_ref))
    if fmt is HistoryFormat.json:
        from assess import formats

        typer.echo(formats.render_comparison_json(result), nl=False)
    else:
        from assess import views

        views.print_comparison(result)


@app.command("migrate")
@_guarded
def migrate_cmd(
    file: Annotated[Path, typer.Argument(help="Answer file to migrate.")],
    to: Annotated[
        str, typer.Option("--to", help="Bank version to migrate to, like rampac-core@1.1.0.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write here; default: rewrite FILE in place."),
    ] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Rewrite an answer file for a later bank version, following the bank's declared changes."""
    from assess.answers import load_answer_file
    from assess.changes import question_map
    from assess.fileio import write_atomic
    from assess.migration import migrate, migrated_file

    registry = _registry(banks_dir)
    answer_set, loaded = load_answer_file(file, registry)
    target = registry.load(to).bank
    migration = migrate(answer_set, question_map(registry, loaded.bank, target), target)
    destination = out or file
    write_atomic(destination, migrated_file(answer_set, migration, target))
    for line in migration.lines():
        typer.echo(line)
    typer.echo(f"wrote {destination}", err=True)


@app.command("interview")
@_guarded
def interview(
    bank: BankArg = "rampac-core",
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Answer file to write (saved after every answer)."),
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="What is assessed.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Your name (optional).")] = None,
    role: Annotated[str | None, typer.Option("--role", help="Your role.")] = None,
    profile: ProfileOpt = None,
    pillar: PillarFilter = None,
    resume: Annotated[
        Path | None, typer.Option("--resume", help="Continue an interrupted answer file.")
    ] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Answer a bank in a guided terminal interview; every answer is saved at once."""
    _interview(bank, out, (subject, name, role, profile), pillar or [], resume, banks_dir)


def _interview(
    bank_spec: str,
    out: Path | None,
    given: tuple[str | None, str | None, str | None, str | None],
    pillars: list[str],
    resume: Path | None,
    banks_dir: list[Path] | None,
) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the interview needs a terminal; for batch use, write a blank answer file with "
            f"`assess template {bank_spec} -o answers.yaml`, fill it in, then "
            "`assess score answers.yaml`"
        )
    from assess.answerfile import Header, render_answer_file, select_questions
    from assess.answers import load_answer_file
    from assess.fileio import write_atomic
    from assess.framework import PILLAR_IDS, ROLES
    from assess.interviewing import Interview, ask_header

    subject, name, role, profile = given
    _known("role", [role] if role else [], ROLES)
    _known("pillar", pillars, PILLAR_IDS)
    registry = _registry(banks_dir)
    target: Path | None = resume if resume is not None else out
    if resume is not None:
        answer_set, loaded = load_answer_file(resume, registry)
        header = Header.of(answer_set)
        responses = dict(answer_set.responses)
    else:
        loaded = registry.load(bank_spec)
        header, responses = Header(subject, None, name, role, profile), {}  # type: ignore[arg-type]
    bank = loaded.bank
    if header.profile is not None and header.profile not in bank.profiles:
        _known("profile", [header.profile], list(bank.profiles))
    questions = select_questions(bank, None, pillars)
    saved: dict[str, Path | None] = {"file": target}

    def save(current: Header, answers: Mapping[str, Response]) -> None:
        file = saved["file"] or _default_output(current)
        write_atomic(file, render_answer_file(bank, bank.questions, current, answers))
        saved["file"] = file

    from assess.interview import QuestionaryAsker

    asker = QuestionaryAsker()
    if target is not None and resume is None and target.exists():
        raise UsageError(
            f"{target} exists; continue it with --resume {target}, or choose another -o"
        )
    try:
        header = ask_header(asker, bank, header, ask_name=resume is None)
        save(header, responses)
        session = Interview(bank, questions, header, responses, save)
        start = session.first_unanswered()
        if start == len(questions):
            typer.echo(f"All {len(questions)} questions are answered in {saved['file']}.")
        else:
            session.run(asker, start)
    except (KeyboardInterrupt, EOFError):
        _interrupted(saved["file"], responses, pillars)
    _finish(saved["file"], registry)


def _default_output(header: Header) -> Path:
    import re

    slug = "-".join(filter(None, [header.subject, header.role, header.name]))
    slug = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "answers"
    path = Path(f"{slug}.yaml")
    if path.exists():
        raise UsageError(f"{path} exists; continue it with --resume {path}, or choose -o")
    return path


def _interrupted(
    file: Path | None, responses: Mapping[str, Response], pillars: list[str]
) -> NoReturn:
    if file is None:
        typer.echo("\ninterrupted before the first answer; nothing was saved", err=True)
    else:
        options = "".join(f" --pillar {p}" for p in pillars)
        typer.echo(
            f"\ninterrupted: {_count(len(responses), 'answer')} saved in {file}\n"
            f"resume with: assess interview --resume {file}{options}",
            err=True,
        )
    raise typer.Exit(int(ExitCode.INTERRUPTED))


def _finish(file: Path | None, registry: Registry) -> None:
    from assess import views
    from assess.answers import load_assessment
    from assess.scoring import score
    from assess.targets import from_profile

    assert file is not None  # noqa: S101 - the header is saved before any question
    assessment = load_assessment([file], registry)
    result = score(assessment, from_profile(assessment.bank.bank, assessment.profile))
    views.print_pillar_summary(result)
    typer.echo(f"\nAnswers saved in {file}.")
    typer.echo(
        f"Next: `assess report {file} -o report.pdf` for the leadership report; add the "
        "other respondents' answer files to report on everyone together."
    )


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    finally:
        # Skip the collector's last sweep at exit: after a PDF it walks a million
        # layout objects for a quarter of a second, memory the OS frees at once anyway.
        import gc

        gc.freeze()
