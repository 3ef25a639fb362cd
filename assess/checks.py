"""Pipeline gates: conditions on a `Result` that must hold for `assess check` to pass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assess.framework import pillar
from assess.results import Result


@dataclass(frozen=True, slots=True)
class Gate:
    """What `assess check` requires; a None or empty field is not checked."""

    fail_under: float | None = None
    pillar_minimums: Mapping[str, float] = field(default_factory=dict)
    max_high_risks: int | None = None


def failures(result: Result, gate: Gate) -> list[str]:
    """Every condition of ``gate`` that ``result`` does not meet, as a sentence each."""
    out: list[str] = []
    overall = result.overall.score
    if gate.fail_under is not None and (overall is None or overall < gate.fail_under):
        shown = "no score" if overall is None else f"{overall:.2f}"
        out.append(f"overall maturity {shown} is below {gate.fail_under:g}")
    for pillar_id, minimum in gate.pillar_minimums.items():
        score = result.pillar(pillar_id).score
        if score is None or score < minimum:
            shown = "no score" if score is None else f"{score:.2f}"
            out.append(f"pillar {pillar(pillar_id).name!r} {shown} is below {minimum:g}")
    if gate.max_high_risks is not None:
        high = [q.id for q in result.questions if q.risk == "high"]
        if len(high) > gate.max_high_risks:
            out.append(
                f"{len(high)} high-risk questions exceed the maximum of {gate.max_high_risks}: "
                + ", ".join(high)
            )
    return out
