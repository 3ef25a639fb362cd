"""`assess report`: formats, outputs and refusals, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
Q4 = sorted(str(p) for p in (ROOT / "examples" / "harbor-mutual" / "2026-Q4").glob("*.yaml"))
Q2 = str(ROOT / "examples" / "harbor-mutual" / "2026-Q2")


def test_markdown_to_stdout_with_trend() -> None:
    result = runner.invoke(
        app, ["report", *Q4, "-f", "md", "--previous", Q2, "--date", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# DevSecOps maturity: Harbor Mutual claims platform")
    assert "## Trends" in result.stdout
    assert "| Align and bridge | 2.3 | 1.8 |" in result.stdout


def test_format_from_extension_and_title(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", *Q4, "-o", str(out), "--title", "Board pack <Q4>"])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "<title>Board pack &lt;Q4&gt;</title>" in html
    assert "Trends" not in html.split('<nav class="toc">')[1].split("</nav>")[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "r.docx"],
            "error: cannot tell the format from 'r.docx': give --format pdf, html, md\n",
        ),
        (
            ["--date", "21/11/2026", "-f", "md"],
            "error: --date '21/11/2026': expected YYYY-MM-DD, like 2026-11-21\n",
        ),
        (
            ["--previous", Q4[0], "-f", "md"],
            (
                "error: --previous: period '2026-Q4' appears twice (or is in the history); "
                "each round needs its own period\n"
            ),
        ),
        (
            ["--template-dir", "no-such-dir", "-f", "md"],
            "error: template folder not found: no-such-dir\n",
        ),
    ],
)
def test_refusals(args: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", *Q4, *args])
    assert result.exit_code == 2
    assert result.stderr == message


@pytest.mark.slow  # a whole PDF, killed mid-write: CI runs it
def test_pdf_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", *Q4, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


@pytest.mark.parametrize(
    "fmt",
    [
        "md",
        pytest.param("html", marks=pytest.mark.slow),
        pytest.param("pdf", marks=pytest.mark.slow),
    ],
)
def test_anonymous_marked_report_names_no_respondent_in_any_format(
    tmp_path: Path, fmt: str
) -> None:
    """--anonymous: roles and numbers only; neither names nor file names (which hold them).

    The same run checks the markings: the classification on every page, and the cover's
    prepared by / for.
    """
    from pypdf import PdfReader

    names = ["Morgan", "Priya", "Tomás", "Tomas", "Aiko", "Grace", "Lena", "Whitfield", "aiko"]
    marks = ["--classification", "Confidential", "--author", "AppSec", "--audience", "The board"]
    out = tmp_path / f"r.{fmt}"
    result = runner.invoke(app, ["report", *Q4, "--anonymous", *marks, "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = (
        [page.extract_text() for page in PdfReader(out).pages]
        if fmt == "pdf"
        else [out.read_text(encoding="utf-8")]
    )
    text = "".join(pages)
    assert [n for n in names if n in text] == []
    assert "Development 2" in text
    assert "The board" in pages[0]
    assert all("Confidential" in page or "CONFIDENTIAL" in page for page in pages)
    if fmt == "md":
        assert text.startswith("**Confidential**\n\n# ")
        assert "- Prepared by: AppSec\n- Prepared for: The board\n" in text


def test_summary_only_writes_the_cover_and_the_executive_summary(tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        out = tmp_path / f"s.{fmt}"
        result = runner.invoke(app, ["report", *Q4, "--summary-only", "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "Executive summary" in text
        assert "High risks" in text
        for later in ("Gap analysis", "Roadmap", "Appendix: every answer", "Method"):
            assert later not in text, (fmt, later)


def test_owners_name_who_is_accountable_for_each_step(tmp_path: Path) -> None:
    owners = tmp_path / "owners.yaml"
    owners.write_text("schema: assess/owners/v1\nowners:\n  security: AppSec guild | <Priya>\n")
    result = runner.invoke(app, ["report", *Q4, "-f", "md", "--owners", str(owners)])
    assert result.exit_code == 0, result.output
    # Named in the steps and in the decision, escaped as data; other roles stay roles.
    assert "(AppSec guild \\| \\<Priya\\>, by 2027-Q1, effort S)" in result.stdout
    assert "carried by AppSec guild \\| \\<Priya\\> (4 steps)" in result.stdout
    assert "(Development, by 2027-Q1, effort S)" in result.stdout
    html = tmp_path / "r.html"
    result = runner.invoke(app, ["report", *Q4, "-o", str(html), "--owners", str(owners)])
    assert result.exit_code == 0, result.output
    assert 'AppSec guild | &lt;Priya&gt;<br><span class="small muted">Security</span>' in (
        html.read_text()
    )


def test_a_bad_owners_file_is_refused_and_never_overwritten(tmp_path: Path) -> None:
    owners = tmp_path / "owners.yaml"
    owners.write_text("schema: assess/owners/v1\nowners:\n  sec: AppSec\n")
    result = runner.invoke(app, ["report", *Q4, "-f", "md", "--owners", str(owners)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{owners}:3: owners.sec: unknown key 'sec'")
    owners.write_text("schema: assess/owners/v1\nowners:\n  security: AppSec\n")
    result = runner.invoke(app, ["report", *Q4, "--owners", str(owners), "-o", str(owners)])
    assert result.exit_code == 2
    assert owners.read_text() == "schema: assess/owners/v1\nowners:\n  security: AppSec\n"


def test_the_round_before_from_previous_gives_movers_and_benefits_before() -> None:
    result = runner.invoke(app, ["report", *Q4, "-f", "md", "--previous", Q2])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Practices that moved most since 2026-Q2" in out
    assert "| Practice | Before | Now | Change |" in out
    assert "| Benefit | Score | Before | Target |" in out
    # The bank changed between the rounds: the summary says how much is like for like.
    assert "Bank 1.0.0 → 2.0.0: " in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["interview", "--role", "tester"],
            (
                "error: Invalid value for '--role': 'tester' is not one of 'leadership', "
                "'security', 'development', 'operations', 'qa', 'product', 'compliance', 'other'. "
                "(see `assess interview --help`)\n"
            ),
        ),
        (["report"], "error: Missing argument 'files'. (see `assess report --help`)\n"),
        (["--nope"], "error: No such option: --nope (see `assess --help`)\n"),
    ],
)
def test_usage_errors_are_one_plain_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args, prog_name="assess")
    assert result.exit_code == 2
    assert result.stderr == message  # no box, no "Value error", no usage banner
