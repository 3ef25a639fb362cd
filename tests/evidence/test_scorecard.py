"""OpenSSF Scorecard results as observed evidence: levels, evidence, bad input, scoring."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLE, ROOT, run_assess

from assess.answers.load import load_answer_file
from assess.bank.registry import Registry
from assess.base.errors import InputError
from assess.base.safe_yaml import DEFAULT_LIMITS
from assess.evidence.mapping import load_mapping
from assess.evidence.scorecard import observe, observed_answer_file, read_results
from assess.scoring.files import score_files

FIXTURES = Path(__file__).parent / "fixtures" / "scorecard"
REPOS = sorted(FIXTURES.glob("*.json"))
MAPPING = ROOT / "question_banks" / "rampac-core" / "mappings" / "scorecard-2.0.0.yaml"
ROUND = EXAMPLE / "round-2026-Q4.yaml"


def _mapping():  # type: ignore[no-untyped-def]
    return load_mapping(MAPPING, Registry.default())


def test_the_fixtures_are_twelve_repositories_with_inconclusive_checks() -> None:
    results = read_results(REPOS, DEFAULT_LIMITS)
    assert len(results) == 12
    assert len({r.repo for r in results}) == 12
    assert any(s.score == -1 for r in results for s in r.checks.values())


def test_each_level_is_the_share_of_judged_repositories_that_pass() -> None:
    # Counted here from the raw JSON, apart from the code under test.
    raw = [json.loads(p.read_text(encoding="utf-8")) for p in REPOS]
    mapping = _mapping()
    for rule, seen in zip(
        mapping.rules, observe(read_results(REPOS, DEFAULT_LIMITS), mapping), strict=True
    ):
        judged = passing = 0
        for doc in raw:
            scores = {c["name"]: c["score"] for c in doc["checks"]}
            mine = [scores.get(c, -1) for c in rule.checks]
            if min(mine) < 0:
                continue
            judged += 1
            passing += min(mine) >= rule.passes_at
        assert seen.level == (rule.level(passing, judged) if judged else None), rule.question
        assert f"{passing} of {judged} judged pass" in seen.note
        assert len(seen.evidence) == 12


def test_the_observed_file_is_a_valid_answer_file_of_role_observed(tmp_path: Path) -> None:
    registry = Registry.default()
    loaded = registry.load("rampac-core@2.0.0")
    text = observed_answer_file(
        read_results(REPOS, DEFAULT_LIMITS), _mapping(), loaded, "Northwind", "2026-Q4", None
    )
    path = tmp_path / "observed.yaml"
    path.write_text(text, encoding="utf-8")
    answer_set, _ = load_answer_file(path, registry)
    assert answer_set.observed
    assert answer_set.header.role is None
    assert answer_set.header.name == "OpenSSF Scorecard v5.0.0"
    assert set(answer_set.responses) == {"AU-01", "AU-04", "AU-10", "AU-22"}
    assert all(r.evidence for r in answer_set.responses.values())


def test_more_repositories_than_evidence_items_are_summed_up(tmp_path: Path) -> None:
    doc = json.loads(REPOS[0].read_text(encoding="utf-8"))
    paths = []
    for n in range(30):
        doc["repo"]["name"] = f"github.com/northwind/r{n:02}"
        paths.append(tmp_path / f"r{n:02}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    seen = observe(read_results(paths, DEFAULT_LIMITS), _mapping())
    assert all(len(s.evidence) == 20 for s in seen)
    assert seen[0].evidence[-1] == "and 11 more repositories, in the results given"


def _edited(tmp_path: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    doc = json.loads(REPOS[0].read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_bad_results_are_one_message_each(tmp_path: Path) -> None:
    bad = FIXTURES / "bad"
    twice = _edited(tmp_path, "twice.json", lambda d: d["checks"].append(dict(d["checks"][0])))
    score = _edited(tmp_path, "score.json", lambda d: d["checks"][0].update(score=11))
    with pytest.raises(InputError) as caught:
        read_results(
            [
                bad / "not-json.json",
                bad / "foreign.json",
                bad / "old-version.json",
                twice,
                score,
                REPOS[0],
                REPOS[0],
                tmp_path / "missing.json",
            ],
            DEFAULT_LIMITS,
        )
    shown = [
        str(p).replace(str(FIXTURES) + "/", "").replace(str(tmp_path) + "/", "")
        for p in caught.value.problems
    ]
    first = json.loads(REPOS[0].read_text(encoding="utf-8"))
    assert shown[0].startswith("bad/not-json.json:1: not valid JSON: ")
    assert shown[1:] == [
        (
            "bad/foreign.json: not an OpenSSF Scorecard result (no 'scorecard' and 'checks' fields) "
            "(give the JSON that `scorecard --repo=… --format json` writes)"
        ),
        (
            "bad/old-version.json: scorecard.version: Scorecard v9.1.0 is not a version this reads "
            "(4.x or 5.x) (run Scorecard 4 or 5, or an assess that knows the newer format)"
        ),
        (
            f"twice.json: checks[{len(first['checks'])}].name: check "
            f"{first['checks'][0]['name']!r} comes twice"
        ),
        "score.json: checks[0].score: must be at most 10, got 11",
        (
            f"{REPOS[0].name}: repo.name: {first['repo']['name']} is also in {REPOS[0].name} "
            "(give one result per repository)"
        ),
        "missing.json: file not found",
    ]


def test_a_check_the_mapping_does_not_know_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    out = tmp_path / "observed.yaml"
    missing = FIXTURES / "bad" / "missing-check.json"
    done = run_assess(
        "evidence", "scorecard", str(missing), "--round", str(ROUND), "-o", str(out), cwd=tmp_path
    )
    assert (done.returncode, done.stderr) == (
        2,
        (
            f"{missing}: checks: check 'Quantum-Safety' is not in the mapping {MAPPING} (add it "
            "there under questions, or under unmapped with the reason)\nerror: 1 problem in 1 file\n"
        ),
    )
    assert not out.exists()


def test_a_bank_instead_of_a_round_is_refused(tmp_path: Path) -> None:
    done = run_assess(
        "evidence", "scorecard", str(REPOS[0]), "--round", "rampac-core@2.0.0", cwd=tmp_path
    )
    assert (done.returncode, done.stderr) == (
        2,
        "error: --round rampac-core@2.0.0: give a round file (see `assess round new`)\n",
    )


def test_the_bundled_example_evidence_is_what_the_command_writes(tmp_path: Path) -> None:
    # examples/harbor-mutual/2026-Q4/observed-scorecard.yaml is regenerated, not edited.
    shutil.copytree(EXAMPLE / "scorecard", tmp_path / "scorecard")
    shutil.copy(ROUND, tmp_path / ROUND.name)
    done = run_assess(
        "evidence",
        "scorecard",
        *sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "scorecard").glob("*.json")),
        "--round",
        ROUND.name,
        "-o",
        "observed.yaml",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "4 questions answered from 8 Scorecard results\n"
    bundled = EXAMPLE / "2026-Q4" / "observed-scorecard.yaml"
    assert (tmp_path / "observed.yaml").read_text(encoding="utf-8") == bundled.read_text(
        encoding="utf-8"
    )


def test_scoring_keeps_observed_answers_apart_and_flags_unsupported_claims() -> None:
    registry = Registry.default()
    people = sorted(p for p in (EXAMPLE / "2026-Q4").glob("*.yaml") if "observed" not in p.name)
    alone = score_files(people, registry).result
    both = score_files([*people, EXAMPLE / "2026-Q4" / "observed-scorecard.yaml"], registry).result
    assert [p.score for p in both.pillars] == [p.score for p in alone.pillars]
    assert both.respondents == alone.respondents
    by_id = {q.id: q for q in both.questions}
    assert by_id["AU-22"].observed is not None
    assert by_id["AU-22"].observed.level == 0
    assert by_id["AU-22"].unsupported
    assert not by_id["AU-10"].unsupported  # 2.6 claimed against 2 observed
    assert {i.question for i in both.roadmap if i.unsupported} == {"AU-01", "AU-04", "AU-22"}
    step = next(i for i in both.roadmap if i.question == "AU-22")
    assert step.from_level == 0
    automate = both.pillar("automate")
    assert automate.observed is not None
    assert automate.claimed is not None
    assert automate.claimed > automate.observed


def test_results_over_ninety_days_old_are_used_but_warned_of() -> None:
    import datetime

    from assess.rounds.evidence import scorecard_answers

    on_time = scorecard_answers(REPOS, ROUND, Registry.default(), today=datetime.date(2026, 12, 1))
    assert on_time.warnings == ()
    late = scorecard_answers(REPOS, ROUND, Registry.default(), today=datetime.date(2027, 6, 1))
    assert late.text == on_time.text
    assert late.warnings == (
        (
            "12 of 12 results are over 90 days old (the oldest: github.com/northwind/"
            f"{_oldest()}): they may no longer say how those repositories stand; run "
            "Scorecard again for this round"
        ),
    )


def _oldest() -> str:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in REPOS]
    first = min(docs, key=lambda d: d["date"])
    return f"{first['repo']['name'].rsplit('/', 1)[1]}, {first['date'][:10]}"
