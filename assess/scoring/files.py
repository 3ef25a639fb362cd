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
from assess.base.errors import UsageError
from assess.scoring.results import GroupTargets, Result
from assess.scoring.score import score
from assess.scoring.targets import from_profile, load_targets, of_group


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
    group_targets: GroupTargets | None = None,
) -> Scored:
    """Load ``files`` as one assessment and score it.

    Args:
        files: one answer file per respondent.
        registry: where their banks are found.
        profile: the bank profile to score against (overrides the files').
        targets: a targets file to score against instead of a profile.
        progress: called with 1 after each file is read.
        group_targets: the targets the subject's group sets, to score against instead
            of the files' profile (a ``profile`` or ``targets`` given goes first).

    Raises:
        AnswersError, BankError, UsageError: as `load_assessment`, or ``group_targets``
        name a profile the files' bank lacks; InputError: a bad targets file.
    """
    assessment = load_assessment(files, registry, profile, progress)
    bank = assessment.bank
    if targets is not None:
        chosen = load_targets(targets, bank, registry.limits)
    elif group_targets is not None and profile is None:
        found = of_group(bank, group_targets)
        if found is None:
            raise UsageError(
                f"group {group_targets.group!r} sets {group_targets.source}, which "
                f"{bank.ref} lacks: give --profile, or change the group's targets"
            )
        chosen = found
    else:
        chosen = from_profile(bank, assessment.profile)
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
