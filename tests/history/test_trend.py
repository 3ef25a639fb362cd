"""A subject's trend: rounds in order, series for charts, notes where the bank changed."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from helpers import example_snapshot

from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.history.store import HistoryStore
from assess.history.trend import subject_trend


@pytest.fixture
def store(tmp_path: Path):
    with HistoryStore(str(tmp_path / "h.db")) as opened:
        opened.record(example_snapshot("2026-Q2", datetime.date(2026, 5, 20)))
        opened.record(example_snapshot("2026-Q4", datetime.date(2026, 11, 20)))
        yield opened


def test_rounds_oldest_first_with_every_pillar(store: HistoryStore) -> None:
    trend = subject_trend(store, "Harbor Mutual claims platform", Registry.default())
    assert list(trend.frame.index) == ["2026-Q2", "2026-Q4"]
    names = [name for name, _ in trend.series]
    assert names[0] == "overall"
    assert len(names) == 7
    q2, q4 = (r.snapshot for r in store.records())
    assert trend.series[0][1] == [q2.overall, q4.overall]
    # Q2 was answered on rampac-core 1.0.0, Q4 on 2.0.0: the bank change is noted.
    assert trend.notes == (
        (
            "2026-Q4: bank rampac-core@1.0.0 -> rampac-core@2.0.0; overall change +0.29 = like "
            "for like +0.25 + question changes +0.04"
        ),
    )


def test_pillar_filter_keeps_only_those_series(store: HistoryStore) -> None:
    trend = subject_trend(store, "Harbor Mutual claims platform", Registry.default(), ["automate"])
    assert [name for name, _ in trend.series] == ["overall", "Automate"]


def test_a_bank_change_is_noted_even_when_the_version_is_not_at_hand(
    store: HistoryStore,
) -> None:
    q4 = store.records(with_questions=True)[-1].snapshot
    store.record(
        dataclasses.replace(
            q4, period="2027-Q2", assessed_on=datetime.date(2027, 5, 1), bank_version="9.0.0"
        )
    )
    trend = subject_trend(store, "Harbor Mutual claims platform", Registry.default())
    note = trend.notes[-1]
    assert note.startswith("2027-Q2: bank rampac-core@2.0.0 -> rampac-core@9.0.0; overall change ")
    assert note.endswith("(matched by question id)")


def test_unknown_subject_names_the_close_one(store: HistoryStore) -> None:
    with pytest.raises(UsageError, match="did you mean 'Harbor Mutual claims platform'"):
        subject_trend(store, "Harbor Mutual", Registry.default())
