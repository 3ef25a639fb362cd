"""Finding banks by id, id@version and path on the search path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assess.bank.registry import Registry
from assess.base.errors import BankNotFoundError, UsageError


@pytest.fixture
def user_banks(tmp_path: Path, asset) -> Path:
    """A user banks folder holding minimal@1.0.0, @1.2.0 and @1.10.0."""
    text = asset("banks/minimal.yaml").read_text()
    for version in ("1.0.0", "1.2.0", "1.10.0"):
        target = tmp_path / "banks" / "minimal" / f"{version}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace("version: 1.0.0", f"version: {version}"))
    return tmp_path / "banks"


def test_latest_version_by_semver(user_banks: Path) -> None:
    registry = Registry.default([user_banks])
    assert registry.find("minimal").version == "1.10.0"
    assert registry.load("minimal@1.2.0").bank.version == "1.2.0"


def test_environment_path(user_banks: Path, tmp_path: Path) -> None:
    env = {"ASSESS_BANKS_PATH": os.pathsep.join([str(tmp_path / "empty"), str(user_banks)])}
    (tmp_path / "empty").mkdir()
    assert Registry.default(environ=env).find("minimal@1.0.0").path.is_file()


def test_bundled_banks_come_first(tmp_path: Path) -> None:
    shadow = tmp_path / "rampac-core" / "1.0.0.yaml"
    shadow.parent.mkdir()
    shadow.write_text("not a bank")
    entry = Registry.default([tmp_path]).find("rampac-core@1.0.0")
    assert entry.path != shadow


def test_unknown_bank_suggests(user_banks: Path) -> None:
    with pytest.raises(BankNotFoundError) as caught:
        Registry.default([user_banks]).find("minimall")
    assert str(caught.value) == (
        "no bank 'minimall' on the search path (did you mean 'minimal'?); "
        "`assess banks list` shows the banks there are"
    )


def test_unknown_version_lists_known(user_banks: Path) -> None:
    with pytest.raises(BankNotFoundError) as caught:
        Registry.default([user_banks]).find("minimal@2.0.0")
    assert str(caught.value) == "bank 'minimal' has no version 2.0.0 (it has: 1.0.0, 1.2.0, 1.10.0)"


def test_bad_reference_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="'Rampac Core' is not a bank reference"):
        Registry.default().find("Rampac Core")
    with pytest.raises(UsageError, match="banks folder not found: "):
        Registry.default([tmp_path / "missing"])


def test_load_by_path(asset) -> None:
    assert Registry.default().load(str(asset("banks/minimal.yaml"))).bank.id == "minimal"
