"""`assess record`, `history`, `trend`, `compare` and the report's trend, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbor-mutual"
SUBJECT = "Harbor Mutual claims platform"
Q4 = sorted(str(p) for p in (EXAMPLE / "2026-Q4").glob("*.yaml"))


def files(period: str) -> list[str]:
    return sorted(str(p) for p in (EXAMPLE / period).glob("*.yaml"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def recorded() -> None:
    """Both example rounds recorded in the test's own history (ASSESS_DB, from conftest)."""
    assert invoke("record", *files("2026-Q2"), "--date", "2026-05-15")[0] == 0
    assert invoke("record", *files("2026-Q4"), "--date", "2026-11-15")[0] == 0


def test_record_history_compare_round_trip(recorded: None, tmp_path: Path) -> None:
    code, out, _ = invoke("history", "-f", "json")
    assert code == 0
    listed = json.loads(out)
    assert [(r["id"], r["period"], r["assessed_on"]) for r in listed] == [
        (1, "2026-Q2", "2026-05-15"),
        (2, "2026-Q4", "2026-11-15"),
    ]
    assert sum(listed[1]["respondents"].values()) == 7
    assert listed[1]["pillars"]["align"] == 1.7738
    code, out, _ = invoke("compare", "1", f"{SUBJECT}@2026-Q4", "-f", "json")
    assert code == 0
    compared = json.loads(out)
    align = next(p for p in compared["pillars"] if p["id"] == "align")
    assert (align["before"], align["after"], align["delta"]) == (2.2823, 1.7738, -0.5085)
    # Q2 was answered on rampac-core 1.0.0 and Q4 on 2.0.0: the delta splits into the
    # questions both rounds answered and the effect of the changed question set.
    assert (align["like_for_like"], align["question_set_effect"]) == (-0.8278, 0.3193)
    moved = compared["questions"]
    assert (
        len(moved["improved"])
        + len(moved["regressed"])
        + len(moved["unchanged"])
        + len(moved["not comparable"])
        == 53
    )
    assert len(moved["new"]) == 28
    assert moved["removed"] == []


def test_compare_a_record_with_itself_has_no_deltas(recorded: None) -> None:
    code, out, _ = invoke("compare", "2", "2", "-f", "json")
    assert code == 0
    compared = json.loads(out)
    for d in [compared["overall"], *compared["pillars"], *compared["benefits"]]:
        assert (d["delta"], d["like_for_like"]) == (0, 0), d
    assert {k: len(v) for k, v in compared["questions"].items() if v} == {"unchanged": 81}


def test_record_refuses_a_second_round_for_the_same_period(recorded: None) -> None:
    code, out, err = invoke("record", *files("2026-Q4"))
    assert code == 2
    assert err == (
        f"error: {SUBJECT}@2026-Q4 is already recorded; give --replace to overwrite it, "
        "or --period for another round\n"
    )
    code, out, _ = invoke("record", *files("2026-Q4"), "--replace")
    assert code == 0
    assert out.startswith(f"recorded {SUBJECT}@2026-Q4 as #3: 7 respondents, rampac-core@2.0.0")


def test_history_table_and_csv(recorded: None) -> None:
    code, out, _ = invoke("history")
    assert code == 0
    assert "2026-Q2" in out
    assert "rampac-core@1.0.0" in out
    code, out, _ = invoke("history", "-f", "csv", "--subject", SUBJECT)
    lines = out.splitlines()
    assert lines[0].startswith("id,subject,period,assessed_on,bank,profile,respondents,overall,")
    assert lines[2].startswith(f"2,{SUBJECT},2026-Q4,2026-11-15,rampac-core@2.0.0,regulated,7,")


def test_trend_table_csv_and_charts(recorded: None, tmp_path: Path) -> None:
    code, out, _ = invoke("trend", SUBJECT, "--pillar", "align")
    assert code == 0
    assert "Align and bridge" in out
    # 2.28 -> 1.77 is shown as a change of -0.51: the difference of the figures shown.
    assert "Align and bridge      2.28      1.77    -0.51" in out
    assert "bank                 1.0.0     2.0.0" in out
    assert "Automate" not in out
    csv_file = tmp_path / "t.csv"
    assert invoke("trend", SUBJECT, "-o", str(csv_file))[0] == 0
    rows = csv_file.read_text().splitlines()
    assert rows[0] == (
        "period,assessed_on,bank,respondents,overall,Responsible collectively,Automate,"
        "Measure and improve,Pragmatic,Align and bridge,Collaborate and integrate"
    )
    assert rows[1].startswith("2026-Q2,2026-05-15,rampac-core@1.0.0,7,1.9267,")
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<svg")):
        chart = tmp_path / f"t{suffix}"
        assert invoke("trend", SUBJECT, "-o", str(chart))[0] == 0
        assert chart.read_bytes().startswith(magic)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trend", "Harbor Mutual"], ("error: no records of 'Harbor Mutual' in {db} "
         "(did you mean 'Harbor Mutual claims platform'?)\n")),
        (["trend", SUBJECT, "-o", "t.pdf"], ("error: cannot tell the format from 't.pdf': "
         "give --format png, svg, csv\n")),
        (["trend", SUBJECT, "-f", "png"], "error: --format png writes a file: give -o FILE\n"),
        (["compare", "1", "9"], "error: no record '9' in {db}; `assess history --db {db}` lists them\n"),
        (["compare", "1", "Harbor"], ("error: 'Harbor': name a record by its id or as "
         "SUBJECT@PERIOD\n")),
        (["compare", "99999999999999999999999", "1"], ("error: no record '99999999999999999999' "
         "in {db}; `assess history --db {db}` lists them\n")),
        (["compare", "²", "1"], "error: '²': name a record by its id or as SUBJECT@PERIOD\n"),
        (["compare", "١", "1"], "error: '١': name a record by its id or as SUBJECT@PERIOD\n"),
    ],
)  # fmt: skip
def test_refusals(recorded: None, args: list[str], message: str, tmp_path: Path) -> None:
    import os

    code, _, err = invoke(*args)
    assert code == 2
    assert err == message.format(db=os.environ["ASSESS_DB"])


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("sqlite://", "error: --db 'sqlite://' is an in-memory database, which keeps nothing: give a file\n"),
        ("sqlite:///:memory:", "error: --db 'sqlite:///:memory:' is an in-memory database, which keeps nothing: give a file\n"),
        ("postgresql://u:S3cretPW!x@h:abc/db", "error: --db 'postgresql://u:***@h:abc/db' is not a database URL or a file path\n"),
        ("postgresql://[::1", "error: --db 'postgresql://[::1' is not a database URL or a file path\n"),
        ("postgresql+psycopg://:pw@:/", "error: --db 'postgresql+psycopg://:***@:/' is not a database URL or a file path\n"),
        ("", "error: --db is empty: give a file path or a database URL\n"),
    ],
)  # fmt: skip
def test_bad_databases_are_usage_errors(db: str, message: str) -> None:
    for command in (["record", *Q4, "--db", db], ["history", "--db", db]):
        code, _, err = invoke(*command)
        assert (code, err) == (2, message)
        assert "S3cretPW" not in err


def test_a_history_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = invoke("record", *Q4, "--db", str(blocker / "sub" / "h.db"))
    assert code == 2
    assert err.startswith(
        f"error: cannot make the folder for the history at {blocker / 'sub' / 'h.db'}: "
    )


def test_a_history_in_a_read_only_place_can_be_read(tmp_path: Path) -> None:
    db = tmp_path / "ro" / "h.db"
    assert invoke("record", *Q4, "--db", str(db))[0] == 0
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        # As root the permissions do not bite: pretend the folder is on a read-only disk.
        import os
        from unittest import mock

        real = os.access
        no_write = lambda p, mode, **kw: False if mode & os.W_OK else real(p, mode, **kw)  # noqa: E731
        with mock.patch("os.access", no_write):
            code, out, err = invoke("history", "--db", str(db))
        assert code == 0, err
        assert "2026-Q4" in out
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


def test_reading_commands_never_create_a_history(tmp_path: Path) -> None:
    db = tmp_path / "nothing.db"
    code, _, err = invoke("history", "--db", str(db))
    assert code == 2
    assert err == f"error: no history at {db}: record an assessment first\n"
    assert not db.exists()


def test_record_needs_a_period(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    text = Path(files("2026-Q4")[0]).read_text()
    answers.write_text(text.replace("period: 2026-Q4", "period:"))
    code, _, err = invoke("record", str(answers))
    assert code == 2
    assert err == "error: the answer files name no period: give one, like --period 2026-Q4\n"


def test_report_takes_its_trend_from_the_history(recorded: None) -> None:
    code, out, _ = invoke("report", *files("2026-Q4"), "-f", "md", "--date", "2026-11-21")
    assert code == 0
    assert "## Trends" in out
    assert "| Align and bridge | 2.3 | 1.8 |" in out
    # The earlier round's own report has no later round in its past.
    code, out, _ = invoke("report", *files("2026-Q2"), "-f", "md", "--date", "2026-11-21")
    assert code == 0
    assert "## Trends" not in out


def test_the_report_is_dated_as_its_round_was_recorded(recorded: None) -> None:
    code, out, _ = invoke("report", *files("2026-Q4"), "-f", "md")
    assert code == 0
    assert "- Date: 2026-11-15\n" in out  # recorded on 2026-11-15, whatever today is
    code, out, _ = invoke("report", *files("2026-Q4"), "-f", "md", "--date", "2026-12-24")
    assert "- Date: 2026-12-24\n" in out


def test_the_markdown_report_keeps_parity_with_the_pdf(recorded: None) -> None:
    code, out, _ = invoke("report", *files("2026-Q4"), "-f", "md")
    assert code == 0
    assert (
        "\nHigh risks: 8 questions are two levels or more below target "
        "(6 practices and 2 results measured; 1 of them only by the evidence): "
    ) in out
    # From the history: the round before question by question.
    assert "Practices that moved most since 2026-Q2" in out
    assert "| Benefit | Score | Before | Target |" in out
    assert "| | 2026-Q2 | 2026-Q4 | Change |\n" in out
    assert "| Align and bridge | 2.3 | 1.8 | -0.5 |\n" in out
    assert "- Strongest: Security duties per role (RC-01, 3.0), " in out
    assert "Respondents: 7 (Leadership 1, Security 1, Development 2, Operations 1, QA 1" in out
    assert (
        "Of the overall change of +0.29, +0.25 is like for like, on the questions both rounds "
        "answered, and +0.04 comes from the questions the new version added or changed." in out
    )
    # The same split, to the same two decimals, as `assess trend` gives it.
    _, trend, _ = invoke("trend", "Harbor Mutual claims platform")
    assert "overall change +0.29 = like for like +0.25 + question changes +0.04" in " ".join(
        trend.split()
    )
    for bare in ("- Strongest: AU-", "- Weakest: RC-", "**AB-04**"):
        assert bare not in out  # practices are named by title, the id beside it
