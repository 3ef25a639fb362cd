"""Target maturity per pillar and per benefit: from a bank profile or a targets file.

A targets file is YAML::

    schema: assess/targets/v1
    pillars: {responsible: 3, automate: 3.5, measure: 3, pragmatic: 3, align: 2.5, collaborate: 3}
    benefits: {human-centric: 3, ...}   # optional: all six, or left out

Benefit targets left out are derived from the pillar targets through the questions: a
question's target is the weighted mean of its pillars' targets, and a benefit's target
is the weighted mean of its questions' targets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from assess.bank.model import Bank, Question, Strict, Target
from assess.base.errors import InputError
from assess.base.framework import BENEFIT_IDS, PILLAR_IDS, BenefitId, PillarId
from assess.base.parse import validate_document
from assess.base.safe_yaml import DEFAULT_LIMITS, Limits, load_yaml_file
from assess.scoring.results import GroupTargets


class TargetsFile(Strict):
    """A file of targets that replaces a bank profile."""

    format: Literal["assess/targets/v1"] = Field(alias="schema")
    pillars: Mapping[PillarId, Target]
    benefits: Mapping[BenefitId, Target] | None = None


@dataclass(frozen=True, slots=True)
class Targets:
    """Targets (0–4) for all six pillars and all six benefits."""

    source: str
    pillars: Mapping[str, float]
    benefits: Mapping[str, float]

    def for_question(self, question: Question) -> float:
        """The weighted mean of the question's pillar targets (benefit targets, for an outcome)."""
        if not question.pillars:
            return _weighted((w, self.benefits[b]) for b, w in question.benefits.items())
        return _weighted((w, self.pillars[p]) for p, w in question.pillars.items())


def from_profile(bank: Bank, profile_id: str) -> Targets:
    """Targets of one of the bank's profiles (KeyError when it has no such profile)."""
    profile = bank.profiles[profile_id]
    return _complete(bank, f"profile {profile_id}", profile.pillars, profile.benefits)


def load_targets(path: Path, bank: Bank, limits: Limits = DEFAULT_LIMITS) -> Targets:
    """Read a targets file.

    Raises:
        InputError: the file is invalid or misses a pillar or (when it has any) a benefit.
    """
    model = read_targets_file(path, limits)
    return _complete(bank, str(path), model.pillars, model.benefits)


def read_targets_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> TargetsFile:
    """A targets file as written, checked; see `load_targets`."""
    doc = load_yaml_file(path, limits)
    model, problems = validate_document(TargetsFile, doc)
    if model is not None:
        for key, ids, given in (
            ("pillars", PILLAR_IDS, model.pillars),
            ("benefits", BENEFIT_IDS, model.benefits),
        ):
            missing = [i for i in ids if given is not None and i not in given]
            if missing:
                problems.append(
                    doc.problem(
                        (key,),
                        "no target for " + ", ".join(missing),
                        f"give a target from 0 to 4 for all six {key}",
                    )
                )
    if model is None or problems:
        raise InputError(problems)
    return model


def of_group(bank: Bank, group: GroupTargets) -> Targets | None:
    """A group's targets for a round of ``bank``; None when the bank lacks its profile."""
    label = group.label
    if group.profile is not None:
        if group.profile not in bank.profiles:
            return None
        found = from_profile(bank, group.profile)
        return Targets(label, found.pillars, found.benefits)
    assert group.pillars is not None  # noqa: S101 - a group has a profile or values
    return _complete(bank, label, group.pillars, group.benefits)  # type: ignore[arg-type]


def _complete(
    bank: Bank,
    source: str,
    pillars: Mapping[PillarId, float],
    benefits: Mapping[BenefitId, float] | None,
) -> Targets:
    pillar_targets: dict[str, float] = {p: float(pillars[p]) for p in PILLAR_IDS}
    if benefits is not None:
        given: dict[str, float] = {b: float(benefits[b]) for b in BENEFIT_IDS}
        return Targets(source, pillar_targets, given)
    partial = Targets(source, pillar_targets, {})
    # Through the practice questions: an outcome's own target comes from its benefits.
    derived: dict[str, float] = {
        b: _weighted(
            (q.benefits[b], partial.for_question(q))
            for q in bank.questions
            if b in q.benefits and q.pillars
        )
        for b in BENEFIT_IDS
    }
    return Targets(source, pillar_targets, derived)


def _weighted(pairs: Iterable[tuple[float, float]]) -> float:
    items = list(pairs)
    total = math.fsum(w for w, _ in items)
    return math.fsum(w * v for w, v in items) / total if total else 0.0
