"""The typed, frozen model of a question bank: the contract for `question_banks/` files.

Each field's docstring is the documentation a bank author reads (it is also in the JSON
Schema from ``assess schema bank``). Structural rules live here; rules that relate one
part of a bank to another live in `assess.bank.load`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic import Strict as StrictType

from assess.base.errors import UsageError
from assess.base.framework import BenefitId, PillarId, Role
from assess.base.parse import ONE_LINE, QUESTION_ID, SEMVER, SLUG, choice_hint, did_you_mean

BANK_SCHEMA = "assess/bank/v1"
MAX_QUESTIONS = 1000
"""Questions a bank may hold: its report stays within half a minute and 1 GB to typeset
(measured by benchmarks/bench_scale.py: about 22 ms and 0.5 MB per question)."""

Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(pattern=SLUG)]
QuestionId = Annotated[str, Field(pattern=QUESTION_ID)]
Weight = Annotated[float, Field(gt=0, le=1)]
Target = Annotated[float, Field(ge=0, le=4)]
LevelValue = Annotated[int, Field(ge=0)]
Effort = Literal["S", "M", "L"]

T = TypeVar("T")
Seq = Annotated[tuple[T, ...], StrictType(False)]
"""A YAML list, held as an immutable tuple (strict mode alone would refuse lists)."""


class Strict(BaseModel):
    """Base for file models: immutable, no unknown keys, no silent type coercion."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)


class Source(Strict):
    """A document questions are drawn from."""

    title: Text
    """Full title of the document."""
    publisher: Text
    """Who published it."""
    year: Annotated[int, Field(ge=1900, le=2999)]
    """Year of publication."""


class Level(Strict):
    """One step of a scale."""

    value: LevelValue
    """The number stored in answer files; a scale's values run 0, 1, 2, … in order."""
    label: Text
    """A short name, such as 'Repeatable'."""
    description: Text
    """What this level means in general; questions describe it for themselves."""


def is_bank_file(data: object) -> bool:
    """True when parsed YAML declares itself a bank (``schema: assess/bank/...``)."""
    schema = data.get("schema") if isinstance(data, dict) else None
    return isinstance(schema, str) and schema.startswith(BANK_SCHEMA.rsplit("/", 1)[0] + "/")


class Scale(Strict):
    """An ordered set of levels answers are given on."""

    title: Text
    levels: Annotated[Seq[Level], Field(min_length=2)]

    @property
    def max_level(self) -> int:
        """The top level's value."""
        return self.levels[-1].value

    @property
    def values(self) -> tuple[int, ...]:
        """Every level value, lowest first."""
        return tuple(level.value for level in self.levels)

    def label(self, value: int) -> str:
        """The label of the level with this value (StopIteration when there is none)."""
        return next(level.label for level in self.levels if level.value == value)


class Profile(Strict):
    """Target maturity (0–4) for a kind of organisation."""

    title: Text
    rationale: Text
    """One line on who this profile suits and why its targets are set as they are."""
    pillars: Mapping[PillarId, Target]
    """A target for every one of the six pillars."""
    benefits: Mapping[BenefitId, Target] | None = None
    """Optional targets per benefit; when left out, scoring derives them from the pillars."""


class Section(Strict):
    """A group of related questions, asked together."""

    id: Slug
    title: Text
    description: str = ""


class SourceRef(Strict):
    """Where in a source document a question comes from."""

    document: Slug
    """A key of the bank's `sources`."""
    section: Text | Annotated[Seq[Text], Field(min_length=1)]
    """The section as titled in the document, or a list of them; an Appendix I question
    cites "Appendix I, question N"."""

    @property
    def sections(self) -> tuple[str, ...]:
        """Every section cited."""
        return (self.section,) if isinstance(self.section, str) else self.section


class Condition(Strict):
    """When a question applies: another question's answer is at least a level."""

    question: QuestionId
    """The question whose answer decides, in the same bank."""
    at_least: LevelValue
    """The lowest level of that answer for which this question applies."""


QuestionKind = Literal["practice", "outcome"]
SEE_ALSO = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*:[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


class Question(Strict):
    """One assessable practice."""

    id: QuestionId
    """Stable for the life of the bank; never reused for a different meaning."""
    title: Annotated[str, Field(min_length=1, max_length=60, pattern=ONE_LINE)] | None = None
    """A short name of at most five words ("Secret scanning"), used wherever the question
    is named to people."""
    kind: QuestionKind = "practice"
    """'practice': what the organisation does, on the pillars. 'outcome': a result observed,
    with quantitative bands as levels; it feeds benefits only."""
    section: Slug
    """The id of the section it belongs to."""
    text: Text
    """The question, in the project's own words."""
    help: Text
    """Why the practice matters; shown on request during the interview."""
    scale: Slug = "maturity"
    """The scale answers are given on."""
    levels: Mapping[int, Text]
    """What each level of the scale looks like for this practice in particular."""
    evidence: Mapping[int, Text] = Field(default_factory=dict)
    """For each level from 1 up, the artefact an assessor would expect to see at it."""
    pillars: Mapping[PillarId, Weight] = Field(default_factory=dict)
    """How much the question counts towards each pillar, in (0, 1]; at least one for a
    practice, none for an outcome."""
    benefits: Annotated[Mapping[BenefitId, Weight], Field(min_length=1)]
    """How much the question counts towards each benefit, in (0, 1]."""
    source: SourceRef
    roles: Annotated[Seq[Role], Field(min_length=1)]
    """Who can best answer it and who would own the improvement."""
    recommendations: Mapping[int, Text]
    """For every level below the top, the concrete next step to reach the level above."""
    effort: Effort
    """Rough effort of the improvement: S (weeks), M (a quarter), L (longer)."""
    requires: Seq[QuestionId] = ()
    """Questions whose practice should be improved before this one."""
    rationale: Mapping[PillarId | BenefitId, Text] = Field(default_factory=dict)
    """Why the question carries a weight other than its main one, in one line each."""
    applies_if: Condition | None = None
    """Ask (and score) this question only when another answer reaches a level; otherwise
    it is not applicable."""
    see_also: Seq[Annotated[str, Field(pattern=SEE_ALSO)]] = ()
    """Questions of other banks that overlap this one, as ``bank-id:QUESTION-ID``."""

    @property
    def main_pillar(self) -> PillarId | None:
        """The pillar of the largest weight (the first on a tie); None for an outcome."""
        if not self.pillars:
            return None
        return max(self.pillars, key=self.pillars.__getitem__)

    @property
    def main_dimension(self) -> str:
        """The main pillar, or for an outcome question the benefit it weighs most."""
        return self.main_pillar or max(self.benefits, key=self.benefits.__getitem__)

    @property
    def name(self) -> str:
        """How people see the question named: its title, else its id."""
        return self.title or self.id


class Changes(Strict):
    """What changed since an earlier version of the same bank; drives answer migration.

    Question ids not listed here are carried over as they are.
    """

    since: Annotated[str, Field(pattern=SEMVER)] = Field(alias="from")
    """The earlier version these changes are counted from, normally the one before."""
    added: Seq[QuestionId] = ()
    """Questions new in this version."""
    removed: Seq[QuestionId] = ()
    """Questions of the earlier version dropped from this one; their answers are dropped."""
    renamed: Mapping[QuestionId, QuestionId] = Field(default_factory=dict)
    """Earlier id -> id in this version, for a question whose meaning is unchanged."""
    rescaled: Mapping[QuestionId, Mapping[int, LevelValue]] = Field(default_factory=dict)
    """Question (id in this version) -> earlier level -> level in this version."""
    reworded: Seq[QuestionId] = ()
    """Questions whose wording changed but whose meaning and levels did not."""


class Bank(Strict):
    """A versioned question bank."""

    format: Literal["assess/bank/v1"] = Field(alias="schema")
    """The file format; always 'assess/bank/v1' for now."""
    id: Slug
    """The bank's id; the folder it lives in under question_banks/ has the same name."""
    version: Annotated[str, Field(pattern=SEMVER)]
    """Semantic version; the file is named <version>.yaml."""
    title: Text
    description: Text
    released: datetime.date
    changes: Changes | None = None
    """Changes since an earlier version; leave out for a bank's first version."""
    out_of_scope: Seq[PillarId] = ()
    """Pillars this bank does not measure: no question may weigh them, and they need no
    questions."""
    sources: Annotated[Mapping[str, Source], Field(min_length=1)]
    scales: Annotated[Mapping[str, Scale], Field(min_length=1)]
    profiles: Annotated[Mapping[str, Profile], Field(min_length=1)]
    sections: Annotated[Seq[Section], Field(min_length=1)]
    questions: Annotated[Seq[Question], Field(min_length=1, max_length=MAX_QUESTIONS)]
    """At most `MAX_QUESTIONS`: split a larger bank into banks by area."""

    @property
    def ref(self) -> str:
        """``id@version``."""
        return f"{self.id}@{self.version}"

    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        """Index the questions by id, so that looking one up does not scan the bank."""
        self._by_id.update((q.id, q) for q in self.questions)

    def question(self, question_id: str) -> Question:
        """Return the question with this id (KeyError when there is none)."""
        return self._by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        """Whether the bank has a question with this id."""
        return question_id in self._by_id

    def unknown_profile(self, name: str) -> tuple[str, str] | None:
        """(what is wrong, how to fix it) when the bank has no profile ``name``, else None."""
        if name in self.profiles:
            return None
        return f"{self.ref} has no profile {name!r}", choice_hint(name, self.profiles)

    def check_profile(self, name: str | None) -> None:
        """Refuse a profile the bank does not have (None is no choice, and passes).

        Raises:
            UsageError: naming the closest profile, or the ones there are.
        """
        wrong = None if name is None else self.unknown_profile(name)
        if wrong is not None:
            raise UsageError(f"{wrong[0]} ({wrong[1]})")

    def find(self, question_id: str) -> Question:
        """The question a user named.

        Raises:
            UsageError: there is none; the message names the closest id.
        """
        try:
            return self.question(question_id)
        except KeyError:
            hint = did_you_mean(question_id, [q.id for q in self.questions])
            raise UsageError(
                f"{self.ref} has no question {question_id!r}" + (f" ({hint})" if hint else "")
            ) from None
