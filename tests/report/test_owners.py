"""Owners files: who fills each role, for the roadmap's accountable column."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.base.errors import InputError
from assess.report.owners import load_owners

HEAD = "schema: assess/owners/v1\nowners:\n"


def test_owners_come_back_in_the_framework_order(tmp_path: Path) -> None:
    file = tmp_path / "owners.yaml"
    file.write_text(HEAD + "  operations: Platform engineering\n  security: ' AppSec (Priya) '\n")
    assert load_owners(file) == (
        ("security", "AppSec (Priya)"),
        ("operations", "Platform engineering"),
    )


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        (
            HEAD + "  ops: Platform\n",
            [
                (
                    "3: owners.ops: unknown key 'ops' (expected one of: leadership, security, "
                    "development, operations, qa, product, compliance, other)"
                )
            ],
        ),
        (HEAD + "  qa: ''\n", ["3: owners.qa: must not be empty"]),
        (
            HEAD + "  qa: '   '\n",
            [
                "3: owners.qa: the name is only spaces (give a name or a team, or leave the role out)"
            ],
        ),
        (HEAD + "  qa: 3\n", ["3: owners.qa: expected text, got a number (3)"]),
        (
            HEAD + '  qa: "Team\\u202eevil"\n',
            [
                (
                    "3: owners.qa: 'Team\\u202eevil' is not plain text on one line (no control "
                    "characters such as escapes or line breaks, and no invisible characters "
                    "such as bidi overrides)"
                )
            ],
        ),
        (
            HEAD + "  qa: " + "x" * 81 + "\n",
            ["3: owners.qa: must be at most 80 characters, got 81"],
        ),
        (
            "schema: assess/owners/v1\nowners: {}\n",
            ["2: owners: names no role (give at least one, like `security: AppSec team`)"],
        ),
        ("owners:\n  qa: QA guild\n", ["1: missing required key 'schema'"]),
    ],
)
def test_bad_owners_files_get_one_message_each(
    tmp_path: Path, text: str, messages: list[str]
) -> None:
    file = tmp_path / "owners.yaml"
    file.write_text(text)
    with pytest.raises(InputError) as caught:
        load_owners(file)
    assert [str(p).removeprefix(f"{file}:") for p in caught.value.problems] == messages
