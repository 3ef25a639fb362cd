"""What the leadership report says, computed once for every output format.

`build_report` turns a `Result` (and earlier results of the same subject, when known)
into plain, frozen records: verdicts, strongest and weakest practices, gaps, roadmap
phases, trends, participation. Templates only lay these out; they decide nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assess.answers.model import MARK_WORDS, AnswerSet, named_respondents
from assess.bank.model import Bank, Profile, Question
from assess.base.framework import (
    BENEFITS,
    PILLAR_IDS,
    PILLARS,
    ROLES,
    Role,
    benefit,
    dimension,
    role_name,
)
from assess.base.words import count, listed, shown_difference, shown_gap, shown_split
from assess.history.compare import Comparison
from assess.history.snapshot import Snapshot
from assess.scoring.projection import Projected, Projection, project
from assess.scoring.results import (
    PHASE_NAMES,
    PHASE_TITLES,
    PHASES,
    DimensionScore,
    PerceptionGap,
    QuestionScore,
    Result,
    RoadmapItem,
)

TOP_GAPS = 5
EVIDENCE_GAP_WORTH = 0.5
"""A pillar whose observed practices score this far below people's claims says so."""
FIRST_STEPS = 3
TOP_RISKS = 3
PRACTICES_SHOWN = 3
HOLDING_BACK_SHOWN = 2


@dataclass(frozen=True, slots=True)
class Practice:
    """A question as the report shows it."""

    id: str
    text: str
    title: str | None
    score: float | None
    target: float
    gap: float | None
    risk: str
    spread: int | None
    divergent: bool
    pillar: str
    """The main pillar's id; for an outcome question, its main benefit's."""
    dimension_name: str
    why: str = ""
    """Why the practice matters: the first sentence of the bank's help text."""
    unsupported: bool = False
    """People rate it a level or more above what a tool observed."""
    observed_level: int | None = None
    observed_gap: float | None = None
    """Its target minus the observed level, when a tool observed it."""
    observed_risk: str = "none"
    worst_risk: str = "none"
    """The risk the report counts it by: `QuestionScore.risk_by_evidence`."""

    @property
    def worst_gap(self) -> float:
        """The gap the report ranks it by.

        People's, or the evidence's when that is larger and the evidence contradicts them.
        """
        people = self.shown_gap or 0.0
        return max(people, self.observed_gap or 0.0) if self.unsupported else people

    @property
    def shown_gap(self) -> float | None:
        """The gap as the printed score and target show it."""
        return shown_gap(self.target, self.score)

    @property
    def name(self) -> str:
        """What the question is called for people: its title, or its text without one."""
        return self.title or self.text


@dataclass(frozen=True, slots=True)
class ObservedCheck:
    """One practice as people rate it beside what a tool observed."""

    practice: Practice
    people: float | None
    """People's mean level (0–4)."""
    observed: int | None
    """The observed level; None when the tool could not tell."""
    source: str
    note: str | None
    unsupported: bool
    """People rate it at least a level above the observed level."""


@dataclass(frozen=True, slots=True)
class PillarSection:
    """Everything the report says about one pillar."""

    id: str
    name: str
    alias_2020: str
    description: str
    score: DimensionScore
    previous: float | None
    verdict: str
    strongest: tuple[Practice, ...]
    weakest: tuple[Practice, ...]
    divergent: tuple[Practice, ...]
    perception: PerceptionGap | None

    @property
    def change(self) -> float | None:
        """Since the round before, as the figures shown differ; None without one."""
        return shown_difference(self.score.score, self.previous)


@dataclass(frozen=True, slots=True)
class BenefitSection:
    """A benefit's score and the practices that drive it most."""

    id: str
    name: str
    description: str
    score: DimensionScore
    holding_back: tuple[Practice, ...]
    """The practices that cost it most: the largest weight × gap to their own targets."""
    previous: float | None = None
    """Its score in the round before, when known."""

    @property
    def claim_gap(self) -> float | None:
        """Practices claimed minus results observed, as the figures shown differ."""
        return shown_difference(self.score.practice, self.score.outcome)


EFFORT_MEANING = {"S": "a few weeks", "M": "about a quarter", "L": "longer than a quarter"}
"""What the bank's effort sizes mean, as the report defines them for its readers."""
_PHASE_MONTHS = {"now": 3, "next": 6, "later": 12}


@dataclass(frozen=True, slots=True)
class Step:
    """One roadmap step as a manager can act on it."""

    item: RoadmapItem
    practice: Practice
    to_level: str
    """The level the step reaches, like "2 Repeatable"."""
    role: Role
    """The one role that answers for the step: the bank's first owner role for the question."""
    owner: str | None
    """Who fills that role, from `Presentation.owners`; None when not given."""
    quarter: str
    """The quarter by which the step is due: the one its phase ends in, like "2027-Q1"."""
    success: str | None
    """How to tell it is done: the evidence the bank expects at the level reached."""

    @property
    def accountable(self) -> str:
        """Who answers for the step: the named owner, else the role."""
        return self.owner or role_name(self.role)


@dataclass(frozen=True, slots=True)
class Phase:
    """One roadmap phase."""

    id: str
    title: str
    steps: tuple[Step, ...]

    @property
    def name(self) -> str:
        """The phase in a word: "Now", "Next", "Later"."""
        return PHASE_NAMES[self.id]

    @property
    def items(self) -> tuple[RoadmapItem, ...]:
        """The roadmap items behind the steps, in roadmap order."""
        return tuple(st.item for st in self.steps)

    @property
    def sizes(self) -> tuple[tuple[str, int], ...]:
        """(effort size, how many steps have it), S then M then L, sizes in use only."""
        sizes = [i.effort for i in self.items]
        return tuple((e, sizes.count(e)) for e in EFFORT_MEANING if e in sizes)

    @property
    def effort(self) -> str:
        """The phase's effort in sizes, like "4 S, 2 M, 1 L"; "" when empty."""
        return ", ".join(f"{n} {e}" for e, n in self.sizes)

    @property
    def strain(self) -> str | None:
        """A warning when one owner carries more than a third of a phase of four steps or more."""
        if len(self.steps) < 4 or not self.load:
            return None
        who, n = self.load[0]
        if n * 3 <= len(self.steps):
            return None
        return (
            f"{who} carries {n} of the {len(self.steps)} steps: check its capacity before "
            "committing to the phase, or share the steps out."
        )

    @property
    def load(self) -> tuple[tuple[str, int], ...]:
        """(who is accountable, how many steps), most steps first: where capacity binds."""
        counts: dict[str, int] = {}
        for st in self.steps:
            counts[st.accountable] = counts.get(st.accountable, 0) + 1
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def by_pillar(self) -> tuple[tuple[str, tuple[Practice, ...]], ...]:
        """(pillar or benefit name, its practices) in framework order: a phase in brief."""
        groups: dict[str, list[Practice]] = {}
        for st in self.steps:
            groups.setdefault(st.practice.pillar, []).append(st.practice)
        order: list[str] = [*PILLAR_IDS, *(b.id for b in BENEFITS)]
        return tuple((dimension(d).name, tuple(groups[d])) for d in sorted(groups, key=order.index))


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One earlier or current assessment of the subject."""

    period: str
    overall: float | None
    pillars: tuple[float | None, ...]
    """Pillar scores in framework order."""
    overall_target: float | None = None
    targets: tuple[float | None, ...] = ()
    """Pillar targets in framework order (empty when not known)."""


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One line of the trend table: a name, its score per round, the change shown."""

    name: str
    values: tuple[float | None, ...]
    change: float | None
    """The last figure shown minus the first (one decimal), None with fewer than two."""


@dataclass(frozen=True, slots=True)
class Movement:
    """What changed since the previous round, as the summary tells it."""

    previous: str
    """The previous round's period."""
    overall: float | None
    """The change of the overall figure, as the difference of the figures shown."""
    improved: tuple[tuple[str, float], ...]
    """(pillar name, change) for each pillar that rose, largest first."""
    regressed: tuple[tuple[str, float], ...]
    """(pillar name, change) for each pillar that fell, largest fall first."""


CLAIM_GAP_WORTH = 0.5
"""A claim gap this large (practices over results, as shown) is worth acting on."""
MOVED_AT_LEAST = 0.5
"""A practice has moved when its shown score changed by half a level or more."""
MOVERS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Mover:
    """A practice whose score moved since the round before."""

    practice: Practice
    before: float
    after: float
    change: float
    """As the figures shown differ."""


@dataclass(frozen=True, slots=True)
class RoleParticipation:
    """How one role took part."""

    role: Role
    respondents: int
    answered: int
    unknown: int
    na: int


@dataclass(frozen=True, slots=True)
class AppendixAnswer:
    """One respondent's answer to one question."""

    respondent: str
    """Their name (or file); under `Presentation.anonymous`, their role and a number."""
    role: Role | Literal["observed"]
    answer: str
    note: str | None
    evidence: tuple[str, ...]
    anonymous: bool = False

    @property
    def who(self) -> str:
        """``Aiko Sato (Development)``, or ``Development 2`` when anonymous."""
        return self.respondent if self.anonymous else f"{self.respondent} ({role_name(self.role)})"


@dataclass(frozen=True, slots=True)
class AnswerGroup:
    """One answer and everyone who gave it, as "Name (role)"."""

    answer: str
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AppendixQuestion:
    """A question with every answer given to it."""

    practice: Practice
    section: str
    answers: tuple[AppendixAnswer, ...]
    evidence: tuple[tuple[int, str], ...] = ()
    """(level, what an assessor would see there), from the bank, for the levels given."""

    @property
    def groups(self) -> tuple[AnswerGroup, ...]:
        """The answers grouped: highest level first, then "don't know", then "n/a"."""
        people: dict[str, list[str]] = {}
        for a in self.answers:
            people.setdefault(a.answer, []).append(a.who)
        order = sorted(people, key=lambda ans: -int(ans) if ans.isdigit() else _NOT_LEVELS[ans])
        return tuple(AnswerGroup(ans, tuple(people[ans])) for ans in order)


@dataclass(frozen=True, slots=True)
class SourceCited:
    """A seed document and the sections of it the bank cites."""

    title: str
    publisher: str
    year: int
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Presentation:
    """How the report presents itself, as chosen on the command line."""

    title: str | None = None
    """The report's title (default: "DevSecOps maturity: <subject>")."""
    date: datetime.date | None = None
    """The report's date (default: today)."""
    anonymous: bool = False
    """Name respondents by role and number, never by name or file."""
    classification: str | None = None
    """A marking for every page, like "Confidential"."""
    author: str | None = None
    """Who prepared the report."""
    audience: str | None = None
    """Whom it is prepared for."""
    summary_only: bool = False
    """Only the cover and the executive summary."""
    owners: tuple[tuple[Role, str], ...] = ()
    """Who fills each role (a name or a team), for the roadmap's accountable column."""


@dataclass(frozen=True, slots=True)
class Report:
    """The whole report, ready for a template."""

    title: str
    date: str
    result: Result
    bank: Bank
    pillars: tuple[PillarSection, ...]
    benefits: tuple[BenefitSection, ...]
    top_gaps: tuple[Practice, ...]
    high_risks: tuple[Practice, ...]
    gap_table: tuple[Practice, ...]
    phases: tuple[Phase, ...]
    trend: tuple[TrendPoint, ...]
    participation: tuple[RoleParticipation, ...]
    knowledge_gaps: tuple[Practice, ...]
    appendix: tuple[AppendixQuestion, ...]
    sources: tuple[SourceCited, ...]
    practices: Mapping[str, Practice]
    """Every question of the bank as the report shows it, by id."""
    projected: Projected
    """The scores after each roadmap phase, if every step is done."""
    presentation: Presentation = field(default_factory=Presentation)
    compared: Comparison | None = None
    """This round against the one before, question by question; None without one."""

    @property
    def bank_split(self) -> tuple[float, float, float] | None:
        """The overall change, its like-for-like part and the rest, after a bank change.

        None unless the bank version changed since the round before; the rest comes from
        the questions the new version added or changed. To two decimals, as `assess trend`
        splits it: split at one, +0.29 = +0.25 + 0.04 read as +0.3 = +0.2 + 0.1, which
        more than doubled the bank's own part.
        """
        c = self.compared
        if c is None or c.same_questions:
            return None
        change = shown_difference(c.overall.after, c.overall.before, 2)
        like, rest = shown_split(change, c.overall.like_for_like, 2)
        if change is None or like is None or rest is None:
            return None
        return change, like, rest

    @property
    def bank_change(self) -> str | None:
        """`bank_split` in a sentence for the trends."""
        split, c = self.bank_split, self.compared
        if split is None or c is None:
            return None
        change, like, rest = split
        return (
            f"The question bank changed between the rounds ({c.before.bank_ref} → "
            f"{c.after.bank_ref}). Of the overall change of {change:+.2f}, {like:+.2f} is like "
            f"for like, on the questions both rounds answered, and {rest:+.2f} comes from the "
            "questions the new version added or changed."
        )

    @property
    def bank_change_brief(self) -> str | None:
        """`bank_split` in a clause for the summary."""
        split, c = self.bank_split, self.compared
        if split is None or c is None:
            return None
        change, like, _ = split
        return (
            f"Bank {c.before.bank_version} → {c.after.bank_version}: "
            f"{like:+.2f} of the {change:+.2f} overall is like for like."
        )

    @property
    def movers(self) -> tuple[tuple[Mover, ...], tuple[Mover, ...]]:
        """The practices that rose and fell most since the round before, at most five each.

        Only practices both rounds answered, moved by at least `MOVED_AT_LEAST` as shown.
        """
        c = self.compared
        if c is None:
            return (), ()
        moved = []
        for d in c.questions:
            practice = self.practices.get(d.id)
            if practice is None or d.before is None or d.after is None:
                continue
            top = self.bank.scales[self.bank.question(d.id).scale].max_level
            before, after = 4 * d.before / top, 4 * d.after / top
            change = shown_difference(after, before) or 0.0
            if abs(change) >= MOVED_AT_LEAST:
                moved.append(Mover(practice, before, after, change))
        up = sorted((m for m in moved if m.change > 0), key=lambda m: (-m.change, m.practice.id))
        down = sorted((m for m in moved if m.change < 0), key=lambda m: (m.change, m.practice.id))
        return tuple(up[:MOVERS_SHOWN]), tuple(down[:MOVERS_SHOWN])

    @property
    def has_trend(self) -> bool:
        """True when at least one earlier assessment is known."""
        return len(self.trend) > 1

    @property
    def first_steps(self) -> tuple[Step, ...]:
        """The next actions: the roadmap's first steps, in its order."""
        return tuple(s for ph in self.phases for s in ph.steps)[:FIRST_STEPS]

    @property
    def effort_meaning(self) -> Mapping[str, str]:
        """S, M and L as the report defines them."""
        return EFFORT_MEANING

    def practice(self, question_id: str) -> Practice:
        """The question as the report shows it."""
        return self.practices[question_id]

    @property
    def trend_rows(self) -> tuple[TrendRow, ...]:
        """Overall, then each pillar, across the rounds, with the change shown."""

        def row(name: str, values: tuple[float | None, ...]) -> TrendRow:
            change = shown_difference(values[-1], values[0]) if len(values) > 1 else None
            return TrendRow(name, values, change)

        overall = row("Overall", tuple(t.overall for t in self.trend))
        pillars = (
            row(p.name, tuple(t.pillars[i] for t in self.trend)) for i, p in enumerate(PILLARS)
        )
        return (overall, *pillars)

    @property
    def movement(self) -> Movement | None:
        """Since the previous round; None without one."""
        if not self.has_trend:
            return None
        before, now = self.trend[-2], self.trend[-1]
        moves = [(p.name, p.change) for p in self.pillars if p.change is not None]
        return Movement(
            before.period,
            shown_difference(now.overall, before.overall),
            tuple(sorted(((n, c) for n, c in moves if c > 0), key=lambda m: -m[1])),
            tuple(sorted(((n, c) for n, c in moves if c < 0), key=lambda m: m[1])),
        )

    @property
    def projection_rows(self) -> tuple[Projection, ...]:
        """Overall, then each pillar the bank assesses: today, after each phase, target."""
        assessed = (p for p in self.projected.pillars if self.result.pillar(p.id).assessed)
        return (self.projected.overall, *assessed)

    @property
    def projection_brief(self) -> str | None:
        """What the Now phase and the whole roadmap would do to the overall score, briefly."""
        o = self.projected.overall
        now, whole = o.after[0], o.after[-1]
        if not self.result.roadmap or o.today is None or now is None or whole is None:
            return None
        return (
            f"Done, the Now phase takes the overall score from {o.today:.1f} to {now:.1f}; "
            f"the whole roadmap to {whole:.1f}, against a target of {o.target:.1f}."
        )

    @property
    def projection_summary(self) -> str | None:
        """What doing the whole roadmap would achieve, in two sentences; None without one."""
        if not self.result.roadmap or self.result.overall.score is None:
            return None
        o = self.projected.overall
        steps = ", ".join(
            f"{v:.1f} after {PHASE_NAMES[ph]}"
            for ph, v in zip(PHASES, o.after, strict=True)
            if v is not None
        )
        text = (
            f"If every step is done, the overall score rises from {o.today:.1f} to {steps}, "
            f"against a target of {o.target:.1f}."
        )
        rows = self.projection_rows[1:]
        short = [
            p.name for p in rows if p.after[-1] is not None and shown_gap(p.target, p.after[-1])
        ]
        if not short:
            return text + " Every pillar reaches its target by the end of Later."
        met = [p.name for p in rows if p.name not in short]
        reach = f"{listed(met)} reach their targets by the end of Later; " if met else ""
        return (
            f"{text} {reach}{listed(short)} stay below: a step takes a practice one level "
            "up, and the next round's roadmap takes the following steps."
        )

    def step_of(self, question_id: str) -> tuple[Phase, Step] | None:
        """The question's roadmap step and its phase; None when it has none."""
        return next(
            ((ph, st) for ph in self.phases for st in ph.steps if st.item.question == question_id),
            None,
        )

    def route(self, risk: Practice) -> str:
        """How the roadmap answers a gap, in a sentence.

        A practice's own step and its phase; for an outcome (a result, which has no step),
        the first step among the practices that feed its benefit.
        """
        own = self.step_of(risk.id)
        if own is not None:
            return f"On the roadmap: {own[0].name}."
        steps = [(ph, st) for ph in self.phases for st in ph.steps]
        if self.bank.question(risk.id).kind == "outcome":
            # The earliest phase first, and in it the step that feeds the benefit most.
            weight = {
                st.item.question: sum(
                    w
                    for b, w in self.bank.question(st.item.question).benefits.items()
                    if b == risk.pillar
                )
                for _, st in steps
            }
            feeding = [(i, ph, st) for i, (ph, st) in enumerate(steps) if weight[st.item.question]]
            if feeding:
                _, ph, st = min(
                    feeding,
                    key=lambda f: (PHASES.index(f[1].id), -weight[f[2].item.question], f[0]),
                )
                return (
                    f"A result, not a practice: it moves with the practices of "
                    f"{risk.dimension_name}, first {st.practice.name} ({st.practice.id}, "
                    f"{ph.name})."
                )
            return f"A result, not a practice: no step on the roadmap feeds {risk.dimension_name}."
        return "Not on the roadmap."

    @property
    def high_risk_count(self) -> str:
        """How many questions are high risks, practices and results told apart."""
        kinds = [self.bank.question(r.id).kind for r in self.high_risks]
        n = len(kinds)
        head = f"{count(n, 'question')} {'is' if n == 1 else 'are'} two levels or more below target"
        by_evidence = sum(r.risk != "high" for r in self.high_risks)
        # Part of the count, not beside it: the parts must add up to the whole.
        seen = f"{by_evidence} of them only by the evidence" if by_evidence else ""
        if "outcome" not in kinds:
            return head.replace("question", "practice", 1) + (f" ({seen})" if seen else "")
        return (
            f"{head} ({count(kinds.count('practice'), 'practice')} and "
            f"{count(kinds.count('outcome'), 'result')} measured" + (f"; {seen})" if seen else ")")
        )

    @property
    def top_risks(self) -> tuple[Practice, ...]:
        """The three largest high risks, each with why it matters."""
        return self.high_risks[:TOP_RISKS]

    @property
    def decision(self) -> str | None:
        """The decision the report asks of leadership, from its own figures."""
        now = self.phases[0] if self.phases else None
        if now is None or not now.steps:
            return None
        effort = listed([f"{n} of {EFFORT_MEANING[e]}" for e, n in now.sizes])
        people = listed(
            [
                f"{who} ({count(n, 'step')})" if i == 0 else f"{who} ({n})"
                for i, (who, n) in enumerate(now.load)
            ]
        )
        ask = (
            f"Approve the Now phase: {count(len(now.steps), 'step')} due by "
            f"{now.steps[0].quarter}, {effort}, carried by {people}"
        )
        # A high risk the Now phase leaves for later (outcomes are not steps: their
        # practices are).
        left = [
            (r, found)
            for r in self.high_risks
            if (found := self.step_of(r.id)) and found[0] is not now
        ]
        if left:
            worst, (phase, step) = left[0]
            ask += (
                f"; and either bring {worst.name} ({worst.id}, effort {step.item.effort}) "
                f"forward from {phase.name} into Now, or accept its risk in writing "
                f"({worst.worst_gap:.1f} levels below target"
                + (" by the evidence" if worst.worst_gap > (worst.shown_gap or 0) else "")
                + ") until then"
            )
        return ask + "."

    @property
    def overall_level(self) -> str | None:
        """The overall figure in words: the maturity level it has reached, like "Repeatable"."""
        score = self.result.overall.score
        scale = self.bank.scales.get("maturity") or next(iter(self.bank.scales.values()))
        if score is None:
            return None
        reached = [lv.label for lv in scale.levels if lv.value <= score + 1e-9]
        return reached[-1] if reached else None

    @property
    def limitations(self) -> tuple[str, ...]:
        """What a reader should weigh before acting on the figures, one sentence each."""
        r = self.result
        single = [role_name(role) for role, n in r.respondents if n == 1]
        seen = self.observed
        checked = (
            f"only {count(len(seen), 'practice')} were checked against what a tool observed"
            if seen
            else "nobody checked their answers against the evidence each level names"
        )
        out = [
            (
                f"This is a self-assessment by {count(r.respondent_count, 'respondent')}, and "
                f"{checked}."
            )
        ]
        above = sum(o.unsupported for o in seen)
        if above:
            out.append(
                f"Of those, people rate {above} a level or more above the evidence "
                "(see Claimed and observed)."
            )
        if single:
            out.append(f"One person answered for each of these roles: {', '.join(single)}.")
        if self.unknown_share:
            out.append(
                f'{self.unknown_share:.0%} of all answers are "don\'t know"; those questions '
                "rest on fewer people than the count above."
            )
        low = [p.name for p in self.pillars if p.score.low_confidence]
        if low:
            out.append(f"Low confidence (under 60 % of questions answered): {', '.join(low)}.")
        return tuple(out)

    @property
    def answers_given(self) -> int:
        """Every answer in the files: levels, "don't know" and "not applicable"."""
        return self.result.answers_given

    @property
    def unknown_share(self) -> float | None:
        """The share of all answers that are "don't know"; None with no answers."""
        return self.result.unknown_share

    @property
    def claim_advice(self) -> str | None:
        """What to do about the largest claim gap of half a level or more; None without one."""
        gaps = [b for b in self.benefits if (b.claim_gap or 0) >= CLAIM_GAP_WORTH]
        if not gaps:
            return None
        worst = max(gaps, key=lambda b: (b.claim_gap or 0, -BENEFITS.index(benefit(b.id))))
        claims = sorted(
            (
                c
                for c in worst.score.contributions
                if c.value and self.bank.question(c.question).kind == "practice"
            ),
            key=lambda c: (-c.weight * (c.value or 0), c.question),
        )[:2]
        if not claims:
            return None
        named = listed([f"{self.practices[c.question].name} ({c.question})" for c in claims])
        refuted = [
            self.practices[c.question].name
            for c in claims
            if self.practices[c.question].unsupported
        ]
        if refuted:
            named += (
                f" (the observed evidence already does not bear out {listed(refuted)}: see "
                "Claimed and observed)"
            )
        return (
            f"{worst.name} shows the largest claim gap: its practices score "
            f"{worst.score.practice or 0:.1f} while its results score {worst.score.outcome or 0:.1f}. "
            "Before funding more practices for it, check the ones claimed against the "
            f"evidence their levels name, starting with {named}, the claims that weigh most; "
            "if they hold, the results should follow by the next round, and if not, the "
            "practice scores come down to what is done."
        )

    @property
    def profile(self) -> Profile | None:
        """The bank profile the targets come from; None when a targets file set them."""
        r = self.result
        return (
            self.bank.profiles.get(r.profile) if r.targets_from == f"profile {r.profile}" else None
        )

    @property
    def observed(self) -> tuple[ObservedCheck, ...]:
        """The practices a tool observed, the claims furthest above the evidence first."""
        return tuple(
            ObservedCheck(
                self.practices[q.id],
                q.mean_level,
                q.observed.level,
                q.observed.source,
                q.observed.note,
                q.unsupported,
            )
            for q in self.result.observed
            if q.observed is not None
        )

    @property
    def observed_sources(self) -> str:
        """The tools whose observed answers the round holds, in words."""
        return listed(sorted({o.source for o in self.observed}))

    @property
    def unsupported_count(self) -> int:
        """How many practices people rate a level or more above the observed evidence."""
        return sum(o.unsupported for o in self.observed)

    @property
    def observed_pillars(self) -> tuple[DimensionScore, ...]:
        """The pillars with observed questions: people's score and the evidence's over them."""
        return tuple(p for p in self.result.pillars if p.observed is not None)

    @property
    def observed_summary(self) -> str | None:
        """What the observed evidence says of people's ratings, in two sentences."""
        seen = self.observed
        if not seen:
            return None
        sources = self.observed_sources
        above = [o for o in seen if o.unsupported]
        first = (
            f"{sources} measured {count(len(seen), 'practice')} directly, from what the "
            "systems themselves hold rather than what people say."
        )
        if not above:
            return first + " Nobody rates any of them a level or more above what was observed."
        return (
            f"{first} People rate {len(above)} of them a level or more above the evidence "
            f"({listed([o.practice.name for o in above])}); the roadmap takes each of those up "
            "from the observed level, not the claimed one."
        )

    @property
    def observes_benefits(self) -> bool:
        """True when some benefit has an outcome score: show practices against results."""
        return any(b.score.outcome is not None for b in self.benefits)


def build_report(
    result: Result,
    bank: Bank,
    answer_sets: Sequence[AnswerSet],
    earlier: Sequence[TrendPoint] = (),
    presentation: Presentation = Presentation(),
    compared: Comparison | None = None,
) -> Report:
    """Compute the report's content.

    Args:
        result: the assessment scored.
        bank: the bank it was answered with (for question texts and sources).
        answer_sets: the respondents' files, for the appendix and participation.
        earlier: earlier assessments of the same subject, oldest first (see `trend_point`).
        presentation: title, date, anonymity and markings.
        compared: this round against the one before (see `compare_versions`), if known.
    """
    practices = {q.id: _practice(bank.question(q.id), q) for q in result.questions}
    last = earlier[-1] if earlier else None
    projected = project(result, bank)
    reached = {p.id: p.after[-1] for p in projected.pillars}
    pillars = tuple(
        _pillar_section(result, practices, d, last, reached[d.id]) for d in result.pillars
    )
    before = {d.id: d.before for d in compared.benefits} if compared else {}
    benefits = tuple(
        BenefitSection(
            b.id,
            b.name,
            next(x.description for x in BENEFITS if x.id == b.id),
            b,
            tuple(
                practices[c.question]
                for c in sorted(
                    b.contributions,
                    key=lambda c: (-c.weight * (practices[c.question].gap or 0), c.question),
                )
                if practices[c.question].gap and bank.question(c.question).kind == "practice"
            )[:HOLDING_BACK_SHOWN],
            before.get(b.id),
        )
        for b in result.benefits
    )
    # Ranked by the larger of people's gap and, where it contradicts them, the evidence's.
    with_gap = sorted(
        (p for p in practices.values() if p.gap or p.unsupported),
        key=lambda p: (-p.worst_gap, p.id),
    )
    return Report(
        title=presentation.title or f"DevSecOps maturity: {result.subject}",
        date=(presentation.date or datetime.date.today()).isoformat(),
        result=result,
        bank=bank,
        pillars=pillars,
        benefits=benefits,
        top_gaps=tuple(with_gap[:TOP_GAPS]),
        high_risks=tuple(p for p in with_gap if p.worst_risk == "high"),
        gap_table=tuple(with_gap),
        phases=tuple(
            Phase(
                ph,
                PHASE_TITLES[ph],
                tuple(
                    _step(
                        bank,
                        practices,
                        i,
                        presentation.date or datetime.date.today(),
                        presentation.owners,
                    )
                    for i in result.roadmap
                    if i.phase == ph
                ),
            )
            for ph in PHASES
        ),
        trend=(*earlier, trend_point(result)),
        participation=_participation(result, answer_sets),
        knowledge_gaps=tuple(practices[q.id] for q in result.knowledge_gaps),
        appendix=_appendix(bank, practices, answer_sets, presentation.anonymous),
        sources=_sources(bank),
        practices=practices,
        projected=projected,
        presentation=presentation,
        compared=compared,
    )


def _step(
    bank: Bank,
    practices: Mapping[str, Practice],
    item: RoadmapItem,
    day: datetime.date,
    owners: Sequence[tuple[Role, str]],
) -> Step:
    q = bank.question(item.question)
    role = item.owners[0]  # a bank gives every question at least one role
    level = item.from_level + 1
    label = bank.scales[q.scale].label(level)
    months = day.year * 12 + day.month - 1 + _PHASE_MONTHS[item.phase]
    quarter = f"{months // 12}-Q{months % 12 // 3 + 1}"
    return Step(
        item,
        practices[item.question],
        f"{level} {label}",
        role,
        dict(owners).get(role),
        quarter,
        q.evidence.get(level),
    )


def _practice(q: Question, scored: QuestionScore) -> Practice:
    return Practice(
        q.id,
        q.text,
        q.title,
        scored.score,
        scored.target,
        scored.gap,
        scored.risk,
        scored.spread,
        scored.divergent,
        q.main_dimension,
        dimension(q.main_dimension).name,
        _first_sentence(q.help),
        scored.unsupported,
        scored.observed.level if scored.observed else None,
        scored.observed.gap if scored.observed else None,
        scored.observed.risk if scored.observed else "none",
        scored.risk_by_evidence,
    )


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = re.search(r"[.!?](\s|$)", flat)
    return flat[: end.end()].strip() if end else flat


def _pillar_section(
    result: Result,
    practices: dict[str, Practice],
    d: DimensionScore,
    last: TrendPoint | None,
    reached: float | None,
) -> PillarSection:
    info = next(p for p in PILLARS if p.id == d.id)
    own = [p for p in practices.values() if p.pillar == d.id and p.score is not None]
    # A practice the evidence does not bear out is no strength, whatever people say.
    strongest = sorted(
        (p for p in own if not p.unsupported), key=lambda p: (-(p.score or 0), p.id)
    )[:PRACTICES_SHOWN]
    # A pillar with few practices must not list one as both strongest and weakest.
    weakest = sorted((p for p in own if p not in strongest), key=lambda p: (p.score or 0, p.id))[
        :PRACTICES_SHOWN
    ]
    # "Start with" names what the roadmap puts first for this pillar, nothing else.
    first = next((i for i in result.roadmap if practices[i.question].pillar == d.id), None)
    return PillarSection(
        id=d.id,
        name=d.name,
        alias_2020=info.alias_2020,
        description=info.description,
        score=d,
        previous=last.pillars[PILLAR_IDS.index(d.id)] if last else None,
        verdict=verdict(
            d,
            practices[first.question] if first else None,
            first.phase if first else None,
            reached,
        ),
        strongest=tuple(strongest),
        weakest=tuple(weakest),
        divergent=tuple(p for p in own if p.divergent),
        perception=next((g for g in result.perception_gaps if g.pillar == d.id), None),
    )


def verdict(
    d: DimensionScore,
    first: Practice | None,
    phase: str | None = None,
    reached: float | None = None,
) -> str:
    """One plain sentence on where a pillar stands and what to do first.

    ``first`` is the pillar's first practice on the roadmap, the one to start with, and
    ``phase`` the roadmap phase it is in; ``reached`` is its projected score once every
    step is done (see `assess.scoring.projection`). The gap is the one the figures show.
    """
    if not d.assessed:
        return "Not assessed: this bank declares the pillar out of its scope."
    if d.score is None:
        return "No answers yet: nothing can be said about this pillar."
    if d.low_confidence:
        return (
            f"Too few answers to judge ({d.coverage:.0%} of the questions answered); "
            "ask the roles who know this area."
        )
    gap = d.shown_gap or 0.0
    when = f", in the {PHASE_NAMES[phase]} phase" if phase in PHASE_NAMES else ""
    start = f" Start with {first.name} ({first.id}){when}." if first else ""
    if d.evidence_gap is not None and d.evidence_gap >= EVIDENCE_GAP_WORTH:
        # What a tool observed weighs against the claim: said where the verdict is read.
        start += f" Evidence: {d.observed:.1f} where people claim {d.claimed:.1f}."
    if gap == 0:
        return f"Meets its target ({d.score:.1f} against {d.target:.1f}); keep it there."
    if gap < 0.5:
        return f"Close to its target ({d.score:.1f} against {d.target:.1f}).{start}"
    if gap < 1.5:
        return f"Below target by {gap:.1f}.{start}"
    if reached is not None and shown_gap(d.target, reached):
        return (
            f"Well below target (gap {gap:.1f}): the whole roadmap takes it only to "
            f"{reached:.1f}; closing the gap takes more than this year's steps.{start}"
        )
    return f"Well below target (gap {gap:.1f}): it takes every phase of the roadmap.{start}"


def snapshot_point(snapshot: Snapshot) -> TrendPoint:
    """The point a recorded assessment adds to a trend."""
    return TrendPoint(
        snapshot.period,
        snapshot.overall,
        snapshot.pillar_scores(),
        snapshot.overall_target,
        tuple(p.target for p in snapshot.pillars),
    )


def trend_point(result: Result) -> TrendPoint:
    """The point a result adds to a trend."""
    return TrendPoint(
        result.period or "(no period)",
        result.overall.score,
        tuple(p.score for p in result.pillars),
        result.overall.target,
        tuple(p.target for p in result.pillars),
    )


def _participation(
    result: Result, answer_sets: Sequence[AnswerSet]
) -> tuple[RoleParticipation, ...]:
    rows = []
    for role in ROLES:
        sets = [s for s in answer_sets if s.header.role == role]
        if not sets:
            continue
        kinds = [r.kind for s in sets for r in s.responses.values()]
        rows.append(
            RoleParticipation(
                role, len(sets), kinds.count("level"), kinds.count("unknown"), kinds.count("na")
            )
        )
    return tuple(rows)


# Sorts after every level (levels sort as their negative).
_NOT_LEVELS = {shown: rank for rank, shown in enumerate(MARK_WORDS.values(), start=1)}


def _appendix(
    bank: Bank,
    practices: dict[str, Practice],
    answer_sets: Sequence[AnswerSet],
    anonymous: bool,
) -> tuple[AppendixQuestion, ...]:
    titles = {s.id: s.title for s in bank.sections}
    labelled = named_respondents(answer_sets, anonymous)
    out = []
    for q in bank.questions:
        answers = []
        for s, label in labelled:
            r = s.responses.get(q.id)
            if r is None:
                continue
            shown = str(r.level) if r.kind == "level" else MARK_WORDS[r.kind]
            answers.append(
                AppendixAnswer(
                    label,
                    s.header.role or ("observed" if s.observed else "other"),
                    shown,
                    r.note,
                    r.evidence,
                    anonymous,
                )
            )
        out.append(
            AppendixQuestion(
                practices[q.id],
                titles[q.section],
                tuple(answers),
                # The evidence for the levels someone gave: what an auditor would check.
                tuple(
                    (level, text)
                    for level, text in sorted(q.evidence.items())
                    if str(level) in {a.answer for a in answers}
                ),
            )
        )
    return tuple(out)


def _sources(bank: Bank) -> tuple[SourceCited, ...]:
    return tuple(
        SourceCited(
            s.title,
            s.publisher,
            s.year,
            tuple(
                sorted(
                    {
                        s
                        for q in bank.questions
                        if q.source.document == sid
                        for s in q.source.sections
                    }
                )
            ),
        )
        for sid, s in bank.sources.items()
    )
