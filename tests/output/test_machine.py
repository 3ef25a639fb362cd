"""Output formats: golden JSON and Markdown for the bundled example, CSV, determinism."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assess.answers.load import load_assessment
from assess.bank.registry import Registry
from assess.output.machine import RESULT_SCHEMA, render_csv, render_json, summary_markdown
from assess.scoring.results import Result
from assess.scoring.score import score
from assess.scoring.targets import from_profile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbor-mutual" / "2026-Q4"


@pytest.fixture(scope="module")
def example() -> Result:
    assessment = load_assessment(sorted(EXAMPLE.glob("*.yaml")), Registry.default())
    return score(assessment, from_profile(assessment.bank, assessment.profile))


def test_golden_json(example: Result, golden) -> None:
    golden("harbor-mutual-2026-Q4.json", render_json(example))


def test_golden_markdown(example: Result, golden) -> None:
    golden("harbor-mutual-2026-Q4.md", summary_markdown(example))


def test_json_shape(example: Result) -> None:
    doc = json.loads(render_json(example))
    assert doc["schema"] == RESULT_SCHEMA
    assert [p["id"] for p in doc["pillars"]] == [
        "responsible",
        "automate",
        "measure",
        "pragmatic",
        "align",
        "collaborate",
    ]
    assert doc["respondents"]["count"] == 7
    assert {item["phase"] for item in doc["roadmap"]} == {"now", "next", "later"}


def test_csv_rows(example: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(example))))
    kinds = [row["kind"] for row in rows]
    assert kinds.count("pillar") == 6
    assert kinds.count("benefit") == 6
    assert kinds.count("question") == len(example.questions)


def test_markdown_escapes_table_breakers(example: Result) -> None:
    import dataclasses

    odd = dataclasses.replace(example, subject="A | B\nC")
    assert "# DevSecOps maturity: A \\| B C" in summary_markdown(odd)
