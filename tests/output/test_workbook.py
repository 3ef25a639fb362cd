"""The Excel workbooks, read back with openpyxl: sheets, types, headers, and inert text."""

from __future__ import annotations

import datetime
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from helpers import EXAMPLE, run_assess

from assess.bank.registry import Registry
from assess.output.workbook import round_workbook
from assess.scoring.files import score_files

ON = datetime.date(2026, 11, 20)


def _example_book(anonymous: bool = False) -> openpyxl.Workbook:
    scored = score_files(sorted((EXAMPLE / "2026-Q4").glob("*.yaml")), Registry.default())
    return openpyxl.load_workbook(io.BytesIO(round_workbook(scored, anonymous, ON)))


def _rows(sheet: object) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_the_round_workbook_has_every_sheet_with_a_frozen_filtered_header() -> None:
    book = _example_book()
    assert book.sheetnames == [
        "Summary",
        "Pillars",
        "Benefits",
        "Questions",
        "Answers",
        "Roadmap",
        "Knowledge gaps",
    ]
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.column_dimensions["A"].width >= len(str(sheet["A1"].value))


def test_figures_are_numbers_shares_percentages_and_dates_dates() -> None:
    book = _example_book()
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Subject"].value == "Harbor Mutual claims platform"
    assert summary["Generated on"].value == datetime.datetime(2026, 11, 20)
    assert summary["Generated on"].number_format == "yyyy-mm-dd"
    assert isinstance(summary["Overall score (0–4)"].value, float)
    assert summary["Coverage: question weight with a score"].number_format == "0%"
    assert summary["Claims not supported by the evidence"].value == 3
    assert summary["Respondents"].value == 7
    pillars = _rows(book["Pillars"])
    assert [p["pillar"] for p in pillars][:2] == ["responsible", "automate"]
    assert all(isinstance(p["score"], float | int) for p in pillars)
    assert book["Pillars"]["C2"].number_format == "0.00"
    answers = _rows(book["Answers"])
    # An empty cell (unanswered) reads back as None.
    given = [a for a in answers if a["answer"] not in (None, "don't know", "n/a")]
    assert given
    assert all(a["level"] == int(str(a["answer"])) for a in given)
    assert all(a["level"] is None for a in answers if a["answer"] == "don't know")


def test_every_question_and_answer_is_listed() -> None:
    book = _example_book()
    scored = score_files(sorted((EXAMPLE / "2026-Q4").glob("*.yaml")), Registry.default())
    assert len(_rows(book["Questions"])) == len(scored.result.questions)
    answered = sum(
        len(s.responses) for s in (*scored.assessment.answer_sets, *scored.assessment.observed)
    )
    rows = _rows(book["Answers"])
    assert sum(r["answer"] is not None for r in rows) == answered
    assert len(_rows(book["Roadmap"])) == len(scored.result.roadmap)


def test_anonymous_names_roles_and_numbers_only() -> None:
    names = {"Aiko", "Tomas", "Morgan", "Grace", "Sam", "Lena", "Priya"}
    book = _example_book(anonymous=True)
    respondents = {r["respondent"] for r in _rows(book["Answers"])}
    assert respondents == {
        "Leadership",
        "Security",
        "Development 1",
        "Development 2",
        "Operations",
        "QA",
        "Product",
        "OpenSSF Scorecard v5.0.0",  # a tool, not a person: it keeps its name
    }
    text = " ".join(str(c.value) for s in book for row in s.iter_rows() for c in row)
    assert not any(n in text for n in names)


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, hostile: str) -> None:
    source = EXAMPLE / "2026-Q4" / "security-priya.yaml"
    text = source.read_text(encoding="utf-8")
    assert "name: Priya" in text
    (tmp_path / "a.yaml").write_text(
        text.replace("name: Priya Natarajan", f"name: '{hostile}'"), encoding="utf-8"
    )
    for other in (EXAMPLE / "2026-Q4").glob("*.yaml"):
        if other != source:
            shutil.copy(other, tmp_path / other.name)
    done = run_assess(
        "score", *sorted(p.name for p in tmp_path.glob("*.yaml")), "-o", "r.xlsx", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = [c for row in book["Answers"].iter_rows() for c in row if c.value == hostile]
    assert cells
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not [c for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]


def test_the_workbook_needs_a_file(tmp_path: Path) -> None:
    files = sorted(str(p) for p in (EXAMPLE / "2026-Q4").glob("*.yaml"))
    done = run_assess("score", *files, "-f", "xlsx", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "error: this format is binary: give -o FILE\n")
