"""Terminal output for people: what the end of an interview prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.bank.registry import Registry
from assess.output.terminal import print_pillar_summary, print_unanswered
from assess.scoring.files import score_files


def test_a_score_from_few_answers_is_flagged_low_confidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "a.yaml"
    unknowns = ", ".join(f"HQ-{n:02d}: unknown" for n in range(2, 12))
    file.write_text(
        "schema: assess/answers/v1\nbank: healthy-questions@1.0.0\nsubject: S\n"
        f"respondent: {{role: qa}}\nanswers: {{HQ-01: 2, {unknowns}}}\n"
    )
    print_pillar_summary(score_files([file], Registry.default()).result)
    out = capsys.readouterr().out
    assert "low confidence" in out
    assert "Low confidence: only " in out
    assert "so this figure rests on a few answers." in " ".join(out.split())


def test_unanswered_questions_are_listed_as_text(capsys: pytest.CaptureFixture[str]) -> None:

    bank = Registry.default().load("healthy-questions@1.0.0").bank
    hostile = bank.questions[0].model_copy(update={"title": "Evil \x1b]0;pwned\x07"})
    print_unanswered([hostile, bank.questions[1]])
    out = capsys.readouterr().out
    assert "Still unanswered (2):" in out
    assert "\x1b" not in out
    assert "Evil \\x1b]0;pwned\\x07" in out


def test_a_wrapped_name_stays_under_its_first_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    bank = Registry.default().load("healthy-questions@1.0.0").bank
    long = bank.questions[0].model_copy(update={"title": "A name long enough to wrap twice here"})
    print_unanswered([long])
    lines = capsys.readouterr().out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(f"  {long.id} "))
    indent = len(f"  {long.id} ")
    assert lines[first + 1].startswith(" " * indent)
    assert lines[first + 1][indent] != " "
