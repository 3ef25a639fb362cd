"""Shared fixtures: test assets and a helper that writes edited copies of them."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

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
def reap() -> Iterator[Callable[[Any], Any]]:
    """Register child processes (subprocess or pexpect) to be stopped after the test.

    A failing assertion would otherwise leave the child running with its pipes open,
    and their warnings would fail whichever later test is running when they surface.
    """
    children: list[Any] = []

    def keep(child: Any) -> Any:
        children.append(child)
        return child

    yield keep
    for child in children:
        if isinstance(child, subprocess.Popen):
            if child.poll() is None:
                child.kill()
            child.wait()
            for stream in (child.stdin, child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
        else:
            child.close(force=True)


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
    from assess.bank.registry import Registry

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


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory):
    """A throwaway PostgreSQL server on loopback; skips when PostgreSQL is not installed.

    ASSESS_TEST_PG_URL (a server URL without database name) uses an existing server instead.
    """
    pytest.importorskip("psycopg")
    if os.environ.get("ASSESS_TEST_PG_URL"):
        yield os.environ["ASSESS_TEST_PG_URL"].rstrip("/")
        return
    import shutil
    import socket
    import subprocess
    import tempfile

    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    # PostgreSQL refuses to run as root: run it as the postgres user in a folder it owns.
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="assess-pg-"))
    if as_user:
        shutil.chown(folder, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    run = lambda *args: subprocess.run([*as_user, *args], check=True, capture_output=True)  # noqa: E731
    run(str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "assess")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(
        str(binaries / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(folder / "log"),
        "-w",
        "start",
    )
    try:
        yield f"postgresql+psycopg://assess@127.0.0.1:{port}"
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """The URL of a new, empty database on the test server."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"
