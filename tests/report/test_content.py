"""What the report says, before any template: grouping and ordering of its content."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from assess.answers.load import load_assessment
from assess.bank.registry import Registry
from assess.report.content import AnswerGroup, AppendixAnswer, build_report
from assess.scoring.score import score
from assess.scoring.targets import from_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbor-mutual" / "2026-Q4"


def example_appendix():
    assessment = load_assessment(sorted(EXAMPLE.glob("*.yaml")), Registry.default())
    result = score(assessment, from_profile(assessment.bank, assessment.profile))
    return build_report(result, assessment.bank, assessment.answer_sets, []).appendix


def test_appendix_groups_answers_highest_level_first() -> None:
    first = example_appendix()[0]
    assert first.practice.id == "RC-01"
    assert first.groups == (
        AnswerGroup("4", ("Morgan Reyes (leadership)",)),
        AnswerGroup(
            "3",
            (
                "Priya Natarajan (security)",
                "Aiko Sato (development)",
                "Tomás Ferreira (development)",
                "Grace Okafor (operations)",
                "Lena Vogel (qa)",
            ),
        ),
        AnswerGroup("don't know", ("Sam Whitfield (product)",)),
    )


def test_appendix_groups_put_dont_know_then_na_after_every_level() -> None:
    question = example_appendix()[0]
    given = ["n/a", "don't know", "0", "n/a", "4", "10"]
    answers = tuple(
        AppendixAnswer(f"P{i}", "qa", answer, None, ()) for i, answer in enumerate(given)
    )
    grouped = dataclasses.replace(question, answers=answers).groups
    assert [(g.answer, g.people) for g in grouped] == [
        ("10", ("P5 (qa)",)),
        ("4", ("P4 (qa)",)),
        ("0", ("P2 (qa)",)),
        ("don't know", ("P1 (qa)",)),
        ("n/a", ("P0 (qa)", "P3 (qa)")),
    ]


def test_every_answer_lands_in_exactly_one_group() -> None:
    for question in example_appendix():
        grouped = [p for g in question.groups for p in g.people]
        assert sorted(grouped) == sorted(f"{a.respondent} ({a.role})" for a in question.answers)
