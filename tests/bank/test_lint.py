"""The bank linter: the authoring rules a program can check, each a warning at FILE:LINE."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.bank.lint import lint, lint_banks
from assess.bank.load import load_bank
from assess.bank.registry import Registry
from assess.base.errors import CheckFailed
from assess.cli.app import app

ASSETS = Path(__file__).parents[1] / "assets" / "banks"


def kinds(warnings) -> set[str]:
    return {w.message.split(" ", 1)[1].split(" (")[0].split("'")[0].strip() for w in warnings}


def test_an_old_style_bank_breaks_every_rule() -> None:
    warnings = lint(load_bank(ASSETS / "minimal.yaml"))
    messages = [w.message for w in warnings]
    assert "QA-01 has no title" in messages
    assert "QA-01 names no evidence for levels 1, 2" in messages
    assert "QA-01 level 2 states no threshold" not in messages  # "all" is a threshold
    assert (
        "benefit 'dynamic' is fed by 0 outcome questions: its score only restates practices"
        in messages
    )
    assert "QA-01 weighs 'automate' without a rationale" in messages
    assert all(w.line for w in warnings)


def test_the_outcome_bank_lacks_only_rationales(edited) -> None:
    warnings = lint(load_bank(ASSETS / "outcomes.yaml"))
    assert {w.message.split(" weighs ")[1] for w in warnings} >= {"'automate' without a rationale"}
    assert all(" without a rationale" in w.message for w in warnings)


@pytest.mark.parametrize(
    ("level", "text", "expected"),
    [
        (2, "Some teams do it.", "level 2 states no threshold ('Some' alone)"),
        (2, "Teams mostly do it.", "level 2 states no threshold"),
        (2, "About a quarter of teams do it.", None),
        (2, "More than half of the services in scope.", None),
        (2, "At least 3 teams.", None),
        (2, "60 % of releases.", None),
    ],
)
def test_levels_two_and_three_state_a_threshold(
    edited, level: int, text: str, expected: str | None
) -> None:
    path = edited("banks/minimal.yaml", {32: f"    levels: {{0: none, 1: some, {level}: {text}}}"})
    found = [w.message for w in lint(load_bank(path)) if w.message.startswith("QA-01 level")]
    assert found == ([f"QA-01 {expected}"] if expected else [])


def test_citations_must_name_headings_of_the_document(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "seed.txt").write_text("# A seed document\n\nOne\nSome prose that ends here.\n")
    warnings = lint(load_bank(ASSETS / "outcomes.yaml"), sources)
    cited = {w.message for w in warnings if " cites " in w.message}
    assert cited == {
        f"{q} cites 'Two', which is no heading of seed"
        for q in ("PR-01", "PR-02", "PR-03", "OU-01", "OU-02")
    }


def test_lint_command_exits_1_with_the_warnings_and_a_count(tmp_path: Path) -> None:
    folder = tmp_path / "minimal"
    folder.mkdir()
    (folder / "1.0.0.yaml").write_bytes((ASSETS / "minimal.yaml").read_bytes())
    result = CliRunner().invoke(app, ["banks", "lint", "minimal", "--banks-dir", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("warnings in 1 bank")
    assert lines[0].startswith(f"{folder / '1.0.0.yaml'}:")
    with pytest.raises(CheckFailed):
        lint_banks(Registry.default([tmp_path]), ["minimal"])


def test_a_sources_folder_that_is_not_there_is_a_usage_error() -> None:
    from assess.base.errors import UsageError

    with pytest.raises(
        UsageError, match=r"^--sources /nonexistent: no such folder of source documents$"
    ):
        lint_banks(Registry.default(), ["healthy-questions@1.1.0"], Path("/nonexistent"))


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("healthy-questions:HQ-10", None),
        (
            "healthy-questions:HQ-99",
            (
                "QA-01 points to healthy-questions:HQ-99, but "
                "healthy-questions@1.1.1 has no question 'HQ-99'"
            ),
        ),
        (
            "no-such-bank:QA-01",
            (
                "QA-01 points to no-such-bank:QA-01, but there is no bank "
                "'no-such-bank' on the search path"
            ),
        ),
        ("minimal:QA-02", "QA-01 points to minimal:QA-02, in its own bank"),
    ],
)
def test_see_also_names_a_question_of_another_bank(
    tmp_path: Path, target: str, expected: str | None
) -> None:
    text = (ASSETS / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    roles: [security]\n", f"    roles: [security]\n    see_also: [{target}]\n", 1
    )
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    found = [
        w for w in lint(load_bank(path), registry=Registry.default()) if " points to " in w.message
    ]
    assert [w.message for w in found] == ([expected] if expected else [])
    assert all(w.line for w in found)
