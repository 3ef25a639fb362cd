"""One interview session: what is refused before the first question, and resume notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.answers.model import Header
from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.interview.session import Request, run_interview


class Silent:
    """An asker that must never be asked: the session is refused before any question."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def choose(self, *_: object, **__: object) -> str:
        raise AssertionError("asked a question")

    text = confirm = choose

    def say(self, text: str) -> None:
        self.said.append(text)


REG = Registry.default()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("missing/a.yaml", "cannot save the answers: folder missing does not exist"),
        (".", ". is a folder; give -o a file name inside it"),
    ],
)
def test_a_place_the_answers_cannot_go_is_refused_before_the_first_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    request = Request("healthy-questions@1.0.0", Header(), Path(output))
    with pytest.raises(UsageError) as caught:
        run_interview(Silent(), REG, request)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("bank", "given", "output", "left_out"),
    [
        ("rampac-core", Header(), None, "BANK"),
        (None, Header(subject="Payments", role="qa"), None, "--subject, --role"),
        (None, Header(name="Dana", profile="balanced"), Path("b.yaml"), "--name, --profile, -o"),
    ],
)
def test_resume_refuses_the_options_its_file_settles(
    tmp_path: Path, bank: str | None, given: Header, output: Path | None, left_out: str
) -> None:
    file = tmp_path / "a.yaml"
    file.write_text(
        "schema: assess/answers/v1\nbank: healthy-questions@1.0.0\nsubject: S\n"
        "respondent: {role: qa}\nprofile: balanced\nanswers: {}\n"
    )
    request = Request(bank, given, output, resume=file)
    with pytest.raises(UsageError) as caught:
        run_interview(Silent(), REG, request)
    assert str(caught.value) == (
        f"--resume {file} continues that file with the bank, subject, name, role and "
        f"profile it records, in place: leave out {left_out}"
    )


def test_resuming_a_file_on_an_older_bank_points_to_migrate(tmp_path: Path) -> None:
    from assess.base.errors import Interrupted

    file = tmp_path / "a.yaml"
    file.write_text(
        "schema: assess/answers/v1\nbank: healthy-questions@1.0.0\nsubject: S\n"
        "respondent: {role: qa, name: Dana}\nprofile: balanced\nanswers: {HQ-01: 2}\n"
    )

    class StopsAtTheFirstQuestion(Silent):
        def choose(self, *_: object, **__: object) -> str:
            raise KeyboardInterrupt

    asker = StopsAtTheFirstQuestion()
    with pytest.raises(Interrupted) as caught:
        run_interview(asker, REG, Request(None, Header(), resume=file))
    latest = max(
        (e.version for e in REG.entries() if e.id == "healthy-questions"),
        key=lambda v: tuple(int(x) for x in v.split(".")),
    )
    assert asker.said[0] == (
        f"healthy-questions {latest} is out; this file answers 1.0.0. Finish it, then carry "
        f"the answers over with `assess migrate {file} --to healthy-questions@{latest}`."
    )
    assert f"1 answer saved in {file}" in str(caught.value)


def test_resuming_and_stopping_at_once_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    text = (
        "# checked with Ravi, see JIRA-123\nschema: assess/answers/v1\n"
        "bank: healthy-questions@1.0.0\nsubject: S\nrespondent: {role: qa, name: Dana}\n"
        "profile: balanced\nanswers: {HQ-01: 2}  # the pilot only\n"
    )
    file.write_text(text)

    class Stops(Silent):
        def choose(self, *_: object, **__: object) -> str:
            return "stop"

    finished = run_interview(Stops(), REG, Request(None, Header(), resume=file))
    assert finished.stopped
    assert finished.answers == 1
    assert file.read_text() == text  # nothing changed, so nothing was written
