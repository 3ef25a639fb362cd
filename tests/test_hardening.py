"""Hostile text and hostile output paths, class by class (see the README's reliability).

Text from files is data wherever it goes: the terminal (no markup, no raw control
characters), charts (no mathtext), CSV (no formulas), Markdown (no live links). Output
paths never destroy what is not ours: special files, inputs, filled answer files.
"""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
ASSETS = Path(__file__).parent / "assets"
ESC, BEL = "\x1b", "\x07"
MARKUP = ["[/]", "[/bogus]", "[link=file:///etc/passwd]https://safe.example[/link]", "[bold]x"]
FORMULAS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def answers(tmp_path: Path, *, subject: str = "S", period: str = "P1", note: str = "n",
            evidence: str = "e", name: str = "answers.yaml") -> Path:  # fmt: skip
    path = tmp_path / name
    path.write_text(
        "schema: assess/answers/v1\nbank: minimal@1.0.0\n"
        f"subject: {yaml_str(subject)}\nperiod: {yaml_str(period)}\n"
        "respondent: {role: security}\n"
        f"answers: {{QA-01: {{level: 1, note: {yaml_str(note)}, evidence: [{yaml_str(evidence)}]}},"
        " QA-02: 0}\n",
        encoding="utf-8",
    )
    return path


def yaml_str(text: str) -> str:
    import json

    return json.dumps(text)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def banks(tmp_path: Path) -> list[str]:
    folder = tmp_path / "banks" / "minimal"
    folder.mkdir(parents=True)
    (folder / "1.0.0.yaml").write_bytes((ASSETS / "banks" / "minimal.yaml").read_bytes())
    return ["--banks-dir", str(tmp_path / "banks")]


# 1. Control characters in data are shown escaped on every terminal output.
CONTROL_NOTES = [
    f"clear {ESC}[2J screen",
    f"title {ESC}]0;owned{BEL}",
    f"link {ESC}]8;;file:///x{ESC}\\",
    "bell \x07 \x9b1m",
]


@pytest.mark.parametrize("note", CONTROL_NOTES)
def test_control_characters_in_notes_are_escaped(note: str, tmp_path: Path, banks) -> None:
    file = answers(tmp_path, note=note, evidence=note)
    for args in (
        ["explain", str(file), "--question", "QA-01"],
        ["score", str(file), "-f", "markdown"],
    ):
        code, out, err = run(*args, *banks)
        assert code == 0, err
        assert ESC not in out + err
        assert BEL not in out + err
        assert "\x9b" not in out + err
    code, out, _ = run("explain", str(file), "--question", "QA-01", *banks)
    assert "\\x1b" in out or "\\x07" in out


@pytest.mark.parametrize(
    ("field", "value"),
    [("subject", f"A{ESC}[2J"), ("period", f"Q{BEL}"), ("subject", "two\nlines"), ("period", "\x9b")],
)  # fmt: skip
def test_control_characters_are_refused_in_subjects_and_periods(
    field: str, value: str, tmp_path: Path, banks
) -> None:
    file = answers(tmp_path, **{field: value})
    code, _out, err = run("validate", str(file), *banks)
    assert code == 2
    assert f"{file}:{3 if field == 'subject' else 4}: {field}: " in err
    assert "is not plain text on one line (no control characters" in err
    assert ESC not in err
    assert BEL not in err


def test_control_characters_in_a_key_and_a_file_name_are_escaped(tmp_path: Path, banks) -> None:
    file = answers(tmp_path, name=f"evil{ESC}[2J.yaml")
    file.write_text(file.read_text().replace("QA-02: 0", 'QA-02: 0, "X\\e]0;t\\a": 1'))
    code, _out, err = run("validate", str(file), *banks)
    assert code == 2
    assert ESC not in err
    assert BEL not in err
    assert "evil\\x1b[2J.yaml" in err
    assert "unknown question 'X\\x1b]0;t\\x07'" in err


@pytest.mark.parametrize("markup", MARKUP)
def test_rich_markup_in_data_is_text(markup: str, tmp_path: Path, banks) -> None:
    db = str(tmp_path / "h.db")
    file = answers(tmp_path, subject=f"Acme {markup} x", note=markup, evidence=markup)
    assert run("record", str(file), "--db", db, *banks)[0] == 0
    for args in (
        ["history", "--db", db],
        ["score", str(file), *banks],
        ["explain", str(file), "--question", "QA-01", *banks],
        ["trend", f"Acme {markup} x", "--db", db, *banks],
    ):
        code, out, err = run(*args)
        assert code == 0, (args, err)
        assert markup.split("]")[0] in " ".join(out.split()) or "Acme" in out


def test_rich_markup_in_a_bank_and_a_targets_path_is_text(tmp_path: Path, banks) -> None:
    bank = Path(banks[1]) / "minimal" / "1.0.0.yaml"
    bank.write_text(
        bank.read_text()
        .replace("title: Minimal test bank", 'title: "Bank [/bogus] [link=file:///etc/passwd]x"')
        .replace("help: Because.", 'help: "Because [/] [bold]"'),
    )
    for args in (
        ["banks", "show", "minimal", *banks],
        ["banks", "show", "minimal", "-q", "QA-01", *banks],
        ["banks", "list", *banks],
    ):
        code, out, err = run(*args)
        assert code == 0, err
    targets = tmp_path / "[bold]t[red].yaml"
    targets.write_text(
        "schema: assess/targets/v1\n"
        "pillars: {responsible: 3, automate: 3, measure: 3, pragmatic: 3, align: 3, collaborate: 3}\n"
    )
    code, out, err = run("score", str(answers(tmp_path)), "--targets", str(targets), *banks)
    assert code == 0, err
    # The path may wrap at the terminal's width (its length depends on the temp folder).
    assert "[bold]t[red].yaml" in "".join(out.split())


@pytest.mark.parametrize("period", ["$\\foo$", "$x^{2$", "\\$ $\\frac{1}{0}$", "$$"])
def test_mathtext_in_periods_is_drawn_as_text(period: str, tmp_path: Path, banks) -> None:
    db = str(tmp_path / "h.db")
    first = answers(tmp_path, period="P0", name="a.yaml")
    second = answers(tmp_path, period=period, name="b.yaml")
    assert run("record", str(first), "--db", db, "--date", "2026-01-01", *banks)[0] == 0
    assert run("record", str(second), "--db", db, "--date", "2026-02-01", *banks)[0] == 0
    for suffix in ("png", "svg"):
        code, _, err = run("trend", "S", "--db", db, "-o", str(tmp_path / f"t.{suffix}"), *banks)
        assert code == 0, err
    code, _, err = run("report", str(second), "--db", db, "-o", str(tmp_path / "r.html"), *banks)
    assert code == 0, err


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_never_start_a_formula(formula: str, tmp_path: Path, banks) -> None:
    db = str(tmp_path / "h.db")
    file = answers(
        tmp_path,
        subject=formula.replace("\t", "T").replace("\r", "R") if formula[0] in "\t\r" else formula,
        period=formula[:60] if formula[0] not in "\t\r" else "P",
    )
    assert run("record", str(file), "--db", db, *banks)[0] == 0
    _, out, _ = run("history", "--db", db, "-f", "csv")
    trend_csv = tmp_path / "t.csv"
    subject = next(csv.DictReader(io.StringIO(out)))["subject"].lstrip("'")
    assert run("trend", "--db", db, "-o", str(trend_csv), *banks, "--", subject)[0] == 0
    for text in (out, trend_csv.read_text()):
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
                assert not (cell.startswith("-") and not cell[1:2].isdigit()), cell


@pytest.mark.parametrize(
    ("note", "evidence", "forbidden"),
    [
        ("[the policy](javascript:alert(1))", "e", "[the policy]("),
        ("![x](https://tracker.example/p.png)", "e", "![x]("),
        ("<img src=x onerror=alert(1)>", "e", ": <img"),
        ("n", "javascript:alert(1)", "(javascript:alert(1))"),
        ("n", "[a](https://evil.example)", "[a](https://evil.example)"),
        ("see https://tracker.example/p.png", "e", "see https://"),
    ],
)  # fmt: skip
def test_markdown_report_notes_and_evidence_are_inert(
    note: str, evidence: str, forbidden: str, tmp_path: Path, banks
) -> None:
    file = answers(tmp_path, note=note, evidence=evidence)
    code, out, err = run("report", str(file), "-f", "md", *banks)
    assert code == 0, err
    assert forbidden not in out


def test_markdown_report_links_http_evidence_only(tmp_path: Path, banks) -> None:
    file = answers(tmp_path, evidence="https://wiki.example/secret-scanning")
    _, out, _ = run("report", str(file), "-f", "md", *banks)
    assert "<https://wiki.example/secret-scanning>" in out


# 2. Output files: never destroy what is not ours.
def test_dev_null_stays_a_device() -> None:
    code, _, err = run("template", "healthy-questions", "-o", "/dev/null")
    assert code == 0, err
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_dev_full_is_a_disk_error() -> None:
    code, _, err = run("template", "healthy-questions", "-o", "/dev/full")
    assert (code, err) == (3, "error: cannot write /dev/full: No space left on device\n")


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("", "error: the output file name is empty: give -o FILE\n"),
        (".", "error: the output file name is empty: give -o FILE\n"),
        ("{tmp}", "error: cannot write {tmp}: it is a folder\n"),
    ],
)
def test_output_that_is_no_file_name(out: str, message: str, tmp_path: Path) -> None:
    code, _, err = run("template", "healthy-questions", "-o", out.format(tmp=tmp_path))
    assert (code, err) == (2, message.format(tmp=tmp_path))


def test_a_fifo_is_written_through_and_a_link_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert run("template", "healthy-questions", "-o", str(link))[0] == 0
    assert link.is_symlink()
    assert target.read_text().startswith("# yaml-language-server")
    assert run("template", "healthy-questions", "-o", "-")[1].startswith("# yaml-language-server")


@pytest.mark.parametrize(
    "command",
    [
        ["score", "{file}", "-f", "json", "-o", "{file}"],
        ["score", "{file}", "-o", "{link}", "-f", "csv"],
        ["report", "{file}", "-f", "md", "-o", "{file}"],
    ],
)
def test_an_input_is_never_overwritten(command: list[str], tmp_path: Path, banks) -> None:
    file = answers(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(file)
    before = file.read_text()
    args = [a.format(file=file, link=link) for a in command]
    code, _, err = run(*args, *banks)
    assert code == 2
    assert "is one of the command's input files; write elsewhere" in err
    assert file.read_text() == before


@pytest.mark.parametrize("command", [["template", "minimal"], ["score", "{other}", "-f", "json"]])
def test_a_filled_answer_file_needs_force(command: list[str], tmp_path: Path, banks) -> None:
    filled = answers(tmp_path, name="filled.yaml")
    other = answers(tmp_path, name="other.yaml")
    before = filled.read_text()
    args = [a.format(other=other) for a in command]
    code, _, err = run(*args, "-o", str(filled), *banks)
    assert (code, err) == (
        2,
        (
            f"error: {filled} is an answer file with 2 answers; give --force to replace it, "
            "or choose another -o\n"
        ),
    )
    assert filled.read_text() == before
    assert run(*args, "-o", str(filled), "--force", *banks)[0] == 0


# Found by a hostile tester after the first round: the same classes, other cases.
def test_a_report_never_overwrites_the_history_it_reads(tmp_path: Path, banks) -> None:
    db = tmp_path / "h.db"
    file = answers(tmp_path)
    assert run("record", str(file), "--db", str(db), *banks)[0] == 0
    before = db.read_bytes()
    for fmt in ("md", "html"):
        code, _, err = run("report", str(file), "--db", str(db), "-o", str(db), "-f", fmt, *banks)
        assert (code, err) == (
            2,
            f"error: {db} is one of the command's input files; write elsewhere\n",
        )
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "note",
    [
        f"{ESC}[31mRED{BEL}",
        f"{ESC}]8;;http://x{ESC}\\link{ESC}]8;;{ESC}\\",
        "c1 \x9b1m",
        "del \x7f",
    ],
)
def test_control_characters_never_reach_written_documents(note: str, tmp_path: Path, banks) -> None:
    file = answers(tmp_path, note=note, evidence=note)
    for fmt in ("md", "html"):
        out = tmp_path / f"r.{fmt}"
        assert run("report", str(file), "-o", str(out), *banks)[0] == 0
        text = out.read_text()
        assert not any(c in text for c in (ESC, BEL, "\x9b", "\x7f")), fmt
    _, out, _ = run("score", str(file), "-f", "markdown", *banks)
    assert ESC not in out


def test_a_template_and_a_migration_stay_valid_yaml_whatever_the_bank_says(
    tmp_path: Path, banks
) -> None:
    bank = Path(banks[1]) / "minimal" / "1.0.0.yaml"
    bank.write_text(
        bank.read_text().replace("text: First question?", 'text: "First \\e[2J\\a \\x9b question?"')
    )
    blank = tmp_path / "blank.yaml"
    assert run("template", "minimal", "-o", str(blank), *banks)[0] == 0
    assert ESC not in blank.read_text()
    assert run("validate", str(blank), *banks)[0] == 0
    from assess.answers.model import Header, Response
    from assess.answers.write import render_answer_file
    from assess.bank.registry import Registry

    minimal = Registry.default([Path(banks[1])]).load("minimal@1.0.0").bank
    note = Response("level", 1, "a \x9b b \u2028 c \u202e d", ("e\x85",))
    written = tmp_path / "written.yaml"
    written.write_text(
        render_answer_file(minimal, minimal.questions, Header("S", role="qa"), {"QA-01": note})
    )
    assert run("validate", str(written), *banks)[0] == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t + "\n",
        lambda t: "# a comment\n" + t,
        lambda t: t.replace("QA-02: 0", "QA-02:   0"),
    ],
    ids=["blank line", "comment", "spacing"],
)
def test_one_respondent_in_another_layout_is_still_one(change, tmp_path: Path, banks) -> None:
    first = answers(tmp_path, name="a.yaml")
    second = tmp_path / "b.yaml"
    second.write_text(change(first.read_text()))
    code, _, err = run("score", str(first), str(second), *banks)
    assert code == 2
    assert f"{second}: is a copy of {first}: each respondent's answers count once" in err


def test_a_pillar_condition_cannot_be_given_twice(tmp_path: Path, banks) -> None:
    code, _, err = run(
        "check", str(answers(tmp_path)), "--pillar", "automate=3", "--pillar", "automate=1", *banks
    )
    assert (code, err) == (2, "error: --pillar automate is given twice: give each pillar once\n")


@pytest.mark.parametrize(
    ("db", "secret"),
    [
        ("postgresql://u@127.0.0.1:1/db?password=hunter2", "hunter2"),
        ("postgresql:///db?user=u&password=hunter2&port=1&host=127.0.0.1", "hunter2"),
        ("postgresql://u:hun@ter2@127.0.0.1:1/db", "ter2"),
    ],
)
def test_a_password_is_never_shown(db: str, secret: str) -> None:
    code, _, err = run("history", "--db", db)
    assert code == 3
    assert secret not in err
    assert "***" in err


@pytest.mark.parametrize(
    "db", [":memory:", "file:x.db?mode=ro", "sqlite:///file::memory:?uri=true"]
)
def test_a_history_that_keeps_nothing_is_refused(db: str, tmp_path: Path, banks) -> None:
    code, _, err = run("record", str(answers(tmp_path)), "--db", db, *banks)
    assert code == 2
    assert "keeps nothing" in err


@pytest.mark.parametrize(
    ("date", "said"),
    [
        ("20260101", "expected YYYY-MM-DD, like 2026-11-21"),
        ("2026-W01-1", "expected YYYY-MM-DD, like 2026-11-21"),
        ("2026-1-1", "expected YYYY-MM-DD, like 2026-11-21"),
        ("", "expected YYYY-MM-DD, like 2026-11-21"),
        # The shape is right, the day is not: the message says which part is wrong.
        ("2026-02-30", "no such day (day is out of range for month)"),
        ("2026-13-01", "no such day (month must be in 1..12)"),
    ],
)
def test_dates_are_written_yyyy_mm_dd(date: str, said: str, tmp_path: Path, banks) -> None:
    code, _, err = run(
        "record", str(answers(tmp_path)), "--date", date, "--db", str(tmp_path / "h.db"), *banks
    )
    assert (code, err) == (2, f"error: --date {date!r}: {said}\n")


@pytest.mark.parametrize("subject", ["a\u202eb", "a\u200bb", "a\u2066b", "\ufeffa"])
def test_invisible_characters_are_refused_in_subjects(subject: str, tmp_path: Path, banks) -> None:
    code, _, err = run("validate", str(answers(tmp_path, subject=subject)), *banks)
    assert code == 2
    assert "no invisible characters such as bidi overrides" in err


@pytest.mark.parametrize("value", ["3_", "1_0", "0_1"])
def test_numbers_with_underscores_are_refused(value: str, tmp_path: Path, banks) -> None:
    file = answers(tmp_path)
    file.write_text(file.read_text().replace("QA-02: 0", f"QA-02: {value}"))
    code, _, err = run("validate", str(file), *banks)
    assert code == 2
    assert f"{value} would be read as the number" in err


def test_score_to_stdout_with_a_dash(tmp_path: Path, banks) -> None:
    code, out, _ = run("score", str(answers(tmp_path)), "-o", "-", "-f", "json", *banks)
    assert code == 0
    assert out.startswith("{")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("note", "x" * 4001, "must be at most 4000 characters, got 4001"),
        ("evidence", "y" * 1001, "must be at most 1000 characters, got 1001"),
    ],
)
def test_notes_and_evidence_have_a_size(
    field: str, value: str, message: str, tmp_path: Path, banks
) -> None:
    code, _, err = run("validate", str(answers(tmp_path, **{field: value})), *banks)
    assert code == 2
    assert message in err


def test_markdown_has_no_www_or_mail_autolinks(tmp_path: Path, banks) -> None:
    file = answers(tmp_path, note="see www.evil.example or mail@evil.example")
    _, out, _ = run("report", str(file), "-f", "md", *banks)
    assert "www.evil" not in out
    assert "mail@evil" not in out
    assert "mail\u2060@evil.example" in out


def test_a_bank_file_is_never_overwritten(tmp_path: Path, banks) -> None:
    bank = Path(banks[1]) / "minimal" / "1.0.0.yaml"
    before = bank.read_text()
    code, _, err = run(
        "score", str(answers(tmp_path)), "-f", "json", "-o", str(bank), "--force", *banks
    )
    assert (code, err) == (2, f"error: {bank} is a question bank file; write elsewhere\n")
    assert bank.read_text() == before


def test_a_link_to_nowhere_is_not_written_through(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "nowhere" / "x.md")
    code, _, err = run("template", "healthy-questions", "-o", str(link))
    assert code == 2
    assert "which does not exist; write elsewhere" in err
    assert not (tmp_path / "nowhere").exists()


def test_json_output_escapes_c1_and_invisible_characters(tmp_path: Path, banks) -> None:
    _, out, _ = run(
        "score", str(answers(tmp_path, note="n \x9b \u202e \u2028")), "-f", "json", *banks
    )
    assert "\x9b" not in out
    assert "\u202e" not in out
    assert "\u2028" not in out
    assert "\\u009b" in out
    assert "\\u202e" in out


@pytest.mark.parametrize("db", ["/dev/null", "{tmp}"])
def test_a_history_that_is_no_file_is_refused(db: str, tmp_path: Path, banks) -> None:
    where = db.format(tmp=tmp_path)
    code, _, err = run("record", str(answers(tmp_path)), "--db", where, *banks)
    assert code == 2
    assert err.startswith(f"error: {where} is not a regular file")
