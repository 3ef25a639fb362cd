"""Shared fixtures: test assets and a helper that writes edited copies of them."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ASSETS = Path(__file__).parent / "assets"
assert ASSETS.is_dir(), f"test assets missing: {ASSETS}"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the user's own settings and history out of every test."""
    for name in ("ASSESS_BANKS_PATH", "ASSESS_MAX_FILE_BYTES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSESS_DB", str(tmp_path / "history.db"))


@pytest.fixture
def asset() -> Callable[[str], Path]:
    """Return the path of a file under tests/assets."""

    def find(name: str) -> Path:
        path = ASSETS / name
        assert path.exists(), path
        return path

    return find


@pytest.fixture
def registry(tmp_path: Path):
    """A registry that also holds the test bank ``minimal@1.0.0``."""
    from assess.registry import Registry

    folder = tmp_path / "test-banks"
    target = folder / "minimal" / "1.0.0.yaml"
    target.parent.mkdir(parents=True)
    target.write_bytes((ASSETS / "banks" / "minimal.yaml").read_bytes())
    return Registry.default([folder])


GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8")

    return check


EditLines = Mapping[int, str | None]


@pytest.fixture
def edited(tmp_path: Path) -> Callable[[str, EditLines, str], Path]:
    """Write a copy of an asset with some lines replaced (1-based; None deletes the line)."""

    def write(name: str, edits: EditLines, out_name: str = "bank.yaml") -> Path:
        lines = (ASSETS / name).read_text(encoding="utf-8").splitlines()
        for number, new in sorted(edits.items(), reverse=True):
            if new is None:
                del lines[number - 1]
            else:
                lines[number - 1] = new
        out = tmp_path / out_name
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return out

    return write
