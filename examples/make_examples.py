"""Regenerate the bundled example answer files (deterministic; run from the repo root).

Harbor Mutual is a fictional insurer. Its claims platform was assessed by seven people
in six roles, in 2026-Q2 on rampac-core 1.0.0 and again in 2026-Q4 on rampac-core 2.0.0,
as an organisation that upgrades its bank between rounds would. Between the rounds the
team invested in automation, measurement and shared ownership; a new regulator's demands
and a growing pile of unexpired exceptions made alignment slip. The 2.0.0 round also
answers the outcome questions, whose figures lag what the practices claim.

    python examples/make_examples.py
"""

from __future__ import annotations

import hashlib
import json
import random
import unicodedata
from pathlib import Path

from assess.bank.registry import Registry
from assess.rounds.evidence import scorecard_answers

OUT = Path(__file__).parent / "harbor-mutual"

# The bank each round was answered on.
BANKS = {"2026-Q2": "rampac-core@1.0.0", "2026-Q4": "rampac-core@2.0.0"}
# Where the observed results stand per benefit (outcome questions, 2.0.0 only).
OBSERVED = {
    "human-centric": 1.4,
    "elastic": 1.0,
    "apt-holistic": 1.7,
    "resilient": 1.2,
    "tailored": 2.2,
    "dynamic": 1.6,
}
# Where the organisation stands per pillar (mean level, 0–4) in each round.
BASELINE = {
    "2026-Q2": {
        "responsible": 1.8,
        "automate": 2.0,
        "measure": 1.3,
        "pragmatic": 2.1,
        "align": 2.4,
        "collaborate": 1.5,
    },
    "2026-Q4": {
        "responsible": 2.3,
        "automate": 2.7,
        "measure": 2.1,
        "pragmatic": 2.2,
        "align": 1.8,
        "collaborate": 1.9,
    },
}
# How each role tends to see things, per pillar (leadership sees culture rosier).
BIAS = {
    "leadership": {"responsible": 0.9, "align": 0.6, "measure": 0.5, "collaborate": 0.6},
    "security": {"responsible": -0.4, "automate": -0.3, "align": 0.2},
    "development": {"responsible": -0.6, "collaborate": -0.5, "pragmatic": -0.3},
    "operations": {"automate": 0.4, "measure": 0.2},
    "qa": {"measure": 0.3},
    "product": {"pragmatic": 0.4, "align": 0.3},
}
RESPONDENTS = [
    ("Morgan Reyes", "leadership"),
    ("Priya Natarajan", "security"),
    ("Tomás Ferreira", "development"),
    ("Aiko Sato", "development"),
    ("Grace Okafor", "operations"),
    ("Lena Vogel", "qa"),
    ("Sam Whitfield", "product"),
]
# Answers with a note: (round, role, question) -> (level, note, evidence).
NOTES: dict[tuple[str, str, str], tuple[int | str, str, list[str]]] = {
    ("2026-Q4", "security", "AU-03"): (
        3,
        "Secret scanning blocks pushes in all 41 repositories since September.",
        ["https://wiki.harbor.example/appsec/secret-scanning"],
    ),
    ("2026-Q4", "development", "RC-06"): (
        2,
        "Findings land in our backlog, but they lose to features every sprint.",
        [],
    ),
    ("2026-Q4", "leadership", "RC-08"): (
        3,
        "Risk appetite statement approved by the board in July.",
        ["https://wiki.harbor.example/risk/appetite-2026"],
    ),
    ("2026-Q4", "security", "AB-04"): (
        1,
        "Twelve exceptions are past their expiry date; nothing enforces expiry yet.",
        [],
    ),
    ("2026-Q2", "operations", "AU-06"): (
        1,
        "Most claims services still run on long-lived VMs.",
        [],
    ),
    ("2026-Q4", "operations", "AU-10"): (
        "na",
        "Claims intake moved to the managed platform; the provider patches it.",
        [],
    ),
}


def _offset(question_id: str) -> float:
    """A stable per-question offset in [-0.9, 0.9]: some practices lag, some lead."""
    digest = hashlib.sha256(question_id.encode()).digest()
    return (digest[0] / 255 - 0.5) * 1.8


def main() -> None:
    """Write one answer file per respondent per round, and Q4's observed evidence."""
    registry = Registry.default()
    for period, baseline in BASELINE.items():
        bank = registry.load(BANKS[period]).bank
        folder = OUT / period
        for old in folder.glob("*.yaml"):
            old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        for name, role in RESPONDENTS:
            lines = [
                "schema: assess/answers/v1",
                f"bank: {bank.ref}",
                "subject: Harbor Mutual claims platform",
                f"period: {period}",
                "respondent:",
                f"  name: {name}",
                f"  role: {role}",
                "profile: regulated",
                "answers:",
            ]
            given: dict[str, int] = {}
            for q in bank.questions:
                # One stream per answer: a question added to the bank moves no other answer.
                rng = random.Random(f"{period}/{name}/{q.id}")  # noqa: S311 - reproducible
                condition = q.applies_if
                if condition and given.get(condition.question, -1) < condition.at_least:
                    continue  # not applicable here: left out, as the interview would
                note = NOTES.get((period, role, q.id))
                if note:
                    level, text, evidence = note
                    extra = f", evidence: {json.dumps(evidence)}" if evidence else ""
                    lines.append(f"  {q.id}: {{level: {level}, note: {json.dumps(text)}{extra}}}")
                    continue
                outsider = role not in q.roles
                if q.kind == "outcome":
                    unsure = 0.6  # a figure only its owners can look up
                else:
                    unsure = 0.45 if role in ("leadership", "product") else 0.25
                if outsider and rng.random() < unsure:
                    lines.append(f"  {q.id}: unknown")
                    continue
                if rng.random() < 0.03:
                    continue  # skipped
                if q.main_pillar is None:  # an outcome: a figure, not a view
                    main_benefit = max(q.benefits, key=q.benefits.__getitem__)
                    raw = OBSERVED[main_benefit] + _offset(q.id) / 2
                else:
                    bias = BIAS.get(role, {}).get(q.main_pillar, 0.0)
                    raw = baseline[q.main_pillar] + _offset(q.id) + bias
                level = max(0, min(4, round(raw + rng.uniform(-0.6, 0.6))))
                given[q.id] = level
                lines.append(f"  {q.id}: {level}")
            slug = unicodedata.normalize("NFKD", name.split()[0].lower()).encode("ascii", "ignore")
            (folder / f"{role}-{slug.decode()}.yaml").write_text(
                "\n".join(lines) + "\n", encoding="utf-8"
            )
    # What OpenSSF Scorecard observed in the platform's repositories, beside the people.
    observed = scorecard_answers(
        sorted((OUT / "scorecard").glob("*.json")), OUT / "round-2026-Q4.yaml", registry
    )
    (OUT / "2026-Q4" / "observed-scorecard.yaml").write_text(observed.text, encoding="utf-8")


if __name__ == "__main__":
    main()
