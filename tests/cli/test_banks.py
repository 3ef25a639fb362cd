"""The command line: wiring, exit codes and exact error output."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import EXAMPLE, run_assess
from typer.testing import CliRunner

from assess import __version__
from assess.cli.app import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"assess {__version__}\n"


def test_banks_list() -> None:
    result = runner.invoke(app, ["banks", "list"])
    assert result.exit_code == 0, result.output
    for bank_id in ("rampac-core", "healthy-questions", "collective-responsibility"):
        assert bank_id in result.stdout
    assert "RAMPAC core assessment" in result.stdout


def test_banks_list_includes_extra_folder(tmp_path: Path, asset) -> None:
    target = tmp_path / "minimal" / "1.0.0.yaml"
    target.parent.mkdir()
    target.write_bytes(asset("banks/minimal.yaml").read_bytes())
    result = runner.invoke(app, ["banks", "list", "--banks-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "minimal" in result.stdout


def test_banks_show_bank_and_question() -> None:
    result = runner.invoke(app, ["banks", "show", "healthy-questions@1.0.0"])
    assert result.exit_code == 0, result.output
    assert "HQ-01" in result.stdout
    assert "Security champions" in result.stdout
    result = runner.invoke(app, ["banks", "show", "rampac-core", "-q", "AU-03"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("AU-03 · Secret scanning · Automate\n")
    assert "hard-coded credentials" in result.stdout
    assert "Evidence: " in result.stdout
    assert "Reflexive Security" in result.stdout


def test_banks_show_an_outcome_its_condition_and_overlaps() -> None:
    result = runner.invoke(app, ["banks", "show", "collective-responsibility@2.0.0", "-q", "SC-01"])
    assert result.exit_code == 0, result.output
    assert "applies only when SC-04 is at level 1 or above" in result.stdout
    assert "see also: rampac-core:CI-01, healthy-questions:HQ-07" in result.stdout
    result = runner.invoke(app, ["banks", "show", "rampac-core@2.0.0", "-q", "OC-04"])
    assert result.stdout.startswith("OC-04 · Incidents contained by owners · outcome: Resilient\n")
    assert "pillars:" not in result.stdout
    assert "  why Dynamic: " in result.stdout


def test_banks_show_unknown_question() -> None:
    result = runner.invoke(app, ["banks", "show", "rampac-core", "-q", "AU-3"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: rampac-core@2.0.0 has no question 'AU-3' (did you mean 'AU-23'?)\n"
    )


def test_banks_show_unknown_bank() -> None:
    result = runner.invoke(app, ["banks", "show", "rampac"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no bank 'rampac' on the search path")


def test_validate_ok_and_broken(tmp_path: Path, edited) -> None:
    good = runner.invoke(app, ["banks", "validate", "question_banks"])
    assert good.exit_code == 0, good.output
    assert good.stdout.count("ok: ") == 7
    bad = edited("banks/minimal.yaml", {38: "    efort: S", 40: "    section: basic"})
    result = runner.invoke(app, ["banks", "validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{bad}:38: questions[0].efort: unknown key 'efort' (did you mean 'effort'?)\n"
        f"{bad}:40: questions[1].section: unknown section 'basic' (did you mean 'basics'?)\n"
        "error: 2 problems in 1 file\n"
    )
    assert result.stdout == ""


def test_validate_missing_file() -> None:
    result = runner.invoke(app, ["banks", "validate", "no-such.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "no-such.yaml: file not found\nerror: 1 problem in 1 file\n"


def test_schema_commands() -> None:
    for kind, title in (("bank", "Bank"), ("answers", "AnswerFile")):
        result = runner.invoke(app, ["schema", kind])
        assert result.exit_code == 0, result.output
        schema = json.loads(result.stdout)
        assert schema["title"] == title
        assert "schema" in schema["properties"]
    result = runner.invoke(app, ["schema", "report"])
    assert result.exit_code == 2
    assert "Invalid value for 'kind'" in result.stderr
    assert "'report' is not one of" in result.stderr


def test_usage_error_exit_code() -> None:
    result = runner.invoke(app, ["banks", "show"])
    assert result.exit_code == 2


def test_banks_export_writes_each_format_and_refuses_a_profile_for_the_catalog(
    tmp_path: Path,
) -> None:
    for to, name in (("aws-lens", "lens.json"), ("oscal-catalog", "catalog.json")):
        done = run_assess("banks", "export", "rampac-core", "--to", to, "-o", name, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert json.loads((tmp_path / name).read_text(encoding="utf-8"))
    refused = run_assess(
        "banks",
        "export",
        "rampac-core",
        "--to",
        "oscal-catalog",
        "--profile",
        "regulated",
        cwd=tmp_path,
    )
    assert (refused.returncode, refused.stderr) == (
        2,
        "error: --profile applies to --to aws-lens only\n",
    )


def test_score_writes_oscal_assessment_results(tmp_path: Path) -> None:
    files = sorted(str(p) for p in (EXAMPLE / "2026-Q4").glob("*.yaml"))
    done = run_assess(
        "score", *files, "-f", "oscal", "-o", "ar.json", "--date", "2026-11-20", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "ar.json").read_text(encoding="utf-8"))
    assert document["assessment-results"]["metadata"]["last-modified"] == "2026-11-20T00:00:00Z"
