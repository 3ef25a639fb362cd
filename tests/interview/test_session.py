"""One interview session: what is refused before the first question, and resume notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.answers.load import load_answer_file
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


class Script(Silent):
    """An asker answering from a script: each prompt takes the next reply."""

    def __init__(self, *replies: str) -> None:
        super().__init__()
        self.replies = list(replies)
        self.asked: list[tuple[str, list[str]]] = []

    def choose(
        self, message: str, options: object = (), default: object = None, context: str = ""
    ) -> str:
        self.said.extend(context.split("\n") if context else [])  # shown with the question
        self.asked.append((message, [o.value for o in options]))  # type: ignore[attr-defined]
        return self.replies.pop(0)

    def text(self, message: str, default: str = "") -> str:
        self.asked.append((message, []))
        return self.replies.pop(0)

    def confirm(self, message: str, default: bool = True) -> bool:
        return self.replies.pop(0) == "y"


def round_file(tmp_path: Path) -> Path:
    path = tmp_path / "round.yaml"
    path.write_text(
        "schema: assess/round/v1\nbank: healthy-questions@1.0.0\nsubject: Harbor Mutual\n"
        "period: 2026-Q4\nprofile: regulated\nroles: [security, qa]\n"
    )
    return path


def test_a_round_fixes_subject_period_and_profile_and_offers_only_its_roles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    asker = Script("Dana", "qa", "stop")
    finished = run_interview(asker, REG, Request(str(round_file(tmp_path)), Header()))
    assert [message for message, _ in asker.asked[:2]] == [
        "Your name (optional, Enter to skip):",
        "Your role:",
    ]
    assert asker.asked[1][1] == ["security", "qa"]
    assert finished.file == Path("harbor-mutual-2026-q4-qa-dana.yaml")
    answer_set = load_answer_file(tmp_path / finished.file, REG)[0]
    assert answer_set.header == Header("Harbor Mutual", "2026-Q4", "Dana", "qa", "regulated")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (Header(subject="payments"), "fixes the subject, period and profile: leave out --subject"),
        (Header(profile="balanced"), "fixes the subject, period and profile: leave out --profile"),
        (Header(role="product"), "asks security, qa, not product"),
    ],
)
def test_a_round_refuses_options_that_would_change_it(
    tmp_path: Path, given: Header, message: str
) -> None:
    path = round_file(tmp_path)
    with pytest.raises(UsageError) as caught:
        run_interview(Silent(), REG, Request(str(path), given, tmp_path / "a.yaml"))
    assert str(caught.value) == f"round {path} {message}"


def test_last_time_is_shown_evidence_is_saved_and_review_walks_every_answer(
    tmp_path: Path,
) -> None:
    last = tmp_path / "last.yaml"
    last.write_text(
        "schema: assess/answers/v1\nbank: healthy-questions@1.0.0\nsubject: S\n"
        "respondent: {role: qa}\nanswers: {HQ-01: 3}\n"
    )
    out = tmp_path / "a.yaml"
    given = Header("S", name="Dana", role="qa", profile="balanced")
    # HQ-01: evidence first (held), then level 2 and no note; HQ-02: level 1, then stop.
    asker = Script("evidence", "https://wiki/threat-models", "2", "", "1", "", "stop")
    run_interview(asker, REG, Request("healthy-questions@1.0.0", given, out, previous=last))
    assert "last time: 3 Defined" in asker.said
    responses = load_answer_file(out, REG)[0].responses
    assert responses["HQ-01"].evidence == ("https://wiki/threat-models",)
    assert (responses["HQ-01"].level, responses["HQ-02"].level) == (2, 1)
    # --review starts at the first question although it is answered; evidence added to an
    # answered question is saved at once.
    review = Script("evidence", "ticket SEC-12", "stop")
    run_interview(review, REG, Request(None, Header(), resume=out, review=True))
    assert "current: 2 Repeatable (Enter keeps it)" in review.said
    assert "evidence: https://wiki/threat-models" in review.said  # what is kept is shown
    assert load_answer_file(out, REG)[0].responses["HQ-01"].evidence == (
        "https://wiki/threat-models",
        "ticket SEC-12",
    )


def test_evidence_held_for_a_skipped_question_is_said_to_be_dropped(tmp_path: Path) -> None:
    given = Header("S", name="Dana", role="qa", profile="balanced")
    asker = Script("evidence", "https://wiki/x", "skip", "stop")
    run_interview(asker, REG, Request("healthy-questions@1.0.0", given, tmp_path / "a.yaml"))
    assert "The evidence was not kept: evidence is saved with an answer." in asker.said


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("Zoë O'Brien", "claims-2026-q4-qa-zoe-o-brien.yaml"),
        ("Tomás Ferreira", "claims-2026-q4-qa-tomas-ferreira.yaml"),
        ("李雷", "claims-2026-q4-qa-李雷.yaml"),
        (None, "claims-2026-q4-qa.yaml"),
    ],
)
def test_the_default_file_name_keeps_every_name_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str | None, file: str
) -> None:
    from assess.interview.session import default_output

    monkeypatch.chdir(tmp_path)
    assert default_output(Header("Claims", "2026-Q4", name, "qa")) == Path(file)
