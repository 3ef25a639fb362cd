"""The installed `assess interview` command in a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSESS = shutil.which("assess") or str(Path(sys.executable).parent / "assess")
pytestmark = pytest.mark.skipif(not Path(ASSESS).exists(), reason="assess is not installed")


def spawn(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> pexpect.spawn:
    # No reply comes to the prompt's cursor-position requests here: do not wait for one.
    env = {
        **(env or os.environ),
        "TERM": "xterm",
        "COLUMNS": "100",
        "LINES": "40",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    return pexpect.spawn(
        ASSESS, args, cwd=str(cwd), env=env, encoding="utf-8", timeout=15, dimensions=(40, 100)
    )


def test_interrupt_and_resume_in_a_terminal(tmp_path: Path, reap) -> None:
    child = reap(
        spawn(
            [
                "interview",
                "healthy-questions@1.0.0",
                "--subject",
                "Payments",
                "--role",
                "qa",
                "--profile",
                "balanced",
                "-o",
                "dana.yaml",
            ],
            tmp_path,
        )
    )
    child.expect("Your name")
    child.send("Dana\r")
    child.expect_exact("1/11 · HQ-01")
    # The keys wait for the list: typed before it is drawn, they are dropped.
    child.expect_exact("Help: why this matters, and its source")
    child.send("2\r")
    child.expect_exact("Note (optional, Enter skips)")
    child.send("pilot only\r")
    child.expect_exact("2/11 · HQ-02")
    # The keys wait for the list: typed before it is drawn, they are dropped.
    child.expect_exact("Help: why this matters, and its source")
    child.send("\x03")
    child.expect_exact("interrupted: 1 answer saved in dana.yaml")
    child.expect_exact("resume with: assess interview --resume dana.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = (tmp_path / "dana.yaml").read_text()
    assert 'HQ-01: {level: 2, note: "pilot only"}' in saved

    child = reap(spawn(["interview", "--resume", "dana.yaml"], tmp_path))
    # Keys typed before a question is drawn are dropped: answer each once it is shown.
    for position in range(2, 12):
        child.expect_exact(f"{position}/11 · ")
        child.expect_exact("Help: why this matters, and its source")
        child.send("d\r")
    child.expect_exact("11 answers saved in dana.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "dana.yaml").read_text()
    assert text.count(": unknown") == 10
    assert 'name: "Dana"' in text


def start(tmp_path: Path, reap, *extra: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    args = ["interview", "healthy-questions@1.0.0", "--subject", "Payments", "--role", "qa"]
    return reap(spawn([*args, "--profile", "balanced", *extra], tmp_path, env))


def answers(path: Path) -> list[str]:
    """The answered lines of an answer file, like ``HQ-01: 3``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.startswith("  HQ-") and not line.endswith(":")]


def test_a_stray_enter_answers_nothing(tmp_path: Path, reap) -> None:
    child = start(tmp_path, reap, "--name", "Dana", "-o", "a.yaml")
    child.expect_exact("1/11 · HQ-01")
    child.expect_exact("Help: why this matters, and its source")
    # A level, its note, then two Enters too many, all typed before HQ-02 is drawn.
    child.send("2\r\r\r\r")
    child.expect_exact("2/11 · HQ-02")
    child.expect_exact("Help: why this matters, and its source")
    with pytest.raises(pexpect.TIMEOUT):
        child.expect_exact("3/11 · HQ-", timeout=1.5)
    child.send("\r")  # read, and Enter alone: the pointer is on "Skip for now"
    child.expect_exact("3/11 · HQ-")
    # The keys wait for the list: typed before it is drawn, they are dropped.
    child.expect_exact("Help: why this matters, and its source")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    assert answers(tmp_path / "a.yaml") == ["HQ-01: 2"]


@pytest.mark.parametrize("key", ["\x03", "\x04"], ids=["ctrl-c", "ctrl-d"])
def test_the_level_is_kept_when_the_note_prompt_is_left(tmp_path: Path, reap, key: str) -> None:
    child = start(tmp_path, reap, "--name", "Dana", "-o", "a.yaml")
    child.expect_exact("Help: why this matters, and its source")
    child.send("3\r")
    child.expect_exact("Note (optional, Enter skips)")
    child.send(key)
    child.expect_exact("interrupted: 1 answer saved in a.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert answers(tmp_path / "a.yaml") == ["HQ-01: 3"]


def test_bytes_a_latin1_terminal_sends_are_kept(tmp_path: Path, reap) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    child = start(tmp_path, reap, "-o", "a.yaml", env=env)
    child.expect_exact("Your name")
    os.write(child.child_fd, b"Zo\xeb's team\r")  # Latin-1 bytes, not UTF-8
    child.expect_exact("1/11 - HQ-01")  # ASCII stand-ins where the terminal cannot show ·
    child.expect_exact("(up/down or key, then Enter)")
    child.expect_exact("Help: why this matters, and its source")
    child.send("2\r")
    child.expect_exact("Note (optional, Enter skips)")
    os.write(child.child_fd, b"caf\xe9 only\r")
    child.expect_exact("HQ-02")
    # The keys wait for the list: typed before it is drawn, they are dropped.
    child.expect_exact("Help: why this matters, and its source")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert 'name: "Zoë\'s team"' in text
    assert 'HQ-01: {level: 2, note: "café only"}' in text


def test_ctrl_c_before_the_first_save_offers_no_resume(tmp_path: Path, reap) -> None:
    child = reap(spawn(["interview", "healthy-questions@1.1.1", "-o", "c.yaml"], tmp_path))
    child.expect_exact("What is being assessed")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "interrupted before the first answer; nothing was saved" in child.before
    assert "resume with" not in child.before
    assert not (tmp_path / "c.yaml").exists()


def test_a_dumb_terminal_gets_plain_lines_and_no_escape_sequence(tmp_path: Path, reap) -> None:
    args = ["interview", "healthy-questions@1.0.0", "--subject", "S", "--role", "qa"]
    child = pexpect.spawn(
        ASSESS,
        [*args, "--profile", "balanced", "--name", "Dana", "-o", "a.yaml"],
        cwd=str(tmp_path),
        env={**os.environ, "TERM": "dumb"},
        encoding="utf-8",
        timeout=15,
        dimensions=(20, 60),
    )
    reap(child)
    child.logfile_read = seen = io.StringIO()
    child.expect_exact("Key, then Enter (Enter alone: s): ")
    child.send("7\r")  # no such key: asked again
    child.expect_exact("Type one of: 0, 1, 2, 3, 4, n, d, s, e, h, q")
    child.send("3\r")
    child.expect_exact("Note (optional, Enter skips): ")
    child.send("\r")
    child.expect_exact("2/11 · HQ-02")
    child.expect_exact("Key, then Enter (Enter alone: s): ")
    child.send("q\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "1/11 · HQ-01" in seen.getvalue()
    assert "\x1b" not in seen.getvalue()
    assert "HQ-01: 3" in (tmp_path / "a.yaml").read_text()


class Terminal:
    """A screen of its own for a command in a pseudo-terminal (pyte).

    It answers the prompt's questions about the cursor, as a real terminal does, and
    keeps what is on the screen.
    """

    def __init__(self, tmp_path: Path, reap, args: list[str], rows: int, columns: int) -> None:
        env = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns), "LINES": str(rows)}
        self.child = reap(
            pexpect.spawn(
                ASSESS,
                args,
                cwd=str(tmp_path),
                env=env,
                encoding="utf-8",
                timeout=15,
                dimensions=(rows, columns),
            )
        )
        self.screen = pyte.HistoryScreen(columns, rows, history=1000)
        self.stream = pyte.Stream(self.screen)

    def settled(self) -> str:
        """The screen's text, words joined by one space, once nothing is drawn for 2 s."""
        quiet = 0
        while quiet < 2:
            try:
                drawn = self.child.read_nonblocking(65536, timeout=1)
            except pexpect.TIMEOUT:
                quiet += 1
                continue
            quiet = 0
            self.stream.feed(drawn)
            if "\x1b[6n" in drawn:
                cursor = self.screen.cursor
                self.child.send(f"\x1b[{cursor.y + 1};{cursor.x + 1}R")
        return " ".join(" ".join(self.screen.display).split())

    def scrolled_off(self) -> list[str]:
        """The lines that have scrolled off the top of the screen, oldest first."""
        width = self.screen.columns
        return [
            "".join(line[x].data for x in range(width)).rstrip() for line in self.screen.history.top
        ]


def reviewing(tmp_path: Path, reap, rows: int, columns: int) -> Terminal:
    """``assess interview --review`` of an example file, on a screen of this size."""
    example = ROOT / "examples/harbor-mutual/2026-Q4/development-aiko.yaml"
    (tmp_path / "a.yaml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    return Terminal(tmp_path, reap, ["interview", "--review", "a.yaml"], rows, columns)


@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (20, 60)])
def test_where_one_is_stays_on_a_small_screen(
    tmp_path: Path, reap, rows: int, columns: int
) -> None:
    # The levels of a reviewed rampac-core question are taller than these screens: they
    # scroll under the progress line and the current answer instead of pushing them off.
    shown = reviewing(tmp_path, reap, rows, columns).settled()
    assert shown.startswith("1/81 · RC-01 Security duties per role")
    assert "current: 2 Repeatable (Enter keeps it) ? Are the security duties" in shown


def test_help_stays_on_a_small_screen_until_read(tmp_path: Path, reap) -> None:
    # Redrawn at once, the question would scroll the help off a 60x20 screen; and the
    # echo of the choice must neither be cut mid-word nor read as the answer.
    terminal = reviewing(tmp_path, reap, 20, 60)
    terminal.settled()
    terminal.child.send("h")
    terminal.child.send("\r")
    shown = terminal.settled()
    assert "Source: " in shown
    assert "Enter goes back to the question" in shown
    echoed = [line for line in terminal.scrolled_off() if "(hel" in line]
    assert echoed == ["descriptions and team charters? (help)"]  # whole, and not an answer
    terminal.child.send("\r")
    assert "1/81 · RC-01" in terminal.settled()
