"""Pipeline gates: conditions on a `Result` that must hold for `assess check` to pass."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assess.base.errors import CheckFailed, UsageError
from assess.base.framework import PILLAR_IDS, pillar
from assess.base.parse import choice_hint
from assess.scoring.results import Result


@dataclass(frozen=True, slots=True)
class Gate:
    """What `assess check` requires; a None or empty field is not checked."""

    fail_under: float | None = None
    pillar_minimums: Mapping[str, float] = field(default_factory=dict)
    max_high_risks: int | None = None

    @classmethod
    def parse(
        cls, fail_under: float | None, pillar_specs: Sequence[str], max_high_risks: int | None
    ) -> Gate:
        """The gate of `assess check`'s options; ``pillar_specs`` are ``PILLAR=SCORE``.

        Raises:
            UsageError: nothing to check, or a pillar condition is malformed.
        """
        if fail_under is not None and not 0 <= fail_under <= 4:  # also refuses nan
            raise UsageError(f"--fail-under {fail_under}: expected a score from 0 to 4")
        if max_high_risks is not None and max_high_risks < 0:
            raise UsageError(f"--max-high-risks {max_high_risks}: expected 0 or more")
        minimums: dict[str, float] = {}
        for spec in pillar_specs:
            name, sep, value = spec.partition("=")
            try:
                number = float(value)
            except ValueError:
                number = -1.0
            if not sep or not 0 <= number <= 4:
                raise UsageError(
                    f"--pillar {spec!r}: expected PILLAR=SCORE with a score from 0 to 4, "
                    "like automate=2.5"
                )
            if name in minimums:
                raise UsageError(f"--pillar {name} is given twice: give each pillar once")
            if name not in PILLAR_IDS:
                hint = choice_hint(name, PILLAR_IDS)
                raise UsageError(f"unknown pillar {name!r} ({hint})")
            minimums[name] = number
        if fail_under is None and not minimums and max_high_risks is None:
            raise UsageError(
                "nothing to check: give --fail-under, --pillar P=X or --max-high-risks"
            )
        return cls(fail_under, minimums, max_high_risks)


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


def enforce(result: Result, gate: Gate) -> None:
    """Pass silently when ``result`` meets ``gate``.

    Raises:
        CheckFailed: listing, a line each, every condition that fails.
    """
    failed = failures(result, gate)
    if failed:
        raise CheckFailed("\n".join(f"failed: {line}" for line in failed))
