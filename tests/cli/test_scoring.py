"""The batch commands: template, validate, score, explain and check, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
Q4 = sorted(str(p) for p in (ROOT / "examples" / "harbor-mutual" / "2026-Q4").glob("*.yaml"))


@pytest.mark.parametrize("bank", ["rampac-core", "healthy-questions", "collective-responsibility"])
def test_blank_template_validates_as_is(bank: str, tmp_path: Path) -> None:
    out = tmp_path / "blank.yaml"
    result = runner.invoke(app, ["template", bank, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    checked = runner.invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "0 of" in checked.stdout


def test_template_filters_by_role_and_pillar() -> None:
    from assess.bank.registry import Registry

    result = runner.invoke(app, ["template", "rampac-core", "--role", "qa", "--pillar", "measure"])
    assert result.exit_code == 0, result.output
    keys = [
        line.strip()[:-1]
        for line in result.stdout.splitlines()
        if line.startswith("  ") and line.strip().endswith(":") and line.strip()[0] != "#"
    ]
    bank = Registry.default().load("rampac-core").bank
    expected = [q.id for q in bank.questions if "qa" in q.roles and "measure" in q.pillars]
    assert keys == expected
    assert expected
    assert '  role: "qa"' in result.stdout


def test_template_rejects_unknown_role_and_lists_the_roles() -> None:
    result = runner.invoke(app, ["template", "--role", "develop"])
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.stderr
    assert "'develop' is not one of" in result.stderr
    assert "'development'" in result.stderr


def test_roles_and_pillars_are_accepted_in_any_case() -> None:
    result = runner.invoke(app, ["template", "--role", "Product", "--pillar", "AUTOMATE"])
    assert result.exit_code == 0, result.output
    assert '  role: "product"' in result.stdout


def test_validate_reports_every_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: assess/answers/v1\nbank: rampac-core@1.0.0\nrespondent: {role: qa}\n"
        "answers: {RC-1: 2, AU-01: 9}\n"
    )
    result = runner.invoke(app, ["validate", Q4[0], str(bad)])
    assert result.exit_code == 2
    assert result.stdout.startswith("ok: ")
    assert result.stderr == (
        f"{bad}:4: answers.RC-1: unknown question 'RC-1' in rampac-core@1.0.0 (did you mean 'RC-01'?)\n"
        f"{bad}:4: answers.AU-01: level 9 is not on this question's scale (0–4)\n"
        "error: 2 problems in 1 file\n"
    )


def test_score_table() -> None:
    result = runner.invoke(app, ["score", *Q4])
    assert result.exit_code == 0, result.output
    assert "Harbor Mutual claims platform" in result.stdout
    assert "Align and bridge" in result.stdout
    assert "Roadmap: now" in result.stdout
    # Every question has a level from someone, yet a quarter of the answers are "don't
    # know": both are said, so "100 %" does not read as complete knowledge.
    said = " ".join(result.stdout.split())
    assert '100% of questions with a level, yet 24% of all answers "don\'t know"' in said


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("json", '"schema": "assess/result/v1"'), ("csv", "kind,id,name"), ("markdown", "## Roadmap")],
)
def test_score_formats_to_file(fmt: str, marker: str, tmp_path: Path) -> None:
    out = tmp_path / f"result.{fmt}"
    result = runner.invoke(app, ["score", *Q4, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_text()
    assert list(tmp_path.iterdir()) == [out], "no temporary file is left behind"


def test_score_json_is_deterministic_and_profile_overrides() -> None:
    first = runner.invoke(app, ["score", *Q4, "-f", "json"]).stdout
    assert first == runner.invoke(app, ["score", *reversed(Q4), "-f", "json"]).stdout
    other = json.loads(
        runner.invoke(app, ["score", *Q4, "-f", "json", "--profile", "innovation"]).stdout
    )
    assert other["profile"] == "innovation"
    assert other["pillars"][4]["target"] == 2.0


def test_score_refuses_mixed_rounds_and_writes_nothing(tmp_path: Path) -> None:
    q2 = sorted(str(p) for p in (ROOT / "examples" / "harbor-mutual" / "2026-Q2").glob("*.yaml"))
    out = tmp_path / "result.json"
    result = runner.invoke(app, ["score", Q4[0], q2[0], "-f", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert "period '2026-Q2' differs from '2026-Q4'" in result.stderr
    assert not out.exists()


def test_score_with_targets_file(tmp_path: Path) -> None:
    targets = tmp_path / "targets.yaml"
    targets.write_text(
        "schema: assess/targets/v1\npillars: {responsible: 4, automate: 4, "
        "measure: 4, pragmatic: 4, align: 4, collaborate: 4}\n"
    )
    doc = json.loads(
        runner.invoke(app, ["score", *Q4, "-f", "json", "--targets", str(targets)]).stdout
    )
    assert doc["targets_from"] == str(targets)
    assert {p["target"] for p in doc["pillars"]} == {4.0}
    assert {b["target"] for b in doc["benefits"]} == {4.0}
    targets.write_text("schema: assess/targets/v1\npillars: {responsible: 5}\n")
    result = runner.invoke(app, ["score", *Q4, "--targets", str(targets)])
    assert result.exit_code == 2
    assert f"{targets}:2: pillars.responsible: must be at most 4, got 5" in result.stderr


def test_explain_pillar_and_question() -> None:
    result = runner.invoke(app, ["explain", *Q4, "--pillar", "align"])
    assert result.exit_code == 0, result.output
    assert "Align and bridge:" in result.stdout
    assert "AB-04" in result.stdout
    result = runner.invoke(app, ["explain", *Q4, "--question", "AU-03"])
    assert result.exit_code == 0, result.output
    assert "Secret scanning blocks pushes" in result.stdout
    result = runner.invoke(app, ["explain", *Q4, "--pillar", "align", "--benefit", "elastic"])
    assert result.exit_code == 2
    assert result.stderr == "error: give exactly one of --pillar, --benefit or --question\n"


def test_check_passes_and_fails() -> None:
    ok = runner.invoke(app, ["check", *Q4, "--fail-under", "1.5", "--pillar", "automate=2"])
    assert ok.exit_code == 0, ok.output
    failed = runner.invoke(
        app, ["check", *Q4, "--fail-under", "3", "--pillar", "align=2.5", "--max-high-risks", "0"]
    )
    assert failed.exit_code == 1
    lines = failed.stderr.splitlines()
    assert lines[0] == "failed: overall maturity 2.22 is below 3"
    assert lines[1].startswith("failed: pillar 'Align and bridge' 1.77")
    assert lines[2].startswith("failed: 7 high-risk questions exceed the maximum of 0: AB-04, ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--pillar", "align"],
            "error: --pillar 'align': expected PILLAR=SCORE with a score from 0 to 4, like automate=2.5\n",
        ),
        (["--pillar", "allign=2"], "error: unknown pillar 'allign' (did you mean 'align'?)\n"),
        ([], "error: nothing to check: give --fail-under, --pillar P=X or --max-high-risks\n"),
    ],
)
def test_check_usage_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["check", *Q4, *args])
    assert result.exit_code == 2
    assert result.stderr == message


def test_output_to_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", *Q4, "-f", "json", "-o", str(tmp_path / "no" / "r.json")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: cannot write {tmp_path}/no/r.json: folder {tmp_path}/no does not exist\n"
    )


def test_a_format_that_is_not_what_the_file_name_says_is_refused(tmp_path: Path) -> None:
    from helpers import EXAMPLE, run_assess

    files = sorted(str(p) for p in (EXAMPLE / "2026-Q4").glob("*.yaml"))
    done = run_assess("score", *files, "-f", "csv", "-o", "round.xlsx", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        (
            "error: --format csv does not write 'round.xlsx' (.xlsx is another format): name the "
            "file .csv, or leave out --format\n"
        ),
    )
    assert not (tmp_path / "round.xlsx").exists()


def test_explain_and_score_count_a_risk_by_the_evidence_as_the_report_does() -> None:
    # AU-22: people claim about level 3, Scorecard observed 0; the report ranks it a high
    # risk "by the evidence", so explain and score must say so too.
    explained = runner.invoke(app, ["explain", *Q4, "--question", "AU-22"])
    assert explained.exit_code == 0, explained.output
    said = " ".join(explained.stdout.split())
    assert "gap 0.17 → risk low" in said
    assert "observed by OpenSSF Scorecard v5.0.0: level 0 → gap 3.00 → risk high" in said
    assert "its risk is taken from the evidence: high" in said
    scored = runner.invoke(app, ["score", *Q4])
    assert "8 high-risk gaps (1 by the evidence)" in " ".join(scored.stdout.split())
