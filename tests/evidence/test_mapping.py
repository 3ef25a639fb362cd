"""Scorecard mappings: the bundled one is valid, and each kind of mistake is one message."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, run_assess

from assess.bank.registry import Registry
from assess.base.errors import InputError, UsageError
from assess.evidence.mapping import find_mapping, load_mapping, mapping_path

MAPPING = ROOT / "question_banks" / "rampac-core" / "mappings" / "scorecard-2.0.0.yaml"
SCORECARD_CHECKS = {
    "Binary-Artifacts",
    "Branch-Protection",
    "CI-Tests",
    "CII-Best-Practices",
    "Code-Review",
    "Contributors",
    "Dangerous-Workflow",
    "Dependency-Update-Tool",
    "Fuzzing",
    "License",
    "Maintained",
    "Packaging",
    "Pinned-Dependencies",
    "SAST",
    "SBOM",
    "Security-Policy",
    "Signed-Releases",
    "Token-Permissions",
    "Vulnerabilities",
    "Webhooks",
}


def test_the_bundled_mapping_lists_every_scorecard_check_once() -> None:
    mapping = load_mapping(MAPPING, Registry.default())
    assert mapping.known_checks == SCORECARD_CHECKS
    assert [r.question for r in mapping.rules] == ["AU-01", "AU-04", "AU-10", "AU-22"]
    loaded = Registry.default().load("rampac-core@2.0.0")
    assert mapping_path(loaded) == MAPPING
    assert find_mapping(loaded, Registry.default()).file == str(MAPPING)


def test_the_thresholds_follow_the_level_anchors() -> None:
    rule = {r.question: r for r in load_mapping(MAPPING, Registry.default()).rules}["AU-01"]
    # "fewer than a quarter", "at least a quarter", "more than three quarters"
    assert [rule.level(n, 8) for n in range(9)] == [0, 1, 2, 2, 2, 2, 2, 3, 3]
    toolchain = {r.question: r for r in load_mapping(MAPPING, Registry.default()).rules}["AU-22"]
    assert [toolchain.level(n, 4) for n in range(5)] == [0, 1, 2, 2, 3]


def test_assess_validate_checks_a_mapping_and_banks_validate_leaves_it_alone(
    tmp_path: Path,
) -> None:
    done = run_assess("validate", str(MAPPING), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (
        0,
        f"ok: {MAPPING} (Scorecard mapping for rampac-core@2.0.0: 4 questions, 20 checks)\n",
    )
    banks = run_assess("banks", "validate", str(ROOT / "question_banks"), cwd=tmp_path)
    assert banks.returncode == 0, banks.stderr
    assert "mappings" not in banks.stdout


BAD = [
    (
        "unknown-question",
        ("  AU-01:\n", "  AU-99:\n"),
        (
            "m.yaml:15: questions.AU-99: rampac-core@2.0.0 has no question 'AU-99' "
            "(did you mean 'AU-29'?)"
        ),
    ),
    (
        "not-a-rule",
        ('      2: ">= 1/4"\n', '      2: "about half"\n'),
        (
            "m.yaml:21: questions.AU-01.levels[2]: 'about half' is not a rule "
            '(write ">", ">=" or "=" and a share from 0 to 1, like "> 3/4" or ">= 0.25")'
        ),
    ),
    (
        "share-above-one",
        ('      3: "> 3/4"\n', '      3: "> 5/4"\n'),
        (
            "m.yaml:22: questions.AU-01.levels[3]: '> 5/4' is not a rule "
            '(write ">", ">=" or "=" and a share from 0 to 1, like "> 3/4" or ">= 0.25")'
        ),
    ),
    (
        "level-off-scale",
        ('      3: "> 3/4"\n', '      7: "> 3/4"\n'),
        (
            "m.yaml:22: questions.AU-01.levels[7]: level 7 is not a level above 0 of AU-01's scale "
            "(use 1, 2, 3, 4)"
        ),
    ),
    (
        "shares-fall",
        ('      2: ">= 1/4"\n', '      2: ">= 9/10"\n'),
        (
            "m.yaml:19: questions.AU-01.levels: a higher level asks for a smaller share of "
            "repositories than a lower one (make the shares grow with the level)"
        ),
    ),
    (
        "check-in-both",
        ("  Fuzzing: no question", "  SAST: no question"),
        (
            "m.yaml:61: unmapped.SAST: SAST feeds AU-01 and is listed as unmapped too "
            "(keep it in one place)"
        ),
    ),
    (
        "pass-mark",
        ("    passes_at: 7\n", "    passes_at: 11\n"),
        "m.yaml:18: questions.AU-01.passes_at: must be at most 10, got 11",
    ),
    (
        "unknown-bank",
        ("bank: rampac-core@2.0.0\n", "bank: rampac-core@9.0.0\n"),
        "m.yaml:13: bank: bank 'rampac-core' has no version 9.0.0 (it has: 1.0.0, 2.0.0)",
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"), [(e, m) for _, e, m in BAD], ids=[i for i, _, _ in BAD]
)
def test_a_mistake_in_a_mapping_is_one_message(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    text = MAPPING.read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "m.yaml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_mapping(path, Registry.default())
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [expected]


def test_a_bank_without_a_mapping_says_how_to_give_one() -> None:
    registry = Registry.default()
    loaded = registry.load("rampac-core@1.0.0")
    with pytest.raises(UsageError) as caught:
        find_mapping(loaded, registry)
    assert str(caught.value) == (
        f"rampac-core@1.0.0 has no Scorecard mapping (looked for {mapping_path(loaded)}); "
        "give one with --mapping FILE"
    )
    with pytest.raises(UsageError) as wrong:
        find_mapping(loaded, registry, MAPPING)
    assert str(wrong.value) == (
        f"{MAPPING} maps rampac-core@2.0.0, but the round is on rampac-core@1.0.0; give the "
        "mapping for the round's bank version"
    )
