"""The interview: the real questionary prompts fed through a pipe, and the flow around them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from assess.answers.load import Response, load_answer_file
from assess.answers.model import Header
from assess.answers.write import render_answer_file
from assess.bank.registry import Registry
from assess.base.atomic import write_atomic
from assess.interview.flow import Interview, ask_header
from assess.interview.terminal import QuestionaryAsker

ENTER, CTRL_C = "\r", "\x03"
BANK = Registry.default().load("healthy-questions@1.0.0").bank
IDS = [q.id for q in BANK.questions]


@pytest.fixture
def keys() -> Iterator:
    """Every prompt in the test reads from this pipe and writes nowhere."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


class Recorder:
    """The save callback: writes the file like the CLI does, and counts saves."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.saves = 0

    def __call__(self, header: Header, responses: Mapping[str, Response]) -> None:
        write_atomic(self.path, render_answer_file(BANK, BANK.questions, header, responses))
        self.saves += 1


def pick(key: str) -> str:
    return key + ENTER


def test_header_asks_only_what_is_missing(keys) -> None:
    keys.send_text("Payments" + ENTER + "Dana" + ENTER + pick("3") + ENTER)
    header = ask_header(QuestionaryAsker(), BANK, Header(profile=None))
    assert header == Header(subject="Payments", name="Dana", role="development", profile="balanced")
    keys.send_text("")
    given = Header(subject="S", name="N", role="qa", profile="regulated")
    assert ask_header(QuestionaryAsker(), BANK, given) == given


def test_answers_marks_skip_back_note_and_help(keys, tmp_path: Path) -> None:
    save = Recorder(tmp_path / "a.yaml")
    header = Header(subject="Payments", role="development", profile="balanced")
    session = Interview(BANK, BANK.questions, header, {}, save)
    keys.send_text(
        pick("2")
        + "threat models only for payments"
        + ENTER  # HQ-01: level 2 with a note
        + pick("h")  # HQ-02: help, read until Enter, then asked again
        + ENTER
        + pick("n")
        + "we buy no components"
        + ENTER  # HQ-02: not applicable, reason
        + pick("b")  # HQ-11: back to HQ-02
        + pick("1")
        + ENTER  # HQ-02: changed to level 1
        + pick("d")  # HQ-11: don't know
        + pick("s")  # HQ-03: skipped
        + "".join(pick("3") + ENTER for _ in IDS[4:])  # the rest: level 3
        + "n"  # do not revisit skipped
    )
    session.run(QuestionaryAsker())
    answer_set, _ = load_answer_file(save.path, Registry.default())
    assert answer_set.responses["HQ-01"] == Response("level", 2, "threat models only for payments")
    assert answer_set.responses["HQ-02"] == Response("level", 1, "we buy no components")
    assert answer_set.responses["HQ-11"] == Response("unknown")
    assert "HQ-03" not in answer_set.responses
    assert all(answer_set.responses[q] == Response("level", 3) for q in IDS[4:])
    # Every answer the moment it is chosen, the change after Back, and each note typed.
    assert save.saves == len(IDS) - 1 + 1 + 2


def test_revisiting_skipped_questions(keys, tmp_path: Path) -> None:
    save = Recorder(tmp_path / "a.yaml")
    session = Interview(
        BANK, BANK.questions[:3], Header("S", role="qa", profile="balanced"), {}, save
    )
    keys.send_text(pick("s") + pick("1") + ENTER + pick("s") + "y" + pick("4") + ENTER + pick("s"))
    session.run(QuestionaryAsker())
    assert session.responses == {"HQ-02": Response("level", 1), "HQ-01": Response("level", 4)}


def test_ctrl_c_keeps_every_answer_and_resume_continues(keys, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    save = Recorder(path)
    header = Header(subject="Payments", role="development", profile="balanced")
    session = Interview(BANK, BANK.questions, header, {}, save)
    keys.send_text(pick("2") + ENTER + pick("4") + "noted" + ENTER + pick("s") + pick("0") + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        session.run(QuestionaryAsker())
    answer_set, _ = load_answer_file(path, Registry.default())
    # The level chosen at HQ-03 is kept although Ctrl-C came at its note prompt.
    assert dict(answer_set.responses) == {
        "HQ-01": Response("level", 2),
        "HQ-02": Response("level", 4, "noted"),
        IDS[3]: Response("level", 0),
    }
    resumed = Interview(BANK, BANK.questions, header, dict(answer_set.responses), save)
    assert resumed.first_unanswered() == 2
    # IDS[2] gets a level; IDS[3] is asked again, and Enter keeps its answer.
    keys.send_text(pick("1") + ENTER + ENTER + ENTER + "".join(pick("1") + ENTER for _ in IDS[4:]))
    resumed.run(QuestionaryAsker(), resumed.first_unanswered())
    final, _ = load_answer_file(path, Registry.default())
    assert len(final.responses) == len(IDS)
    assert final.responses["HQ-02"] == Response("level", 4, "noted")
    assert final.responses[IDS[3]] == Response("level", 0)


def test_header_line_shows_progress_and_owner_hint() -> None:
    from assess.interview.flow import progress_line

    q = BANK.question("HQ-10")
    assert progress_line(BANK, q, 11, 11, "development") == (
        "11/11 · HQ-10 · Align and bridge · Leadership and exceptions\n"
        "(usually answered by leadership, security, compliance, product; "
        "'Don't know' is a fine answer)"
    )
    assert "\n" not in progress_line(BANK, q, 11, 11, "security")
    titled = Registry.default().load("rampac-core@2.0.0").bank
    assert progress_line(titled, titled.question("AU-03"), 9, 80, None) == (
        "9/80 · AU-03 Secret scanning · Automate · Secure coding and the delivery pipeline"
    )


def test_cli_refuses_without_a_terminal() -> None:
    from typer.testing import CliRunner

    from assess.cli.app import app

    result = CliRunner().invoke(app, ["interview"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: the interview needs a terminal; for batch use, write a blank answer file with "
        "`assess template rampac-core -o answers.yaml`, fill it in, then `assess score answers.yaml`\n"
    )
    # A misspelt bank is named first, not copied into the advice.
    misspelt = CliRunner().invoke(app, ["interview", "rampac-cor"])
    assert misspelt.exit_code == 2
    assert misspelt.stderr == (
        "error: no bank 'rampac-cor' on the search path (did you mean 'rampac-core'?); "
        "`assess banks list` shows the banks there are\n"
    )


def test_interview_path_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "import assess.cli.app, assess.interview.terminal, assess.interview.flow, assess.answers.write\n"
        "from assess.bank.registry import Registry\n"
        "Registry.default().load('rampac-core')\n"
        "print(' '.join(sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in out.stdout.split()}
    assert loaded & {"pandas", "matplotlib", "weasyprint", "sqlalchemy"} == set()


class Scripted:
    """An asker that answers from a list and notes every question it was asked."""

    def __init__(self, answers: list[str]) -> None:
        self.answers, self.asked, self.said = list(answers), [], []

    def choose(self, message, options, default=None, context=""):
        self.said.extend(context.split("\n") if context else [])  # shown with the question
        self.asked.append(message)
        return self.answers.pop(0)

    def text(self, message, default=""):
        return default

    def confirm(self, message, default=True):
        return False

    def say(self, text):
        self.said.append(text)


@pytest.fixture
def outcomes(tmp_path: Path):
    folder = tmp_path / "banks" / "outcomes"
    folder.mkdir(parents=True)
    asset = Path(__file__).parents[1] / "assets" / "banks" / "outcomes.yaml"
    (folder / "1.0.0.yaml").write_bytes(asset.read_bytes())
    return Registry.default([tmp_path / "banks"]).load("outcomes@1.0.0").bank


@pytest.mark.parametrize(
    ("first", "asks_pr03"), [("0", False), ("na", False), ("1", True), ("unknown", True)]
)
def test_a_question_that_does_not_apply_is_not_asked(outcomes, first: str, asks_pr03: bool) -> None:
    saves: list[dict] = []
    header = Header("S", role="qa", profile="balanced")
    session = Interview(
        outcomes, outcomes.questions, header, {}, lambda h, r: saves.append(dict(r))
    )
    answers = [first, "2", *(["1"] if asks_pr03 else []), "2", "2"]
    asker = Scripted(answers)
    session.run(asker)
    assert ("Only when PR-01 is done at all?" in asker.asked) is asks_pr03
    assert ("PR-03" in session.responses) is asks_pr03
    assert not asker.answers


def test_going_back_passes_over_a_question_that_does_not_apply(outcomes) -> None:
    header = Header("S", role="qa", profile="balanced")
    session = Interview(outcomes, outcomes.questions, header, {}, lambda h, r: None)
    # PR-01 0 (PR-03 then does not apply); PR-02 2; OU-01 "back" lands on PR-02, not PR-03.
    asker = Scripted(["0", "2", "back", "1", "2", "2"])
    session.run(asker)
    assert asker.asked[:4] == [
        "First practice?",
        "Second practice?",
        "First result observed?",
        "Second practice?",
    ]
    assert session.responses["PR-02"] == Response("level", 1)


def test_the_first_screen_says_what_how_long_where_and_how_to_stop() -> None:
    from assess.interview.flow import welcome

    text = welcome(BANK, 11, "dana.yaml").split("\n")
    assert text[0] == f"{BANK.title} (healthy-questions@1.0.0): 11 questions, about 6 minutes."
    assert text[1] == "Every answer is saved at once in dana.yaml; nothing leaves this machine."
    assert text[2].startswith("Stop at any time with q (or Ctrl-C)")
    assert text[3].startswith("Rate what holds for most of the organisation in scope")


def test_q_stops_and_keeps_every_answer(keys, tmp_path: Path) -> None:
    from assess.interview.flow import Stopped

    save = Recorder(tmp_path / "a.yaml")
    session = Interview(BANK, BANK.questions, Header("S", role="qa", profile="balanced"), {}, save)
    keys.send_text(pick("2") + ENTER + pick("q"))
    with pytest.raises(Stopped):
        session.run(QuestionaryAsker())
    assert session.responses == {"HQ-01": Response("level", 2)}
    assert [q.id for q in session.unanswered()] == IDS[1:]


def test_an_answer_can_be_cleared(keys, tmp_path: Path) -> None:
    save = Recorder(tmp_path / "a.yaml")
    given = {"HQ-01": Response("level", 2, "pilot"), "HQ-02": Response("level", 3)}
    session = Interview(
        BANK, BANK.questions[:2], Header("S", role="qa", profile="balanced"), given, save
    )
    # Clear HQ-01; HQ-02: Enter keeps 3 and its empty note; then do not revisit HQ-01.
    keys.send_text(pick("x") + ENTER + ENTER + "n")
    session.run(QuestionaryAsker())
    assert session.responses == {"HQ-02": Response("level", 3)}
    answer_set, _ = load_answer_file(save.path, Registry.default())
    assert "HQ-01" not in answer_set.responses
