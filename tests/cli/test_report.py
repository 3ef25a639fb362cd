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


def test_pdf_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", *Q4, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
