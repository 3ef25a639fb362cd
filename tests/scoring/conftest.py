"""Scoring fixtures: answer files on the minimal bank, with every pillar's target at 3."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assess.scoring.files import score_files
from assess.scoring.results import Result

PILLARS_3 = (
    "    pillars: {responsible: 3, automate: 3, measure: 3, pragmatic: 3, align: 3, collaborate: 3}"
)


@pytest.fixture
def scored(registry, tmp_path: Path, edited) -> Callable[..., Result]:
    """Score respondents given as ``role=answers`` mappings against targets of 3."""
    bank_file = registry.find("minimal@1.0.0").path
    bank_file.write_text(edited("banks/minimal.yaml", {23: PILLARS_3}).read_text())

    def run(**answers: str) -> Result:
        files = []
        for role, given in answers.items():
            file = tmp_path / f"{role}.yaml"
            file.write_text(
                "schema: assess/answers/v1\nbank: minimal@1.0.0\nsubject: S\n"
                f"respondent: {{role: {role}}}\nanswers: {{{given}}}\n"
            )
            files.append(file)
        return score_files(files, registry).result

    return run
