"""Banks exported as AWS Well-Architected custom lenses: valid, stable, and risk as designed."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from assess.bank.load import LoadedBank
from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.base.words import UNSAFE
from assess.exchange.aws_lens import lens_json

SCHEMA = json.loads((Path(__file__).parent / "aws-lens.schema.json").read_text(encoding="utf-8"))
BUNDLED = [entry.ref for entry in Registry.default().entries()]

Edit = Callable[[dict[str, Any]], None]


def bank_copy(tmp_path: Path, ref: str, edit: Edit) -> LoadedBank:
    """A bundled bank, edited as parsed YAML, written to tmp_path and loaded from there."""
    entry = Registry.default().find(ref)
    data = yaml.safe_load(entry.path.read_text(encoding="utf-8"))
    edit(data)
    target = tmp_path / "banks" / entry.id / f"{entry.version}.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return Registry([target.parent.parent]).load(str(target))


def lens(loaded: LoadedBank, profile: str | None = None) -> dict[str, Any]:
    return json.loads(lens_json(loaded, profile))


def questions(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for pillar in document["pillars"]:
        yield from pillar["questions"]


def question(document: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in questions(document) if q["id"] == question_id)


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def risk(rules: list[dict[str, str]], selected: set[str]) -> str:
    """The risk the Tool gives a selection: the first rule whose condition holds."""
    for rule in rules:
        terms = [term.strip() for term in rule["condition"].split("||")]
        assert all(term.isidentifier() for term in terms), rule  # only ids joined by ||
        if terms == ["default"] or selected & set(terms):
            return rule["risk"]
    raise AssertionError(f"no rule matched {selected}: {rules}")


def check_beyond_schema(document: dict[str, Any]) -> None:
    """What JSON Schema cannot say: unique ids, and rules that name the question's choices."""
    pillar_ids = [p["id"] for p in document["pillars"]]
    assert len(set(pillar_ids)) == len(pillar_ids)
    question_ids = [q["id"] for q in questions(document)]
    assert len(set(question_ids)) == len(question_ids)
    for q in questions(document):
        choices = [c["id"] for c in q["choices"]]
        assert len(set(choices)) == len(choices)
        assert [c for c in choices if c.endswith("_no")] == [f"{q['id']}_no"]
        risks = [rule["risk"] for rule in q["riskRules"]]
        assert len(set(risks)) == len(risks)
        assert q["riskRules"][-1]["condition"] == "default"
        for rule in q["riskRules"][:-1]:
            assert {t.strip() for t in rule["condition"].split("||")} <= set(choices)


@pytest.mark.parametrize("ref", BUNDLED)
def test_every_bundled_bank_exports_a_valid_lens_for_every_profile(ref: str) -> None:
    loaded = Registry.default().load(ref)
    for profile in loaded.bank.profiles:
        text = lens_json(loaded, profile)
        assert text.endswith("}\n")
        assert len(text.encode("utf-8")) <= 500_000
        document = json.loads(text)
        jsonschema.validate(document, SCHEMA)
        check_beyond_schema(document)
        assert sum(1 for _ in questions(document)) == len(loaded.bank.questions)


def test_export_is_the_same_bytes_every_time() -> None:
    first = lens_json(Registry.default().load("rampac-core@2.0.0"))
    again = Registry.default().load("rampac-core@2.0.0")
    assert lens_json(again) == first
    assert lens_json(again, "balanced") == first
    assert lens_json(again, "regulated") != first


@pytest.mark.parametrize(
    ("ref", "pillars"),
    [
        pytest.param(
            "rampac-core@1.0.0",
            ["responsible", "automate", "measure", "pragmatic", "align", "collaborate"],
            id="rampac-pillars",
        ),
        pytest.param(
            "healthy-questions@1.1.0",
            ["responsible", "measure", "pragmatic", "align", "collaborate", "outcomes"],
            id="out-of-scope-pillar-left-out-and-outcomes-last",
        ),
        pytest.param(
            "rampac-core@2.0.0",
            [
                "section_ownership",
                "section_pipeline",
                "section_platform",
                "section_release",
                "section_identity",
                "section_continuity",
                "section_measures",
                "section_alignment",
                "section_collaboration",
                "section_outcomes",
            ],
            id="sections-when-automate-has-29",
        ),
    ],
)
def test_lens_pillars_are_rampac_pillars_or_else_sections(ref: str, pillars: list[str]) -> None:
    assert [p["id"] for p in lens(Registry.default().load(ref))["pillars"]] == pillars


def with_uniform_profiles(data: dict[str, Any]) -> None:
    """Profiles named after their one target for every pillar, and one for the benefits."""
    pillars = ["responsible", "automate", "measure", "pragmatic", "align", "collaborate"]
    for target in (0, 1, 2.5, 3.2, 4):
        data["profiles"][f"all-{target}"] = {
            "title": f"All at {target}",
            "rationale": "For the test.",
            "pillars": dict.fromkeys(pillars, target),
        }
    benefits = ["human-centric", "elastic", "apt-holistic", "resilient", "tailored", "dynamic"]
    data["profiles"]["outcomes-2"] = {
        "title": "Outcomes at 2",
        "rationale": "For the test.",
        "pillars": dict.fromkeys(pillars, 4),
        "benefits": dict.fromkeys(benefits, 2),
    }


L = {n: f"HQ_01_L{n}" for n in range(1, 5)}
NONE = "HQ_01_no"


@pytest.mark.parametrize(
    ("profile", "rules"),
    [
        pytest.param("all-0", [("default", "NO_RISK")], id="target-0"),
        pytest.param(
            "all-1",
            [
                (f"{L[1]} || {L[2]} || {L[3]} || {L[4]}", "NO_RISK"),
                (NONE, "MEDIUM_RISK"),
                ("default", "HIGH_RISK"),
            ],
            id="target-1-none-is-one-below",
        ),
        pytest.param(
            "all-2.5",
            [(f"{L[3]} || {L[4]}", "NO_RISK"), (L[2], "MEDIUM_RISK"), ("default", "HIGH_RISK")],
            id="target-2.5-needs-3",
        ),
        pytest.param(
            "all-3.2",
            [(L[4], "NO_RISK"), (L[3], "MEDIUM_RISK"), ("default", "HIGH_RISK")],
            id="target-3.2-needs-4-as-scoring-leaves-a-gap-at-3",
        ),
        pytest.param(
            "all-4",
            [(L[4], "NO_RISK"), (L[3], "MEDIUM_RISK"), ("default", "HIGH_RISK")],
            id="target-4",
        ),
    ],
)
def test_risk_rules_follow_the_profile_target(
    tmp_path: Path, profile: str, rules: list[tuple[str, str]]
) -> None:
    loaded = bank_copy(tmp_path, "healthy-questions@1.0.0", with_uniform_profiles)
    got = question(lens(loaded, profile), "HQ_01")["riskRules"]
    assert [(r["condition"], r["risk"]) for r in got] == rules


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ({L[4]}, "NO_RISK"),
        ({L[3]}, "NO_RISK"),
        ({L[1], L[2], L[3]}, "NO_RISK"),
        ({L[2]}, "MEDIUM_RISK"),
        ({L[1], L[2]}, "MEDIUM_RISK"),
        ({L[1]}, "HIGH_RISK"),
        ({NONE}, "HIGH_RISK"),
    ],
)
def test_risk_at_the_balanced_target_of_3(selected: set[str], expected: str) -> None:
    document = lens(Registry.default().load("healthy-questions@1.0.0"))
    assert (
        "Target under the 'Balanced' profile: level 3 (Defined)."
        in (question(document, "HQ_01")["description"])
    )
    assert risk(question(document, "HQ_01")["riskRules"], selected) == expected


def test_outcome_questions_take_the_benefit_targets(tmp_path: Path) -> None:
    loaded = bank_copy(tmp_path, "healthy-questions@1.1.0", with_uniform_profiles)
    document = lens(loaded, "outcomes-2")
    outcome = next(q for q in loaded.bank.questions if q.kind == "outcome")
    practice = next(q for q in loaded.bank.questions if q.kind == "practice")
    got = question(document, outcome.id.replace("-", "_"))
    assert got["riskRules"][1]["condition"] == outcome.id.replace("-", "_") + "_L1"
    assert "An observed result, not a practice" in got["description"]
    assert question(document, practice.id.replace("-", "_"))["riskRules"][0]["condition"] == (
        practice.id.replace("-", "_") + "_L4"
    )


def test_choices_are_the_levels_with_none_of_these_last() -> None:
    got = question(lens(Registry.default().load("healthy-questions@1.0.0")), "HQ_01")
    assert [c["id"] for c in got["choices"]] == [L[1], L[2], L[3], L[4], NONE]
    assert got["choices"][1]["title"] == (
        "Level 2 (Repeatable): Some teams threat-model new features and turn a few findings "
        "into requirements."
    )
    assert got["choices"][1]["improvementPlan"]["displayText"].startswith(
        "To reach level 2 (Repeatable) from level 1: "
    )
    assert got["choices"][-1] == {
        "id": NONE,
        "title": "None of these: Threat modelling is not done.",
        "helpfulResource": {"displayText": "Threat modelling is not done."},
    }


def test_unknown_profile_is_refused_as_the_bank_refuses_it() -> None:
    with pytest.raises(UsageError) as caught:
        lens_json(Registry.default().load("healthy-questions@1.0.0"), "balance")
    assert (
        str(caught.value)
        == "healthy-questions@1.0.0 has no profile 'balance' (did you mean 'balanced'?)"
    )


WORDS = [f"word{i:03d}" for i in range(400)]
"""Seven letters and a space each: a run of n words is 8n - 1 characters."""


def set_first(field: str, value: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        if field == "level":
            data["questions"][0]["levels"][2] = value
        else:
            data["questions"][0][field] = value

    return edit


@pytest.mark.parametrize(
    ("field", "where", "shown"),
    [
        pytest.param(
            "text", lambda q: q["title"], " ".join(WORDS[:16]) + "…", id="title-128-fits-16-words"
        ),
        pytest.param(
            "text", lambda q: q["description"], " ".join(WORDS[:128]) + "…", id="description-1024"
        ),
        pytest.param(
            "help",
            lambda q: q["helpfulResource"]["displayText"],
            " ".join(WORDS[:128]) + "…",
            id="help-1024",
        ),
        pytest.param(
            "level",
            lambda q: q["choices"][1]["title"],
            "Level 2 (Repeatable): " + " ".join(WORDS[:13]) + "…",
            id="choice-title-128-after-its-label",
        ),
    ],
)
def test_long_text_is_shortened_at_a_word_boundary(
    tmp_path: Path, field: str, where: Callable[[dict[str, Any]], str], shown: str
) -> None:
    loaded = bank_copy(tmp_path, "healthy-questions@1.0.0", set_first(field, " ".join(WORDS)))
    assert where(question(lens(loaded), "HQ_01")) == shown


def test_a_word_longer_than_the_limit_is_the_one_text_cut_inside_a_word(tmp_path: Path) -> None:
    loaded = bank_copy(tmp_path, "healthy-questions@1.0.0", set_first("text", "x" * 300))
    assert question(lens(loaded), "HQ_01")["title"] == "x" * 127 + "…"


def test_control_characters_in_bank_text_do_not_reach_the_json(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        first = data["questions"][0]
        first["text"] = "Do \x1b]0;owned\x07threat models \x1b[2J shape requirements?"
        first["help"] = "Right\u202eto left, zero\u200bwidth, C1\x9bcontrol."
        first["levels"][1] = "Line\u2028separator and\x00null."
        data["sections"][0]["title"] = "Threat\x1b[31m models"

    text = lens_json(bank_copy(tmp_path, "healthy-questions@1.0.0", edit))
    for value in strings(json.loads(text)):
        unsafe = [ch for ch in value if ch != "\n" and unicodedata.category(ch) in {"Cc", "Cf"}]
        assert unsafe == [], value
        assert not UNSAFE.search(value), value
    assert "\\u001b" not in text
    got = question(json.loads(text), "HQ_01")
    assert got["title"] == "Do \\x1b]0;owned\\x07threat models \\x1b[2J shape requirements?"


def duplicate_first(copies: int, sections: int = 0) -> Edit:
    """``copies`` more questions like the first, spread over ``sections`` new sections."""

    def edit(data: dict[str, Any]) -> None:
        first = data["questions"][0]
        for s in range(sections):
            data["sections"].append({"id": f"extra-{s}", "title": f"Extra {s}"})
        for n in range(copies):
            copy = dict(first, id=f"HQ-X{n:02d}")
            copy["section"] = f"extra-{n % sections}" if sections else first["section"]
            data["questions"].append(copy)

    return edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        pytest.param(
            duplicate_first(20),
            "healthy-questions@1.0.0 cannot be an AWS custom lens, which holds at most 10 "
            "pillars of at most 20 questions each: grouped by RAMPAC pillar, 'Collaborate and "
            "integrate' has 23 questions; grouped by section, 'Threat models and requirements' "
            "has 23 questions (split the bank, or its sections into at most 10 sections of at "
            "most 20 questions)",
            id="a-pillar-and-a-section-over-20",
        ),
        pytest.param(
            duplicate_first(20, sections=7),
            "healthy-questions@1.0.0 cannot be an AWS custom lens, which holds at most 10 "
            "pillars of at most 20 questions each: grouped by RAMPAC pillar, 'Collaborate and "
            "integrate' has 23 questions; grouped by section, there are 11 sections (split "
            "the bank, or its sections into at most 10 sections of at most 20 questions)",
            id="a-pillar-over-20-and-11-sections",
        ),
    ],
)
def test_a_bank_too_large_for_a_lens_is_refused_clearly(
    tmp_path: Path, edit: Edit, message: str
) -> None:
    loaded = bank_copy(tmp_path, "healthy-questions@1.0.0", edit)
    with pytest.raises(UsageError) as caught:
        lens_json(loaded)
    assert str(caught.value) == message


def test_a_scale_of_more_levels_than_choices_is_refused(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        scale = data["scales"]["maturity"]
        scale["levels"] = [
            {"value": n, "label": f"Step {n}", "description": f"Step {n}."} for n in range(16)
        ]
        for q in data["questions"]:
            q["levels"] = {n: f"Step {n} of this practice." for n in range(16)}
            q["recommendations"] = {n: f"Take step {n + 1}." for n in range(15)}
            q.pop("evidence", None)

    with pytest.raises(UsageError) as caught:
        lens_json(bank_copy(tmp_path, "healthy-questions@1.0.0", edit))
    assert str(caught.value) == (
        "healthy-questions@1.0.0 cannot be an AWS custom lens: scale 'maturity' has 16 levels, "
        "and a lens question takes at most 15 choices, one per level (use a scale of at most "
        "15 levels)"
    )


def test_a_lens_over_500000_bytes_is_refused(tmp_path: Path) -> None:
    padding = " ".join(WORDS[:100])  # 799 characters more on every level

    def edit(data: dict[str, Any]) -> None:
        for q in data["questions"]:
            q["levels"] = {n: f"{text} {padding}" for n, text in q["levels"].items()}

    with pytest.raises(UsageError) as caught:
        lens_json(bank_copy(tmp_path, "rampac-core@2.0.0", edit))
    assert str(caught.value).startswith("rampac-core@2.0.0 as an AWS custom lens would be ")
    assert str(caught.value).endswith(
        " bytes, over the Tool's 500,000 (split the bank into smaller banks, or shorten its texts)"
    )


def first_question(document: dict[str, Any]) -> dict[str, Any]:
    return document["pillars"][0]["questions"][0]


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda d: d.update(schemaVersion="2022-01-01"), id="schema-version"),
        pytest.param(lambda d: d.update(name="n" * 129), id="lens-name-129"),
        pytest.param(lambda d: d["pillars"].extend(d["pillars"][:1] * 10), id="11-pillars"),
        pytest.param(lambda d: d["pillars"][0].update(id="a-b"), id="dash-in-pillar-id"),
        pytest.param(lambda d: d["pillars"][0].update(id="ab"), id="pillar-id-of-2"),
        pytest.param(lambda d: first_question(d).update(title="t" * 129), id="question-title-129"),
        pytest.param(
            lambda d: d["pillars"][0]["questions"].extend([first_question(d)] * 20),
            id="21-questions",
        ),
        pytest.param(
            lambda d: first_question(d)["choices"].extend(first_question(d)["choices"] * 3),
            id="20-choices",
        ),
        pytest.param(
            lambda d: first_question(d)["choices"][0].pop("improvementPlan"),
            id="no-improvement-plan",
        ),
        pytest.param(
            lambda d: first_question(d)["choices"][0]["helpfulResource"].update(url="ftp://x"),
            id="url-not-http",
        ),
        pytest.param(
            lambda d: first_question(d)["riskRules"][0].update(risk="LOW_RISK"), id="risk"
        ),
        pytest.param(
            lambda d: first_question(d)["riskRules"][0].update(condition="default"),
            id="two-defaults",
        ),
        pytest.param(lambda d: first_question(d)["riskRules"].pop(), id="no-default"),
        pytest.param(lambda d: first_question(d).update(notes="x"), id="unknown-field"),
    ],
)
def test_the_schema_refuses_what_the_specification_does(spoil: Callable[[Any], None]) -> None:
    document = lens(Registry.default().load("healthy-questions@1.0.0"))
    jsonschema.validate(document, SCHEMA)
    spoil(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)
