"""Pipeline gates: parsing `assess check` conditions, and which fail."""

from __future__ import annotations

import pytest

from assess.base.errors import CheckFailed, UsageError
from assess.scoring.gates import Gate, enforce, failures


def test_conditions_that_fail_are_each_named(scored) -> None:
    result = scored(security="QA-01: 1, QA-02: 1, QA-03: 1")  # 2.0 everywhere, targets 3
    gate = Gate.parse(2.5, ["automate=1.5", "measure=2.5"], 0)
    assert failures(result, gate) == [
        "overall maturity 2.00 is below 2.5",
        "pillar 'Measure and improve' 2.00 is below 2.5",
    ]
    with pytest.raises(CheckFailed, match="^failed: overall maturity 2.00 is below 2.5\nfailed: "):
        enforce(result, gate)


def test_high_risks_over_the_maximum(scored) -> None:
    result = scored(security="QA-01: 0, QA-02: 0, QA-03: 2")  # gaps 3, 3, 0
    assert failures(result, Gate(max_high_risks=1)) == [
        "2 high-risk questions exceed the maximum of 1: QA-01, QA-02"
    ]
    enforce(result, Gate(max_high_risks=2))


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["automate"], "--pillar 'automate': expected PILLAR=SCORE with a score from 0 to 4, like automate=2.5"),
        (["automate=5"], "--pillar 'automate=5': expected PILLAR=SCORE with a score from 0 to 4, like automate=2.5"),
        (["automat=2"], "unknown pillar 'automat' (did you mean 'automate'?)"),
        ([], "nothing to check: give --fail-under, --pillar P=X or --max-high-risks"),
    ],
)  # fmt: skip
def test_bad_conditions(specs: list[str], message: str) -> None:
    with pytest.raises(UsageError) as raised:
        Gate.parse(None, specs, None)
    assert str(raised.value) == message


@pytest.mark.parametrize("fail_under", [float("nan"), float("inf"), -1.0, 9.0, 4.01])
def test_a_limit_off_the_scale_is_refused(fail_under: float) -> None:
    with pytest.raises(UsageError, match=r"^--fail-under .*: expected a score from 0 to 4$"):
        Gate.parse(fail_under, [], None)


@pytest.mark.parametrize("spec", ["automate=nan", "automate=inf", "automate=-0.5", "automate=4.5"])
def test_a_pillar_limit_off_the_scale_is_refused(spec: str) -> None:
    with pytest.raises(UsageError, match="expected PILLAR=SCORE with a score from 0 to 4"):
        Gate.parse(None, [spec], None)


def test_a_negative_maximum_is_refused() -> None:
    with pytest.raises(UsageError, match=r"^--max-high-risks -5: expected 0 or more$"):
        Gate.parse(None, [], -5)
