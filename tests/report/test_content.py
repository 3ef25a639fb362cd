"""What the report says, before any template: grouping and ordering of its content."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from assess.answers.load import load_assessment
from assess.bank.registry import Registry
from assess.base.framework import role_name
from assess.report.content import AnswerGroup, AppendixAnswer, build_report
from assess.scoring.results import PHASE_NAMES
from assess.scoring.score import score
from assess.scoring.targets import from_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbor-mutual" / "2026-Q4"


def example_appendix():
    assessment = load_assessment(sorted(EXAMPLE.glob("*.yaml")), Registry.default())
    result = score(assessment, from_profile(assessment.bank, assessment.profile))
    return build_report(result, assessment.bank, assessment.answer_sets, []).appendix


def test_appendix_groups_answers_highest_level_first() -> None:
    first = example_appendix()[0]
    assert first.practice.id == "RC-01"
    assert first.groups == (
        AnswerGroup("4", ("Morgan Reyes (Leadership)",)),
        AnswerGroup(
            "3",
            (
                "Priya Natarajan (Security)",
                "Tomás Ferreira (Development)",
                "Grace Okafor (Operations)",
                "Sam Whitfield (Product)",
            ),
        ),
        AnswerGroup("2", ("Aiko Sato (Development)",)),
        AnswerGroup("don't know", ("Lena Vogel (QA)",)),
    )


def test_appendix_groups_put_dont_know_then_na_after_every_level() -> None:
    question = example_appendix()[0]
    given = ["n/a", "don't know", "0", "n/a", "4", "10"]
    answers = tuple(
        AppendixAnswer(f"P{i}", "qa", answer, None, ()) for i, answer in enumerate(given)
    )
    grouped = dataclasses.replace(question, answers=answers).groups
    assert [(g.answer, g.people) for g in grouped] == [
        ("10", ("P5 (QA)",)),
        ("4", ("P4 (QA)",)),
        ("0", ("P2 (QA)",)),
        ("don't know", ("P1 (QA)",)),
        ("n/a", ("P0 (QA)", "P3 (QA)")),
    ]


def test_every_answer_lands_in_exactly_one_group() -> None:
    for question in example_appendix():
        grouped = [p for g in question.groups for p in g.people]
        assert sorted(grouped) == sorted(
            f"{a.respondent} ({role_name(a.role)})" for a in question.answers
        )


def example_report():
    assessment = load_assessment(sorted(EXAMPLE.glob("*.yaml")), Registry.default())
    result = score(assessment, from_profile(assessment.bank, assessment.profile))
    return build_report(result, assessment.bank, assessment.answer_sets, [])


def test_start_with_names_the_pillars_first_step_on_the_roadmap() -> None:
    report = example_report()
    started = 0
    for p in report.pillars:
        mine = [
            i.question for i in report.result.roadmap if report.practice(i.question).pillar == p.id
        ]
        if " Start with " not in p.verdict:
            continue
        first = report.practice(mine[0])
        phase = next(i.phase for i in report.result.roadmap if i.question == first.id)
        said = f" Start with {first.name} ({first.id}), in the {PHASE_NAMES[phase]} phase."
        evidence = p.score.evidence_gap is not None and p.score.evidence_gap >= 0.5
        assert p.verdict.endswith(
            said
            + (
                f" Evidence: {p.score.observed:.1f} where people claim {p.score.claimed:.1f}."
                if evidence
                else ""
            )
        ), p.id

        started += 1
    assert started >= 3


def test_no_practice_is_both_strongest_and_weakest() -> None:
    for p in example_report().pillars:
        assert not set(p.strongest) & set(p.weakest), p.id


def test_the_trend_change_is_the_difference_of_the_figures_shown() -> None:
    import dataclasses as dc

    from assess.report.content import TrendPoint

    report = example_report()
    # Automate 2.03 -> 2.57 is shown as 2.0 -> 2.6: its change reads +0.6, not +0.5.
    earlier = TrendPoint("2026-Q2", 2.03, (2.03,) * 6)
    later = TrendPoint("2026-Q4", 2.57, (2.57,) * 6)
    rows = dc.replace(report, trend=(earlier, later)).trend_rows
    assert [r.change for r in rows] == [0.6] * 7
    for row in rows:
        assert row.change == round(round(row.values[-1], 1) - round(row.values[0], 1), 1)


def test_the_summary_counts_dont_know_beside_answered() -> None:
    report = example_report()
    unknown = sum(r.unknown for r in report.participation)
    assert report.unknown_share == unknown / report.answers_given
    assert 0.1 < report.unknown_share < 0.5


def test_each_roadmap_step_has_one_owner_a_quarter_and_a_success_measure() -> None:
    import datetime

    from assess.report.content import Presentation

    assessment = load_assessment(sorted(EXAMPLE.glob("*.yaml")), Registry.default())
    result = score(assessment, from_profile(assessment.bank, assessment.profile))
    on = datetime.date(2026, 11, 20)
    report = build_report(
        result, assessment.bank, assessment.answer_sets, [], Presentation(date=on)
    )
    due = {"now": "2027-Q1", "next": "2027-Q2", "later": "2027-Q4"}
    for phase in report.phases:
        assert [st.item for st in phase.steps] == list(phase.items)
        for st in phase.steps:
            q = assessment.bank.question(st.item.question)
            assert st.quarter == due[phase.id]
            assert st.accountable == role_name(q.roles[0])
            assert st.to_level.startswith(f"{st.item.from_level + 1} ")
            assert st.success == q.evidence[st.item.from_level + 1]
        sizes = [i.effort for i in phase.items]
        expected = ", ".join(f"{sizes.count(e)} {e}" for e in "SML" if e in sizes)
        assert phase.effort == expected
    assert [st.item for st in report.first_steps] == list(result.roadmap[:3])


def test_the_limitations_say_what_to_weigh_before_acting() -> None:
    report = example_report()
    said = " ".join(report.limitations)
    assert said.startswith(
        "This is a self-assessment by 7 respondents, and only 4 practices were checked against "
        "what a tool observed. Of those, people rate 3 a level or more above the evidence"
    )
    assert (
        "One person answered for each of these roles: Leadership, Security, Operations, QA" in said
    )
    assert f'{report.unknown_share:.0%} of all answers are "don\'t know"' in said


def test_the_overall_figure_in_words_is_the_level_reached() -> None:
    report = example_report()
    assert report.result.overall.score is not None
    assert 2 <= report.result.overall.score < 3
    assert report.overall_level == "Repeatable"


def test_the_decision_asked_follows_the_figures() -> None:
    report = example_report()
    now = report.phases[0]
    assert report.decision is not None
    assert report.decision.startswith(
        f"Approve the Now phase: {len(now.steps)} steps due by {now.steps[0].quarter}, "
    )
    # Effort in words a board reads, and the people who carry it.
    assert "6 of a few weeks and 2 of about a quarter" in report.decision
    who, n = now.load[0]
    assert f"carried by {who} ({n} steps)" in report.decision
    later = {st.item.question: ph.name for ph in report.phases[1:] for st in ph.steps}
    worst = next(r for r in report.high_risks if r.id in later)
    effort = next(
        st.item.effort for ph in report.phases for st in ph.steps if st.item.question == worst.id
    )
    assert (
        f"either bring {worst.name} ({worst.id}, effort {effort}) forward from "
        f"{later[worst.id]} into Now, or accept its risk in writing "
        f"({worst.worst_gap:.1f} levels below target"
        + (" by the evidence" if worst.worst_gap > (worst.shown_gap or 0) else "")
        + ") until then."
    ) in report.decision
    for risk in report.top_risks:
        assert risk.why.endswith(".")
        assert risk.why in " ".join(report.bank.question(risk.id).help.split())


def test_a_verdict_for_a_pillar_far_below_target_says_what_the_roadmap_reaches() -> None:
    import dataclasses as dc

    from assess.report.content import verdict

    report = example_report()
    d = dc.replace(report.result.pillar("align"), score=1.8, target=3.5)
    short = verdict(d, None, None, 2.43)
    assert short == (
        "Well below target (gap 1.7): the whole roadmap takes it only to 2.4; closing the gap "
        "takes more than this year's steps."
    )
    assert verdict(d, None, None, 3.46) == (
        "Well below target (gap 1.7): it takes every phase of the roadmap."
    )


def test_high_risks_tell_practices_from_results() -> None:
    report = example_report()
    kinds = [report.bank.question(r.id).kind for r in report.high_risks]
    by_evidence = [r.id for r in report.high_risks if r.risk != "high"]
    assert by_evidence == ["AU-22"]  # observed at level 0, whatever people say
    assert report.high_risk_count == (
        f"{len(kinds)} questions are two levels or more below target "
        f"({kinds.count('practice')} practices and {kinds.count('outcome')} results measured; "
        "1 of them only by the evidence)"  # a part of the count, so the parts add up
    )
    assert kinds.count("practice") + kinds.count("outcome") == len(kinds)


def test_a_phase_that_leans_on_one_owner_says_so() -> None:
    report = example_report()
    for phase in report.phases:
        if not phase.steps:
            continue
        who, n = phase.load[0]
        if len(phase.steps) >= 4 and n * 3 > len(phase.steps):
            assert phase.strain is not None
            assert phase.strain.startswith(f"{who} carries {n} of the {len(phase.steps)} steps")
        else:
            assert phase.strain is None
    assert any(p.strain for p in report.phases)  # the example's Later phase leans on Operations


def test_the_summary_says_what_the_now_phase_and_the_roadmap_would_do() -> None:
    report = example_report()
    o = report.projected.overall
    assert report.projection_brief == (
        f"Done, the Now phase takes the overall score from {o.today:.1f} to {o.after[0]:.1f}; "
        f"the whole roadmap to {o.after[-1]:.1f}, against a target of {o.target:.1f}."
    )
