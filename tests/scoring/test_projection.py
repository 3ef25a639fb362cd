"""Projected scores: what the roadmap would achieve, phase by phase."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from assess.answers.load import load_assessment
from assess.bank.registry import Registry
from assess.scoring.projection import project
from assess.scoring.results import PHASES
from assess.scoring.score import score
from assess.scoring.targets import from_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbor-mutual" / "2026-Q4"


def _scored(assessment):
    return score(assessment, from_profile(assessment.bank, assessment.profile))


@pytest.fixture(scope="module")
def example():
    assessment = load_assessment(sorted(EXAMPLE.glob("*.yaml")), Registry.default())
    return assessment, _scored(assessment)


@pytest.mark.parametrize("phase", range(len(PHASES)))
def test_a_phase_done_scores_as_if_everyone_answered_the_level_reached(example, phase) -> None:
    # The same figures by another road: raise every respondent's answer to the level each
    # step reaches, and score the files again with the real scorer.
    assessment, result = example
    # A step taken up from observed evidence starts below what people claim: their
    # answers, and so the projection, stay as they are.
    done = {
        i.question: i.from_level + 1
        for i in result.roadmap
        if PHASES.index(i.phase) <= phase and not i.unsupported
    }
    raised = tuple(
        dataclasses.replace(
            s,
            responses={
                qid: dataclasses.replace(r, level=done[qid])
                if qid in done and r.kind == "level"
                else r
                for qid, r in s.responses.items()
            },
        )
        for s in assessment.answer_sets
    )
    again = _scored(dataclasses.replace(assessment, answer_sets=raised))
    projected = project(result, assessment.bank)
    for p, rescored in zip(projected.pillars, again.pillars, strict=True):
        assert p.after[phase] == pytest.approx(rescored.score), p.id
    assert projected.overall.after[phase] == pytest.approx(again.overall.score)


def test_scores_never_fall_from_one_phase_to_the_next(example) -> None:
    assessment, result = example
    projected = project(result, assessment.bank)
    for p in (projected.overall, *projected.pillars):
        chain = [p.today, *p.after]
        assert all(
            a is not None and b is not None and a <= b + 1e-12 for a, b in itertools.pairwise(chain)
        )
    # The example's roadmap moves every pillar that has a step.
    assert projected.overall.after[-1] > projected.overall.today  # type: ignore[operator]


def test_with_no_roadmap_nothing_moves(example) -> None:
    assessment, result = example
    projected = project(dataclasses.replace(result, roadmap=()), assessment.bank)
    for p in (projected.overall, *projected.pillars):
        assert p.after == pytest.approx((p.today,) * len(PHASES)), p.id
