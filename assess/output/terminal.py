r"""Terminal views for the CLI (rich tables); nothing here computes anything.

Everything shown may come from a file, so it is data, never markup: the console reads
no rich markup or emoji codes, and control characters are shown escaped (as ``\x1b``), in
plain strings (`SafeConsole`) and in styled text (`_text`) alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from assess.bank.load import LoadedBank
from assess.bank.model import Bank, Question
from assess.base.framework import BENEFITS, PILLARS, dimension, pillar
from assess.base.words import count, printable, shown_difference, shown_split
from assess.scoring.results import LOW_CONFIDENCE_BELOW, DimensionScore, Result

if TYPE_CHECKING:
    from assess.history.compare import Comparison
    from assess.history.snapshot import Record
    from assess.history.trend import Trend
    from assess.portfolio.model import Portfolio


TREND_COLUMNS = 6
"""Rounds shown side by side in the terminal; more would not fit 80 columns."""


class SafeConsole(Console):
    """A console that renders every string as plain text with control characters escaped."""

    def on_broken_pipe(self) -> None:
        """The reader stopped reading (``| head``): leave it to the CLI's boundary."""
        self.quiet = True
        raise BrokenPipeError

    def render_str(self, text: str, **kwargs: Any) -> Text:
        """Plain text: no markup, no emoji codes, no highlighting; controls escaped."""
        kwargs.update(markup=False, emoji=False, highlight=False)
        return super().render_str(printable(text), **kwargs)


def _console() -> Console:
    return SafeConsole(highlight=False, soft_wrap=False, markup=False, emoji=False)


def _text(text: str, style: str = "") -> Text:
    """Styled text from data, its control characters escaped."""
    return Text(printable(text), style=style)


def print_bank_list(loaded: Sequence[LoadedBank]) -> None:
    """Print one row per bank version: id, version, questions, questions per pillar, title."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("bank", overflow="fold", ratio=1)
    table.add_column("version", no_wrap=True)
    table.add_column("qs", justify="right")
    for p in PILLARS:
        table.add_column(p.name[0], justify="right")
    for item in loaded:
        bank = item.bank
        counts = [sum(1 for q in bank.questions if p.id in q.pillars) for p in PILLARS]
        label = _text(bank.id, style="bold")
        label.append("\n" + printable(bank.title), style="dim")
        table.add_row(
            label, bank.version, str(len(bank.questions)), *map(str, counts), end_section=True
        )
    console = _console()
    console.print(table)
    legend = ", ".join(f"{p.name[0]} {p.name}" for p in PILLARS)
    console.print(
        f"qs: questions. Pillar columns count the questions feeding each pillar: {legend}.",
        style="dim",
    )


def print_bank(loaded: LoadedBank) -> None:
    """Print a bank's header, profiles, and every section's questions with their weights."""
    bank = loaded.bank
    console = _console()
    console.print(_text(f"{bank.title} ({bank.ref})", style="bold"))
    console.print(
        f"released {bank.released.isoformat()} · {len(bank.questions)} questions · "
        f"sha256 {loaded.digest[:12]}"
    )
    console.print(bank.description.strip())
    console.print()
    _print_profiles(console, bank)
    for section in bank.sections:
        questions = [q for q in bank.questions if q.section == section.id]
        table = Table(
            title=f"{section.title} [{section.id}]",
            title_justify="left",
            show_lines=False,
            expand=True,
        )
        table.add_column("id", no_wrap=True)
        table.add_column("question", ratio=1, overflow="fold")
        table.add_column("pillars", no_wrap=True)
        table.add_column("benefits", no_wrap=True)
        for q in questions:
            table.add_row(q.id, q.text, _weights(q.pillars.items()), _weights(q.benefits.items()))
        console.print(table)


def _print_profiles(console: Console, bank: Bank) -> None:
    table = Table(title="Target profiles (0–4)", title_justify="left")
    table.add_column("profile")
    for p in PILLARS:
        table.add_column(p.short, justify="right")
    for profile_id, profile in bank.profiles.items():
        targets = [f"{profile.pillars[p.id]:g}" for p in PILLARS]
        table.add_row(profile_id, *targets)
    console.print(table)
    for profile_id, profile in bank.profiles.items():
        line = _text(profile_id, "bold")
        line.append(": " + printable(profile.rationale))
        console.print(line)
    console.print()


def _weights(weights: Iterable[tuple[str, float]]) -> str:
    return "\n".join(f"{k} {v:g}" for k, v in weights)


def print_question(bank: Bank, q: Question) -> None:
    """Print one question in full: levels and evidence, help, next steps, weights and source.

    Also its weights' rationale, its condition (applies_if) and overlaps (see_also).
    """
    console = _console()
    scale = bank.scales[q.scale]
    kind = "outcome: " if q.kind == "outcome" else ""
    name = f" · {q.title}" if q.title else ""
    console.print(_text(f"{q.id}{name} · {kind}{dimension(q.main_dimension).name}", style="bold"))
    console.print(q.text)
    console.print()
    console.print(_text("Why it matters", style="bold"))
    console.print(q.help.strip())
    console.print()
    table = Table(show_header=True, expand=True)
    table.add_column("level", no_wrap=True)
    table.add_column("what it looks like", ratio=1, overflow="fold")
    table.add_column("next step", ratio=1, overflow="fold")
    for level in scale.levels:
        looks = _text(q.levels[level.value])
        if level.value in q.evidence:
            looks.append_text(_text(f"\nEvidence: {q.evidence[level.value]}", style="dim"))
        table.add_row(
            f"{level.value} {level.label}", looks, q.recommendations.get(level.value, "—")
        )
    console.print(table)
    benefit_names = {b.id: b.name for b in BENEFITS}
    if q.pillars:
        console.print(
            "pillars:  " + ", ".join(f"{pillar(p).name} {w:g}" for p, w in q.pillars.items())
        )
    console.print(
        "benefits: " + ", ".join(f"{benefit_names[b]} {w:g}" for b, w in q.benefits.items())
    )
    for dim, why in q.rationale.items():
        console.print(_text(f"  why {dimension(dim).name}: {why}"))
    if q.applies_if:
        condition = q.applies_if
        console.print(
            f"applies only when {condition.question} is at level {condition.at_least} or above"
        )
    console.print(
        f"roles: {', '.join(q.roles)} · effort: {q.effort}"
        + (f" · requires: {', '.join(q.requires)}" if q.requires else "")
    )
    if q.see_also:
        console.print(f"see also: {', '.join(q.see_also)}")
    source = bank.sources[q.source.document]
    console.print(
        f"source: {source.title} ({source.publisher}, {source.year}), {'; '.join(q.source.sections)}"
    )


def _fig(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _gap_style(gap: float | None) -> str:
    if gap is None:
        return "dim"
    return "red" if gap >= 1 else "yellow" if gap > 0 else "green"


def print_result(result: Result) -> None:
    """A terminal summary: overall, pillars and benefits against targets, top roadmap items."""
    console = _console()
    period = f" · {result.period}" if result.period else ""
    console.print(_text(f"{result.subject}{period}", style="bold"))
    roles = ", ".join(f"{role} {n}" for role, n in result.respondents)
    console.print(
        f"{result.bank_id}@{result.bank_version} · {result.targets_from} · "
        f"{count(result.respondent_count, 'respondent')} ({roles})"
    )
    o = result.overall
    line = Text("Overall maturity ")
    line.append(_fig(o.score), style="bold")
    line.append(f" / 4 (target {_fig(o.target)}), {o.coverage:.0%} of questions with a level")
    if result.unknown_share:
        line.append(f', yet {result.unknown_share:.0%} of all answers "don\'t know"')
    console.print(line)
    for title, dims in (("Pillars", result.pillars), ("Benefits", result.benefits)):
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("")
        table.add_column("score", justify="right")
        table.add_column("target", justify="right")
        table.add_column("gap", justify="right")
        table.add_column("coverage", justify="right")
        measured = any(d.outcome is not None for d in dims)
        if measured:
            table.add_column("practices", justify="right")
            table.add_column("outcomes", justify="right")
        for d in dims:
            cover = f"{d.coverage:.0%}" + (" low" if d.low_confidence else "")
            if not d.contributions:
                cover = "not asked"  # a pillar the bank leaves out of scope
            gap = d.shown_gap  # what a reader works out from the two figures beside it
            cells: list[str | Text] = [
                d.name,
                _fig(d.score),
                _fig(d.target),
                _text(_fig(gap), style=_gap_style(gap)),
                cover,
            ]
            if measured:
                cells += [_fig(d.practice), _fig(d.outcome)]
            table.add_row(*cells)
        console.print(table)
    now = [i for i in result.roadmap if i.phase == "now"]
    if now:
        table = Table(
            title="Roadmap: now (0–3 months)",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=True,
        )
        table.add_column("question", no_wrap=True)
        table.add_column("practice and next step", ratio=1, overflow="fold")
        table.add_column("effort", justify="center")
        for item in now:
            step = _text(item.practice, style="dim")
            step.append("\n→ " + printable(item.next_step), style="")
            name = f"{item.question}\n{item.title}" if item.title else item.question
            table.add_row(name, step, item.effort)
        console.print(table)
    if result.observed:
        _print_observed(console, result)
    notes = []
    if result.divergent:
        notes.append(count(len(result.divergent), "divergent question"))
    if result.knowledge_gaps:
        unknown = sum(q.unknown for q in result.knowledge_gaps)
        notes.append(f"{unknown} 'don't know' answer{'' if unknown == 1 else 's'}")
    high = sum(q.risk_by_evidence == "high" for q in result.questions)
    if high:
        by_evidence = sum(
            q.risk_by_evidence == "high" and q.risk != "high" for q in result.questions
        )
        seen = f" ({by_evidence} by the evidence)" if by_evidence else ""
        notes.append(count(high, "high-risk gap") + seen)
    if notes:
        console.print(
            "Also: " + ", ".join(notes) + ". `--format markdown` shows them all.", style="dim"
        )


def _print_observed(console: Console, result: Result) -> None:
    """What people claim beside what a tool observed, per question and pillar."""
    table = Table(
        title="Claimed and observed (levels 0–4)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("question", overflow="fold")
    table.add_column("people", justify="right", no_wrap=True)
    table.add_column("observed", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for q in result.observed:
        seen = q.observed
        level = "?" if seen is None or seen.level is None else str(seen.level)
        flag = _text("claim not supported", style="bold red") if q.unsupported else ""
        table.add_row(f"{q.id} {q.title or ''}".rstrip(), _fig(q.mean_level), level, flag)
    console.print(table)
    pillars = [p for p in result.pillars if p.observed is not None]
    if pillars:
        console.print(
            "Pillars over the same questions (0–4): "
            + "; ".join(
                f"{p.name} people {_fig(p.claimed)}, observed {_fig(p.observed)}" for p in pillars
            ),
            style="dim",
        )


def print_explain_dimension(result: Result, bank: Bank, dim: DimensionScore) -> None:
    """How one pillar's or benefit's score is made: each question's value, weight and share."""
    console = _console()
    console.print(_text(f"{dim.name}: {_fig(dim.score, 2)} / 4", style="bold"))
    console.print(
        f"= Σ(weight × value) / Σ(weight), values on 0–4, over the {dim.questions} applicable "
        f"questions that have a value; coverage {dim.coverage:.0%}; target "
        f"{_fig(dim.target)}; gap {_fig(dim.gap, 2)}"
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("question", no_wrap=True)
    table.add_column("text", ratio=1, overflow="fold")
    table.add_column("value", justify="right")
    table.add_column("weight", justify="right")
    table.add_column("points", justify="right")
    table.add_column("share", justify="right")
    total = dim.score or 0.0
    for c in sorted(dim.contributions, key=lambda c: (-c.points, c.question)):
        share = f"{c.points / total:.0%}" if total and c.value is not None else "–"
        value = "–" if c.value is None else f"{4 * c.value:.2f}"
        table.add_row(
            c.question,
            bank.question(c.question).text,
            value,
            f"{c.weight:g}",
            f"{c.points:.2f}",
            share,
        )
    console.print(table)
    console.print(
        "value: the question's mean level on 0–4; points: its part of the score "
        "(points add up to the score); –: no value (unknown or unanswered).",
        style="dim",
    )


def print_explain_question(result: Result, bank: Bank, question_id: str) -> None:
    """How one question's value, spread, target and gap are made, respondent by respondent."""
    q, scored = bank.question(question_id), result.question(question_id)
    console = _console()
    console.print(_text(f"{q.id}: {q.text}", style="bold"))
    if scored.levels:
        console.print("levels given: " + ", ".join(f"{role} {lv}" for role, lv in scored.levels))
    console.print(
        f"mean level {_fig(scored.mean_level, 2)} → value {_fig(scored.score, 2)} / 4; "
        f"spread {scored.spread if scored.spread is not None else '–'}"
        + (" (divergent)" if scored.divergent else "")
    )
    console.print(
        f"also: {scored.na} not applicable, {scored.unknown} don't know, "
        f"{scored.unanswered} unanswered"
    )
    weights = " + ".join(f"{w:g}×{result.pillar(p).target:g} ({p})" for p, w in q.pillars.items())
    console.print(f"target {scored.target:.2f} = ({weights}) / {sum(q.pillars.values()):g}")
    console.print(f"gap {_fig(scored.gap, 2)} → risk {scored.risk}")
    seen = scored.observed
    if seen is not None:
        measured = (
            "could not tell"
            if seen.level is None
            else f"level {seen.level} → gap {_fig(seen.gap, 2)} → risk {seen.risk}"
        )
        console.print(_text(f"observed by {seen.source}: {measured}"))
        if scored.unsupported:
            console.print(
                f"people rate it {_fig(scored.evidence_gap, 2)} levels above the evidence, so "
                f"its risk is taken from the evidence: {scored.risk_by_evidence}"
            )
    for c in scored.comments:
        console.print(
            f"- {c.respondent} ({c.role}): {c.note or ''} {' '.join(c.evidence)}".rstrip()
        )


def print_pillar_summary(result: Result) -> None:
    """The six pillar scores against their targets, for the end of an interview."""
    console = _console()
    console.print()
    table = Table(
        title="Your answers, by pillar", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    table.add_column("pillar")
    table.add_column("score", justify="right")
    table.add_column("target", justify="right")
    table.add_column("answered", justify="right")
    for d in result.pillars:
        answered = f"{d.coverage:.0%}" + (" low confidence" if d.low_confidence else "")
        table.add_row(d.name, _fig(d.score), _fig(d.target), answered)
    console.print(table)
    overall = result.overall
    console.print(
        f"Overall {_fig(overall.score)} / 4 against a target of "
        f"{_fig(overall.target)} ({result.targets_from})."
    )
    if overall.score is not None and overall.coverage < LOW_CONFIDENCE_BELOW:
        console.print(
            f"Low confidence: only {overall.coverage:.0%} of the questions, by their weight "
            "in the pillars, have a level; "
            'the rest are unanswered or "don\'t know", so this figure rests on a few answers.'
        )


def print_unanswered(questions: Sequence[Question]) -> None:
    """The questions still without an answer, by id and short name."""
    console = _console()
    console.print(f"\nStill unanswered ({len(questions)}):")
    # A grid, so that a wrapped name stays under its first line and the ids stand out.
    listed = Table.grid(padding=(0, 1))
    listed.add_column(no_wrap=True)
    listed.add_column()
    for q in questions:
        listed.add_row(f"  {q.id}", q.title or q.text)
    console.print(listed)


def print_history(records: Sequence[Record]) -> None:
    """One row per record: id, subject, period, date, bank, respondents, overall score."""
    console = _console()
    if not records:
        console.print("No assessments recorded yet: `assess record FILE...` adds one.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("subject", ratio=1, overflow="fold")
    for name in ("period", "date", "bank"):
        table.add_column(name, no_wrap=True)
    table.add_column("resp.", justify="right", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    for r in records:
        s = r.snapshot
        table.add_row(
            str(r.id),
            s.subject,
            s.period,
            s.assessed_on.isoformat(),
            s.bank_ref,
            str(s.respondent_count),
            _fig(s.overall, 2),
        )
    console.print(table)
    console.print(
        "Overall maturity 0–4. `assess trend SUBJECT` shows the pillars; "
        "`assess compare A B` compares two records.",
        style="dim",
    )


def print_trend(trend: Trend) -> None:
    """A subject's scores per round, with the change since the previous round."""
    subject, frame, rows, notes = trend.subject, trend.frame, trend.series, trend.notes
    console = _console()
    shown = min(len(frame.index), TREND_COLUMNS)
    console.print(_text(f"{subject}: scores per round (0–4)", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("")
    for period in frame.index[-shown:]:
        table.add_column(str(period), justify="right")
    table.add_column("change", justify="right")
    for name, every in rows:
        values = every[-shown:]
        first, last = values[0], values[-1]
        change = shown_difference(last, first, 2) if len(values) > 1 else None
        table.add_row(
            str(name),
            *(_fig(v, 2) for v in values),
            _text("–" if change is None else f"{change:+.2f}", style=_change_style(change)),
        )
    table.add_row("bank", *(str(b).split("@")[-1] for b in frame["bank"][-shown:]), "", style="dim")
    console.print(table)
    if shown < len(frame.index):
        console.print(
            f"The last {shown} of {len(frame.index)} rounds; `-o trend.csv` writes them all.",
            style="dim",
        )
    for note in notes:
        console.print(f"note: {note}", style="yellow")


def _change_style(change: float | None) -> str:
    if change is None or abs(change) < 0.005:
        return "dim"
    return "green" if change > 0 else "red"


def print_comparison(c: Comparison) -> None:
    """Pillars and benefits before and after, then the questions by what happened to them."""
    from assess.history.compare import STATUSES

    console = _console()
    a, b = c.before, c.after
    console.print(
        _text(
            f"{a.subject}@{a.period} ({a.bank_ref}) → {b.subject}@{b.period} ({b.bank_ref})",
            style="bold",
        )
    )
    split = not c.same_questions
    for title, rows in (("Pillars", (c.overall, *c.pillars)), ("Benefits", c.benefits)):
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for name in ("", a.period, b.period, "change"):
            table.add_column(name, justify="left" if not name else "right")
        if split:
            table.add_column("like for like", justify="right")
            table.add_column("question changes", justify="right")
        for d in rows:
            cells: list[str | Text] = [d.name, _fig(d.before, 2), _fig(d.after, 2)]
            change = shown_difference(d.after, d.before, 2)
            cells.append(_text(_signed(change), style=_change_style(change)))
            if split:
                cells += map(_signed, shown_split(change, d.like_for_like))
            table.add_row(*cells)
        console.print(table)
    if not c.questions:
        console.print("Per-question changes are unknown: a record predates question history.")
        return
    for status in STATUSES:
        moved = c.by_status(status)
        if not moved or status == "unchanged":
            continue
        console.print(_text(f"{status.capitalize()} ({len(moved)})", style="bold"))
        for q in moved:
            was = f" (was {q.previous_id})" if q.previous_id else ""
            console.print(f"  {q.id}{was}: {_fig(q.before, 2)} → {_fig(q.after, 2)}")
    console.print(f"Unchanged: {len(c.by_status('unchanged'))} questions.", style="dim")


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def print_portfolio(p: Portfolio) -> None:
    """The portfolio's summary, groups, pillar spreads, movers and common Now practices."""
    console = _console()
    for line in p.summary:
        console.print(_text(line))
    for note in p.notes:
        console.print(_text(note), style="dim")
    table = Table(title="Groups", box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    table.add_column("group", ratio=1, overflow="fold", min_width=12)
    for name in ("subjects", "resp.", "overall", "at target"):
        table.add_column(name, justify="right", no_wrap=True)
    for g in p.groups:
        table.add_row(
            g.group or "(no group)",
            str(g.subjects),
            str(g.respondents),
            _fig(g.overall),
            f"{g.at_target:.0%}",
        )
    console.print(table)
    spread = Table(
        title="Pillars across subjects", box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left"
    )
    spread.add_column("pillar", ratio=1, overflow="fold", min_width=12)
    for name in ("min", "q1", "median", "q3", "max", "at target"):
        spread.add_column(name, justify="right", no_wrap=True)
    for sp in p.pillars:
        spread.add_row(
            sp.name,
            *(_fig(v) for v in (sp.minimum, sp.lower_quartile, sp.median, sp.upper_quartile)),
            _fig(sp.maximum),
            "–" if sp.at_target is None else f"{sp.at_target:.0%}",
        )
    console.print(spread)
    console.print(_text("Furthest below their own targets:", style="bold"))
    for sp in p.pillars:
        if sp.laggards:
            names = ", ".join(f"{r.subject} ({r.score:.1f})" for r in sp.laggards)
            console.print(_text(f"  {sp.name}: {names}"))
    for title, moves in (("Improved", p.improved), ("Regressed", p.regressed)):
        if moves:
            console.print(_text(f"{title} since the previous round (like for like):", style="bold"))
            for m in moves[:10]:
                console.print(
                    _text(
                        f"  {m.subject} ({m.group or 'no group'}): {m.before_period} → "
                        f"{m.after_period} {_signed(m.like_for_like)}"
                    ),
                    style=_change_style(m.like_for_like),
                )
    if p.common_now:
        console.print(_text("Most often in the Now phase (fund centrally):", style="bold"))
        for c in p.common_now[:5]:
            console.print(
                _text(f"  {c.title} ({c.question}): {c.subjects} subjects, {c.share:.0%}")
            )
    if p.stale:
        console.print(_text("Stale (left out of every figure):", style="bold"))
        for st in p.stale:
            console.print(_text(f"  {st.subject}: last round {st.period}, {st.age_days} days ago"))


def print_subjects(rows: Sequence[tuple[str, str, int, str | None, str | None]]) -> None:
    """One row per subject: its group, how many rounds, its last period, group targets."""
    console = _console()
    if not rows:
        console.print("No subjects recorded yet: `assess record FILE... --group G` adds one.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("subject", ratio=1, overflow="fold")
    table.add_column("group", ratio=1, overflow="fold")
    table.add_column("rounds", justify="right", no_wrap=True)
    table.add_column("last", no_wrap=True)
    table.add_column("group targets", ratio=1, overflow="fold")
    for subject, group, rounds, last, targets in rows:
        table.add_row(subject, group or "–", str(rounds), last or "–", targets or "its rounds'")
    console.print(table)
