"""Write a new round file: the facilitator's choices, with comments saying what they do."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from assess.answers.model import check_options
from assess.answers.write import yaml_scalar
from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.base.framework import ROLES, Role
from assess.base.parse import group_path
from assess.rounds.model import ROUND_SCHEMA


def new_round(
    registry: Registry,
    bank: str,
    subject: str,
    period: str,
    profile: str | None = None,
    roles: Sequence[Role] = (),
    group: str | None = None,
) -> str:
    """The text of a round file for ``bank`` (latest version unless pinned).

    ``profile`` defaults to the bank's 'balanced' profile when it has one; ``group`` is
    the subject's group path (``Retail/Claims``), which recording the round sets.

    Raises:
        UsageError: a blank or unsafe subject or period, a profile the bank lacks (or no
            profile given for a bank without 'balanced'), a role given twice, a
            malformed group.
        BankNotFoundError, BankError: as `Registry.load`.
    """
    check_options(subject, period)
    for option, value in (("--subject", subject), ("--period", period)):
        if not value.strip():
            raise UsageError(f"{option} is empty; give the text everyone's answers will carry")
    loaded = registry.load(bank).bank
    if profile is None:
        if "balanced" not in loaded.profiles:
            raise UsageError(
                f"{loaded.ref} has no 'balanced' profile; choose one with --profile: "
                + ", ".join(loaded.profiles)
            )
        profile = "balanced"
    loaded.check_profile(profile)
    twice = sorted({r for r in roles if roles.count(r) > 1})
    if twice:
        raise UsageError(f"--role {', '.join(twice)} is given more than once")
    chosen = loaded.profiles[profile]
    shown_group = (
        f"group: {yaml_scalar(group_path(group))}"
        if group is not None
        else "# group: Retail/Claims   (optional: the group the subject is recorded in)"
    )
    lines = [
        f"# A round of {loaded.title}: hand this file to every respondent.",
        "# `assess interview`, `assess template` and `assess form` take it in place of a bank;",
        "# each answer file then carries this bank, subject, period and profile.",
        f"schema: {ROUND_SCHEMA}",
        f"bank: {loaded.ref}",
        f"subject: {yaml_scalar(subject.strip())}",
        f"period: {yaml_scalar(period.strip())}",
        shown_group,
        *(f"# {line}" for line in textwrap.wrap(f"{chosen.title}: {chosen.rationale}", 86)),
        f"# Other profiles: {', '.join(p for p in loaded.profiles if p != profile) or 'none'}.",
        f"profile: {profile}",
        "# The roles asked; leave the list empty to let any role answer.",
        f"# Roles: {', '.join(ROLES)}.",
        f"roles: [{', '.join(r for r in ROLES if r in roles)}]",
    ]
    return "\n".join(lines) + "\n"
