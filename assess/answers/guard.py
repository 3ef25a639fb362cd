"""Before writing an output file: never overwrite an input, or someone's answers.

A command's output must not land on one of the files it reads (``assess score x.yaml
-o x.yaml``), nor on a question bank, nor through a link that points nowhere; and it
must not replace an answer file that holds answers (``assess template -o filled.yaml``)
unless the user says ``--force``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assess.answers.model import ANSWERS_SCHEMA
from assess.bank.model import is_bank_file
from assess.base.errors import InputError, UsageError
from assess.base.safe_yaml import load_yaml_file
from assess.base.words import count


def check_output(output: Path, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Refuse ``output`` when it is one of ``inputs``, or holds answers and not ``force``.

    Raises:
        UsageError: saying why, and what to do instead.
    """
    if output.is_symlink() and not output.exists():
        raise UsageError(
            f"{output} is a link to {output.readlink()}, which does not exist; write elsewhere"
        )
    if not output.is_file():
        return
    for given in inputs:
        if _same_file(output, given):
            raise UsageError(f"{output} is one of the command's input files; write elsewhere")
    data = _data(output)
    if is_bank_file(data):
        raise UsageError(f"{output} is a question bank file; write elsewhere")
    answered = _answers_in(data)
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


def _data(path: Path) -> object:
    """The file's YAML data; None when it is not a readable YAML file."""
    try:
        return load_yaml_file(path).data
    except InputError:
        return None


def _answers_in(data: object) -> int:
    """How many answers parsed YAML holds when it is an answer file, else 0."""
    if not isinstance(data, dict) or data.get("schema") != ANSWERS_SCHEMA:
        return 0
    answers = data.get("answers")
    return sum(v is not None for v in answers.values()) if isinstance(answers, dict) else 0
