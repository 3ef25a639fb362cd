"""A question bank as an AWS Well-Architected Tool custom lens (JSON, schema 2021-11-01).

An organisation imports the file in the Tool's console (Custom lenses, Create custom lens)
and runs the same assessment there. `lens_json` is the one entry point.

Mapping
-------
- The lens is the bank at one version, judged against one of its profiles; the profile's
  title is part of the lens name, since an account may hold a lens per profile.
- Lens pillars are the RAMPAC pillars a bank's questions mainly weigh, in the framework's
  order, then one "Outcomes" pillar for ``kind: outcome`` questions. When that does not fit
  the Tool's counts (rampac-core 2.0.0 has 29 questions mainly on Automate), the lens
  pillars are the bank's sections instead, in the bank's order. Empty groups are left out.
  Pillar ids are the pillar ids (``automate``, ``outcomes``) or ``section_`` and the
  section id.
- A question keeps its bank id with ``-`` written ``_`` (``RC-01`` is ``RC_01``): ids stay
  stable from one bank version to the next, which is what lets the Tool carry answers over
  when a lens is updated. Its title is the question's text; its description repeats the
  text after the question's short name and adds, where they apply: that it is an outcome
  and which benefit it observes, when it applies (an ``applies_if`` question is marked not
  applicable in the Tool otherwise), the target level, and the source cited. Its helpful
  resource is the bank's help text.
- The Tool's choices are multi-select, so each level above 0 becomes one choice ("Level
  N (label): what it looks like", id ``<question>_L<N>``), with the level's evidence as its
  helpful resource and, as its improvement plan, the bank's recommendation for reaching
  that level from the one below (with effort and prerequisites). Level 0 becomes the
  question's "None of these" choice (id ``<question>_no``), which takes no improvement plan.
- Risk rules: the question's target is its target under the profile as scoring computes it
  (`assess.scoring.targets`: the weighted mean of its pillars' targets, or of its benefits'
  for an outcome, on the 0–4 scale), and the target level is the lowest level whose score
  leaves no gap. NO_RISK when any choice at or above the target level is selected,
  MEDIUM_RISK when the choice one level below is (the "None of these" choice when that is
  level 0), HIGH_RISK by default. A target of 0 gives NO_RISK by default alone.

Limits enforced, from the Tool's lens format specification (User Guide, "Lens format
specification") and, where the API Reference types that carry the same fields back are
stricter, from those:

- lens name 128 and description 2048 characters; schemaVersion ``2021-11-01``;
- at most 10 pillars, 20 questions per pillar, 15 choices per question, 3 risk rules per
  question (one per risk, one of them ``default``);
- pillar and choice ids 3–64 characters (specification: 3–128; API PillarId and ChoiceId:
  64), question ids 3–128, all of ``A-Z a-z 0-9 _``; pillar names, question titles and
  choice titles 128 characters;
- question descriptions and every display text 1024 characters (specification: 2048;
  API QuestionDescription and ChoiceContent: 1024);
- the whole document at most 500,000 bytes (API ImportLens: 500 KB; CloudFormation's
  lens JSONString: 500,000).

Text from the bank is data: runs of whitespace become one space and control or invisible
characters are shown as escapes (`assess.base.words.printable`), so none reaches the
JSON. A text over its limit is cut at the last space that leaves room for an ellipsis;
only a single word longer than the whole limit is cut inside the word. Lengths count
UTF-16 code units, never fewer than characters, so a text fits whichever the service
counts. No id made here is shorter than the 3 characters ids need: pillar ids are words,
and a bank's question id has a letter, a dash and more.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assess.bank.load import LoadedBank
from assess.bank.model import Bank, Question
from assess.base.errors import UsageError
from assess.base.framework import BENEFITS, PILLARS
from assess.base.words import listed, printable
from assess.scoring.targets import Targets, from_profile

SCHEMA_VERSION = "2021-11-01"
MAX_PILLARS = 10
MAX_QUESTIONS = 20
"""Questions per lens pillar."""
MAX_CHOICES = 15
"""Choices per question, the "None of these" choice included."""
MAX_BYTES = 500_000
NAME = 128
"""Lens name, pillar name, question title and choice title."""
LENS_DESCRIPTION = 2048
TEXT = 1024
"""Question description and every display text."""
ID_MAX = 64
"""Pillar and choice ids."""
QUESTION_ID_MAX = 128
NONE_SUFFIX = "_no"
"""The id suffix that makes a choice the question's "None of these"."""
ELLIPSIS = "…"

_EFFORT = {"S": "S (weeks)", "M": "M (a quarter)", "L": "L (longer)"}


@dataclass(frozen=True, slots=True)
class _Group:
    """The questions of one lens pillar."""

    id: str
    name: str
    questions: tuple[Question, ...]


def lens_json(loaded: LoadedBank, profile: str | None = None) -> str:
    """The bank as a custom lens document: UTF-8 JSON text ending in a newline.

    The same bank and profile always give the same text, byte for byte.

    Args:
        loaded: the bank to export.
        profile: the profile whose targets set the risk rules; default the bank's
            'balanced' profile, or its first when it has none of that name.

    Raises:
        UsageError: the bank has no such profile, or it cannot fit the Tool's limits (too
            many questions for its pillars and for its sections, too many levels on a
            scale, or a document over 500,000 bytes); the message says how to fix it.
    """
    bank = loaded.bank
    bank.check_profile(profile)
    chosen = profile or ("balanced" if "balanced" in bank.profiles else next(iter(bank.profiles)))
    _check_scales(bank)
    targets = from_profile(bank, chosen)
    title = _clean(bank.profiles[chosen].title)
    suffix = f" {bank.version} ({title} targets)"
    guide = (
        f" Exported from {bank.ref} by assess. Choose every level that holds for a question;"
        f" the highest one counts. Risk follows the targets of the bank's {title!r} profile:"
        " none at the target level, medium one level below it, high further below."
    )
    lens = {
        "schemaVersion": SCHEMA_VERSION,
        "name": _fit(_fit(_clean(bank.title), _room(NAME, suffix)) + suffix, NAME),
        "description": _fit(
            _fit(_clean(bank.description), _room(LENS_DESCRIPTION, guide)) + guide,
            LENS_DESCRIPTION,
        ),
        "pillars": [
            {
                "id": group.id,
                "name": group.name,
                "questions": [_question(bank, q, targets, title) for q in group.questions],
            }
            for group in _groups(bank)
        ],
    }
    text = json.dumps(lens, ensure_ascii=False, indent=2) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise UsageError(
            f"{bank.ref} as an AWS custom lens would be {size:,} bytes, over the Tool's "
            f"{MAX_BYTES:,} (split the bank into smaller banks, or shorten its texts)"
        )
    return text


def _check_scales(bank: Bank) -> None:
    for scale_id, scale in bank.scales.items():
        if len(scale.levels) > MAX_CHOICES and any(q.scale == scale_id for q in bank.questions):
            raise UsageError(
                f"{bank.ref} cannot be an AWS custom lens: scale {scale_id!r} has "
                f"{len(scale.levels)} levels, and a lens question takes at most {MAX_CHOICES} "
                f"choices, one per level (use a scale of at most {MAX_CHOICES} levels)"
            )


def _groups(bank: Bank) -> list[_Group]:
    """The lens pillars: RAMPAC pillars and outcomes when they fit, else the sections."""
    by_pillar = [
        _Group(p.id, p.name, tuple(q for q in bank.questions if q.main_pillar == p.id))
        for p in PILLARS
    ]
    by_pillar.append(
        _Group("outcomes", "Outcomes", tuple(q for q in bank.questions if q.main_pillar is None))
    )
    by_section = [
        _Group(
            _ident(f"section_{s.id}", ID_MAX),
            _fit(_clean(s.title), NAME) or s.id,
            tuple(q for q in bank.questions if q.section == s.id),
        )
        for s in bank.sections
    ]
    pillar_faults = _faults([g for g in by_pillar if g.questions], "pillar")
    if not pillar_faults:
        return [g for g in by_pillar if g.questions]
    section_faults = _faults([g for g in by_section if g.questions], "section")
    if not section_faults:
        return [g for g in by_section if g.questions]
    raise UsageError(
        f"{bank.ref} cannot be an AWS custom lens, which holds at most {MAX_PILLARS} pillars "
        f"of at most {MAX_QUESTIONS} questions each: grouped by RAMPAC pillar, "
        f"{listed(pillar_faults)}; grouped by section, {listed(section_faults)} "
        f"(split the bank, or its sections into at most {MAX_PILLARS} sections of at most "
        f"{MAX_QUESTIONS} questions)"
    )


def _faults(groups: Sequence[_Group], kind: str) -> list[str]:
    """What makes ``groups`` too many or too large to be the lens pillars."""
    faults = [f"there are {len(groups)} {kind}s"] if len(groups) > MAX_PILLARS else []
    faults.extend(
        f"{g.name!r} has {len(g.questions)} questions"
        for g in groups
        if len(g.questions) > MAX_QUESTIONS
    )
    return faults


def _question(bank: Bank, q: Question, targets: Targets, profile: str) -> dict[str, Any]:
    scale = bank.scales[q.scale]
    qid = _ident(q.id, QUESTION_ID_MAX)
    none = _ident(qid, ID_MAX - len(NONE_SUFFIX)) + NONE_SUFFIX
    levels = {n: _ident(qid, ID_MAX - len(f"_L{n}")) + f"_L{n}" for n in scale.values[1:]}
    # The level at which scoring leaves no gap: the score is 4 * level / top, against a
    # target on 0-4. Rounding first keeps a float error from asking one level more.
    need = min(scale.max_level, math.ceil(round(targets.for_question(q) * scale.max_level / 4, 6)))
    text = _clean(q.text)
    about = [f"{_clean(q.title)}: {text}" if q.title else text]
    if q.kind == "outcome":
        benefit = next(b.name for b in BENEFITS if b.id == q.main_dimension)
        about.append(f"An observed result, not a practice: it shows the {benefit} benefit.")
    if q.applies_if is not None:
        other = bank.question(q.applies_if.question)
        about.append(
            f"Applies only when {_clean(other.name)} ({other.id}) is at level "
            f"{q.applies_if.at_least} or above; otherwise mark this question not applicable."
        )
    about.append(
        f"Target under the {profile!r} profile: level {need} ({_clean(scale.label(need))})."
    )
    source = bank.sources[q.source.document]
    cited = "; ".join(_clean(s) for s in q.source.sections)
    about.append(
        f"Source: {_clean(source.title)} ({_clean(source.publisher)}, {source.year}), {cited}."
    )
    choices: list[dict[str, Any]] = [
        _choice(bank, q, n, levels[n], _clean(scale.label(n))) for n in scale.values[1:]
    ]
    choices.append(
        {
            "id": none,
            "title": _fit(f"None of these: {_clean(q.levels[0])}", NAME),
            "helpfulResource": {"displayText": _fit(_clean(q.levels[0]), TEXT)},
        }
    )
    return {
        "id": qid,
        "title": _fit(text, NAME) or qid,
        "description": _fit("\n\n".join(about), TEXT),
        "helpfulResource": {"displayText": _fit(_clean(q.help), TEXT) or qid},
        "choices": choices,
        "riskRules": _risk_rules(need, levels, none),
    }


def _choice(bank: Bank, q: Question, n: int, choice_id: str, label: str) -> dict[str, Any]:
    looks = _clean(q.levels[n])
    helpful = f"{looks} Evidence: {_clean(q.evidence[n])}" if n in q.evidence else looks
    plan = (
        f"To reach level {n} ({label}) from level {n - 1}: "
        f"{_clean(q.recommendations[n - 1])} Effort: {_EFFORT[q.effort]}."
    )
    if q.requires:
        first = [f"{_clean(bank.question(r).name)} ({r})" for r in q.requires]
        plan += f" Improve first: {listed(first)}."
    return {
        "id": choice_id,
        "title": _fit(f"Level {n} ({label}): {looks}", NAME),
        "helpfulResource": {"displayText": _fit(helpful, TEXT)},
        "improvementPlan": {"displayText": _fit(plan, TEXT)},
    }


def _risk_rules(need: int, levels: dict[int, str], none: str) -> list[dict[str, str]]:
    """First match wins in the Tool, so the least risky rule comes first."""
    if need == 0:
        return [{"condition": "default", "risk": "NO_RISK"}]
    met = " || ".join(choice for n, choice in levels.items() if n >= need)
    return [
        {"condition": met, "risk": "NO_RISK"},
        {"condition": levels.get(need - 1, none), "risk": "MEDIUM_RISK"},
        {"condition": "default", "risk": "HIGH_RISK"},
    ]


def _ident(raw: str, limit: int) -> str:
    """``raw`` as a lens id of at most ``limit`` characters: ``-`` becomes ``_``.

    Bank ids (slugs and question ids) hold only letters, digits and dashes, so this is
    one-to-one. One too long ends in a hash of the whole, so that ids stay distinct.
    """
    ident = raw.replace("-", "_")
    if len(ident) <= limit:
        return ident
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]
    return f"{ident[: limit - 9]}_{digest}"


def _clean(text: str) -> str:
    """Bank text on one line, with control and invisible characters shown as escapes."""
    return printable(" ".join(text.split()))


def _room(limit: int, suffix: str) -> int:
    """How long a text may be to keep ``suffix`` after it, leaving it at least half."""
    return max(limit // 2, limit - _length(suffix))


def _length(text: str) -> int:
    """Length in UTF-16 code units: characters, with those beyond U+FFFF counted twice."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _fit(text: str, limit: int) -> str:
    """``text``, or when longer than ``limit`` its longest run of whole words and an ellipsis."""
    if _length(text) <= limit:
        return text
    room, end = limit - _length(ELLIPSIS), 0
    while room >= _length(text[end]):  # stops inside the text: all of it is over the room
        room -= _length(text[end])
        end += 1
    head = text[:end]
    if not text[end].isspace():
        # Back to the last space; a first word longer than the limit is cut inside it,
        # since there is no word boundary to cut at.
        space = max(head.rfind(" "), head.rfind("\n"))
        head = head[:space] if space > 0 else head
    return head.rstrip(" \n,;:") + ELLIPSIS
