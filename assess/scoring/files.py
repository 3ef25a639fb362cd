"""Score answer files in one call: load them as one assessment, choose targets, score.

Every command that reports on answer files (score, explain, check, record, report,
the end of an interview) starts here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.answers.load import load_assessment
from assess.answers.model import Assessment
from assess.bank.registry import Registry
from assess.scoring.results import Result
from assess.scoring.score import score
from assess.scoring.targets import from_profile, load_targets


@dataclass(frozen=True, slots=True)
class Scored:
    """An assessment and its result."""

    assessment: Assessment
    result: Result


def score_files(
    files: Sequence[Path],
    registry: Registry,
    profile: str | None = None,
    targets: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> Scored:
    """Load ``files`` as one assessment and score it.

    Args:
        files: one answer file per respondent.
        registry: where their banks are found.
        profile: the bank profile to score against (overrides the files').
        targets: a targets file to score against instead of a profile.
        progress: called with 1 after each file is read.

    Raises:
        AnswersError, BankError, UsageError: as `load_assessment`; InputError: a bad
        targets file.
    """
    assessment = load_assessment(files, registry, profile, progress)
    chosen = (
        load_targets(targets, assessment.bank, registry.limits)
        if targets is not None
        else from_profile(assessment.bank, assessment.profile)
    )
    return Scored(assessment, score(assessment, chosen))


def score_paths(
    files: Sequence[Path],
    banks_dir: Sequence[Path] = (),
    profile: str | None = None,
    targets: Path | None = None,
) -> Scored:
    """`score_files` with the default registry (plus ``banks_dir``).

    Its arguments are plain paths and text, for a forked helper (`assess.base.background`).
    """
    return score_files(files, Registry.default(banks_dir), profile, targets)
