"""Bank versions: the changes block, version diffs, answer migration and cross-version deltas."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.answers.load import load_answer_file, load_assessment
from assess.bank.registry import Registry
from assess.bank.versions import question_map
from assess.base.errors import BankError, UsageError
from assess.cli.app import app
from assess.history.compare import compare
from assess.history.snapshot import Snapshot
from assess.scoring.score import score
from assess.scoring.targets import from_profile

runner = CliRunner()
ASSETS = Path(__file__).parents[1] / "assets"
BANKS = ASSETS / "banks"
ANSWERS = ASSETS / "answers" / "evolving"
B = ["--banks-dir", str(BANKS)]


@pytest.fixture
def evolving() -> Registry:
    return Registry.default([BANKS])


def bank(registry: Registry, version: str):
    return registry.load(f"evolving@{version}").bank


def test_map_chains_every_version(evolving: Registry) -> None:
    m = question_map(evolving, bank(evolving, "1.0.0"), bank(evolving, "2.0.0"))
    assert dict(m.ids) == {"EV-01": "EV-01", "EV-02": "EV-20", "EV-04": "EV-04"}
    assert {k: dict(v) for k, v in m.levels.items()} == {"EV-04": {0: 0, 1: 2, 2: 4}}
    assert m.removed == ("EV-03",)
    assert m.added == ("EV-05", "EV-06")
    assert m.reworded == ("EV-01",)
    assert m.declared


def test_map_refuses_backwards_and_other_banks(evolving: Registry) -> None:
    with pytest.raises(UsageError, match="evolving@1.0.0 is older than evolving@2.0.0"):
        question_map(evolving, bank(evolving, "2.0.0"), bank(evolving, "1.0.0"))
    with pytest.raises(UsageError, match="are different banks"):
        question_map(evolving, bank(evolving, "1.0.0"), evolving.load("rampac-core").bank)


def test_banks_diff_output() -> None:
    result = runner.invoke(app, ["banks", "diff", "evolving@1.0.0", "evolving@2.0.0", *B])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "evolving@1.0.0 -> evolving@2.0.0\n"
        "  added      EV-05\n"
        "  added      EV-06\n"
        "  removed    EV-03\n"
        "  renamed    EV-02 -> EV-20\n"
        "  rescaled   EV-04 (0->0, 1->2, 2->4)\n"
        "  reworded   EV-01\n"
        "  reworded   EV-04  (not declared as reworded)\n"
    )


def test_migrate_report_and_file(tmp_path: Path) -> None:
    source = tmp_path / "ana.yaml"
    shutil.copy(ANSWERS / "ana-1.0.0.yaml", source)
    before = source.read_bytes()
    out = tmp_path / "ana-2.yaml"
    result = runner.invoke(
        app, ["migrate", str(source), "--to", "evolving@2.0.0", "-o", str(out), *B]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{source}: evolving@1.0.0 -> evolving@2.0.0\n"
        "  carried over  1\n"
        "  renamed       EV-02 -> EV-20\n"
        "  rescaled      EV-04: 1 -> 2\n"
        "  dropped       EV-03 (question removed; kept as a comment)\n"
        "  new           EV-05\n"
        "  new           EV-06\n"
        "  unanswered    2\n"
    )
    assert source.read_bytes() == before  # -o leaves the original alone
    migrated, loaded = load_answer_file(out, Registry.default([BANKS]))
    assert loaded.bank.ref == "evolving@2.0.0"
    assert {k: (r.kind, r.level) for k, r in migrated.responses.items()} == {
        "EV-01": ("level", 2),
        "EV-20": ("level", 1),
        "EV-04": ("level", 2),
    }
    assert migrated.responses["EV-20"].note == "Only the web team"
    assert migrated.responses["EV-20"].evidence == ("https://wiki.example/ev2",)
    assert out.read_text().endswith(
        "# Answers to questions evolving@2.0.0 removed, kept for reference:\n"
        "#   EV-03: 2 note: Done by the platform team\n"
    )


def test_migrate_in_place_one_step(tmp_path: Path) -> None:
    source = tmp_path / "ben.yaml"
    shutil.copy(ANSWERS / "ben-1.0.0.yaml", source)
    result = runner.invoke(app, ["migrate", str(source), "--to", "evolving@1.1.0", *B])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "  carried over  3",
        "  renamed       EV-02 -> EV-20",
        "  new           EV-05",
        "  unanswered    1",
    ]
    assert "bank: evolving@1.1.0" in source.read_text()
    assert "  EV-04: unknown" in source.read_text()


@pytest.mark.parametrize(
    ("to", "message"),
    [
        ("evolving@0.9.0", "error: bank 'evolving' has no version 0.9.0 (it has: 1.0.0, 1.1.0, 2.0.0)\n"),
        ("minimal@1.0.0", "error: no bank 'minimal' on the search path; `assess banks list` shows the banks there are\n"),
        ("rampac-core@1.0.0", "error: evolving@1.0.0 and rampac-core@1.0.0 are different banks; versions cannot be mapped\n"),
    ],
)  # fmt: skip
def test_migrate_refusals_write_nothing(to: str, message: str, tmp_path: Path) -> None:
    source = tmp_path / "ana.yaml"
    shutil.copy(ANSWERS / "ana-1.0.0.yaml", source)
    before = source.read_bytes()
    result = runner.invoke(app, ["migrate", str(source), "--to", to, *B])
    assert result.exit_code == 2
    assert result.stderr == message
    assert source.read_bytes() == before


CHANGES_HEADER = "changes:\n  from: 1.1.0\n"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("changes:\n  from: 2.0.0\n", "changes.from: changes are counted from 2.0.0, which is not before 2.0.0"),
        (CHANGES_HEADER + "  added: [EV-07]\n", "changes.added[0]: 'EV-07' is not a question of this version (did you mean 'EV-20'?)"),
        (CHANGES_HEADER + "  removed: [EV-05]\n", "changes.removed[0]: 'EV-05' is still a question of this version, so it cannot be removed"),
        (CHANGES_HEADER + "  renamed: {EV-01: EV-20}\n", "changes.renamed.EV-01: 'EV-01' is still a question of this version, so it cannot be renamed"),
        (CHANGES_HEADER + "  rescaled:\n    EV-04: {0: 0, 1: 5}\n", "changes.rescaled.EV-04[1]: level 5 is not on the question's scale (use one of 0, 1, 2, 3, 4)"),
        (CHANGES_HEADER + "  renamed: [EV-01]\n", "changes.renamed: expected a mapping (key: value), got a list"),
    ],
)  # fmt: skip
def test_bad_changes_blocks(block: str, message: str, tmp_path: Path) -> None:
    text = (BANKS / "evolving" / "2.0.0.yaml").read_text()
    start = text.index("changes:")
    end = text.index("sources:")
    folder = tmp_path / "evolving"
    folder.mkdir()
    (folder / "2.0.0.yaml").write_text(text[:start] + block + text[end:])
    with pytest.raises(BankError) as caught:
        Registry.default([tmp_path]).load(str(folder / "2.0.0.yaml"))
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [message]


def snapshot(registry: Registry, files: list[Path], period: str):
    assessment = load_assessment(files, registry)
    result = score(assessment, from_profile(assessment.bank, assessment.profile))
    return Snapshot.from_result(result, assessment.bank, period, datetime.date(2026, 1, 1))


def test_like_for_like_across_versions(evolving: Registry, tmp_path: Path) -> None:
    """Old answers translated to the new version score the same on matched questions."""
    old = snapshot(evolving, sorted(ANSWERS.glob("*.yaml")), "2026-Q1")
    migrated = []
    for name in ("ana", "ben"):
        out = tmp_path / f"{name}.yaml"
        runner.invoke(
            app, ["migrate", str(ANSWERS / f"{name}-1.0.0.yaml"), "--to", "evolving@2.0.0", "-o", str(out), *B]
        )  # fmt: skip
        migrated.append(out)
    # Ana also answers the new questions: 2 and 0 on a 0-2 scale.
    text = (
        migrated[0]
        .read_text()
        .replace("  EV-05:\n", "  EV-05: 2\n")
        .replace("  EV-06:\n", "  EV-06: 0\n")
    )
    migrated[0].write_text(text)
    new = snapshot(evolving, migrated, "2026-Q3")
    m = question_map(evolving, bank(evolving, "1.0.0"), bank(evolving, "2.0.0"))
    c = compare(old, new, m)
    assert c.overall.like_for_like == pytest.approx(0.0)
    assert c.overall.delta == pytest.approx(new.overall - old.overall)
    assert c.overall.question_set_effect == pytest.approx(c.overall.delta)
    statuses = {q.id: q.status for q in c.questions}
    assert statuses == {
        "EV-01": "unchanged", "EV-20": "unchanged", "EV-04": "unchanged",
        "EV-05": "new", "EV-06": "new", "EV-03": "removed",
    }  # fmt: skip
    assert next(q for q in c.questions if q.id == "EV-20").previous_id == "EV-02"
    # Named the other way round, every sign flips and new/removed swap.
    back = compare(new, old, m)
    assert back.overall.delta == pytest.approx(-c.overall.delta)
    assert {q.id: q.status for q in back.questions}["EV-03"] == "new"
    assert {q.id: q.status for q in back.questions}["EV-05"] == "removed"


def test_compare_json_across_versions_from_the_cli(evolving: Registry, tmp_path: Path) -> None:
    assert (
        runner.invoke(app, ["record", *map(str, sorted(ANSWERS.glob("*.yaml"))), *B]).exit_code == 0
    )
    out = tmp_path / "ana.yaml"
    runner.invoke(
        app,
        ["migrate", str(ANSWERS / "ana-1.0.0.yaml"), "--to", "evolving@2.0.0", "-o", str(out), *B],
    )
    out.write_text(
        out.read_text().replace('"2026-Q1"', '"2026-Q3"').replace("  EV-01: 2", "  EV-01: 0")
    )
    assert runner.invoke(app, ["record", str(out), *B]).exit_code == 0
    result = runner.invoke(app, ["compare", "1", "2", "-f", "json", *B])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["matched_by"] == "declared changes"
    assert [q["id"] for q in data["questions"]["regressed"]] == ["EV-01"]
    trend = runner.invoke(app, ["trend", "Evolving product", *B])
    assert "note: 2026-Q3: bank evolving@1.0.0 -> evolving@2.0.0; overall change" in trend.stdout


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "levels: {0: level 0, 1: level 1, 2: level 2}",
            "levels: {0: level 0, 1: level one, 2: level 2}",
        ),
        ("text: Is the second practice in place?", "text: Is the second practice in place today?"),
        ("help: Because.", "help: Because.\n    title: First practice"),
        ("help: Because.", "help: Because.\n    evidence: {1: a list, 2: a register}"),
    ],
)
def test_any_change_a_respondent_rates_by_is_flagged_unless_declared(
    tmp_path: Path, old: str, new: str
) -> None:
    """Rewording the levels, the title or the evidence moves answers as much as the text."""
    from assess.bank.registry import Registry
    from assess.bank.versions import diff_versions

    folder = tmp_path / "evolving"
    folder.mkdir()
    source = Path(__file__).parents[1] / "assets" / "banks" / "evolving"
    (folder / "1.0.0.yaml").write_bytes((source / "1.0.0.yaml").read_bytes())
    text = (source / "1.0.0.yaml").read_text(encoding="utf-8")
    first = text.index("  - id: EV-02")  # edit EV-02, which no later version declares
    text = text[:first] + text[first:].replace(old, new, 1)
    text = text.replace("version: 1.0.0", "version: 1.0.1\nchanges:\n  from: 1.0.0", 1)
    (folder / "1.0.1.yaml").write_text(text, encoding="utf-8")
    found = diff_versions(Registry.default([tmp_path]), "evolving@1.0.0", "evolving@1.0.1")
    assert found.undeclared_wording == ("EV-02",)
