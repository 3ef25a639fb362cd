"""Who fills each role, for the roadmap's accountable column: an owners file.

An owners file is YAML::

    schema: assess/owners/v1
    owners:
      security: AppSec team (Priya Raman)
      operations: Platform engineering

Roles are the framework's (`assess.base.framework.ROLES`); a role left out stays named
by its role. Names are one line of plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from assess.bank.model import Strict
from assess.base.errors import InputError
from assess.base.framework import ROLES, Role
from assess.base.parse import ONE_LINE, validate_document
from assess.base.safe_yaml import DEFAULT_LIMITS, Limits, load_yaml_file

OwnerName = Annotated[str, Field(min_length=1, max_length=80, pattern=ONE_LINE)]


class OwnersFile(Strict):
    """Names or teams by role."""

    format: Literal["assess/owners/v1"] = Field(alias="schema")
    owners: Mapping[Role, OwnerName]


def load_owners(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[tuple[Role, str], ...]:
    """(role, who fills it) from an owners file, in the framework's role order.

    Raises:
        InputError: the file cannot be read or is not a valid owners file.
    """
    doc = load_yaml_file(path, limits)
    model, problems = validate_document(OwnersFile, doc)
    if model is not None and not model.owners:
        problems.append(
            doc.problem(
                ("owners",), "names no role", "give at least one, like `security: AppSec team`"
            )
        )
    if model is not None:
        problems += [
            doc.problem(
                ("owners", role),
                "the name is only spaces",
                "give a name or a team, or leave the role out",
            )
            for role, name in model.owners.items()
            if not name.strip()
        ]
    if model is None or problems:
        raise InputError(problems)
    return tuple((role, model.owners[role].strip()) for role in ROLES if role in model.owners)
