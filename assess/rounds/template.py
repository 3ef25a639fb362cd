"""The blank answer file of a bank or a round, to fill in with a text editor."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from assess.answers.migrate import previous_answers
from assess.answers.model import Header, check_options
from assess.answers.write import blank_answer_file, select_questions
from assess.bank.registry import Registry
from assess.base.framework import Role
from assess.rounds.load import open_bank


def blank_template(
    registry: Registry,
    spec: str,
    subject: str | None = None,
    role: Role | None = None,
    pillars: Collection[str] = (),
    previous: Path | None = None,
) -> str:
    """A blank answer file for the bank or round ``spec``, pre-filled, its questions chosen.

    A round fills in its subject, period and profile; ``previous`` (the respondent's file
    from the last round) adds each earlier answer as a comment.

    Raises:
        UsageError: an unsafe subject, or one a round fixes; a role the round does not ask;
            a ``previous`` file of another bank.
        InputError: the bank, round or previous file is invalid.
    """
    check_options(subject)
    opened = open_bank(registry, spec)
    bank = opened.loaded.bank
    given = Header(subject=subject, role=role)
    header = given if opened.round is None else opened.round.header(given)
    last = previous_answers(previous, registry, bank) if previous is not None else None
    return blank_answer_file(bank, select_questions(bank, role, pillars), header, last)
