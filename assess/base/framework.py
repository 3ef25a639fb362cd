"""The Reflexive Security framework: six RAMPAC pillars and six HEARTY benefits.

Fixed in code: banks refer to pillars and benefits by id, and every score is reported
against these twelve ids, in this order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

PillarId = Literal["responsible", "automate", "measure", "pragmatic", "align", "collaborate"]
BenefitId = Literal["human-centric", "elastic", "apt-holistic", "resilient", "tailored", "dynamic"]
Role = Literal[
    "leadership", "security", "development", "operations", "qa", "product", "compliance", "other"
]

PILLAR_IDS: tuple[PillarId, ...] = get_args(PillarId)
BENEFIT_IDS: tuple[BenefitId, ...] = get_args(BenefitId)
ROLES: tuple[Role, ...] = get_args(Role)


def role_name(role: str) -> str:
    """A role as people write it: 'QA', 'Development'."""
    return "QA" if role == "qa" else role.capitalize()


@dataclass(frozen=True, slots=True)
class Pillar:
    """A RAMPAC pillar: what the organisation does."""

    id: PillarId
    name: str
    short: str
    alias_2020: str
    description: str


@dataclass(frozen=True, slots=True)
class Benefit:
    """A HEARTY benefit: what the organisation gains when the pillars hold."""

    id: BenefitId
    name: str
    description: str


PILLARS: tuple[Pillar, ...] = (
    Pillar(
        "responsible",
        "Responsible collectively",
        "Resp.",
        "Collective Responsibility",
        "Everyone owns a share of security; the security team guides rather than guards.",
    ),
    Pillar(
        "automate",
        "Automate",
        "Auto.",
        "Automation",
        "Repeated security work runs as code in the delivery pipeline, not by hand.",
    ),
    Pillar(
        "measure",
        "Measure and improve",
        "Meas.",
        "Measure, Monitor, Report and Action",
        "Security outcomes are measured, reported and acted on, so they can improve.",
    ),
    Pillar(
        "pragmatic",
        "Pragmatic",
        "Prag.",
        "Pragmatic Implementation",
        "Controls are chosen for the value they return against real risk, not by habit.",
    ),
    Pillar(
        "align",
        "Align and bridge",
        "Align",
        "Bridging Compliance and Development",
        "Regulatory, contractual and product requirements meet in one core set teams can act on.",
    ),
    Pillar(
        "collaborate",
        "Collaborate and integrate",
        "Collab.",
        "Training and Process Integration",
        "Security knowledge is built into every team and process through training and partnership.",
    ),
)

BENEFITS: tuple[Benefit, ...] = (
    Benefit(
        "human-centric",
        "Human-centric",
        "Security is part of how every person works, not a separate department's duty.",
    ),
    Benefit(
        "elastic",
        "Elastic",
        "The practice scales up or down with risk and can grow into a formal ISMS without waste.",
    ),
    Benefit(
        "apt-holistic",
        "Apt and holistic",
        "Effort follows the business's real risks, from goals down to processes and people.",
    ),
    Benefit(
        "resilient",
        "Resilient",
        "Security survives the loss of any one team because it is embedded everywhere.",
    ),
    Benefit(
        "tailored",
        "Tailored",
        "The strongest protection goes to the most critical or exposed processes.",
    ),
    Benefit(
        "dynamic",
        "Dynamic",
        "Teams close to the work detect and respond to threats quickly.",
    ),
)

_PILLARS_BY_ID: dict[str, Pillar] = {p.id: p for p in PILLARS}
_BENEFITS_BY_ID: dict[str, Benefit] = {b.id: b for b in BENEFITS}


def pillar(pillar_id: str) -> Pillar:
    """Return the pillar with this id (KeyError for an unknown id)."""
    return _PILLARS_BY_ID[pillar_id]


def benefit(benefit_id: str) -> Benefit:
    """Return the benefit with this id (KeyError for an unknown id)."""
    return _BENEFITS_BY_ID[benefit_id]


def dimension(dim_id: str) -> Pillar | Benefit:
    """Return the pillar or the benefit with this id (KeyError for an unknown id)."""
    return _PILLARS_BY_ID.get(dim_id) or _BENEFITS_BY_ID[dim_id]
