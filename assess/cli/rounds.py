"""`assess round …`: the round file a facilitator hands to every respondent."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assess.base.errors import UsageError
from assess.cli.options import BanksDir, DbOpt, RoleChoice, emit, registry, role_of, say

app = typer.Typer(
    help="Round files: one bank version, subject, period and profile for every respondent.",
    no_args_is_help=True,
)


@app.command("new")
def round_new(
    period: Annotated[str, typer.Option("--period", help="The round's label, like 2026-Q4.")],
    subject: Annotated[
        str | None,
        typer.Option("--subject", help="What is assessed: organisation, team or product."),
    ] = None,
    bank: Annotated[
        str, typer.Argument(help="Bank id, id@version, or path to a bank file.")
    ] = "rampac-core",
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="Target profile; default the bank's 'balanced'."),
    ] = None,
    role: Annotated[
        list[RoleChoice] | None,
        typer.Option(
            "--role",
            help="A role to ask (repeat for several); default any role.",
            case_sensitive=False,
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="Round file to write ('-': stdout).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    from_record: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="The next round of a recorded one (SUBJECT@PERIOD): its subject, bank "
            "version, profile and roles.",
        ),
    ] = None,
    latest: Annotated[
        bool, typer.Option("--latest", help="With --from: the latest version of its bank.")
    ] = False,
    group: Annotated[
        str | None,
        typer.Option("--group", help="The group the subject is recorded in, like Retail/Claims."),
    ] = None,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Write a round file: the bank version, subject, period and profile everyone answers."""
    roles = [r for r in (role_of(r) for r in role or []) if r is not None]
    if from_record is not None:
        if subject is not None or profile is not None or roles or group is not None:
            raise UsageError("--from takes the subject, group, profile and roles of that round")
        from assess.history.store import open_store
        from assess.portfolio.subjects import next_round

        with open_store(db, create=False) as store:
            text = next_round(store, registry(banks_dir), from_record, period, latest)
    elif subject is None:
        raise UsageError("give --subject, or --from SUBJECT@PERIOD for the next round of one")
    else:
        from assess.rounds.write import new_round

        text = new_round(registry(banks_dir), bank, subject, period, profile, roles, group)
    if out is not None and str(out) != "-" and out.exists() and not force:
        raise UsageError(f"{out} exists; give --force to replace it, or choose another -o")
    emit(text, out, force=True)
    if out is not None and str(out) != "-":
        say(
            f"Next: respondents answer with `assess interview {out}`, `assess template {out}` "
            f"or the web questionnaire from `assess form {out} -o questionnaire.html`."
        )
