"""Answer files: loading, the table of broken files, and assembling an assessment."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.answers.load import Response, load_answer_file, load_assessment
from assess.bank.registry import Registry
from assess.base.errors import AnswersError, UsageError

# Each case edits lines of tests/assets/answers/dana.yaml and expects exactly these messages.
BROKEN = {
    "unknown-question": (
        {12: "  QA-3: 1"},
        [
            "answers.yaml:12: answers.QA-3: unknown question 'QA-3' in minimal@1.0.0 (did you mean 'QA-03'?)"
        ],
    ),
    "level-off-scale": (
        {10: "  QA-01: 5"},
        ["answers.yaml:10: answers.QA-01: level 5 is not on this question's scale (0–2)"],
    ),
    "bad-mark": (
        {12: "  QA-03: n/a"},
        [
            "answers.yaml:12: answers.QA-03: expected a level 0–2, 'na' or 'unknown', got text ('n/a') (did you mean 'na'?)"
        ],
    ),
    "float-level": (
        {10: "  QA-01: 1.5"},
        [
            "answers.yaml:10: answers.QA-01: expected a level 0–2, 'na' or 'unknown', got a number (1.5)"
        ],
    ),
    "bool-level": (
        {10: "  QA-01: yes"},
        [
            "answers.yaml:10: answers.QA-01: expected a level 0–2, 'na' or 'unknown', got true/false (true)"
        ],
    ),
    "detail-bad-level": (
        {11: "  QA-02: {level: 7}"},
        ["answers.yaml:11: answers.QA-02.level: level 7 is not on this question's scale (0–2)"],
    ),
    "detail-unknown-key": (
        {11: "  QA-02: {level: 1, notes: x}"},
        ["answers.yaml:11: answers.QA-02.notes: unknown key 'notes' (did you mean 'note'?)"],
    ),
    "detail-bad-confidence": (
        {11: "  QA-02: {level: 1, confidence: sure}"},
        ["answers.yaml:11: answers.QA-02.confidence: 'sure' is not one of: low, medium, high"],
    ),
    "detail-evidence-not-list": (
        {11: '  QA-02: {level: 1, evidence: "https://x"}'},
        ["answers.yaml:11: answers.QA-02.evidence: expected a list, got text ('https://x')"],
    ),
    "detail-missing-level": (
        {11: "  QA-02: {note: forgot}"},
        ["answers.yaml:11: answers.QA-02: missing required key 'level'"],
    ),
    "unknown-bank": (
        {2: "bank: minimall@1.0.0"},
        [
            "answers.yaml:2: bank: no bank 'minimall' on the search path (did you mean 'minimal'?); `assess banks list` shows the banks there are"
        ],
    ),
    "unknown-version": (
        {2: "bank: minimal@2.0.0"},
        ["answers.yaml:2: bank: bank 'minimal' has no version 2.0.0 (it has: 1.0.0)"],
    ),
    "bank-not-pinned": (
        {2: "bank: minimal"},
        [
            "answers.yaml:2: bank: 'minimal' is not a bank with its version, like 'rampac-core@1.0.0'"
        ],
    ),
    "bad-role": (
        {7: "  role: developer"},
        [
            "answers.yaml:7: respondent.role: 'developer' is not one of: leadership, security, development, operations, qa, product, compliance, other, observed (did you mean 'development'?)"
        ],
    ),
    "unknown-profile": (
        {8: "profile: regulatd"},
        [
            "answers.yaml:8: profile: minimal@1.0.0 has no profile 'regulatd' (choose one of: balanced)"
        ],
    ),
    "answers-not-mapping": (
        {9: "answers: [1, 2]", 10: None, 11: None, 12: None},
        ["answers.yaml:9: answers: expected a mapping of question id to answer, got a list"],
    ),
    "wrong-schema": (
        {1: "schema: assess/answers/v2"},
        ["answers.yaml:1: schema: expected 'assess/answers/v1', got text ('assess/answers/v2')"],
    ),
    "unknown-top-key": (
        {3: "subjet: Payments platform"},
        ["answers.yaml:3: subjet: unknown key 'subjet' (did you mean 'subject'?)"],
    ),
    "list-answer": (
        {10: "  QA-01: [1, 2]"},
        ["answers.yaml:10: answers.QA-01: expected a level 0–2, 'na' or 'unknown', got a list"],
    ),
    "duplicate-answer": (
        {12: "  QA-01: 1"},
        [
            "answers.yaml:12: answers: duplicate key 'QA-01' (first defined at line 10) (YAML keeps only one of them; remove or rename the other)"
        ],
    ),
}


def test_valid_file(registry, asset) -> None:
    answer_set, loaded = load_answer_file(asset("answers/dana.yaml"), registry)
    assert loaded.bank.ref == "minimal@1.0.0"
    assert answer_set.header.role == "development"
    assert answer_set.responses == {
        "QA-01": Response("level", 2),
        "QA-02": Response(
            "level", 1, "Only in CI for two repos", ("https://ci.example/run/1",), "high"
        ),
        "QA-03": Response("na"),
    }


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_answer_file(case: str, registry, edited) -> None:
    edits, expected = BROKEN[case]
    path = edited("answers/dana.yaml", edits, "answers.yaml")
    with pytest.raises(AnswersError) as caught:
        load_answer_file(path, registry, name="answers.yaml")
    assert [str(p) for p in caught.value.problems] == expected


def test_every_problem_in_one_run(registry, edited) -> None:
    path = edited("answers/dana.yaml", {7: "  role: developer", 10: "  QA-01: 5", 12: "  QA-3: na"})
    with pytest.raises(AnswersError) as caught:
        load_answer_file(path, registry, name="answers.yaml")
    assert [p.line for p in caught.value.problems] == [7, 10, 12]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def answers(
    subject: str = "Payments",
    role: str = "qa",
    period: str = "2026-Q4",
    profile: str | None = None,
    body: str = "  QA-01: 1\n",
) -> str:
    lines = [
        "schema: assess/answers/v1",
        "bank: minimal@1.0.0",
        f"subject: {subject}",
        f"period: {period}",
        "respondent:",
        f"  role: {role}",
    ]
    if profile:
        lines.append(f"profile: {profile}")
    return "\n".join(lines) + "\nanswers:\n" + body


def test_files_of_different_subjects_are_refused(registry, tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", answers("Payments"))
    b = write(tmp_path, "b.yaml", answers("Lending"))
    with pytest.raises(AnswersError) as caught:
        load_assessment([a, b], registry)
    assert [str(p) for p in caught.value.problems] == [
        (
            f"{b}:3: subject: subject 'Lending' differs from 'Payments' in {a}; "
            "files scored together must be of one assessment"
        )
    ]


def test_files_of_different_periods_are_refused(registry, tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", answers(period="2026-Q2"))
    b = write(tmp_path, "b.yaml", answers(period="2026-Q4"))
    with pytest.raises(AnswersError, match="period '2026-Q4' differs from '2026-Q2'"):
        load_assessment([a, b], registry)


def test_profile_disagreement_needs_the_option(registry, tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "assets" / "banks" / "minimal.yaml").read_text()
    extra = text.replace(
        "profiles:\n",
        "profiles:\n  strict:\n    title: Strict\n    rationale: High bar.\n"
        "    pillars: {responsible: 2, automate: 2, measure: 2, pragmatic: 2, align: 2, collaborate: 2}\n",
    )
    bank_file = registry.find("minimal@1.0.0").path
    bank_file.write_text(extra)
    registry._loaded.clear()
    a = write(tmp_path, "a.yaml", answers(profile="balanced"))
    b = write(tmp_path, "b.yaml", answers(profile="strict"))
    with pytest.raises(AnswersError) as caught:
        load_assessment([a, b], registry)
    assert str(caught.value).endswith("(choose one with --profile)")
    assert load_assessment([a, b], registry, profile="strict").profile == "strict"


def test_unfilled_metadata_is_refused_when_scoring(registry, tmp_path: Path) -> None:
    text = answers().replace("subject: Payments", "subject:").replace("  role: qa", "  role:")
    a = write(tmp_path, "a.yaml", text)
    with pytest.raises(AnswersError) as caught:
        load_assessment([a], registry)
    assert [str(p) for p in caught.value.problems] == [
        f"{a}:3: subject: is not filled in (write what is assessed, for example 'Payments platform')",
        f"{a}:6: respondent.role: is not filled in (give the respondent's role, for example 'development')",
    ]


def test_default_profile(registry, tmp_path: Path) -> None:
    assert load_assessment([write(tmp_path, "a.yaml", answers())], registry).profile == "balanced"


@pytest.mark.parametrize("how", ["same path", "another path", "a link", "a copy"])
def test_one_respondent_given_twice_is_refused(registry, tmp_path: Path, how: str) -> None:
    a = write(tmp_path, "a.yaml", answers())
    (tmp_path / "sub").mkdir()
    again = {
        "same path": a,
        "another path": tmp_path / "sub" / ".." / "a.yaml",
        "a link": tmp_path / "link.yaml",
        "a copy": tmp_path / "copy.yaml",
    }[how]
    if how == "a link":
        again.symlink_to(a)
    if how == "a copy":
        again.write_bytes(a.read_bytes())
    with pytest.raises(AnswersError) as raised:
        load_assessment([a, again], registry)
    kind = "a copy of" if how == "a copy" else "the same file as"
    assert [str(p) for p in raised.value.problems] == [
        f"{again}: is {kind} {a}: each respondent's answers count once (give every answer file once)"
    ]


def test_no_files_and_unknown_profile(registry, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no answer files given"):
        load_assessment([], registry)
    a = write(tmp_path, "a.yaml", answers())
    with pytest.raises(
        UsageError, match="minimal@1.0.0 has no profile 'balancd' \\(did you mean 'balanced'\\?\\)"
    ):
        load_assessment([a], registry, profile="balancd")


def test_bundled_examples_load() -> None:
    from assess.bank.registry import Registry

    folder = Path(__file__).resolve().parents[2] / "examples" / "harbor-mutual" / "2026-Q4"
    assessment = load_assessment(sorted(folder.glob("*.yaml")), Registry.default())
    assert assessment.subject == "Harbor Mutual claims platform"
    assert len(assessment.answer_sets) >= 6
    assert len({s.header.role for s in assessment.answer_sets}) >= 5


def test_the_blank_template_shows_guidance_titles_evidence_and_conditions(tmp_path: Path) -> None:
    from assess.rounds.template import blank_template

    folder = tmp_path / "banks" / "outcomes"
    folder.mkdir(parents=True)
    (folder / "1.0.0.yaml").write_bytes(
        (Path(__file__).parents[1] / "assets" / "banks" / "outcomes.yaml").read_bytes()
    )
    text = blank_template(Registry.default([tmp_path / "banks"]), "outcomes@1.0.0")
    assert (
        "# Rate what holds for most of the organisation in scope, not for its best team, and\n"
        "# choose the highest level whose whole description holds." in text
    )
    assert "  # PR-01 · First practice · Responsible collectively, Automate," in text
    assert "  # OU-01 · First outcome · outcome: Human-centric, Elastic," in text
    assert "  # 2 All: all Evidence: a register" in text
    assert (
        "  # Only when PR-01 is at level 1 or above; otherwise leave it empty: it counts as" in text
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("schema: assess/round/v1\nbank: rampac-core@2.0.0\n", "a round file"),
        ("schema: assess/bank/v1\nid: x\n", "a bank file"),
        ("schema: assess/mapping/scorecard/v1\n", "a mapping of observed evidence"),
    ],
)
def test_another_kind_of_file_where_answers_are_expected_is_named(
    tmp_path: Path, registry, text: str, kind: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answer_file(path, registry)
    assert [str(p) for p in caught.value.problems] == [
        (
            f"{path}:1: schema: this is {kind}, not an answer file (give a respondent's answer "
            "file, which `assess template` or `assess interview` writes)"
        )
    ]
