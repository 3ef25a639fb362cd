"""The leadership report: golden HTML and Markdown, PDF smoke checks, and its safety."""

from __future__ import annotations

import dataclasses
import datetime
import gc
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from assess.answers.load import Response, load_assessment
from assess.bank.registry import Registry
from assess.base.framework import BENEFITS, PILLARS
from assess.history.compare import compare_versions
from assess.history.snapshot import Snapshot
from assess.report.content import Presentation, Report, build_report, trend_point
from assess.report.render import RenderError, html_to_pdf, render_html, render_markdown
from assess.scoring.score import score
from assess.scoring.targets import from_profile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbor-mutual"
DAY = datetime.date(2026, 11, 21)
PLACEHOLDER_CHARTS = {
    name: f"chart:{name}" for name in ("radar", "projection", "benefits", "heatmap", "trend")
}


def scored(period: str, tweak=None):
    assessment = load_assessment(sorted((EXAMPLE / period).glob("*.yaml")), Registry.default())
    if tweak is not None:
        assessment = tweak(assessment)
    return assessment, score(assessment, from_profile(assessment.bank, assessment.profile))


@pytest.fixture(scope="module")
def report() -> Report:
    assessment, result = scored("2026-Q4")
    before, earlier = scored("2026-Q2")
    compared = compare_versions(
        Snapshot.from_result(earlier, before.bank, "2026-Q2", DAY),
        Snapshot.from_result(result, assessment.bank, "2026-Q4", DAY),
        Registry.default(),
    )
    return build_report(
        result,
        assessment.bank,
        assessment.answer_sets,
        [trend_point(earlier)],
        Presentation(date=DAY),
        compared,
    )


@pytest.fixture(scope="module")
def example_pdf(report: Report) -> bytes:
    """The example report typeset once, for every test that reads its pages."""
    return html_to_pdf(render_html(report))


def test_golden_html(report: Report, golden) -> None:
    # Charts are checked apart: their bytes depend on the matplotlib version.
    golden("report-harbor-mutual.html", render_html(report, drawn=PLACEHOLDER_CHARTS))


def test_golden_markdown(report: Report, golden) -> None:
    golden("report-harbor-mutual.md", render_markdown(report))


def test_html_is_identical_twice_and_self_contained(report: Report) -> None:
    first = render_html(report)
    assert first == render_html(report)
    assert first.count('<img src="data:image/svg+xml;base64,') == 5
    assert "<link" not in first
    assert "http://" not in first.split("<body>")[0]


def test_pdf_smoke(report: Report, example_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    assert 15 <= len(reader.pages) <= 60
    text = " ".join(page.extract_text() for page in reader.pages)
    for needed in [
        "Harbor Mutual claims platform",
        "Roadmap",
        "Executive summary",
        "Trends",
        *(p.name for p in PILLARS),
        *(b.name for b in BENEFITS),
    ]:
        assert needed in text, needed
    assert reader.metadata is not None
    assert reader.metadata.title == "DevSecOps maturity: Harbor Mutual claims platform"
    # The executive summary tells the story: the top gaps by title, the change since the
    # previous round, and every pillar that regressed.
    pages = [page.extract_text() for page in reader.pages]
    summary = next(page for page in pages if "overall maturity" in page)
    flat = " ".join(summary.split())
    # The largest high risks with why they matter; the rest are counted.
    more = len(report.high_risks) - len(report.top_risks)
    assert f"And {more} more, in the gap analysis (Appendix A)." in flat
    for top in report.top_risks:
        assert top.title is not None
        assert top.title in flat, top.id
        assert top.why in flat, top.id
    assert report.decision is not None
    assert report.decision in flat
    movement = report.movement
    assert movement is not None
    assert f"Since {movement.previous}: overall {movement.overall:+.1f}" in flat
    assert movement.regressed
    for name, change in movement.regressed:
        assert f"{name} {change:+.1f}" in flat


def test_hostile_note_is_text_and_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = '<script>alert(1)</script><img src="file:///etc/passwd">'

    def tweak(assessment):
        first = assessment.answer_sets[0]
        responses = dict(first.responses)
        responses["RC-01"] = Response("level", 2, hostile, ("file:///etc/shadow",))
        changed = dataclasses.replace(first, responses=responses)
        return dataclasses.replace(assessment, answer_sets=(changed, *assessment.answer_sets[1:]))

    assessment, result = scored("2026-Q4", tweak)
    content = build_report(
        result, assessment.bank, assessment.answer_sets, presentation=Presentation(date=DAY)
    )
    html = render_html(content)
    assert "<script>" not in html
    assert 'src="file:' not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    )

    from weasyprint.urls import URLFetcher

    fetched: list[str] = []
    original = URLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    pdf = html_to_pdf(html)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "<script>alert(1)</script>" in text
    assert all(url.startswith("data:") for url in fetched), fetched


def test_template_cannot_reach_the_network_or_the_disk(tmp_path: Path, report: Report) -> None:
    with pytest.raises(RenderError, match="the report may not load http://example.invalid/x.png"):
        html_to_pdf('<img src="http://example.invalid/x.png">')
    with pytest.raises(RenderError, match="the report may not load file:///etc/hostname"):
        html_to_pdf('<img src="file:///etc/hostname">')
    # The collector, paused while typesetting, runs again even after a refusal.
    assert gc.isenabled()


def test_custom_template_overrides_and_is_sandboxed(tmp_path: Path, report: Report) -> None:
    (tmp_path / "report.md.j2").write_text("# {{ report.title }} for {{ report.result.subject }}\n")
    assert render_markdown(report, tmp_path) == (
        "# DevSecOps maturity: Harbor Mutual claims platform for Harbor Mutual claims platform\n"
    )
    (tmp_path / "report.md.j2").write_text("{{ report.__class__.__init__.__globals__ }}\n")
    with pytest.raises(RenderError, match="not allowed in the sandbox|has no attribute"):
        render_markdown(report, tmp_path)
    (tmp_path / "report.md.j2").write_text("{{ report.no_such_thing }}\n")
    with pytest.raises(
        RenderError,
        match="^template report.md.j2: 'Report' has no attribute 'no_such_thing'$",
    ):
        render_markdown(report, tmp_path)
    (tmp_path / "report.md.j2").write_text("{% for %}\n")
    with pytest.raises(RenderError, match="report.md.j2:1: template error"):
        render_markdown(report, tmp_path)
    with pytest.raises(RenderError, match="template folder not found"):
        render_markdown(report, tmp_path / "missing")


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ 'a' * 10**9 }}", "not allowed in the sandbox: result too large"),
        ("{{ [1] * 10**9 }}", "not allowed in the sandbox: result too large"),
        ("{{ 10 ** 100000 }}", "not allowed in the sandbox: exponent too large"),
        ("{% for i in range(99999) %}{{ 'x' * 1000 }}{% endfor %}", "the report would exceed 64 MiB"),
        ("{{ 1 + 'a' }}", "failed: TypeError: unsupported operand type"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "failed: RecursionError"),
        ("{{ 1 / 0 }}", "failed: ZeroDivisionError"),
    ],
)  # fmt: skip
def test_template_runtime_errors_are_one_message(
    tmp_path: Path, report: Report, template: str, message: str
) -> None:
    (tmp_path / "report.md.j2").write_text(template + "\n")
    with pytest.raises(RenderError, match=re.escape(message)):
        render_markdown(report, tmp_path)


@pytest.mark.parametrize("name", ["report.md.j2", "report.css", "report.html.j2"])
def test_a_linked_template_is_refused_in_every_format(
    tmp_path: Path, report: Report, name: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / name).symlink_to(secret)
    render = render_markdown if name.endswith(".md.j2") else render_html
    with pytest.raises(RenderError, match=f"template {name} is a link or not a plain file"):
        render(report, folder)


def test_the_pdf_fetcher_refuses_links_inside_the_template_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the report")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "logo.png").symlink_to(secret)
    with pytest.raises(RenderError, match="the report may not load"):
        html_to_pdf('<img src="logo.png">', folder)


def test_charts_are_deterministic() -> None:
    from assess.report import charts

    first = charts.radar([1, 2, 3, 4, 2, 1], [3] * 6, [1] * 6)
    assert first == charts.radar([1, 2, 3, 4, 2, 1], [3] * 6, [1] * 6)
    assert first.lstrip().startswith(("<?xml", "<svg"))
    assert first.rstrip().endswith("</svg>")
    assert "Responsible collectively" in first


def test_movers_are_the_largest_moves_as_the_figures_show_them(report: Report) -> None:
    up, down = report.movers
    assert up
    assert down
    for m in (*up, *down):
        assert m.change == round(round(m.after, 1) - round(m.before, 1), 1)
        assert abs(m.change) >= 0.5
        assert m.after == report.practice(m.practice.id).score
    assert [m.change for m in up] == sorted((m.change for m in up), reverse=True)
    assert [m.change for m in down] == sorted(m.change for m in down)
    assert all(m.change > 0 for m in up)
    assert all(m.change < 0 for m in down)


def test_benefits_show_the_round_before_and_what_to_do_about_the_claim_gap(
    report: Report,
) -> None:
    assert report.compared is not None
    before = {d.id: d.before for d in report.compared.benefits}
    for b in report.benefits:
        assert b.previous == before[b.id]
        # What holds a benefit back is a practice below its target, never an outcome.
        for p in b.holding_back:
            assert report.bank.question(p.id).kind == "practice"
            assert p.gap
    worst = max(report.benefits, key=lambda b: b.claim_gap or 0)
    assert report.claim_advice is not None
    assert report.claim_advice.startswith(f"{worst.name} shows the largest claim gap")


def test_every_top_risk_says_how_the_roadmap_answers_it(report: Report) -> None:
    steps = {st.item.question: ph.name for ph in report.phases for st in ph.steps}
    for risk in report.high_risks:
        route = report.route(risk)
        if risk.id in steps:
            assert route == f"On the roadmap: {steps[risk.id]}."
        else:
            assert report.bank.question(risk.id).kind == "outcome"
            assert route.startswith("A result, not a practice: it moves with the practices of ")


def test_the_body_is_compact_and_the_appendices_follow_it(
    report: Report, example_pdf: bytes
) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    first_appendix = next(i for i, text in enumerate(pages) if "Appendix A: gap analysis" in text)
    assert first_appendix <= 13, first_appendix  # cover to trends in about twelve pages
    body = " ".join(pages[:first_appendix])
    assert "Appendices" in pages[1]  # the contents page marks the split
    later = report.phases[-1]
    assert later.steps
    # Later is summarised in the body (by name) and listed in full in Appendix B only.
    for st in later.steps:
        assert " ".join(st.item.next_step.split()) not in body, st.item.question
    assert "What the roadmap would achieve" in body
    assert report.projection_summary is not None
    assert " ".join(report.projection_summary.split()) in body


def test_the_method_gives_the_target_profile_with_its_rationale_and_values(
    report: Report,
) -> None:
    profile = report.bank.profiles[report.result.profile]
    assert report.profile == profile
    md = render_markdown(report)
    method = md.split("## Appendix E: method", 1)[1]
    assert f"the bank's {profile.title} profile ({report.result.profile}): " in method
    assert profile.rationale in method
    values = " | ".join(f"{p.target:.1f}" for p in report.result.pillars)
    assert f"| {values} |" in method


def test_the_answer_appendix_gives_the_evidence_for_the_levels_given(report: Report) -> None:
    for a in report.appendix:
        given = {int(x.answer) for x in a.answers if x.answer.isdigit()}
        expected = {lv for lv in report.bank.question(a.practice.id).evidence if lv in given}
        assert {lv for lv, _ in a.evidence} == expected, a.practice.id
