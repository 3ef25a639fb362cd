"""Check files of either kind: tell bank files from answer files, and check each.

`assess validate` accepts both, so one command checks a whole folder of work in progress.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from assess.answers.load import load_answer_file
from assess.bank.model import BANK_SCHEMA
from assess.bank.registry import Registry, load_bank_file
from assess.base.errors import InputError, Problem
from assess.base.safe_yaml import load_yaml_file


def is_bank_file(data: object) -> bool:
    """True when parsed YAML declares itself a bank (``schema: assess/bank/...``)."""
    schema = data.get("schema") if isinstance(data, dict) else None
    return isinstance(schema, str) and schema.startswith(BANK_SCHEMA.rsplit("/", 1)[0] + "/")


def validate_files(paths: Sequence[Path], registry: Registry) -> Iterator[str]:
    """Check each file; yield one line per valid file as it is checked.

    Raises:
        InputError: after the last file, every problem found in any of them.
    """
    problems: list[Problem] = []
    for path in paths:
        try:
            if is_bank_file(load_yaml_file(path, registry.limits).data):
                loaded = load_bank_file(path, registry.limits)
                yield f"ok: {path} (bank {loaded.bank.ref})"
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
