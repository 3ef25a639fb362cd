"""OSCAL exports: valid against NIST's JSON schemas, consistent inside, deterministic, inert.

The schemas are NIST's, unmodified (tests/exchange/oscal/README.txt says where from). Their
patterns are ECMA-262 regular expressions, so `pattern` runs on `regress`, an ECMA-262
engine, instead of Python's re; every other keyword is jsonschema's draft-07 validator.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regress
from helpers import EXAMPLE
from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators

from assess.bank.registry import Registry, load_bank_file
from assess.base.paths import bundled_banks_dir
from assess.exchange.oscal import NIST_NS, NS, assessment_results_json, catalog_json
from assess.scoring.files import Scored, score_files

SCHEMAS = Path(__file__).parent / "oscal"
ROUND = EXAMPLE / "2026-Q4"
ON = datetime.date(2026, 12, 1)
BANK_FILES = sorted(
    str(p.relative_to(bundled_banks_dir())) for p in bundled_banks_dir().glob("*/*.yaml")
)


@functools.cache
def _regex(pattern: str) -> regress.Regex:
    # The Unicode flag: \p{L} and \p{N} exist only with it.
    return regress.Regex(pattern, "u")


def _ecma_pattern(validator: Any, pattern: str, instance: object, schema: object) -> Iterator[Any]:
    if validator.is_type(instance, "string") and _regex(pattern).find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _ecma_pattern})
FORMATS = FormatChecker(Draft7Validator.FORMAT_CHECKER.checkers)
# The schemas' own patterns are format 'regex' in the metaschema: ECMA-262 there too.
FORMATS.checks("regex", raises=regress.RegressError)(lambda text: bool(_regex(text)))


@functools.cache
def schema(model: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"oscal_{model}_schema.json").read_text(encoding="utf-8"))


def problems(model: str, document: object) -> list[str]:
    """Every way ``document`` fails the model's schema, as ``path: message``."""
    validator = OscalValidator(schema(model), format_checker=FORMATS)
    return sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    )


def walk(node: object) -> Iterator[tuple[str, object]]:
    """Every (key, value) pair of a JSON document, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def by_name(props: list[dict[str, str]], name: str) -> list[str]:
    return [p["value"] for p in props if p["name"] == name]


@pytest.fixture(scope="module")
def example() -> Scored:
    return score_files(sorted(ROUND.glob("*.yaml")), Registry.default())


@pytest.fixture(scope="module")
def results(example: Scored) -> dict[str, Any]:
    return json.loads(assessment_results_json(example, ON))


# ---------------------------------------------------------------- the validator itself


@pytest.mark.parametrize("model", ["catalog", "assessment-results"])
def test_the_schemas_are_draft_07_and_use_nothing_the_validator_skips(model: str) -> None:
    document = schema(model)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert document["$id"].startswith("http://csrc.nist.gov/ns/oscal/1.1.3/")
    Draft7Validator(Draft7Validator.META_SCHEMA, format_checker=FORMATS).validate(document)
    formats = {value for key, value in walk(document.get("definitions")) if key == "format"}
    assert formats == {"date-time", "email", "uri", "uri-reference"}
    assert formats <= set(FORMATS.checkers)
    assert "patternProperties" not in {key for key, _ in walk(document)}


@pytest.mark.parametrize(
    ("datatype", "value", "valid"),
    [
        ("TokenDatatype", "au-03_smt", True),
        ("TokenDatatype", "ça-1", True),  # \p{L}: any letter, not just ASCII
        ("TokenDatatype", "1st", False),
        ("TokenDatatype", "a b", False),
        ("StringDatatype", "Secret scanning", True),
        ("StringDatatype", "trailing newline\n", False),  # re's $ would let this through
        ("StringDatatype", " leading space", False),
        ("DateTimeWithTimezoneDatatype", "2026-12-01T00:00:00Z", True),
        ("DateTimeWithTimezoneDatatype", "2026-02-30T00:00:00Z", False),
        ("DateTimeWithTimezoneDatatype", "2026-12-01T00:00:00", False),
        ("UUIDDatatype", "6f0c2b1e-1f5e-5c4a-9d1b-2a3c4d5e6f70", True),
        ("UUIDDatatype", "6f0c2b1e-1f5e-1c4a-9d1b-2a3c4d5e6f70", False),
        ("URIDatatype", NS, True),
        ("URIDatatype", "assess", False),
        ("URIReferenceDatatype", "#6f0c2b1e-1f5e-5c4a-9d1b-2a3c4d5e6f70", True),
        ("URIReferenceDatatype", "https://wiki.example/a b", False),
    ],
)
def test_the_validator_reads_the_datatypes_as_nist_defines_them(
    datatype: str, value: str, valid: bool
) -> None:
    one = {**schema("catalog"), "$ref": f"#/definitions/{datatype}"}
    found = list(OscalValidator(one, format_checker=FORMATS).iter_errors(value))
    assert (found == []) is valid


# ---------------------------------------------------------------- catalogs


@pytest.mark.parametrize("bank_file", BANK_FILES)
def test_every_bundled_bank_is_a_valid_catalog(bank_file: str) -> None:
    loaded = load_bank_file(bundled_banks_dir() / bank_file)
    document = json.loads(catalog_json(loaded))
    assert problems("catalog", document) == []
    catalog = document["catalog"]
    controls = [c for g in catalog["groups"] for c in g["controls"]]
    assert [c["id"] for c in controls] == [
        q.id.lower()
        for s in loaded.bank.sections
        for q in loaded.bank.questions
        if q.section == s.id
    ]
    # OSCAL's metaschema wants group, control and part ids unique, and '#' links resolving.
    ids = [value for key, value in walk(catalog["groups"]) if key == "id"]
    assert len(ids) == len(set(ids))
    targets = set(ids) | {r["uuid"] for r in catalog["back-matter"]["resources"]}
    hrefs = {value for key, value in walk(catalog) if key == "href"}
    assert {h.removeprefix("#") for h in hrefs} <= targets


def test_a_control_carries_the_question() -> None:
    loaded = Registry.default().load("rampac-core@2.0.0")
    question = loaded.bank.question("AU-03")
    catalog = json.loads(catalog_json(loaded))["catalog"]
    control = next(c for g in catalog["groups"] for c in g["controls"] if c["id"] == "au-03")
    group = next(g for g in catalog["groups"] if control in g["controls"])
    assert (group["id"], control["title"], control["class"]) == (
        question.section,
        "Secret scanning",
        "practice",
    )
    parts = {p["name"]: p for p in control["parts"]}
    assert parts["statement"] == {"id": "au-03_smt", "name": "statement", "prose": question.text}
    assert "ns" not in parts["guidance"]
    levels = parts["levels"]["parts"]
    assert [(p["title"], p["prose"]) for p in levels] == [
        (level.label, question.levels[level.value])
        for level in loaded.bank.scales[question.scale].levels
    ]
    assert [p["name"] for p in levels[0]["parts"]] == ["next-step"]
    assert [p["name"] for p in levels[-1]["parts"]] == ["evidence"]
    weights = {(p["name"], p["class"]): float(p["value"]) for p in control["props"] if "class" in p}
    assert weights == {
        **{("pillar-weight", k): v for k, v in question.pillars.items()},
        **{("benefit-weight", k): v for k, v in question.benefits.items()},
    }
    assert by_name(control["props"], "label") == ["AU-03"]
    assert all(p.get("ns") == NS for p in control["props"] if p["name"] != "label")
    [source] = catalog["back-matter"]["resources"]
    assert control["links"][0] == {
        "href": f"#{source['uuid']}",
        "rel": "reference",
        "text": "Implementing security operations through DevOps › Containers",
    }


def test_a_catalog_is_the_same_bytes_every_time() -> None:
    first = catalog_json(Registry.default().load("rampac-core@2.0.0"))
    again = catalog_json(Registry.default().load("rampac-core@2.0.0"))
    assert first == again
    assert first.endswith("}\n")
    assert first.startswith('{\n  "catalog": {\n    "uuid": ')


# ---------------------------------------------------------------- assessment results


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_example_round_is_valid_assessment_results(example: Scored, anonymous: bool) -> None:
    document = json.loads(assessment_results_json(example, ON, anonymous))
    assert problems("assessment-results", document) == []


def test_the_metadata_names_the_round(results: dict[str, Any]) -> None:
    metadata = results["assessment-results"]["metadata"]
    assert {k: metadata[k] for k in ("title", "last-modified", "version", "oscal-version")} == {
        "title": "DevSecOps maturity of Harbor Mutual claims platform, 2026-Q4",
        "last-modified": "2026-12-01T00:00:00Z",
        "version": "2026-12-01",
        "oscal-version": "1.1.3",
    }
    assert results["assessment-results"]["results"][0]["start"] == "2026-12-01T00:00:00Z"


def test_every_reference_resolves_and_every_uuid_is_unique(results: dict[str, Any]) -> None:
    document = results["assessment-results"]
    defined = [value for key, value in walk(document) if key == "uuid"]
    assert len(defined) == len(set(defined))
    pointed = {value for key, value in walk(document) if key.endswith("-uuid")}
    pointed |= {u for key, value in walk(document) if key == "party-uuids" for u in value}
    pointed.add(document["import-ap"]["href"].removeprefix("#"))
    assert pointed <= set(defined)
    roles = {role["id"] for role in document["metadata"]["roles"]}
    assert {value for key, value in walk(document) if key == "role-id"} <= roles


def test_one_observation_per_question_with_every_answer(
    example: Scored, results: dict[str, Any]
) -> None:
    [result] = results["assessment-results"]["results"]
    observations = {by_name(o["props"], "question")[0]: o for o in result["observations"]}
    assert list(observations) == [q.id for q in example.result.questions]
    secrets = observations["AU-03"]
    assert secrets["description"] == example.assessment.bank.question("AU-03").text
    assert secrets["methods"] == ["INTERVIEW"]
    assert len(secrets["origins"][0]["actors"]) == 7
    evidence = secrets["relevant-evidence"]
    assert [e["description"] for e in evidence if "Priya" in e["description"]] == [
        "Priya Natarajan answered level 3 (Defined).",
        "Evidence cited by Priya Natarajan.",
    ]
    said = next(e for e in evidence if e["description"].startswith("Priya"))
    assert (
        said["remarks"] == "Secret scanning blocks pushes in all 41 repositories since September."
    )
    assert [e["href"] for e in evidence if "href" in e] == [
        "https://wiki.harbor.example/appsec/secret-scanning"
    ]


def test_a_finding_for_each_question_below_target_with_its_risk(
    example: Scored, results: dict[str, Any]
) -> None:
    [result] = results["assessment-results"]["results"]
    findings = {f["target"]["target-id"]: f for f in result["findings"]}
    roadmap = {item.question: item for item in example.result.roadmap}
    # Below target, or on the roadmap because a tool measured less than people claim.
    found = {q.id.lower() + "_smt": q for q in example.result.questions if q.gap or q.id in roadmap}
    assert set(findings) == set(found)
    assert [q for q in example.result.questions if q.gap], "the example has gaps to find"
    risks = {r["uuid"]: r for r in result["risks"]}
    for target_id, q in found.items():
        finding = findings[target_id]
        assert by_name(finding["props"], "risk") == [q.risk]
        assert finding["target"]["status"] == {"state": "not-satisfied"}
        linked = [risks[r["risk-uuid"]] for r in finding.get("related-risks", [])]
        assert len(linked) == (q.id in roadmap)
        for risk in linked:
            facet = risk["characterizations"][0]["facets"][0]
            assert (facet["name"], facet["system"]) == ("risk", NIST_NS)
            assert facet["value"] == roadmap[q.id].risk


def test_the_roadmap_is_the_risks_in_order_with_their_next_steps(
    example: Scored, results: dict[str, Any]
) -> None:
    [result] = results["assessment-results"]["results"]
    risks = result["risks"]
    roadmap = example.result.roadmap
    assert [by_name(r["props"], "priority") for r in risks] == [
        [str(n)] for n in range(1, len(roadmap) + 1)
    ]
    tasks = {}
    for risk, item in zip(risks, roadmap, strict=True):
        [remedy] = risk["remediations"]
        assert remedy["description"] == item.next_step
        assert by_name(remedy["props"], "effort") == [item.effort]
        assert by_name(remedy["props"], "phase") == [item.phase]
        [task] = remedy["tasks"]
        assert [r["role-id"] for r in task["responsible-roles"]] == list(item.owners)
        tasks[item.question] = task
    for item in roadmap:
        needs = [d["task-uuid"] for d in tasks[item.question].get("dependencies", [])]
        assert needs == [tasks[pre]["uuid"] for pre in item.requires]


def test_the_same_round_gives_the_same_bytes(example: Scored) -> None:
    again = score_files(sorted(ROUND.glob("*.yaml"), reverse=True), Registry.default())
    first = assessment_results_json(example, ON)
    assert assessment_results_json(again, ON) == first
    assert first.endswith("}\n")
    # Another day is another document about the same round: only the dates and the
    # document's UUID change, its parts keep theirs.
    later = assessment_results_json(example, ON + datetime.timedelta(days=1))
    moved = json.loads(later.replace("2026-12-02", "2026-12-01"))
    now = json.loads(first)
    assert moved["assessment-results"].pop("uuid") != now["assessment-results"].pop("uuid")
    assert moved == now


def test_anonymous_output_names_no_respondent_and_no_file(example: Scored) -> None:
    names = [s.header.name for s in example.assessment.answer_sets if s.header.name]
    files = [Path(s.file) for s in example.assessment.answer_sets]
    giveaways = [*names, *(n.split()[0] for n in names), *(f.name for f in files)]
    giveaways += [f.stem for f in files]
    assert len(names) == 7
    named = assessment_results_json(example, ON)
    assert all(name in named for name in names)
    anonymous = assessment_results_json(example, ON, anonymous=True)
    assert [g for g in giveaways if g in anonymous] == []
    parties = json.loads(anonymous)["assessment-results"]["metadata"]["parties"]
    assert [p["name"] for p in parties] == [
        "Leadership",
        "Security",
        "Development 1",
        "Development 2",
        "Operations",
        "QA",
        "Product",
    ]


HOSTILE_NOTE = "<script>alert(1)</script> \\e]0;owned\\a **bold** [x](javascript:alert(1))"
HOSTILE_EVIDENCE = [
    "javascript:alert(1)",
    "https://wiki.harbor.example/a b",
    "https://wiki.harbor.example/register?q=1#top",
    "<img src=x onerror=alert(1)>",
]


def test_notes_and_evidence_from_files_stay_inert_data(tmp_path: Path) -> None:
    for file in ROUND.glob("*.yaml"):
        shutil.copy(file, tmp_path / file.name)
    target = tmp_path / "security-priya.yaml"
    text = target.read_text(encoding="utf-8")
    old = '  AB-04: {level: 1, note: "Twelve exceptions are past their expiry date; nothing enforces expiry yet."}'
    assert old in text
    evidence = ", ".join(json.dumps(e) for e in HOSTILE_EVIDENCE)
    new = f'  AB-04: {{level: 1, note: "{HOSTILE_NOTE}", evidence: [{evidence}]}}'
    target.write_text(text.replace(old, new), encoding="utf-8")
    scored = score_files(sorted(tmp_path.glob("*.yaml")), Registry.default())
    out = assessment_results_json(scored, ON)
    assert [raw for raw in ("\x1b", "\x07", "\\u001b", "\\u0007") if raw in out] == []
    document = json.loads(out)
    # Markdown fields hold no markup that is not escaped: no tag, no link, no emphasis.
    strings = [value for _, value in walk(document) if isinstance(value, str)]
    assert [s for s in strings if re.search(r"(?<!\\)[<*\[]", s)] == []
    assert problems("assessment-results", document) == []
    [result] = document["assessment-results"]["results"]
    observation = next(
        o for o in result["observations"] if by_name(o["props"], "question") == ["AB-04"]
    )
    hers = [e for e in observation["relevant-evidence"] if "Priya" in e["description"]]
    assert hers == [
        {
            "description": "Priya Natarajan answered level 1 (Initial).",
            "props": hers[0]["props"],
            "remarks": "\\<script\\>alert(1)\\</script\\> \\\\x1b\\]0;owned\\\\x07 "
            "\\*\\*bold\\*\\* \\[x\\](javascript:alert(1))",
        },
        {"description": "Evidence cited by Priya Natarajan: javascript:alert(1)"},
        {"description": "Evidence cited by Priya Natarajan: https://wiki.harbor.example/a b"},
        {
            "href": "https://wiki.harbor.example/register?q=1#top",
            "description": "Evidence cited by Priya Natarajan.",
        },
        {"description": "Evidence cited by Priya Natarajan: \\<img src=x onerror=alert(1)\\>"},
    ]


OBSERVED = """\
schema: assess/answers/v1
bank: rampac-core@2.0.0
subject: Harbor Mutual claims platform
period: 2026-Q4
respondent: {name: Probe 1.0, role: observed}
profile: regulated
answers:
  AU-01: {level: 0, note: "No pipeline runs static analysis.", evidence: ["https://probe.example/au-01"]}
"""


def test_what_a_tool_measured_is_tested_evidence_and_a_claim_it_contradicts_a_finding(
    tmp_path: Path,
) -> None:
    for file in ROUND.glob("*.yaml"):
        if "role: observed" not in file.read_text(encoding="utf-8"):
            shutil.copy(file, tmp_path / file.name)
    (tmp_path / "observed-probe.yaml").write_text(OBSERVED, encoding="utf-8")
    scored = score_files(sorted(tmp_path.glob("*.yaml")), Registry.default())
    claimed = scored.result.question("AU-01")
    assert (claimed.gap, claimed.unsupported) == (0.0, True)
    document = json.loads(assessment_results_json(scored, ON, anonymous=True))
    assert problems("assessment-results", document) == []
    [result] = document["assessment-results"]["results"]
    observation = next(
        o for o in result["observations"] if by_name(o["props"], "question") == ["AU-01"]
    )
    assert observation["methods"] == ["INTERVIEW", "TEST"]
    assert by_name(observation["props"], "observed-level") == ["0"]
    # The tool that measured is an actor of its own, beside the people.
    tools = document["assessment-results"]["results"][0]["local-definitions"]["assessment-assets"][
        "components"
    ]
    probe = next(c for c in tools if c["title"] == "Probe 1.0")
    assert observation["origins"][-1] == {"actors": [{"type": "tool", "actor-uuid": probe["uuid"]}]}
    assert observation["relevant-evidence"][-2:] == [
        {
            "description": "Probe 1.0 measured level 0 (Not practiced).",
            "props": [
                {"name": "observed-by", "ns": NS, "value": "Probe 1.0"},
                {"name": "level", "ns": NS, "value": "0"},
            ],
            "remarks": "No pipeline runs static analysis.",
        },
        {"href": "https://probe.example/au-01", "description": "Evidence cited by Probe 1.0."},
    ]
    [finding] = [f for f in result["findings"] if f["target"]["target-id"] == "au-01_smt"]
    assert finding["description"] == (
        f"Scored {claimed.score:.1f} against a target of 3.0: no gap. Probe 1.0 measured "
        f"level 0, which does not support the level people gave ({claimed.observed.risk} risk)."
    )
    [item] = [i for i in scored.result.roadmap if i.question == "AU-01"]
    [risk] = [r for r in result["risks"] if r["uuid"] == finding["related-risks"][0]["risk-uuid"]]
    assert by_name(risk["props"], "unsupported") == ["true"]
    assert risk["characterizations"][0]["facets"][0]["value"] == item.risk
    assert risk["remediations"][0]["description"] == item.next_step
