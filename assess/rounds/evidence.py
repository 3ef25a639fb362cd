"""Observed evidence for a round: a tool's results as the round's ``observed`` answer file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.evidence.mapping import find_mapping
from assess.evidence.scorecard import observed_answer_file, read_results
from assess.rounds.load import open_bank


def scorecard_answers(
    paths: Sequence[Path], round_file: Path, registry: Registry, mapping: Path | None = None
) -> tuple[str, int]:
    """The round's observed answer file from OpenSSF Scorecard ``paths``, and its size.

    The size is how many questions it answers. The mapping is ``mapping``, else the one beside the round's bank version.

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
    return text, len(rules.rules)
