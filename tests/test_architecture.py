"""The layers hold: each part imports only what its __init__ docstring allows.

Every module of assess is checked, in a fresh process each: what importing it loads.
The core never loads an edge library; the edge modules may load only their own one.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import assess

EDGE = {
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
}
# What each module may load of EDGE when imported; every other module may load none.
ALLOWED: dict[str, set[str]] = {
    "assess.cli": {"typer"},
    "assess.interview.terminal": {"questionary", "prompt_toolkit"},
    "assess.output.terminal": {"rich"},
    "assess.output.workbook": {"pandas"},
    "assess.history.store": {"sqlalchemy"},
    "assess.history.record": {"sqlalchemy"},
}
# Parts in layer order: a part may import the parts before it, never one after it.
LAYERS = [
    "base",
    "bank",
    "answers",
    "evidence",
    "rounds",
    "scoring",
    "history",
    "portfolio",
    "interview",
    "output",
    "exchange",
    "report",
    "questionnaire",
    "cli",
]
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(assess.__path__, "assess.")
    if not m.ispkg and m.name != "assess.__main__"  # importing it runs the command
)


def loaded_by(module: str) -> set[str]:
    probe = f"import sys; import {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


# One interpreter loads what every part may use (and is slow to import), then forks a
# child per module, two at a time: each child imports its module and lists sys.modules.
_PROBE = """
import os, sys, tempfile
import pydantic, yaml
modules = sys.argv[1:]
running = {}
failed = []

def reap():
    pid, status = os.wait()
    if status:
        failed.append(running[pid])
    del running[pid]

with tempfile.TemporaryDirectory() as tmp:
    for i, module in enumerate(modules):
        if len(running) == 2:
            reap()
        pid = os.fork()
        if pid == 0:
            try:
                __import__(module)
                with open(os.path.join(tmp, str(i)), "w") as listing:
                    listing.write(chr(10).join(sys.modules))
            finally:
                os._exit(0 if module in sys.modules else 1)
        running[pid] = module
    while running:
        reap()
    if failed:
        sys.exit("could not import " + ", ".join(failed))
    for i, module in enumerate(modules):
        with open(os.path.join(tmp, str(i))) as listing:
            print(module, " ".join(listing.read().split()))
"""


@pytest.fixture(scope="module")
def loaded() -> dict[str, set[str]]:
    """What importing each module loads, each in a child forked from a bare interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *MODULES], capture_output=True, text=True, check=True
    )
    lines = (line.split(" ", 1) for line in out.stdout.splitlines())
    return {module: set(names.split()) for module, names in lines}


def allowed(module: str) -> set[str]:
    return next((libs for prefix, libs in ALLOWED.items() if module.startswith(prefix)), set())


@pytest.mark.parametrize("module", MODULES)
def test_module_loads_only_the_edge_libraries_of_its_part(
    module: str, loaded: dict[str, set[str]]
) -> None:
    edge = {name.split(".")[0] for name in loaded[module]} & EDGE
    assert edge <= allowed(module)
    part = module.split(".")[1]
    later = LAYERS[LAYERS.index(part) + 1 :] if part in LAYERS else []
    upward = {n for n in loaded[module] if n.startswith("assess.") and n.split(".")[1] in later}
    assert upward == set()


def test_every_module_belongs_to_a_part() -> None:
    parts = {m.split(".")[1] for m in MODULES if m.count(".") >= 2}
    assert parts == set(LAYERS)
    assert [m for m in MODULES if m.count(".") == 1] == []


def test_cli_start_imports_nothing_heavy() -> None:
    loaded = {name.split(".")[0] for name in loaded_by("assess.cli.app")}
    assert (
        loaded & {"pandas", "matplotlib", "weasyprint", "sqlalchemy", "rich", "pydantic"} == set()
    )
