"""Check files of every kind a respondent or facilitator handles.

Banks, rounds, answers, and the mappings of observed evidence: `assess validate` accepts
them all, so one command checks a whole folder of work in
progress; each file is told apart by its ``schema`` key.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from assess.answers.load import load_answer_file
from assess.bank.model import is_bank_file
from assess.bank.registry import Registry, load_bank_file
from assess.base.errors import InputError, Problem
from assess.base.safe_yaml import load_yaml_file
from assess.evidence.mapping import is_mapping_file, read_mapping
from assess.rounds.load import is_round_file, read_round


def validate_files(paths: Sequence[Path], registry: Registry) -> Iterator[str]:
    """Check each file; yield one line per valid file as it is checked.

    Raises:
        InputError: after the last file, every problem found in any of them.
    """
    problems: list[Problem] = []
    for path in paths:
        try:
            doc = load_yaml_file(path, registry.limits)
            if is_bank_file(doc.data):
                loaded = load_bank_file(path, registry.limits)
                yield f"ok: {path} (bank {loaded.bank.ref})"
            elif is_mapping_file(doc.data):
                mapping = read_mapping(doc, registry)
                yield (
                    f"ok: {path} (Scorecard mapping for {mapping.bank_ref}: "
                    f"{len(mapping.rules)} questions, {len(mapping.known_checks)} checks)"
                )
            elif is_round_file(doc.data):
                found, _ = read_round(doc, registry)
                yield f"ok: {path} (round of {found.subject}, {found.period}, {found.bank_ref})"
            else:
                answer_set, bank = load_answer_file(path, registry)
                yield (
                    f"ok: {path} ({len(answer_set.responses)} of "
                    f"{len(bank.bank.questions)} answered, {bank.bank.ref})"
                )
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
