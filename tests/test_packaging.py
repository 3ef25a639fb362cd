"""The built wheel carries the banks and templates and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_wheel_installs_and_finds_bundled_banks(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    [wheel] = wheels.glob("assess-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [env_dir / "bin" / "assess", "banks", "list"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for bank_id in ("rampac-core", "healthy-questions", "collective-responsibility"):
        assert bank_id in result.stdout
    located = subprocess.run(
        [
            python,
            "-c",
            "from assess.base.paths import bundled_banks_dir; print(bundled_banks_dir())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in located.stdout, "banks must come from the installed wheel"


def test_editable_checkout_finds_bundled_folders() -> None:
    from assess.base.paths import bundled_banks_dir, bundled_templates_dir

    assert (bundled_banks_dir() / "rampac-core" / "1.0.0.yaml").is_file()
    assert bundled_templates_dir().is_dir()
