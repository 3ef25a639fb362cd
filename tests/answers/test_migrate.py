"""Answer migration along a bank's declared changes: renamed, rescaled, dropped, new."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.answers.load import load_answer_file
from assess.answers.migrate import migrate_file
from assess.answers.model import Response
from assess.bank.registry import Registry

ASSETS = Path(__file__).parents[1] / "assets"
ANA = ASSETS / "answers" / "evolving" / "ana-1.0.0.yaml"


@pytest.fixture
def evolving() -> Registry:
    return Registry.default([ASSETS / "banks"])


def test_every_answer_follows_its_question(evolving: Registry) -> None:
    m = migrate_file(ANA, "evolving@2.0.0", evolving).migration
    assert m.carried == ("EV-01",)
    assert m.renamed == (("EV-02", "EV-20"),)
    assert m.rescaled == (("EV-04", 1, 2),)
    assert [old for old, _ in m.dropped] == ["EV-03"]
    assert m.new == ("EV-05", "EV-06")
    note = Response("level", 1, "Only the web team", ("https://wiki.example/ev2",))
    assert m.responses["EV-20"] == note  # the note and evidence travel with the answer


def test_the_migrated_file_loads_and_keeps_dropped_answers_as_comments(
    evolving: Registry, tmp_path: Path
) -> None:
    migrated = migrate_file(ANA, "evolving@2.0.0", evolving)
    out = tmp_path / "ana-2.0.0.yaml"
    out.write_text(migrated.text)
    answer_set, loaded = load_answer_file(out, evolving)
    assert loaded.bank.ref == "evolving@2.0.0"
    assert answer_set.header == load_answer_file(ANA, evolving)[0].header
    assert dict(answer_set.responses) == dict(migrated.migration.responses)
    assert "#   EV-03: 2 note: Done by the platform team" in migrated.text


def test_a_healthy_questions_1_0_file_migrates_to_1_1(tmp_path: Path) -> None:
    import re

    from assess.rounds.template import blank_template

    registry = Registry.default()
    text = blank_template(registry, "healthy-questions@1.0.0", subject="S")
    filled = re.sub(r"^(  HQ-\d\d):$", r"\1: 2", text, flags=re.MULTILINE)
    old = tmp_path / "old.yaml"
    old.write_text(filled)
    migrated = migrate_file(old, "healthy-questions@1.1.0", registry)
    assert migrated.migration.map.declared
    assert migrated.migration.dropped == ()
    assert len(migrated.migration.carried) == 11
    assert set(migrated.migration.new) == {
        "HQ-12", "HQ-13", "HQ-14", "OC-01", "OC-02", "OC-03", "OC-04", "OC-05", "OC-06",
    }  # fmt: skip
    new = tmp_path / "new.yaml"
    new.write_text(migrated.text)
    answer_set, loaded = load_answer_file(new, registry)
    assert loaded.bank.ref == "healthy-questions@1.1.0"
    assert len(answer_set.responses) == 11


def _bundled_answer_files(bundled: set[str]) -> list[Path]:
    """Answer files in examples/ and tests/ that name one of the bundled banks."""
    import re

    root = Path(__file__).resolve().parents[2]
    found = []
    for folder in (root / "examples", root / "tests"):
        for path in sorted(folder.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8", errors="replace")
            named = re.search(r"^bank: *['\"]?([a-z0-9-]+)@", text, re.MULTILINE)
            if text.startswith("schema: assess/answers/") and named and named[1] in bundled:
                found.append(path)
    return found


def test_every_answer_file_of_a_bundled_bank_migrates_to_its_latest_version(
    tmp_path: Path,
) -> None:
    """Done when every answer file in examples/ and tests/ on an older bundled bank
    migrates, loads on the latest version, and loses no answer it gave."""
    registry = Registry.default()
    latest = {e.id: e.version for e in registry.entries()}  # entries are sorted by version
    migrated = 0
    for path in _bundled_answer_files(set(latest)):
        answer_set, loaded = load_answer_file(path, registry)
        bank = loaded.bank
        if bank.version == latest[bank.id]:
            continue
        moved = migrate_file(path, f"{bank.id}@{latest[bank.id]}", registry)
        assert moved.migration.dropped == (), path
        out = tmp_path / path.name
        out.write_text(moved.text, encoding="utf-8")
        again, now = load_answer_file(out, registry)
        assert now.bank.version == latest[bank.id]
        assert len(again.responses) == len(answer_set.responses), path
        migrated += 1
    assert migrated == 7  # Harbor Mutual's 2026-Q2 round, on rampac-core 1.0.0
