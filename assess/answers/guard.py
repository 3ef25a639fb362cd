"""Before writing an output file: never overwrite an input, or someone's answers.

A command's output must not land on one of the files it reads (``assess score x.yaml
-o x.yaml``), and must not replace an answer file that holds answers (``assess template
-o filled.yaml``) unless the user says ``--force``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assess.answers.model import ANSWERS_SCHEMA
from assess.base.errors import InputError, UsageError
from assess.base.safe_yaml import load_yaml_file
from assess.base.words import count


def check_output(output: Path, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Refuse ``output`` when it is one of ``inputs``, or holds answers and not ``force``.

    Raises:
        UsageError: saying why, and what to do instead.
    """
    if not output.is_file():
        return
    for given in inputs:
        if _same_file(output, given):
            raise UsageError(f"{output} is one of the command's input files; write elsewhere")
    answered = _answers_in(output)
    if answered and not force:
        raise UsageError(
            f"{output} is an answer file with {count(answered, 'answer')}; give --force to "
            "replace it, or choose another -o"
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _answers_in(path: Path) -> int:
    """How many answers an answer file holds (0 for any other file, or an unreadable one)."""
    try:
        data = load_yaml_file(path).data
    except InputError:
        return 0
    if not isinstance(data, dict) or data.get("schema") != ANSWERS_SCHEMA:
        return 0
    answers = data.get("answers")
    return sum(v is not None for v in answers.values()) if isinstance(answers, dict) else 0
