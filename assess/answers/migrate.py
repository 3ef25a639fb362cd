"""Rewrite one respondent's answers for a later version of their bank.

Answers follow their question through renames, levels are translated where a question
was rescaled, and answers to removed questions are dropped from the answers but kept,
as comments, at the end of the migrated file, so nothing a respondent wrote is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from assess.answers.load import load_answer_file
from assess.answers.model import AnswerSet, Header, Response
from assess.answers.write import LAST_TIME, blank_answer_file, render_answer_file
from assess.bank.model import Bank
from assess.bank.registry import Registry
from assess.bank.versions import QuestionMap, question_map
from assess.base.errors import UsageError
from assess.base.parse import semver_key
from assess.base.words import printable


@dataclass(frozen=True, slots=True)
class Migration:
    """The migrated answers of one file and what happened to each."""

    file: str
    map: QuestionMap
    responses: Mapping[str, Response]
    """New question id -> answer, for the new version."""
    carried: tuple[str, ...]
    """New ids answered before under the same id, level unchanged."""
    renamed: tuple[tuple[str, str], ...]
    """(old id, new id) of answered questions that changed id."""
    rescaled: tuple[tuple[str, int, int], ...]
    """(new id, old level, new level) of answers whose level was translated."""
    dropped: tuple[tuple[str, Response], ...]
    """(old id, answer) of answers to questions the new version removed."""
    new: tuple[str, ...]
    """Questions added since the old version."""
    unanswered: int
    """Questions of the new version with no answer after migration."""

    def lines(self) -> list[str]:
        """The migration report, one fact a line."""
        m = self.map
        out = [
            f"{self.file}: {m.source} -> {m.target}",
            f"  carried over  {len(self.carried)}",
        ]
        out += [f"  renamed       {old} -> {new}" for old, new in self.renamed]
        out += [f"  rescaled      {qid}: {a} -> {b}" for qid, a, b in self.rescaled]
        out += [
            f"  dropped       {qid} (question removed; kept as a comment)"
            for qid, _ in self.dropped
        ]
        out += [f"  new           {qid}" for qid in self.new]
        out.append(f"  unanswered    {self.unanswered}")
        if not m.declared:
            out.append("  note: some versions declare no changes; questions were matched by id")
        return out


def migrate(answer_set: AnswerSet, qmap: QuestionMap, new_bank: Bank) -> Migration:
    """Map an answer set onto ``new_bank`` along ``qmap``."""
    responses: dict[str, Response] = {}
    carried, renamed, rescaled, dropped = [], [], [], []
    for old_id, response in answer_set.responses.items():
        new_id = qmap.ids.get(old_id)
        if new_id is None:
            dropped.append((old_id, response))
            continue
        if new_id != old_id:
            renamed.append((old_id, new_id))
        level = response.level
        if level is not None and qmap.level(old_id, level) != level:
            rescaled.append((new_id, level, qmap.level(old_id, level)))
            response = replace(response, level=qmap.level(old_id, level))
        elif new_id == old_id:
            carried.append(new_id)
        responses[new_id] = response
    return Migration(
        answer_set.file,
        qmap,
        responses,
        tuple(carried),
        tuple(renamed),
        tuple(rescaled),
        tuple(dropped),
        qmap.added,
        sum(q.id not in responses for q in new_bank.questions),
    )


def migrated_file(answer_set: AnswerSet, migration: Migration, new_bank: Bank) -> str:
    """The text of the migrated answer file, dropped answers kept as trailing comments."""
    text = render_answer_file(new_bank, new_bank.questions, answer_set.header, migration.responses)
    if not migration.dropped:
        return text
    kept = [f"# Answers to questions {migration.map.target} removed, kept for reference:"]
    for old_id, response in migration.dropped:
        kept.append(f"#   {old_id}: {_brief(response)}")
    return text + "\n".join(kept) + "\n"


def _brief(response: Response) -> str:
    value = str(response.level) if response.kind == "level" else response.kind
    if response.note:
        value += f"  note: {response.note}"
    if response.evidence:
        value += "  evidence: " + ", ".join(response.evidence)
    # One comment line each: a note's line breaks would end the comment.
    return printable(" ".join(value.split()))


@dataclass(frozen=True, slots=True)
class MigratedFile:
    """An answer file migrated: what happened to each answer, and the new text."""

    migration: Migration
    text: str


def previous_answers(path: Path, registry: Registry, bank: Bank) -> Mapping[str, Response]:
    """The answers in ``path``, a respondent's file from an earlier round, as ``bank``'s.

    The file may answer an earlier version of the same bank: its answers follow their
    questions through renames and rescaling, as `migrate` carries them.

    Raises:
        AnswersError: the file is invalid.
        UsageError: it answers another bank, or a later version than ``bank``.
    """
    answer_set, loaded = load_answer_file(path, registry)
    if loaded.bank.id != bank.id:
        raise UsageError(
            f"--previous {path} answers {loaded.bank.ref}, not {bank.id}: give your answer "
            f"file from an earlier round of {bank.id}"
        )
    if semver_key(loaded.bank.version) > semver_key(bank.version):
        raise UsageError(
            f"--previous {path} answers {loaded.bank.ref}, which is newer than {bank.ref}"
        )
    return migrate(answer_set, question_map(registry, loaded.bank, bank), bank).responses


def migrate_file(path: Path, to: str, registry: Registry, in_place: bool = False) -> MigratedFile:
    """Read an answer file and migrate it to the bank version ``to``.

    Args:
        path: the answer file.
        to: the bank version to migrate to.
        registry: where both bank versions are found.
        in_place: the result will replace ``path``: refuse when it has comments of the
            user's own, which the rewritten file could not keep.

    Raises:
        AnswersError: the file is invalid.
        UsageError, BankNotFoundError: ``to`` is not a later version of the file's bank,
            or the file has comments of its own and ``in_place``.
    """
    answer_set, loaded = load_answer_file(path, registry)
    if registry.load(to).bank.ref == loaded.bank.ref:
        raise UsageError(f"{path} already answers {loaded.bank.ref}: nothing to migrate")
    if in_place:
        own = own_comments(path.read_text(encoding="utf-8"), answer_set, loaded.bank)
        if own:
            raise UsageError(
                f"{path} has comments of its own (line {own[0]}) that a migrated file cannot "
                f"keep; write the migrated file beside it with -o, and move them by hand"
            )
    target = registry.load(to).bank
    migration = migrate(answer_set, question_map(registry, loaded.bank, target), target)
    return MigratedFile(migration, migrated_file(answer_set, migration, target))


def own_comments(text: str, answer_set: AnswerSet, bank: Bank) -> list[int]:
    """Lines of ``text`` with a comment that assess's own answer files never write."""
    ours = {
        _comment(line)
        for detailed in (False, True)
        for line in render_answer_file(
            bank, bank.questions, answer_set.header, answer_set.responses, detailed
        ).splitlines()
    }
    ours |= {
        _comment(line) for line in blank_answer_file(bank, bank.questions, Header()).splitlines()
    }
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if _comment(line) and _comment(line) not in ours and not _KEPT.match(_comment(line))
    ]


# What an earlier migration kept of dropped answers (see `migrated_file`).
_KEPT = re.compile(
    r"^# Answers to questions \S+ removed, kept for reference:$|^#   [A-Z][A-Z0-9]*(-[A-Z0-9]+)+: "
    rf"|^# {LAST_TIME} "
)


def _comment(line: str) -> str:
    """The comment part of a YAML line ('' when none), outside quoted strings."""
    outside = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', '""', line)
    at = outside.find("#")
    if at < 0 or (at > 0 and not outside[at - 1].isspace()):
        return ""
    return outside[at:].strip()
