"""Load answer files, check them against their bank, and assemble them into an assessment.

One answer file holds one respondent's answers. Several files with the same subject, bank
version and period form one `Assessment`. Every problem in every file is reported in one
`AnswersError`, each at its file, line and path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from assess.answers.model import (
    MARKS,
    Answer,
    AnswerFile,
    AnswerSet,
    Assessment,
    Header,
    Response,
    ResponseKind,
)
from assess.bank.load import LoadedBank
from assess.bank.model import Bank
from assess.bank.registry import Registry
from assess.base.errors import AnswersError, AssessError, InputError, Problem, UsageError
from assess.base.parse import did_you_mean, file_kind, validate_document
from assess.base.safe_yaml import PathKey, YamlDocument, describe_value, load_yaml_file


def load_answer_file(
    path: Path, registry: Registry, name: str | None = None
) -> tuple[AnswerSet, LoadedBank]:
    """Load one answer file and check it against the bank version it names.

    Raises:
        AnswersError: listing every problem in the file.
        BankError: the named bank itself is invalid.
    """
    shown = name if name is not None else str(path)
    try:
        doc = load_yaml_file(path, registry.limits, shown)
    except InputError as err:
        raise AnswersError(err.problems) from None
    data = doc.data
    kind = file_kind(data)
    if kind is not None and kind != "an answer file":
        # Read as answers, a round or bank file would get a page of missing keys.
        raise AnswersError(
            [doc.problem(("schema",), f"this is {kind}, not an answer file", _WHICH_FILE)]
        )
    raw_answers = data.get("answers") if isinstance(data, dict) else None
    header_data = {**data, "answers": {}} if isinstance(data, dict) else data
    header, problems = validate_document(AnswerFile, doc, data=header_data)
    bank_ref = header.bank if header is not None else _usable_bank_ref(doc, problems)
    if bank_ref is None:
        raise AnswersError(problems)
    try:
        loaded = registry.load(bank_ref)
    except AssessError as err:
        if isinstance(err, InputError):
            raise
        raise AnswersError([*problems, doc.problem(("bank",), str(err))]) from None
    bank = loaded.bank
    wrong = (
        None if header is None or header.profile is None else bank.unknown_profile(header.profile)
    )
    if wrong is not None:
        problems.append(doc.problem(("profile",), *wrong))
    responses: dict[str, Response] = {}
    if raw_answers is None:
        pass
    elif not isinstance(raw_answers, dict):
        problems.append(
            doc.problem(
                ("answers",),
                f"expected a mapping of question id to answer, got {describe_value(raw_answers)}",
            )
        )
    else:
        hints = _Hints([q.id for q in bank.questions])
        for key, value in raw_answers.items():
            response = _parse_response(bank, doc, str(key), value, problems, hints)
            if response is not None:
                responses[str(key)] = response
    if header is None or problems:
        raise AnswersError(sorted(problems, key=lambda p: p.line or 0))
    lines = {
        key: doc.line_of(path)
        for key, path in (
            ("subject", ("subject",)),
            ("role", ("respondent", "role")),
            ("period", ("period",)),
            ("profile", ("profile",)),
            ("bank", ("bank",)),
            ("group", ("group",)),
        )
    }
    answer_set = AnswerSet(
        file=shown,
        bank_ref=bank.ref,
        header=Header(
            header.subject,
            header.period,
            header.respondent.name,
            None if header.respondent.role == "observed" else header.respondent.role,
            header.profile,
            header.group,
        ),
        responses=responses,
        lines=lines,
        digest=doc.digest,
        observed=header.respondent.role == "observed",
    )
    return answer_set, loaded


_WHICH_FILE = (
    "give a respondent's answer file, which `assess template` or `assess interview` writes"
)


def _usable_bank_ref(doc: YamlDocument, problems: Sequence[Problem]) -> str | None:
    """The file's bank reference when it is sound although other header fields are not.

    Checking the answers against their bank then still reports their problems too.
    """
    data = doc.data
    ref = data.get("bank") if isinstance(data, dict) else None
    if not isinstance(ref, str) or any(p.path == "bank" for p in problems):
        return None
    return ref


class _Hints:
    """Did-you-mean hints for unknown ids: for the first few only, as each costs a search."""

    MOST = 20

    def __init__(self, ids: list[str]) -> None:
        self.ids, self.given = ids, 0

    def __call__(self, key: str) -> str | None:
        self.given += 1
        return did_you_mean(key, self.ids) if self.given <= self.MOST else None


def _parse_response(
    bank: Bank,
    doc: YamlDocument,
    key: str,
    value: object,
    problems: list[Problem],
    hints: _Hints,
) -> Response | None:
    """Turn one raw answer into a `Response`, or record why it cannot be (None)."""
    at: PathKey = ("answers", key)
    if not bank.has_question(key):
        problems.append(doc.problem(at, f"unknown question {key!r} in {bank.ref}", hints(key)))
        return None
    if value is None:
        return None
    scale = bank.scales[bank.question(key).scale]
    detail: Answer | None = None
    if isinstance(value, dict):
        detail, found = validate_document(Answer, doc, at, value)
        if detail is None:
            problems.extend(found)
            return None
        value = detail.level
    if isinstance(value, str) and value in MARKS:
        kind: ResponseKind = "na" if value == "na" else "unknown"
        level = None
    elif isinstance(value, int) and not isinstance(value, bool) and value in scale.values:
        kind, level = "level", value
    else:
        where = (*at, "level") if detail is not None or isinstance(value, dict) else at
        problems.append(_bad_value(doc, where, value, scale.values))
        return None
    if detail is None:
        return Response(kind, level)
    return Response(kind, level, detail.note, tuple(detail.evidence), detail.confidence)


def _bad_value(doc: YamlDocument, at: PathKey, value: object, values: Sequence[int]) -> Problem:
    span = f"{values[0]}–{values[-1]}"
    if isinstance(value, int) and not isinstance(value, bool):
        return doc.problem(at, f"level {value} is not on this question's scale ({span})")
    hint = did_you_mean(value, MARKS) if isinstance(value, str) else None
    return doc.problem(
        at,
        f"expected a level {span}, 'na' or 'unknown', got {describe_value(value)}",
        hint,
    )


def load_assessment(
    paths: Sequence[Path],
    registry: Registry,
    profile: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Assessment:
    """Load answer files of one assessment and check that they belong together.

    Args:
        paths: one file per respondent.
        registry: where the banks they name are found.
        profile: the target profile; overrides (and settles disagreement between) files.
        progress: called with 1 after each file is loaded.

    Raises:
        AnswersError: every problem in every file, or files that do not belong together.
        UsageError: no files were given.
    """
    if not paths:
        raise UsageError("no answer files given")
    read, problems = read_answer_files(paths, registry, progress)
    sets: list[AnswerSet] = []
    banks: dict[str, LoadedBank] = {}
    seen: dict[object, str] = {}
    for path, answer_set, loaded in read:
        again = _seen_before(path, answer_set, seen)
        if again is not None:
            problems.append(again)
        else:
            sets.append(answer_set)
            banks[loaded.bank.ref] = loaded
    if problems:
        # Files naming one broken bank each report it: say it once.
        raise AnswersError(list(dict.fromkeys(problems)))
    for answer_set in sets:
        problems += _missing_metadata(answer_set)
    problems += _disagreements(sets, "bank", lambda s: s.bank_ref)
    problems += _disagreements(sets, "subject", lambda s: s.header.subject)
    problems += _disagreements(sets, "period", lambda s: s.header.period, allow_missing=True)
    problems += _disagreements(sets, "group", lambda s: s.header.group, allow_missing=True)
    if profile is None:
        problems += _disagreements(
            sets,
            "profile",
            lambda s: s.header.profile,
            allow_missing=True,
            hint="choose one with --profile",
        )
    if problems:
        raise AnswersError(problems)
    loaded = banks[sets[0].bank_ref]
    chosen = profile or next((s.header.profile for s in sets if s.header.profile), None)
    chosen = chosen or _default_profile(loaded.bank)
    loaded.bank.check_profile(chosen)
    period = next((s.header.period for s in sets if s.header.period), None)
    subject = sets[0].header.subject
    assert subject is not None  # noqa: S101 - checked by _missing_metadata
    people = tuple(s for s in sets if not s.observed)
    if not people:
        raise UsageError(
            "every file given holds observed evidence (role: observed); give the people's "
            "answer files of the round too"
        )
    observed = tuple(s for s in sets if s.observed)
    group = next((s.header.group for s in sets if s.header.group), None)
    return Assessment(loaded.bank, loaded.digest, subject, period, chosen, people, observed, group)


def read_answer_files(
    paths: Sequence[Path], registry: Registry, progress: Callable[[int], None] | None = None
) -> tuple[list[tuple[Path, AnswerSet, LoadedBank]], list[Problem]]:
    """Every file that loads, with its bank, and every problem of those that do not.

    ``progress`` is called with 1 after each file.
    """
    read: list[tuple[Path, AnswerSet, LoadedBank]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            answer_set, loaded = load_answer_file(path, registry)
        except InputError as err:
            problems.extend(err.problems)
        else:
            read.append((path, answer_set, loaded))
        if progress is not None:
            progress(1)
    return read, problems


def _seen_before(path: Path, answer_set: AnswerSet, seen: dict[object, str]) -> Problem | None:
    """A problem when this file was given already: by another path, a link, or a copy."""
    try:
        found = path.stat()
        key: object = ("file", found.st_dev, found.st_ino)
    except OSError:
        key = ("path", str(path))
    # The same answers under the same header are one respondent, whatever the layout.
    content = (
        "content",
        answer_set.bank_ref,
        answer_set.header,
        tuple(sorted(answer_set.responses.items(), key=lambda kv: kv[0])),
    )
    for kind, k in (("the same file as", key), ("a copy of", content)):
        if k in seen:
            return Problem(
                answer_set.file,
                None,
                "",
                f"is {kind} {seen[k]}: each respondent's answers count once",
                "give every answer file once",
            )
    seen[key] = seen[content] = answer_set.file
    return None


def _default_profile(bank: Bank) -> str:
    return "balanced" if "balanced" in bank.profiles else next(iter(bank.profiles))


def _missing_metadata(answer_set: AnswerSet) -> list[Problem]:
    missing = []
    if not (answer_set.header.subject or "").strip():
        missing.append(
            Problem(
                answer_set.file,
                answer_set.lines["subject"],
                "subject",
                "is not filled in",
                "write what is assessed, for example 'Payments platform'",
            )
        )
    if answer_set.header.role is None and not answer_set.observed:
        missing.append(
            Problem(
                answer_set.file,
                answer_set.lines["role"],
                "respondent.role",
                "is not filled in",
                "give the respondent's role, for example 'development'",
            )
        )
    return missing


def _disagreements(
    sets: Iterable[AnswerSet],
    field: str,
    value_of: Callable[[AnswerSet], str | None],
    allow_missing: bool = False,
    hint: str | None = None,
) -> list[Problem]:
    """One problem per file that differs from the first file's value for ``field``."""
    groups: dict[str | None, list[AnswerSet]] = {}
    for answer_set in sets:
        value = value_of(answer_set)
        if allow_missing and value is None:
            continue
        groups.setdefault(value, []).append(answer_set)
    if len(groups) <= 1:
        return []
    (first_value, first_sets), *others = groups.items()
    return [
        Problem(
            s.file,
            s.lines[field],
            field,
            f"{field} {value!r} differs from {first_value!r} in {first_sets[0].file}; "
            "files scored together must be of one assessment",
            hint,
        )
        for value, group in others
        for s in group
    ]
