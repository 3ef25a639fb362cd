"""Hostile input for every kind of file assess reads, and a bounded fuzz of the loaders.

Banks, answer files, target files and history databases each get the same corpus of
broken files; every one must end in exit 2 with clean messages naming the file, never a
traceback. The fuzz tests feed random and mutated documents to the loaders in-process:
nothing but the tool's own `AssessError` may escape.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from assess.answers.load import load_answer_file
from assess.bank.registry import Registry, load_bank_file
from assess.base.errors import AssessError
from assess.cli.app import app
from assess.scoring.targets import load_targets

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "question_banks" / "healthy-questions" / "1.0.0.yaml"
ANSWERS = min((ROOT / "examples" / "harbor-mutual" / "2026-Q4").glob("*.yaml"))
TARGETS = (
    "schema: assess/targets/v1\n"
    "pillars: {responsible: 3, automate: 3, measure: 3, pragmatic: 3, align: 3, collaborate: 3}\n"
)

HOSTILE: dict[str, bytes] = {
    "empty": b"",
    "truncated": BANK.read_bytes()[:700],
    "binary": bytes(range(256)) * 8,
    "utf-16": "schema: assess/answers/v1\n".encode("utf-16"),
    "latin-1": "subject: Café\n".encode("latin-1"),
    "oversized": b"a: " + b"x" * (5 * 1024 * 1024) + b"\n",
    "deep": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "alias-bomb": b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n".encode()
        for i in range(9)
    ),
    "unsafe-tag": b"a: !!python/object/apply:os.system ['true']\n",
    "duplicate-keys": b"schema: a\nschema: b\n",
    "a-list": b"- 1\n- 2\n",
    "a-scalar": b"just text\n",
    "utf-32": "schema: assess/answers/v1\n".encode("utf-32"),
    "raw-escape": b"schema: assess/answers/v1\nsubject: \x1b[2Jx\n",
    "raw-bell": b"schema: assess/answers/v1\nperiod: a\x07\n",
    "octal": b"schema: assess/answers/v1\nanswers: {RC-01: 010}\n",
    "hexadecimal": b"schema: assess/answers/v1\nanswers: {RC-01: 0x2}\n",
    "base-60": b"schema: assess/answers/v1\nanswers: {RC-01: 1:30}\n",
    "long-number": b"a: " + b"9" * 5000 + b"\n",
}


def _run(kind: str, path: Path) -> tuple[int, str]:
    commands = {
        "bank": ["banks", "validate", str(path)],
        "answers": ["validate", str(path)],
        "targets": ["score", str(ANSWERS), "--targets", str(path)],
        "history": ["history", "--db", str(path)],
    }
    result = runner.invoke(app, commands[kind])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("kind", ["bank", "answers", "targets"])
@pytest.mark.parametrize("special", ["fifo", "device"])
def test_a_special_file_is_refused_without_reading_it(
    kind: str, special: str, tmp_path: Path
) -> None:
    import os

    path = tmp_path / "input.yaml"
    if special == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer for ever
    else:
        path = Path("/dev/zero")  # reading it would never end
    code, err = _run(kind, path)
    assert code == 2
    assert f"{path}: is not a regular file (a pipe, device or socket)" in err


@pytest.mark.parametrize("kind", ["bank", "answers", "targets", "history"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file(kind: str, case: str, tmp_path: Path) -> None:
    path = tmp_path / ("h.db" if kind == "history" else "input.yaml")
    path.write_bytes(HOSTILE[case])
    code, err = _run(kind, path)
    if kind == "history" and case == "empty":
        # An empty file is an empty SQLite database: nothing recorded yet, not an error.
        assert code == 0
        return
    assert code == 2, err
    assert "Traceback" not in err
    assert str(path) in err
    assert err.endswith("\n")
    # History files are never modified by a refusal.
    assert path.read_bytes() == HOSTILE[case]


def test_exact_messages_for_a_few(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(HOSTILE["utf-16"])
    assert _run("targets", path)[1] == (
        f"{path}: file is UTF-16 encoded (save it as UTF-8)\nerror: 1 problem in 1 file\n"
    )
    path.write_bytes(HOSTILE["latin-1"])
    assert _run("answers", path)[1] == (
        f"{path}:1: not valid UTF-8 text (byte 0xe9) (save the file as UTF-8)\n"
        "error: 1 problem in 1 file\n"
    )


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("RC-0\uff11", "did you mean 'RC-01'?"),  # fullwidth digit one
        ("R\u0421-01", "did you mean 'RC-01'?"),  # Cyrillic capital Es
    ],
)
def test_look_alike_question_ids(key: str, hint: str, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS.read_text().replace("  RC-01:", f"  {key}:", 1), encoding="utf-8")
    code, err = _run("answers", path)
    assert code == 2
    assert f"unknown question '{key}'" in err
    assert hint in err


def _leaves(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [at, *(p for k, v in data.items() for p in _leaves(v, (*at, k)))]
    if isinstance(data, list):
        return [at, *(p for i, v in enumerate(data) for p in _leaves(v, (*at, i)))]
    return [at]


def _replaced(data: Any, at: tuple[Any, ...], value: Any) -> Any:
    if not at:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[at[0]] = _replaced(data[at[0]], at[1:], value)
    return copy


Loader = Callable[[Path], object]


def _loaders(registry: Registry) -> dict[str, tuple[Path | str, Loader]]:
    return {
        "bank": (BANK, lambda p: load_bank_file(p)),
        "answers": (ANSWERS, lambda p: load_answer_file(p, registry)),
        "targets": (
            TARGETS,
            lambda p: load_targets(p, registry.load("rampac-core").bank),
        ),
    }


WRONG = st.sampled_from([None, True, -1, 2.5, "", "x" * 300, [], [1, [2]], {}, {"k": {"v": 1}}])


@pytest.mark.parametrize("kind", ["bank", "answers", "targets"])
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_wrong_types_at_every_level(kind: str, data: st.DataObject, tmp_path: Path) -> None:
    registry = Registry.default()
    source, load = _loaders(registry)[kind]
    text = source.read_text() if isinstance(source, Path) else source
    parsed = yaml.safe_load(text)
    at = data.draw(st.sampled_from(_leaves(parsed)), label="path")
    mutated = _replaced(parsed, at, data.draw(WRONG, label="value"))
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump(mutated, allow_unicode=True), encoding="utf-8")
    # Valid after all (a wrong value can be allowed there) or refused with a message.
    with contextlib.suppress(AssessError):
        load(path)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_fuzz_random_bytes(raw: bytes, tmp_path: Path) -> None:
    registry = Registry.default()
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    for _, load in _loaders(registry).values():
        with contextlib.suppress(AssessError):
            load(path)
