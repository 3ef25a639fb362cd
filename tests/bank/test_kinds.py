"""Practice and outcome questions, titles, evidence, rationales and conditions in a bank."""

from __future__ import annotations

import pytest

from assess.bank.load import load_bank
from assess.base.errors import BankError

BANK = "banks/outcomes.yaml"
PILLARS = (
    "    pillars: {responsible: 1, automate: 1, measure: 1, pragmatic: 1, align: 1, collaborate: 1}"
)
BENEFITS = "    benefits: {human-centric: 1, elastic: 1, apt-holistic: 1, resilient: 1, tailored: 1, dynamic: 1}"

CASES = {
    "practice-without-pillars": (
        {36: None},
        [
            "bank.yaml:27: questions: pillar '" + p + "' is fed by 2 questions; every pillar needs at least 3 (map more questions to '" + p + "' in their 'pillars' weights)"
            for p in ("responsible", "automate", "measure", "pragmatic", "align", "collaborate")
        ] + ["bank.yaml:28: questions[0].pillars: a practice question needs at least one pillar weight (weigh the pillar it puts into practice, or make it kind: outcome)"],
    ),
    "outcome-with-pillars": (
        {78: "    evidence: {1: a list, 2: a register}\n" + PILLARS},
        ["bank.yaml:79: questions[3].pillars: an outcome question feeds benefits only (remove its pillar weights)"],
    ),
    "too-few-outcomes": (
        {86: "    kind: practice\n" + PILLARS},
        [
            "bank.yaml:27: questions: benefit '" + b + "' is fed by 1 outcome question; in a bank with outcome questions every benefit needs at least 2 (add outcome questions that observe the benefit's result)"
            for b in ("human-centric", "elastic", "apt-holistic", "resilient", "tailored", "dynamic")
        ],
    ),
    "long-title": (
        {29: "    title: A title of six words here"},
        ["bank.yaml:29: questions[0].title: a title has at most 5 words, this one has 6"],
    ),
    "evidence-at-level-0": (
        {35: "    evidence: {0: nothing, 1: a list, 2: a register}"},
        ["bank.yaml:35: questions[0].evidence[0]: evidence is given for the levels from 1 up of the question's scale, not for 0"],
    ),
    "rationale-for-no-weight": (
        {78: "    evidence: {1: a list}\n    rationale: {automate: why}"},
        ["bank.yaml:79: questions[3].rationale.automate: a rationale for 'automate', which the question does not weigh"],
    ),
    "rationale-key-misspelt-benefit": (
        {78: "    evidence: {1: a list}\n    rationale: {resilent: why}"},
        ["bank.yaml:79: questions[3].rationale.resilent: unknown key 'resilent' (did you mean 'resilient'?)"],
    ),
    "condition-unknown": (
        {70: "    applies_if: {question: PR-09, at_least: 1}"},
        ["bank.yaml:70: questions[2].applies_if.question: applies_if names unknown question 'PR-09' (did you mean 'PR-03'?)"],
    ),
    "condition-on-itself": (
        {70: "    applies_if: {question: PR-03, at_least: 1}"},
        ["bank.yaml:70: questions[2].applies_if.question: a question cannot depend on its own answer"],
    ),
    "condition-off-the-scale": (
        {70: "    applies_if: {question: PR-01, at_least: 3}"},
        ["bank.yaml:70: questions[2].applies_if.at_least: level 3 is not on the scale of 'PR-01' (0–2)"],
    ),
    "condition-on-a-conditional": (
        {41: "    effort: S\n    applies_if: {question: PR-02, at_least: 1}", 70: "    applies_if: {question: PR-01, at_least: 1}"},
        ["bank.yaml:71: questions[2].applies_if.question: applies_if names 'PR-01', which is itself conditional (make the condition depend on an unconditional question)"],
    ),
    "out-of-scope-pillar-weighed": (
        {5: "description: x\nout_of_scope: [automate]"},
        [
            "bank.yaml:37: questions[0].pillars.automate: pillar 'automate' is declared out of this bank's scope",
            "bank.yaml:51: questions[1].pillars.automate: pillar 'automate' is declared out of this bank's scope",
            "bank.yaml:65: questions[2].pillars.automate: pillar 'automate' is declared out of this bank's scope",
        ],
    ),
}  # fmt: skip


def test_the_outcome_bank_is_valid(asset) -> None:
    bank = load_bank(asset(BANK)).bank
    assert [q.kind for q in bank.questions] == ["practice"] * 3 + ["outcome"] * 2
    assert bank.question("OU-01").main_pillar is None
    assert bank.question("OU-01").main_dimension == "human-centric"
    assert bank.question("PR-01").source.sections == ("One", "Two")
    assert bank.question("PR-03").applies_if is not None


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_outcome_bank(case: str, edited) -> None:
    edits, expected = CASES[case]
    path = edited(BANK, edits)
    with pytest.raises(BankError) as caught:
        load_bank(path, name="bank.yaml")
    assert [str(p) for p in caught.value.problems] == expected
