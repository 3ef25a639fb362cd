"""The round file's format (pydantic) and the frozen `Round` read from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from assess.answers.model import GroupPath, Header, Period, Subject
from assess.bank.model import Seq, Slug, Strict
from assess.base.errors import UsageError
from assess.base.framework import Role
from assess.base.parse import PINNED_BANK_REF

ROUND_SCHEMA = "assess/round/v1"


class RoundFile(Strict):
    """One assessment round of one subject."""

    format: Literal["assess/round/v1"] = Field(alias="schema")
    """The file format; always 'assess/round/v1' for now."""
    bank: str = Field(pattern=PINNED_BANK_REF)
    """The bank and version everyone answers, like 'rampac-core@2.0.0'."""
    subject: Subject
    """What is assessed: an organisation, a team or a product."""
    period: Period
    """The round's label, like '2026-Q4'."""
    profile: Slug
    """The target profile the answers are scored against."""
    roles: Seq[Role] = ()
    """The roles asked; empty means any role may answer."""
    group: GroupPath | None = None
    """The group the subject belongs to, like 'Retail/Claims'."""


@dataclass(frozen=True, slots=True)
class Round:
    """A validated round file."""

    file: str
    bank_ref: str
    subject: str
    period: str
    profile: str
    roles: tuple[Role, ...] = ()
    """The roles asked; empty means any."""
    group: str | None = None
    """The subject's group, carried into every answer file."""

    def header(self, given: Header) -> Header:
        """An answer file's header for one respondent: the round's fields, their name and role.

        Raises:
            UsageError: ``given`` sets a field the round fixes, or a role it does not ask.
        """
        fixed = [
            option
            for option, value in (
                ("--subject", given.subject),
                ("--period", given.period),
                ("--profile", given.profile),
            )
            if value is not None
        ]
        if fixed:
            raise UsageError(
                f"round {self.file} fixes the subject, period and profile: leave out "
                + ", ".join(fixed)
            )
        if given.role is not None and self.roles and given.role not in self.roles:
            raise UsageError(f"round {self.file} asks {', '.join(self.roles)}, not {given.role}")
        return Header(self.subject, self.period, given.name, given.role, self.profile, self.group)
