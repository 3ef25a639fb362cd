"""Terminal views of banks for the CLI (rich tables); nothing here computes anything."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from assess.bankmodel import Bank, Question
from assess.banks import LoadedBank
from assess.framework import BENEFITS, PILLARS, pillar


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


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
        label = Text(bank.id, style="bold")
        label.append("\n" + bank.title, style="dim")
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
    console.print(Text(f"{bank.title} ({bank.ref})", style="bold"))
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
        console.print(f"[bold]{profile_id}[/bold]: {profile.rationale}")
    console.print()


def _weights(weights: Iterable[tuple[str, float]]) -> str:
    return "\n".join(f"{k} {v:g}" for k, v in weights)


def print_question(bank: Bank, q: Question) -> None:
    """Print one question in full: levels, help, recommendations, mapping and source."""
    console = _console()
    scale = bank.scales[q.scale]
    console.print(Text(f"{q.id} · {pillar(q.main_pillar).name}", style="bold"))
    console.print(q.text)
    console.print()
    console.print(Text("Why it matters", style="bold"))
    console.print(q.help.strip())
    console.print()
    table = Table(show_header=True, expand=True)
    table.add_column("level", no_wrap=True)
    table.add_column("what it looks like", ratio=1, overflow="fold")
    table.add_column("next step", ratio=1, overflow="fold")
    for level in scale.levels:
        table.add_row(
            f"{level.value} {level.label}",
            q.levels[level.value],
            q.recommendations.get(level.value, "—"),
        )
    console.print(table)
    benefit_names = {b.id: b.name for b in BENEFITS}
    console.print("pillars:  " + ", ".join(f"{pillar(p).name} {w:g}" for p, w in q.pillars.items()))
    console.print(
        "benefits: " + ", ".join(f"{benefit_names[b]} {w:g}" for b, w in q.benefits.items())
    )
    console.print(
        f"roles: {', '.join(q.roles)} · effort: {q.effort}"
        + (f" · requires: {', '.join(q.requires)}" if q.requires else "")
    )
    source = bank.sources[q.source.document]
    console.print(f"source: {source.title} ({source.publisher}, {source.year}), {q.source.section}")
