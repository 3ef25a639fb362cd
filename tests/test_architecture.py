"""The core never imports the edge libraries; heavy libraries load only when needed."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "assess.base.framework",
    "assess.base.safe_yaml",
    "assess.base.parse",
    "assess.bank.model",
    "assess.bank.load",
    "assess.bank.registry",
    "assess.answers.model",
    "assess.answers.load",
    "assess.scoring.targets",
    "assess.scoring.score",
    "assess.scoring.roadmap",
    "assess.scoring.results",
    "assess.output.machine",
    "assess.scoring.gates",
    "assess.answers.write",
    "assess.base.atomic",
    "assess.output.schemas",
]
EDGE = [
    "typer",
    "click",
    "questionary",
    "prompt_toolkit",
    "rich",
    "jinja2",
    "weasyprint",
    "matplotlib",
    "pandas",
    "sqlalchemy",
]


def imported_after(code: str) -> set[str]:
    probe = f"import sys; {code}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_edge_library(module: str) -> None:
    assert imported_after(f"import {module}") & set(EDGE) == set()


def test_cli_start_imports_nothing_heavy() -> None:
    loaded = imported_after("import assess.cli.app")
    assert (
        loaded & {"pandas", "matplotlib", "weasyprint", "sqlalchemy", "rich", "pydantic"} == set()
    )
