"""Benefits measured by outcomes as well as practices, conditional questions, and the
simulation that shows how far the pillars alone explain a benefit."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest

from assess.answers.model import AnswerSet, Assessment, Header, Response
from assess.bank.model import Bank
from assess.bank.registry import Registry
from assess.base.framework import BENEFIT_IDS
from assess.scoring.results import Result
from assess.scoring.score import score
from assess.scoring.targets import from_profile

ASSETS = Path(__file__).parents[1] / "assets"


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    folder = tmp_path_factory.mktemp("banks")
    (folder / "outcomes").mkdir()
    (folder / "outcomes" / "1.0.0.yaml").write_bytes(
        (ASSETS / "banks" / "outcomes.yaml").read_bytes()
    )
    return Registry.default([folder]).load("outcomes@1.0.0").bank


def scored(bank: Bank, *answers: dict[str, int | str]) -> Result:
    sets = tuple(
        AnswerSet(
            f"r{i}.yaml",
            bank.ref,
            Header("S", None, f"r{i}", "security"),
            {
                q: Response("level", v) if isinstance(v, int) else Response(v)  # type: ignore[arg-type]
                for q, v in given.items()
            },
            {},
        )
        for i, given in enumerate(answers)
    )
    assessment = Assessment(bank, "", "S", None, "balanced", sets)
    return score(assessment, from_profile(bank, "balanced"))


def test_a_benefit_reports_practices_outcomes_and_the_claim_gap(bank: Bank) -> None:
    result = scored(bank, {"PR-01": 2, "PR-02": 0, "PR-03": 2, "OU-01": 0, "OU-02": 1})
    b = result.benefit("dynamic")
    assert b.practice == pytest.approx(4 * (2 + 0 + 2) / 3 / 2)  # 2.667
    assert b.outcome == pytest.approx(4 * (0 + 1) / 2 / 2)  # 1.0
    assert b.score == pytest.approx((b.practice + b.outcome) / 2)
    assert b.claim_gap == pytest.approx(b.practice - b.outcome)
    assert math.fsum(c.points for c in b.contributions) == pytest.approx(b.score)
    # Pillars see the practices alone.
    assert result.pillar("automate").score == pytest.approx(b.practice)
    assert result.pillar("automate").claim_gap is None


def test_outcomes_alone_or_practices_alone(bank: Bank) -> None:
    only_outcomes = scored(bank, {"OU-01": 2, "OU-02": 2}).benefit("elastic")
    assert (only_outcomes.practice, only_outcomes.outcome, only_outcomes.score) == (None, 4.0, 4.0)
    only_practices = scored(bank, {"PR-01": 1}).benefit("elastic")
    assert (only_practices.outcome, only_practices.score) == (None, 2.0)


def test_outcomes_are_not_roadmap_steps(bank: Bank) -> None:
    result = scored(bank, {"PR-01": 0, "PR-02": 0, "PR-03": 0, "OU-01": 0, "OU-02": 0})
    assert {i.question for i in result.roadmap} == {"PR-01", "PR-02"}  # PR-03: not applicable
    assert result.question("OU-01").gap  # the gap is still shown


@pytest.mark.parametrize(
    ("decider", "applies"),
    [(0, False), ("na", False), (1, True), (2, True), ("unknown", True), (None, True)],
)
def test_a_conditional_question_counts_only_when_its_condition_holds(
    bank: Bank, decider: int | str | None, applies: bool
) -> None:
    answers: dict[str, int | str] = {"PR-02": 2, "PR-03": 2}
    if decider is not None:
        answers["PR-01"] = decider
    q = scored(bank, answers).question("PR-03")
    assert q.applicable is applies
    assert (q.na, q.value) == ((0, 1.0) if applies else (1, None))


def explained_share(bank: Bank, rounds: int = 400, seed: int = 11) -> dict[str, float]:
    """R² of each benefit on the six pillar scores, over rounds of independent random answers."""
    rng = random.Random(seed)  # noqa: S311 - a simulation, not a secret
    benefits: dict[str, list[float]] = {b: [] for b in BENEFIT_IDS}
    pillars: list[list[float]] = []
    for _ in range(rounds):
        answers: dict[str, int | str] = {
            q.id: rng.choice(bank.scales[q.scale].values) for q in bank.questions
        }
        result = scored(bank, answers)
        pillars.append([p.score if p.score is not None else 0.0 for p in result.pillars])
        for b in result.benefits:
            benefits[b.id].append(b.score if b.score is not None else 0.0)
    x = np.column_stack([np.ones(rounds), np.array(pillars)])
    shares = {}
    for b, values in benefits.items():
        y = np.array(values)
        fitted = x @ np.linalg.lstsq(x, y, rcond=None)[0]
        shares[b] = 1 - float(np.sum((y - fitted) ** 2) / np.sum((y - y.mean()) ** 2))
    return shares


def test_with_outcomes_the_pillars_explain_at_most_half_of_a_benefit(bank: Bank) -> None:
    shares = explained_share(bank)
    assert max(shares.values()) <= 0.5, shares


def test_without_outcomes_the_pillars_explain_most_of_a_benefit() -> None:
    # The defect the content review measured in the 1.0.0 banks: benefits restate pillars.
    shares = explained_share(Registry.default().load("rampac-core@1.0.0").bank, rounds=200)
    assert max(shares.values()) > 0.5, shares


@pytest.mark.parametrize(
    "ref", ["healthy-questions@1.1.1", "rampac-core@2.0.0", "collective-responsibility@2.0.0"]
)
def test_the_content_2_banks_measure_their_benefits(ref: str) -> None:
    """With independent random answers, the six pillar scores explain at most half of any
    benefit's variance: the outcome questions measure something the practices do not."""
    shares = explained_share(Registry.default().load(ref).bank, rounds=300)
    assert max(shares.values()) <= 0.5, shares


@pytest.mark.parametrize(
    ("score", "target", "risk"),
    [(2.96, 3.0, "low"), (2.06, 3.0, "low"), (0.65, 3.04, "high"), (1.16, 3.14, "medium"),
     (2.04, 3.0, "medium"), (1.0, 3.0, "high"), (3.2, 3.0, "none"), (None, 3.0, "none")],
)  # fmt: skip
def test_the_risk_label_agrees_with_the_gap_printed(
    score: float | None, target: float, risk: str
) -> None:
    """Tables print score and target to one decimal: the label follows their difference
    (0.65 against 3.04 prints as 0.7 against 3.0, a gap of 2.3: high)."""
    from assess.scoring.score import _risk

    assert _risk(score, target) == risk
    if score is not None and score < target:
        printed = float(f"{target:.1f}") - float(f"{score:.1f}")
        expected = "high" if printed >= 1.95 else "medium" if printed >= 0.95 else "low"
        assert risk == expected
