"""The portfolio of the generated Harbor Mutual example, and what it refuses."""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from helpers import run_assess as run

from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.base.parse import group_path
from assess.history.store import HistoryStore
from assess.output.portfolio import portfolio_to_dict, render_portfolio_json
from assess.portfolio.build import build_portfolio
from assess.portfolio.model import Portfolio

ROOT = Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2026, 12, 1)
REG = Registry.default()


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate", ROOT / "examples/portfolio/generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("portfolio") / "portfolio.db")
    generator().generate(path, 0, 25, 4, 2026)
    return path


@pytest.fixture(scope="module")
def example(db: str) -> Portfolio:
    with HistoryStore(db, create=False) as store:
        return build_portfolio(store, REG, as_of=AS_OF)


def test_golden_portfolio_json(example: Portfolio, golden) -> None:
    golden("portfolio-harbor-mutual.json", render_portfolio_json(example))


def test_stale_subjects_are_listed_apart_and_every_figure_is_of_the_current_ones(
    example: Portfolio,
) -> None:
    assert [s.subject for s in example.stale] == ["Mobile app"]
    assert "Mobile app" not in {s.subject for s in example.current}
    assert sum(g.subjects for g in example.groups) == len(example.current)
    assert sum(g.respondents for g in example.groups) == example.respondents
    assert all(p.subjects == len(example.current) for p in example.pillars)
    for spread in example.pillars:
        assert spread.minimum <= spread.lower_quartile <= spread.median  # type: ignore[operator]
        assert spread.median <= spread.upper_quartile <= spread.maximum  # type: ignore[operator]


def test_movers_are_like_for_like_across_the_bank_change(example: Portfolio) -> None:
    moves = [s.move for s in example.current if s.move is not None]
    assert moves
    assert all(m.bank_changed for m in moves)  # 2026-H1 on 1.0.0, 2026-H2 on 2.0.0
    assert {m.subject for m in example.regressed[:2]} == {"Fraud analytics", "Payouts"}
    assert all((m.like_for_like or 0) > 0 for m in example.improved)
    assert example.summary[2].startswith(
        f"Since their previous round, {len(example.improved)} of {len(moves)} improved"
    )


def test_a_group_is_its_subgroups_too(db: str) -> None:
    with HistoryStore(db, create=False) as store:
        claims = build_portfolio(store, REG, group="Harbor Mutual/Claims", as_of=AS_OF)
        whole = build_portfolio(store, REG, group="Harbor Mutual", as_of=AS_OF)
    assert {s.group for s in claims.current} == {"Harbor Mutual/Claims"}
    assert len(whole.current) == 9


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"group": "Harbor Mutual/Claim"},
            "no subject is in group 'Harbor Mutual/Claim' (did you mean 'Harbor Mutual/Claims'?)",
        ),
        ({"period": "2026-H3"}, "no round has period '2026-H3' in {db} (did you mean '2026-H2'?)"),
        (
            {"as_of": datetime.date(2020, 1, 1)},
            "no round in {db} was assessed on or before 2020-01-01",
        ),
    ],
)
def test_bad_portfolio_requests_are_one_message(db: str, options: dict, message: str) -> None:
    with HistoryStore(db, create=False) as store, pytest.raises(UsageError) as caught:
        build_portfolio(store, REG, **options)
    assert str(caught.value) == message.format(db=db)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Retail//Claims",
            "group 'Retail//Claims' has an empty part; write it like Retail/Claims, parts separated by single slashes",
        ),
        (
            "Retail\tClaims",
            "group 'Retail\\tClaims': use plain text on one line, at most 256 characters",
        ),
    ],
)
def test_bad_group_paths(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        group_path(text)
    assert str(caught.value) == message
    assert group_path(" Retail / Claims ") == "Retail/Claims"


@pytest.mark.slow  # every format through the installed command: CI runs it
def test_the_commands_end_to_end(db: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    done = run("portfolio", "--db", db, "--as-of", "2026-12-01", "-o", "p.pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)
    assert "Summary" in text
    assert "Harbor Mutual/Payments" in text
    assert "Stale subjects" in text
    csv = run("portfolio", "--db", db, "--as-of", "2026-12-01", "-f", "csv", cwd=tmp_path)
    assert csv.stdout.count("\n") == 11  # header, 9 current, 1 stale
    moved = run(
        "subjects", "set-group", "Payouts", "Harbor Mutual/Claims", "--db", db, cwd=tmp_path
    )
    assert moved.stdout.strip() == "Payouts: Harbor Mutual/Payments -> Harbor Mutual/Claims"
    run("subjects", "set-group", "Payouts", "Harbor Mutual/Payments", "--db", db, cwd=tmp_path)
    unknown = run("subjects", "set-group", "Payout", "X", "--db", db, cwd=tmp_path)
    assert unknown.returncode == 2
    assert "did you mean 'Payouts'?" in unknown.stderr
    listed = run("subjects", "--db", db, "-f", "json", cwd=tmp_path)
    assert '"subject": "Mobile app"' in listed.stdout
    nxt = run(
        "round", "new", "--from", "Billing@2026-H2", "--period", "2027-H1", "--db", db, cwd=tmp_path
    )
    assert nxt.returncode == 0, nxt.stderr
    assert 'subject: "Billing"' in nxt.stdout
    assert 'period: "2027-H1"' in nxt.stdout


def test_the_portfolio_workbook_has_a_sheet_per_view_with_real_types(example: Portfolio) -> None:
    import io

    import openpyxl

    from assess.output.workbook import portfolio_workbook

    book = openpyxl.load_workbook(io.BytesIO(portfolio_workbook(example)))
    assert book.sheetnames == [
        "Summary",
        "Subjects",
        "Groups",
        "Distributions",
        "Movers",
        "Common Now steps",
    ]
    rows = list(book["Subjects"].iter_rows(values_only=True))
    header = rows[0]
    subjects = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert len(subjects) == len(example.current) + len(example.stale)
    assert sum(bool(s["stale"]) for s in subjects) == len(example.stale)
    assert all(isinstance(s["assessed on"], datetime.datetime) for s in subjects)
    assert all(isinstance(s["overall"], float | int) for s in subjects if s["overall"] is not None)
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title


def test_the_portfolio_is_the_same_on_postgresql(example: Portfolio, postgres_url: str) -> None:
    # The organisation-wide history: one server for every team; the same figures.
    generator().generate(postgres_url, 0, 25, 4, 2026)
    with HistoryStore(postgres_url, create=False) as store:
        on_server = build_portfolio(store, REG, as_of=AS_OF)
    assert portfolio_to_dict(on_server) == portfolio_to_dict(example)


def test_the_portfolio_command_runs_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    generator().generate(postgres_url, 0, 25, 4, 2026)
    done = run(
        "portfolio", "--db", postgres_url, "--as-of", AS_OF.isoformat(), "-f", "json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["subjects"] > 0
    listed = run("subjects", "--db", postgres_url, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr


def test_group_targets_are_inherited_by_the_groups_subjects(db: str, tmp_path: Path) -> None:
    import shutil

    mine = tmp_path / "h.db"
    shutil.copy(db, mine)
    as_of = AS_OF.isoformat()
    before = json.loads(
        run("portfolio", "--db", str(mine), "--as-of", as_of, "-f", "json", cwd=tmp_path).stdout
    )
    done = run(
        "subjects",
        "set-targets",
        "Harbor Mutual/Claims",
        "--profile",
        "regulated",
        "--db",
        str(mine),
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout) == (
        0,
        "Harbor Mutual/Claims: profile regulated, for 3 subjects\n",
    )
    after = json.loads(
        run("portfolio", "--db", str(mine), "--as-of", as_of, "-f", "json", cwd=tmp_path).stdout
    )
    regulated = REG.load("rampac-core@2.0.0").bank.profiles["regulated"].pillars
    for old, new in zip(before["current"], after["current"], strict=True):
        assert old["subject"] == new["subject"]
        if new["group"] == "Harbor Mutual/Claims":
            assert new["pillars"]["automate"]["target"] == regulated["automate"]
            assert new["overall"]["score"] == old["overall"]["score"]
        else:
            assert new == old
    assert after["notes"] == [
        (
            "Targets set for a group apply to its subjects: profile regulated (group Harbor "
            "Mutual/Claims), 3 subjects."
        )
    ]
    listed = json.loads(run("subjects", "--db", str(mine), "-f", "json", cwd=tmp_path).stdout)
    assert {r["subject"]: r["group_targets"] for r in listed}["Claims intake"] == (
        "profile regulated (group Harbor Mutual/Claims)"
    )
    cleared = run(
        "subjects",
        "set-targets",
        "Harbor Mutual/Claims",
        "--clear",
        "--db",
        str(mine),
        cwd=tmp_path,
    )
    assert cleared.returncode == 0, cleared.stderr
    again = json.loads(
        run("portfolio", "--db", str(mine), "--as-of", as_of, "-f", "json", cwd=tmp_path).stdout
    )
    assert again["current"] == before["current"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Harbor Mutual/Clams", "--profile", "regulated"],
            "error: no subject is in group 'Harbor Mutual/Clams' (did you mean 'Harbor Mutual/Claims'?)\n",
        ),
        (
            ["Harbor Mutual", "--profile", "nope"],
            "error: profile 'nope' is not in rampac-core@1.0.0, rampac-core@2.0.0, which subjects of 'Harbor Mutual' answer; choose a profile every one of their banks has\n",
        ),
        (["Harbor Mutual"], "error: give one of --profile, --targets or --clear\n"),
        (
            ["Harbor Mutual", "--profile", "regulated", "--clear"],
            "error: give one of --profile, --targets or --clear\n",
        ),
        (
            ["Harbor Mutual//Claims", "--clear"],
            "error: group 'Harbor Mutual//Claims' has an empty part; write it like Retail/Claims, parts separated by single slashes\n",
        ),
    ],
)
def test_bad_group_targets_are_one_message(
    db: str, tmp_path: Path, args: list[str], message: str
) -> None:
    import shutil

    mine = tmp_path / "h.db"
    shutil.copy(db, mine)
    done = run("subjects", "set-targets", *args, "--db", str(mine), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, message)


def test_a_round_recorded_without_a_profile_is_scored_against_its_groups_targets(
    tmp_path: Path,
) -> None:
    from helpers import EXAMPLE

    files = [str(p) for p in sorted((EXAMPLE / "2026-Q4").glob("*.yaml"))]
    first = run("record", *files, "--db", "h.db", "--group", "Insurance/Claims", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    run(
        "subjects",
        "set-targets",
        "Insurance",
        "--profile",
        "innovation",
        "--db",
        "h.db",
        cwd=tmp_path,
    )
    again = run("record", *files, "--db", "h.db", "--replace", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == (
        "scored against the targets its group sets: profile innovation (group Insurance)"
    )
    explicit = run(
        "record", *files, "--db", "h.db", "--replace", "--profile", "regulated", cwd=tmp_path
    )
    assert "scored against" not in explicit.stdout


def _typeset_where(html: str, template_dir: object) -> bytes:
    return f"typeset in {os.getpid()}".encode()


def test_a_pdf_is_typeset_by_the_helper_given(
    example: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command's helper imports WeasyPrint while the portfolio is built; the
    # typesetting must then run there, not again in this process.
    from assess.base import background
    from assess.report import portfolio as rendering

    monkeypatch.setattr(rendering, "html_to_pdf", _typeset_where)
    with background.Helper() as helper:
        child = helper._process.pid
        pdf = rendering.render_portfolio(example, "pdf", typesetter=helper)
    assert pdf == f"typeset in {child}".encode()
    assert rendering.render_portfolio(example, "pdf") == f"typeset in {os.getpid()}".encode()
    # The command's own path: the portfolio built here, its PDF typeset in a helper.
    built, pdf = rendering.portfolio_document(lambda: example, "pdf")
    assert built is example
    assert pdf.startswith(b"typeset in ")
    assert pdf != f"typeset in {os.getpid()}".encode()


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("2026-13-01", "error: --as-of '2026-13-01': no such day (month must be in 1..12)\n"),
        ("1/12/2026", "error: --as-of '1/12/2026': expected YYYY-MM-DD, like 2026-11-21\n"),
    ],
)
def test_a_bad_as_of_names_its_own_option(
    db: str, tmp_path: Path, as_of: str, message: str
) -> None:
    # The message named --date, an option the portfolio does not have.
    out = tmp_path / "p.pdf"
    done = run("portfolio", "--db", db, "--as-of", as_of, "-o", str(out), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, message)
    assert not out.exists()
