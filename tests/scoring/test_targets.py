"""Targets from a profile or a file; derived benefit targets; a file's refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.base.errors import InputError
from assess.scoring.targets import from_profile, load_targets


@pytest.fixture
def bank(registry):
    return registry.load("minimal@1.0.0").bank


def test_profile_targets_and_benefits_derived_through_the_questions(bank) -> None:
    targets = from_profile(bank, "balanced")
    assert targets.pillars == dict.fromkeys(targets.pillars, 1.0)
    # Each question's target is the weighted mean of its pillars' targets (all 1).
    assert targets.benefits == dict.fromkeys(targets.benefits, 1.0)
    assert targets.source == "profile balanced"


def test_a_targets_file_replaces_the_profile(bank, tmp_path: Path) -> None:
    file = tmp_path / "t.yaml"
    file.write_text(
        "schema: assess/targets/v1\n"
        "pillars: {responsible: 3, automate: 2, measure: 1, pragmatic: 3, align: 2, collaborate: 1}\n"
    )
    targets = load_targets(file, bank)
    assert targets.pillars["automate"] == 2.0
    # Every question feeds all six pillars with weight 1: the mean, 2.0.
    assert targets.for_question(bank.questions[0]) == pytest.approx(2.0)
    assert list(targets.benefits.values()) == pytest.approx([2.0] * 6)


def test_a_targets_file_must_name_every_pillar(bank, tmp_path: Path) -> None:
    file = tmp_path / "t.yaml"
    file.write_text("schema: assess/targets/v1\npillars: {responsible: 3}\n")
    with pytest.raises(InputError) as raised:
        load_targets(file, bank)
    expected = (
        f"{file}:2: pillars: no target for automate, measure, pragmatic, align, collaborate "
        "(give a target from 0 to 4 for all six pillars)"
    )
    assert [str(p) for p in raised.value.problems] == [expected]
