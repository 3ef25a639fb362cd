"""Generate a portfolio history: fictional teams in groups, several rounds each, recorded.

Every round is scored by assess's own scorer from generated answers (three to five
respondents in different roles, each answering every question around the team's level,
with some "don't know"), so the question distributions, roadmaps and gaps are real.
The same arguments always give the same history.

    python examples/portfolio/generate.py --db portfolio.db            # Harbor Mutual's teams
    python examples/portfolio/generate.py --db big.db --subjects 500 --groups 25 --rounds 8
"""

from __future__ import annotations

import argparse
import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from assess.answers.model import AnswerSet, Assessment, Header, Response
from assess.bank.model import Bank
from assess.bank.registry import Registry
from assess.base.framework import PILLAR_IDS, Role
from assess.history.snapshot import Snapshot
from assess.history.store import HistoryStore
from assess.scoring.score import score
from assess.scoring.targets import from_profile

# Harbor Mutual's divisions and teams, for the bundled example.
EXAMPLE_GROUPS = {
    "Harbor Mutual/Claims": ["Claims platform", "Claims intake", "Fraud analytics"],
    "Harbor Mutual/Payments": ["Payments gateway", "Billing", "Payouts"],
    "Harbor Mutual/Digital": ["Customer portal", "Mobile app", "Broker API", "Data platform"],
}
# A few teams behave differently, so the example shows every part of the portfolio.
EXAMPLE_PACE = {"Payouts": -0.2, "Fraud analytics": -0.15, "Billing": 0.3}
EXAMPLE_STALE = {"Mobile app"}
"""Teams whose last two rounds did not happen: their last round is over a year old."""
ROLES: tuple[Role, ...] = ("security", "development", "operations", "qa", "product", "leadership")


@dataclass(frozen=True, slots=True)
class Team:
    """A generated subject: where it sits, and how mature it is per pillar."""

    subject: str
    group: str
    level: dict[str, float]
    pace: float
    """Levels gained per round (negative: losing ground)."""


def teams(subjects: int, groups: int, rng: random.Random) -> list[Team]:
    """The bundled example's teams, or ``subjects`` numbered teams in ``groups`` groups."""
    if subjects == 0:
        named = [(s, g) for g, names in EXAMPLE_GROUPS.items() for s in names]
    else:
        named = [
            (f"Team {i + 1:04d}", f"Division {i % groups + 1:02d}/Unit {i % (groups * 3) + 1:02d}")
            for i in range(subjects)
        ]
    out = []
    for subject, group in named:
        base = rng.uniform(1.1, 3.4)
        out.append(
            Team(
                subject,
                group,
                {p: max(0.0, min(4.0, base + rng.uniform(-0.7, 0.7))) for p in PILLAR_IDS},
                EXAMPLE_PACE.get(subject, rng.choice([0.25, 0.2, 0.15, 0.1, 0.05, 0.0, -0.1])),
            )
        )
    return out


def rounds(count: int, last: datetime.date) -> list[tuple[str, datetime.date]]:
    """``count`` half-yearly rounds ending at ``last``: (period, date), oldest first."""
    out = []
    year, half = last.year, 2 if last.month > 6 else 1
    for _ in range(count):
        out.append((f"{year}-H{half}", datetime.date(year, 5 if half == 1 else 11, 20)))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return out[::-1]


def answers(bank: Bank, team: Team, drift: float, rng: random.Random) -> Iterator[AnswerSet]:
    """Three to five respondents' answers to every question, around the team's level."""
    for index, role in enumerate(rng.sample(ROLES, rng.randint(3, 5))):
        responses: dict[str, Response] = {}
        for q in bank.questions:
            pillar = max(q.pillars, key=q.pillars.__getitem__) if q.pillars else PILLAR_IDS[0]
            if role not in q.roles and rng.random() < 0.35:
                responses[q.id] = Response("unknown")
                continue
            top = bank.scales[q.scale].max_level
            level = round(rng.gauss(team.level[pillar] + drift, 0.7))
            responses[q.id] = Response("level", max(0, min(top, level)))
        header = Header(team.subject, None, None, role, "balanced")
        yield AnswerSet(f"{team.subject}-{role}-{index}.yaml", bank.ref, header, responses, {})


def generate(db: str, subjects: int, groups: int, count: int, seed: int) -> int:
    """Record the history into ``db``; return how many rounds were recorded."""
    rng = random.Random(seed)  # noqa: S311 - made-up example data, seeded to repeat
    registry = Registry.default()
    latest = registry.load("rampac-core").bank
    older = registry.load("rampac-core@1.0.0").bank
    recorded = 0
    with HistoryStore(db) as store:
        for team in teams(subjects, groups, rng):
            for i, (period, day) in enumerate(rounds(count, datetime.date(2026, 11, 20))):
                if i < count - 2 and rng.random() < 0.15:
                    continue  # not every team takes part in every round
                if i == count - 1 and rng.random() < 0.08:
                    continue  # some teams have not had a recent round: stale
                if team.subject in EXAMPLE_STALE and i >= count - 2:
                    continue
                bank = latest if i == count - 1 else older
                drift = team.pace * (i - count + 1)
                sets = tuple(answers(bank, team, drift, rng))
                assessment = Assessment(bank, "generated", team.subject, period, "balanced", sets)
                result = score(assessment, from_profile(bank, "balanced"))
                store.record(
                    Snapshot.from_result(result, bank, period, day), replace=True, group=team.group
                )
                recorded += 1
    return recorded


def main() -> None:
    """Parse the arguments and generate."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--db", required=True, help="history file or database URL to fill")
    parser.add_argument("--subjects", type=int, default=0, help="0: Harbor Mutual's ten teams")
    parser.add_argument("--groups", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    n = generate(args.db, args.subjects, args.groups, args.rounds, args.seed)
    print(f"recorded {n} rounds in {args.db}")


if __name__ == "__main__":
    main()
