"""The scoring engine: a hand-computed case, and properties that must hold for any answers."""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.answers.load import load_assessment
from assess.answers.model import AnswerSet, Assessment, Header, Response
from assess.bank.load import LoadedBank
from assess.bank.registry import Registry
from assess.base.framework import ROLES
from assess.output.machine import render_json
from assess.scoring.results import PHASES, Result
from assess.scoring.score import score
from assess.scoring.targets import from_profile

PILLARS_3 = (
    "    pillars: {responsible: 3, automate: 3, measure: 3, pragmatic: 3, align: 3, collaborate: 3}"
)


@pytest.fixture
def small(registry, tmp_path, edited):
    """Two respondents on the minimal bank, with every pillar's target at 3."""
    bank_file = registry.find("minimal@1.0.0").path
    bank_file.write_text(edited("banks/minimal.yaml", {23: PILLARS_3}).read_text())
    dev = tmp_path / "dev.yaml"
    dev.write_text(
        "schema: assess/answers/v1\nbank: minimal@1.0.0\nsubject: S\nrespondent: {role: development}\n"
        "answers: {QA-01: 2, QA-02: 1, QA-03: na}\n"
    )
    qa = tmp_path / "qa.yaml"
    qa.write_text(
        "schema: assess/answers/v1\nbank: minimal@1.0.0\nsubject: S\nrespondent: {role: qa}\n"
        "answers: {QA-01: 0, QA-02: unknown, QA-03: na}\n"
    )
    assessment = load_assessment([dev, qa], registry)
    return score(assessment, from_profile(assessment.bank, "balanced"))


def test_hand_computed_questions(small: Result) -> None:
    q1, q2, q3 = small.questions
    assert (q1.mean_level, q1.value, q1.spread, q1.divergent) == (1.0, 0.5, 2, True)
    assert (q2.value, q2.unknown, q2.unknown_roles) == (0.5, 1, ("qa",))
    assert (q3.applicable, q3.value, q3.na) == (False, None, 2)
    assert (q1.target, q1.gap, q1.risk) == (3.0, 1.0, "medium")


def test_hand_computed_pillars(small: Result) -> None:
    responsible = small.pillar("responsible")
    assert responsible.score == 2.0  # 4 × (0.5 + 0.5) / 2; QA-03 is not applicable
    assert responsible.coverage == 1.0
    assert responsible.gap == 1.0
    assert dict(responsible.by_role) == {"development": 3.0, "qa": 0.0}
    assert small.overall.score == 2.0
    gap = small.perception_gaps[0]
    assert (gap.high_role, gap.low_role, gap.gap) == ("development", "qa", 3.0)


def test_hand_computed_roadmap(small: Result) -> None:
    first, second = small.roadmap
    # QA-01: gap 1 × (1 + six pillars × weight 1 × gap 1) / effort S (1) = 7
    assert (first.question, first.phase, first.priority, first.from_level) == (
        "QA-01",
        "now",
        7.0,
        1,
    )
    assert first.next_step == "spread"
    # QA-02 (effort M, cost 2) requires QA-01, which comes first.
    assert (second.question, second.phase, second.priority, second.requires) == (
        "QA-02",
        "next",
        3.5,
        ("QA-01",),
    )


# ---------------------------------------------------------------- properties

BANK = Registry.default().load("healthy-questions@1.0.0")
IDS = [q.id for q in BANK.bank.questions]
answer_values = st.one_of(st.integers(0, 4), st.sampled_from(["na", "unknown"]), st.none())
respondent = st.tuples(
    st.sampled_from(ROLES), st.lists(answer_values, min_size=len(IDS), max_size=len(IDS))
)


def make(
    respondents: Sequence[tuple[str, Sequence[int | str | None]]], bank: LoadedBank = BANK
) -> Assessment:
    sets = []
    for i, (role, values) in enumerate(respondents):
        responses = {}
        for qid, value in zip(IDS, values, strict=True):
            if isinstance(value, int):
                responses[qid] = Response("level", value)
            elif value is not None:
                responses[qid] = Response(value)  # type: ignore[arg-type]
        sets.append(
            AnswerSet(
                f"r{i}.yaml",
                bank.bank.ref,
                Header("S", None, f"r{i}", role),  # type: ignore[arg-type]
                responses,
                {},
            )
        )
    return Assessment(bank.bank, bank.digest, "S", None, "balanced", tuple(sets))


def run(respondents) -> Result:
    return score(make(respondents), from_profile(BANK.bank, "balanced"))


def dims(result: Result):
    return [(d.id, d.score) for d in (*result.pillars, *result.benefits)]


@settings(max_examples=60, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=6))
def test_scores_stay_in_range(respondents) -> None:
    result = run(respondents)
    for d in (*result.pillars, *result.benefits):
        assert d.score is None or 0 <= d.score <= 4
        assert 0 <= d.coverage <= 1
    assert result.overall.score is None or 0 <= result.overall.score <= 4


@settings(max_examples=60, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=5), st.data())
def test_raising_one_answer_never_lowers_a_score(respondents, data) -> None:
    raisable = [
        (i, j)
        for i, (_, values) in enumerate(respondents)
        for j, v in enumerate(values)
        if isinstance(v, int) and v < 4
    ]
    if not raisable:
        return
    i, j = data.draw(st.sampled_from(raisable))
    raised = [(role, list(values)) for role, values in respondents]
    raised[i][1][j] += 1
    for (_, before), (_, after) in zip(dims(run(respondents)), dims(run(raised)), strict=True):
        assert before is not None and after is not None or before == after
        if before is not None and after is not None:
            assert after >= before - 1e-12


@settings(max_examples=40, deadline=None)
@given(st.lists(respondent, min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_respondent_order_does_not_matter(respondents, rnd: random.Random) -> None:
    a = make(respondents)
    b = dataclasses.replace(a, answer_sets=tuple(rnd.sample(a.answer_sets, len(a.answer_sets))))
    targets = from_profile(BANK.bank, "balanced")
    assert render_json(score(a, targets)) == render_json(score(b, targets))


@settings(max_examples=60, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=5), st.data())
def test_adding_na_or_unknown_changes_no_score(respondents, data) -> None:
    blanks = [
        (i, j)
        for i, (_, values) in enumerate(respondents)
        for j, v in enumerate(values)
        if v is None
    ]
    if not blanks:
        return
    i, j = data.draw(st.sampled_from(blanks))
    mark = data.draw(st.sampled_from(["na", "unknown"]))
    marked = [(role, list(values)) for role, values in respondents]
    marked[i][1][j] = mark
    for (_, before), (_, after) in zip(dims(run(respondents)), dims(run(marked)), strict=True):
        assert before == after or math.isclose(before, after, abs_tol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=5))
def test_no_roadmap_item_before_its_prerequisite(respondents) -> None:
    roadmap = run(respondents).roadmap
    position = {item.question: i for i, item in enumerate(roadmap)}
    for i, item in enumerate(roadmap):
        for pre in item.requires:
            assert position[pre] < i
            assert PHASES.index(roadmap[position[pre]].phase) <= PHASES.index(item.phase)


def test_roadmap_prerequisites_follow_chains() -> None:
    # HQ-08 requires HQ-11; a low HQ-11 must come no later than a low HQ-08.
    values = [0] * len(IDS)
    result = run([("security", values)])
    order = [item.question for item in result.roadmap]
    assert order.index("HQ-11") < order.index("HQ-08")


def test_overall_target_averages_the_same_pillars_as_the_score(scored) -> None:
    result = scored(security="QA-01: 2, QA-02: na, QA-03: na")
    assert result.overall.score == 4.0
    assert result.overall.target == 3.0  # all six pillars scored, targets 3


def test_overall_coverage_is_weighted_like_pillar_coverage(scored) -> None:
    result = scored(security="QA-01: 2, QA-02: unknown")  # QA-03 unanswered
    # Equal pillar weights: one of three applicable questions has a value.
    assert result.overall.coverage == pytest.approx(1 / 3)
    assert result.overall.coverage == pytest.approx(result.pillars[0].coverage)


def test_divergence_is_half_the_scale_whatever_its_length(scored) -> None:
    # A 0–2 scale: a spread of 1 level is half of it, so divergent.
    result = scored(security="QA-01: 2", development="QA-01: 1")
    assert result.question("QA-01").spread == 1
    assert result.question("QA-01").divergent
