"""The roadmap: priority, phases, prerequisites first, the next step from the current level."""

from __future__ import annotations

import pytest

from assess.scoring.roadmap import EFFORT_COST


def test_every_gap_gives_one_step_from_the_current_level(scored) -> None:
    result = scored(security="QA-01: 0, QA-02: 1, QA-03: 2")
    items = {i.question: i for i in result.roadmap}
    # QA-03 is at the top (2 of 2 = 4.0): no gap, no step.
    assert set(items) == {"QA-01", "QA-02"}
    assert (items["QA-01"].from_level, items["QA-01"].next_step) == (0, "start")
    assert items["QA-02"].from_level == 1


def test_priority_is_gap_times_pull_over_effort(scored) -> None:
    result = scored(security="QA-01: 0, QA-02: 0, QA-03: 0")
    pillar_gap = 3.0  # every pillar scores 0 against 3
    pull = 6 * 1 * pillar_gap  # six pillars, weight 1 each
    for item in result.roadmap:
        effort = {"QA-01": "S", "QA-02": "M", "QA-03": "L"}[item.question]
        assert item.priority == pytest.approx(3.0 * (1 + pull) / EFFORT_COST[effort])


def test_a_prerequisite_comes_first_and_never_later_than_what_needs_it(scored) -> None:
    # QA-02 requires QA-01; ranked alone, QA-01 (lower gap) would come after QA-02.
    result = scored(security="QA-01: 1, QA-02: 0, QA-03: 2")
    order = [i.question for i in result.roadmap]
    assert order.index("QA-01") < order.index("QA-02")
    phase = {i.question: i.phase for i in result.roadmap}
    phases = ["now", "next", "later"]
    assert phases.index(phase["QA-01"]) <= phases.index(phase["QA-02"])
    assert next(i for i in result.roadmap if i.question == "QA-02").requires == ("QA-01",)


def test_no_gap_no_roadmap(scored) -> None:
    assert scored(security="QA-01: 2, QA-02: 2, QA-03: 2").roadmap == ()
