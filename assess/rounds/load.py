"""Read round files, and tell a round file from a bank where a command takes either."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assess.bank.load import LoadedBank
from assess.bank.model import is_bank_file
from assess.bank.registry import Registry
from assess.base.errors import AssessError, InputError, UsageError
from assess.base.parse import file_kind, validate_document
from assess.base.safe_yaml import YamlDocument, load_yaml_file
from assess.rounds.model import ROUND_SCHEMA, Round, RoundFile


@dataclass(frozen=True, slots=True)
class Opened:
    """The bank a command works on, and the round that chose it (None for a bare bank)."""

    loaded: LoadedBank
    round: Round | None = None


def is_round_file(data: object) -> bool:
    """True when parsed YAML declares itself a round (``schema: assess/round/...``)."""
    schema = data.get("schema") if isinstance(data, dict) else None
    return isinstance(schema, str) and schema.startswith(ROUND_SCHEMA.rsplit("/", 1)[0] + "/")


def open_bank(registry: Registry, spec: str) -> Opened:
    """The bank named by ``spec``: a bank reference, a bank file, or a round file.

    Raises:
        UsageError, BankNotFoundError, BankError: as `Registry.load`.
        InputError: ``spec`` is a round file with problems (every one of them).
    """
    if Path(spec).is_file():
        doc = load_yaml_file(Path(spec), registry.limits)
        if is_round_file(doc.data):
            found, loaded = read_round(doc, registry)
            return Opened(loaded, found)
        if not is_bank_file(doc.data):
            # Checked as a bank, an answer file would get a page of missing keys.
            what = file_kind(doc.data) or "not a bank or round file"
            raise UsageError(
                f"{spec} is {what}: give a round file (`assess round new`), a bank file, "
                "or a bank like rampac-core@2.0.0"
            )
    return Opened(registry.load(spec))


def read_round(doc: YamlDocument, registry: Registry) -> tuple[Round, LoadedBank]:
    """Check a parsed round file against its bank.

    Raises:
        InputError: every problem found: the format, a bank that cannot be loaded, a
            profile the bank lacks, a role named twice.
    """
    model, problems = validate_document(RoundFile, doc)
    # A role listed twice is said even when other parts of the file fail to parse.
    raw = doc.data.get("roles") if isinstance(doc.data, dict) else None
    roles = [r for r in raw if isinstance(r, str)] if isinstance(raw, list) else []
    twice = [
        doc.problem(("roles", index), f"{role} is listed twice")
        for index, role in enumerate(roles)
        if role in roles[:index]
    ]
    if model is None:
        raise InputError(sorted([*problems, *twice], key=lambda p: p.line or 0))
    try:
        loaded = registry.load(model.bank)
    except AssessError as err:
        if isinstance(err, InputError):
            raise
        raise InputError([doc.problem(("bank",), str(err))]) from None
    bank = loaded.bank
    problems += [
        doc.problem((key,), "is empty", "give the text every answer file will carry")
        for key, value in (("subject", model.subject), ("period", model.period))
        if not value.strip()
    ]
    wrong = bank.unknown_profile(model.profile)
    if wrong is not None:
        problems.append(doc.problem(("profile",), *wrong))
    problems += twice
    if problems:
        raise InputError(problems)
    found = Round(
        doc.name, bank.ref, model.subject, model.period, model.profile, model.roles, model.group
    )
    return found, loaded
