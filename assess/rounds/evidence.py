"""Observed evidence for a round: a tool's results as the round's ``observed`` answer file."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.evidence.mapping import find_mapping
from assess.evidence.scorecard import (
    STALE_AFTER_DAYS,
    observed_answer_file,
    read_results,
    stale_results,
)
from assess.rounds.load import open_bank


@dataclass(frozen=True, slots=True)
class Observed:
    """The observed answer file's text, and what to tell the person who asked for it."""

    text: str
    questions: int
    """How many questions it answers."""
    warnings: tuple[str, ...]


def scorecard_answers(
    paths: Sequence[Path],
    round_file: Path,
    registry: Registry,
    mapping: Path | None = None,
    today: datetime.date | None = None,
) -> Observed:
    """The round's observed answer file from OpenSSF Scorecard ``paths``.

    Results over 90 days old (before ``today``) are used but warned of. The mapping is ``mapping``, else the one beside the round's bank version.

    Raises:
        UsageError: ``round_file`` is not a round file, or no mapping fits its bank.
        InputError: every problem in the round, the mapping or the results.
    """
    opened = open_bank(registry, str(round_file))
    found = opened.round
    if found is None:
        raise UsageError(f"--round {round_file}: give a round file (see `assess round new`)")
    rules = find_mapping(opened.loaded, registry, mapping)
    results = read_results(paths, registry.limits)
    text = observed_answer_file(
        results, rules, opened.loaded, found.subject, found.period, found.profile
    )
    old = stale_results(results, today or datetime.date.today())
    if not old:
        return Observed(text, len(rules.rules), ())
    warning = (
        f"{len(old)} of {len(results)} results are over {STALE_AFTER_DAYS} days old "
        f"(the oldest: {old[0].repo}, {old[0].date[:10] or 'no date'}): they may no "
        "longer say how those repositories stand; run Scorecard again for this round"
    )
    return Observed(text, len(rules.rules), (warning,))
