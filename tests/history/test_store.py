"""The history store: recording, listing, schema migration, refusals and concurrency."""

from __future__ import annotations

import dataclasses
import datetime
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from helpers import example_snapshot

from assess.base.errors import UsageError
from assess.history.snapshot import Snapshot
from assess.history.store import SCHEMA_VERSION, HistoryStore, StoreError, earlier_records
from assess.scoring.results import GroupTargets

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbor-mutual"


@pytest.fixture(scope="module")
def q4() -> Snapshot:
    return example_snapshot("2026-Q4")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new store: an SQLite file, or a database on a throwaway PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "h.db")
    return str(request.getfixturevalue("postgres_url"))


def test_record_and_read_back_everything(location: str, q4: Snapshot) -> None:
    with HistoryStore(location) as store:
        saved = store.record(q4)
        assert store.get(str(saved.id)).snapshot == q4
        assert store.get("Harbor Mutual claims platform@2026-Q4").id == saved.id
        listed = store.records()
        assert [r.id for r in listed] == [saved.id]
        # Listings leave the per-question rows out; everything else is there.
        assert listed[0].snapshot.questions == ()
        assert listed[0].snapshot.pillars == q4.pillars
        assert store.schema_version == SCHEMA_VERSION


def test_same_period_refused_unless_replaced_and_ids_never_reused(
    location: str, q4: Snapshot
) -> None:
    with HistoryStore(location) as store:
        first = store.record(q4)
        with pytest.raises(Exception, match="already recorded; give --replace"):
            store.record(q4)
        second = store.record(q4, replace=True)
        assert second.id > first.id
        assert [r.id for r in store.records()] == [second.id]
        with pytest.raises(Exception, match=f"no record '{first.id}'"):
            store.get(str(first.id))


def test_sqlite_runs_in_wal_mode(tmp_path: Path, q4: Snapshot) -> None:
    path = tmp_path / "h.db"
    with HistoryStore(str(path)) as store:
        store.record(q4)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_older_schema_migrates_and_keeps_records(location: str, q4: Snapshot) -> None:
    old = dataclasses.replace(q4, questions=(), now=())  # schema 1 kept neither
    with HistoryStore(location, migrate_to=1) as store:
        assert store.schema_version == 1
        kept = store.record(old)
        assert "assess_questions" not in sa.inspect(store.engine).get_table_names()
    with HistoryStore(location) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get(str(kept.id)).snapshot == old
        store.record(example_snapshot("2026-Q2"))
        assert len(store.records()) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a database at all" * 100, "is not a usable history database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "is not a usable history database"),
    ],
)
def test_corrupt_file_is_refused_and_left_unchanged(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "h.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        HistoryStore(str(path))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.db"]


def test_foreign_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        HistoryStore(str(path))
    assert str(caught.value) == (
        f"{path} is a database but not an assess history (it holds: users); it was left "
        "unchanged: point --db or ASSESS_DB elsewhere"
    )
    assert path.read_bytes() == before


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "h.db")
    HistoryStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE assess_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="holds history schema 99, newer than this assess"):
        HistoryStore(path)


def test_missing_history_is_not_created_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no history at .*record an assessment first"):
        HistoryStore(str(path), create=False)
    assert not path.exists()


def test_earlier_records_come_before_the_round_reported(tmp_path: Path, q4: Snapshot) -> None:
    with HistoryStore(str(tmp_path / "h.db")) as store:
        store.record(example_snapshot("2026-Q2", datetime.date(2026, 5, 1)))
        store.record(q4)
        records = store.records()
    picked = earlier_records(records, "2026-Q4", datetime.date(2027, 1, 1))
    assert [r.snapshot.period for r in picked] == ["2026-Q2"]
    # Reporting the earlier round shows no later one as its past.
    assert earlier_records(records, "2026-Q2", datetime.date(2027, 1, 1)) == []


WRITER = """
import dataclasses, datetime, pickle, sys
from assess.history.store import HistoryStore
snapshot = pickle.loads(open(sys.argv[1], "rb").read())
with HistoryStore(sys.argv[2]) as store:
    for i in range(int(sys.argv[4])):
        period = f"{sys.argv[3]}-{i:02d}"
        store.record(dataclasses.replace(snapshot, period=period))
"""


def test_concurrent_writers_lose_nothing(location: str, tmp_path: Path, q4: Snapshot, reap) -> None:
    import pickle

    frozen = tmp_path / "snapshot.pickle"
    frozen.write_bytes(pickle.dumps(q4))
    db = location
    # Both start on a database that does not exist yet, so they also race to set it up.
    procs = [
        reap(
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(frozen), db, name, "15"],
                stderr=subprocess.PIPE,
            )
        )
        for name in ("alpha", "beta")
    ]
    errors = [proc.communicate(timeout=120)[1].decode() for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    with HistoryStore(db) as store:
        records = store.records()
    assert len(records) == 30
    assert len({r.snapshot.period for r in records}) == 30


REPLACER = """
import pickle, sys
from assess.history.store import HistoryStore
snapshot = pickle.loads(open(sys.argv[1], "rb").read())
with HistoryStore(sys.argv[2]) as store:
    for _ in range(5):
        store.record(snapshot, replace=True)
"""


@pytest.mark.slow  # many processes racing: CI runs it
def test_concurrent_replacements_of_one_round_all_succeed(
    location: str, tmp_path: Path, q4: Snapshot, reap
) -> None:
    import pickle

    frozen = tmp_path / "snapshot.pickle"
    frozen.write_bytes(pickle.dumps(q4))
    HistoryStore(location).close()
    procs = [
        reap(
            subprocess.Popen(
                [sys.executable, "-c", REPLACER, str(frozen), location], stderr=subprocess.PIPE
            )
        )
        for _ in range(8)
    ]
    errors = [proc.communicate(timeout=120)[1].decode() for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 8, errors
    with HistoryStore(location) as store:
        [only] = store.records()
        assert store.get(str(only.id)).snapshot == q4  # the last writer's, whole


def test_switching_to_wal_waits_for_a_writer_in_the_way(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "h.db"
    HistoryStore(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode=DELETE")
    # A writer mid-transaction on a rollback-journal file: SQLite refuses the mode
    # switch at once rather than waiting, which lost a concurrent `record` before.
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE assess_meta SET value = value")
    release = threading.Timer(0.3, holder.execute, ["COMMIT"])
    release.start()
    try:
        with HistoryStore(str(path)) as store:
            assert store.schema_version == SCHEMA_VERSION
    finally:
        release.join()
        holder.close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reading_never_writes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with HistoryStore(str(empty), create=False) as store:
        assert store.records() == []
        assert store.subjects() == []
        with pytest.raises(StoreError, match="opened read-only"):
            store.record(example_snapshot("2026-Q4"))
    assert empty.stat().st_size == 0


def test_records_sort_by_date_then_period_then_id(tmp_path: Path) -> None:
    q4 = example_snapshot("2026-Q4")
    with HistoryStore(str(tmp_path / "h.db")) as store:
        store.record(
            dataclasses.replace(q4, subject="B", period="p2", assessed_on=datetime.date(2026, 1, 2))
        )
        store.record(
            dataclasses.replace(q4, subject="A", period="p3", assessed_on=datetime.date(2026, 1, 3))
        )
        store.record(
            dataclasses.replace(q4, subject="C", period="p1", assessed_on=datetime.date(2026, 1, 1))
        )
        assert [r.snapshot.period for r in store.records()] == ["p1", "p2", "p3"]


def test_schema_2_store_migrates_to_groups_and_now_phases(location: str, q4: Snapshot) -> None:
    with HistoryStore(location, migrate_to=2) as store:
        with store.engine.begin() as conn:  # the table as schema 2 made it
            conn.execute(sa.text("ALTER TABLE assess_assessments DROP COLUMN now_phase"))
        kept = store.record(dataclasses.replace(q4, now=()))
    with HistoryStore(location) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        assert store.get(str(kept.id)).snapshot.now == ()
        assert store.groups() == {q4.subject: ""}
        later = store.record(dataclasses.replace(q4, period="2027-Q1"), group=None)
        assert store.get(str(later.id)).snapshot.now == q4.now
        with pytest.raises(UsageError) as caught:
            store.record(dataclasses.replace(q4, period="2027-Q2"), group="Retail/Claims")
        assert str(caught.value) == (
            f"{q4.subject!r} is in group '(none)', not 'Retail/Claims'; move it with "
            f"`assess subjects set-group '{q4.subject}' Retail/Claims`, then record"
        )
        assert store.set_group(q4.subject, "Retail/Claims") == ""
        assert store.groups() == {q4.subject: "Retail/Claims"}


def test_schema_3_store_migrates_to_group_targets(location: str, q4: Snapshot) -> None:
    with HistoryStore(location, migrate_to=3) as store:
        store.record(q4, group="Retail/Claims")
        assert store.group_targets() == {}  # schema 3 has no table for them
    with HistoryStore(location, create=False) as store:  # read-only: left at 3
        assert store.schema_version == 3
        assert store.group_targets() == {}
    with HistoryStore(location) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        assert store.groups() == {q4.subject: "Retail/Claims"}
        targets = GroupTargets("Retail", "profile regulated", profile="regulated")
        store.set_group_targets(targets, "Retail")
        assert store.group_targets() == {"Retail": targets}
        store.set_group_targets(None, "Retail")
        assert store.group_targets() == {}
