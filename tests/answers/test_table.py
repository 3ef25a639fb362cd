"""Answers in long form (`assess answers export`): rows, order, anonymity, inert cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers import EXAMPLE, run_assess

from assess.answers.table import read_answer_rows
from assess.bank.registry import Registry
from assess.output.machine import ANSWER_COLUMNS, render_answers_csv

Q2 = sorted((EXAMPLE / "2026-Q2").glob("*.yaml"))
Q4 = sorted((EXAMPLE / "2026-Q4").glob("*.yaml"))


def test_rows_of_two_rounds_keep_each_rounds_bank_and_number_respondents_per_round() -> None:
    rows = read_answer_rows([*Q2, *Q4], Registry.default(), anonymous=True)
    assert {(r.period, r.bank_ref) for r in rows} == {
        ("2026-Q2", "rampac-core@1.0.0"),
        ("2026-Q4", "rampac-core@2.0.0"),
    }
    assert {r.respondent for r in rows if r.role == "development"} == {
        "Development 1",
        "Development 2",
    }
    first = next(r for r in rows if r.period == "2026-Q4")
    assert (first.question, first.respondent) == ("RC-01", "Leadership")


def test_each_answer_is_one_row_and_unanswered_questions_of_the_role_show() -> None:
    registry = Registry.default()
    rows = read_answer_rows(Q4, registry, anonymous=False)
    answered = [r for r in rows if r.status != "unanswered"]
    loaded = registry.load("rampac-core@2.0.0").bank
    for r in rows:
        if r.status == "unanswered":
            assert r.role in loaded.question(r.question).roles
            assert (r.answer, r.level) == ("", None)
        elif r.status == "level":
            assert r.answer == str(r.level)
    assert len({(r.respondent, r.question) for r in rows}) == len(rows)
    assert len(answered) > 500


def test_the_csv_has_the_documented_columns_and_inert_text(tmp_path: Path) -> None:
    text = (EXAMPLE / "2026-Q4" / "qa-lena.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "qa.yaml"
    hostile.write_text(text.replace("name: Lena Vogel", "name: '=cmd|calc'"), encoding="utf-8")
    rows = read_answer_rows([hostile], Registry.default(), anonymous=False)
    table = list(csv.reader(io.StringIO(render_answers_csv(rows))))
    assert tuple(table[0]) == ANSWER_COLUMNS
    assert {row[3] for row in table[1:]} == {"'=cmd|calc"}


def test_the_command_writes_the_csv_and_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    files = [str(p) for p in Q4]
    done = run_assess("answers", "export", *files, "-o", "answers.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "answers.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(ANSWER_COLUMNS)
    again = run_assess("answers", "export", *files, "-f", "csv", "-o", files[0], cwd=tmp_path)
    assert (again.returncode, again.stderr) == (
        2,
        f"error: {files[0]} is one of the command's input files; write elsewhere\n",
    )


def test_a_broken_file_is_one_message_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: assess/answers/v1\nbank: nope@1.0.0\nrespondent: {}\n", encoding="utf-8"
    )
    done = run_assess("answers", "export", str(bad), "-o", "out.csv", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        (
            f"{bad}:2: bank: no bank 'nope' on the search path; `assess banks list` shows the "
            "banks there are\nerror: 1 problem in 1 file\n"
        ),
    )
    assert not (tmp_path / "out.csv").exists()
