"""OSCAL 1.1.3 JSON: a question bank as a catalog, a scored round as assessment results.

NIST's Open Security Controls Assessment Language lets compliance tools read what this
project measures. The mapping, in short (the README's "OSCAL" section has it as a table):

- Catalog: one group per bank section (a question sits in exactly one section, but may
  weigh several pillars, so sections partition the controls and pillars cannot); one
  control per question, its id the question id in lower case (``AU-03`` -> ``au-03``,
  a valid OSCAL token); the text as the ``statement`` part, the help as ``guidance``,
  the scale's levels as nested parts; pillar and benefit weights as properties; source
  citations as ``reference`` links to back-matter resources.
- Assessment results: one result; one observation per question (what was asked, and
  each respondent's answer, note and evidence, and what a tool measured, as relevant
  evidence); one finding per question below its target or rated above what a tool
  measured; one risk per roadmap item, its remediation the next step.

Names of this project's own properties and parts live in `NS`; the few NIST names used
(a control's ``label``, a risk's ``priority``, a resource's ``type``, a risk facet)
are ones OSCAL defines for that place.

Text from files is data: control and invisible characters become visible escapes
(`printable`), and in the fields OSCAL reads as Markdown every character that could start
markup is backslash-escaped, so a note cannot turn into HTML, a link or emphasis in a
tool that renders it.

Output is deterministic: the same input gives the same bytes. Every UUID is a version 5
UUID under `NAMESPACE`. An object's UUID names what it stands for (the round and the
question, say), so it stays the same when the document is written again, as OSCAL asks;
a document's UUID names its whole content, so it changes whenever anything in it does.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import assess
from assess.answers.model import AnswerSet, Response, named_respondents
from assess.bank.load import LoadedBank
from assess.bank.model import Bank, Question, Section, Source
from assess.base.framework import ROLES, Role, dimension, role_name
from assess.base.words import count, escape_unsafe, printable, shown_gap
from assess.scoring.files import Scored
from assess.scoring.results import Observation, QuestionScore, Result, RoadmapItem
from assess.scoring.score import effective_response

OSCAL_VERSION = "1.1.3"
NS = "https://assess.dev/ns/oscal"
"""The namespace of this project's property and part names."""
NIST_NS = "http://csrc.nist.gov/ns/oscal"
"""OSCAL's own naming system, for the general risk rating facet."""
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)
"""The UUID namespace every UUID of these documents is made under."""

Json = dict[str, Any]

_SAID = {"na": "not applicable", "unknown": "don't know"}


def catalog_json(loaded: LoadedBank) -> str:
    """The bank as an OSCAL catalog: pretty, deterministic JSON ending in a newline.

    Its dates (published, last modified) are the bank's release date, so exporting the
    same bank file again gives the same bytes.
    """
    bank = loaded.bank
    controls = {q.id: _control_id(q.id) for q in bank.questions}
    sources = {key: _uuid("source", bank.ref, key) for key in bank.sources}
    released = _timestamp(bank.released)
    catalog = {
        "metadata": _obj(
            {
                "title": _line(bank.title),
                "published": released,
                "last-modified": released,
                "version": bank.version,
                "oscal-version": OSCAL_VERSION,
                "props": _present(
                    _prop("bank", bank.ref),
                    _prop("bank-sha256", loaded.digest),
                    *(_prop("out-of-scope", p) for p in bank.out_of_scope),
                ),
                "remarks": _markdown(bank.description),
            }
        ),
        "groups": [
            _group(bank, section, controls, sources, set(controls.values()))
            for section in bank.sections
        ],
        "back-matter": {
            "resources": [_source(sources[key], key, src) for key, src in bank.sources.items()]
        },
    }
    return _document("catalog", catalog)


def assessment_results_json(scored: Scored, on: datetime.date, anonymous: bool = False) -> str:
    """One scored round as OSCAL assessment results: pretty, deterministic JSON.

    Args:
        scored: the round and its result.
        on: the day the results are dated: last modified, start of the result and time
            of every observation, each at 00:00 UTC.
        anonymous: name respondents by role and number (see `named_respondents`), never
            by name or file; their UUIDs then derive from those labels alone.

    The assessment plan OSCAL requires is a back-matter resource standing for the bank
    answered, since a self-assessment has no plan of its own.
    """
    result = scored.result
    bank = scored.assessment.bank
    doc = _Round(result, bank, named_respondents(scored.assessment.answer_sets, anonymous), on)
    return _document("assessment-results", doc.body())


class _Round:
    """The pieces of one round's document, and the UUIDs that tie them together."""

    def __init__(
        self,
        result: Result,
        bank: Bank,
        respondents: Sequence[tuple[AnswerSet, str]],
        on: datetime.date,
    ) -> None:
        self.result = result
        self.bank = bank
        self.respondents = respondents
        self.stamp = _timestamp(on)
        self.version = f"{on:%Y-%m-%d}"
        # A round is its bank, subject and period: the same round written again keeps
        # the UUIDs of its parts.
        self.key = (result.bank_ref, result.subject, result.period or "")
        self.tool = _uuid("tool", "assess")
        self.system = self.uuid("subject")
        self.plan = self.uuid("plan")
        self.roadmap = {item.question: item for item in result.roadmap}
        seen: dict[str, int] = {}
        self.party: dict[str, str] = {}
        for answer_set, label in respondents:
            # Two files may carry one name: the count keeps their parties apart.
            seen[label] = seen.get(label, 0) + 1
            self.party[answer_set.file] = self.uuid("party", label, str(seen[label]))

    def uuid(self, *key: str) -> str:
        """The UUID of a part of this round."""
        return _uuid(*self.key, *key)

    def title(self) -> str:
        """``DevSecOps maturity of SUBJECT, PERIOD``."""
        period = self.result.period
        return f"DevSecOps maturity of {self.result.subject}" + (f", {period}" if period else "")

    def body(self) -> Json:
        """Everything of the document but its UUID."""
        result = self.result
        return {
            "metadata": self.metadata(),
            "import-ap": {
                "href": f"#{self.plan}",
                "remarks": "A self-assessment has no assessment plan: the resource this "
                "points to names the question bank that stood in for one.",
            },
            "results": [
                _obj(
                    {
                        "uuid": self.uuid("result"),
                        "title": _line(self.title()),
                        "description": _markdown(
                            f"Self-assessment against {result.bank_title} ({result.bank_ref}) "
                            f"by {count(result.respondent_count, 'respondent')}, scored against "
                            f"{result.targets_from}."
                        ),
                        "start": self.stamp,
                        "props": self.figures(),
                        "local-definitions": self.local_definitions(),
                        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
                        "observations": [self.observation(q) for q in result.questions],
                        "risks": [self.risk(n, item) for n, item in enumerate(result.roadmap, 1)],
                        "findings": [
                            self.finding(q, q.score)
                            for q in result.questions
                            if (q.gap or q.id in self.roadmap) and q.score is not None
                        ],
                    }
                )
            ],
            "back-matter": {
                "resources": [
                    {
                        "uuid": self.plan,
                        "title": _line(f"Question bank {result.bank_ref}"),
                        "description": _markdown(
                            f"The questionnaire answered: {result.bank_title}. In its OSCAL "
                            "catalog, each question is the control whose id is the question's "
                            "id in lower case."
                        ),
                        "props": _present(
                            {"name": "type", "value": "questionnaire"},
                            _prop("bank", result.bank_ref),
                            _prop("bank-sha256", result.bank_digest),
                        ),
                    }
                ]
            },
        }

    def metadata(self) -> Json:
        """Title, dates and versions; respondents as parties, their roles as roles."""
        result = self.result
        used = {s.header.role or "other" for s, _ in self.respondents}
        owners = {role for item in result.roadmap for role in item.owners}
        return _obj(
            {
                "title": _line(self.title()),
                "last-modified": self.stamp,
                "version": self.version,
                "oscal-version": OSCAL_VERSION,
                "props": _present(
                    _prop("subject", result.subject),
                    _prop("period", result.period),
                    _prop("bank", result.bank_ref),
                    _prop("bank-sha256", result.bank_digest),
                    _prop("profile", result.profile),
                    _prop("targets-from", result.targets_from),
                ),
                "roles": [
                    {"id": role, "title": role_name(role)}
                    for role in ROLES
                    if role in used | owners
                ],
                "parties": [
                    {
                        "uuid": self.party[s.file],
                        "type": "person",
                        "name": _plain(label) or role_name(_role(s)),
                        "props": _present(_prop("role", _role(s))),
                    }
                    for s, label in self.respondents
                ],
                "responsible-parties": [
                    {
                        "role-id": role,
                        "party-uuids": [
                            self.party[s.file] for s, _ in self.respondents if _role(s) == role
                        ],
                    }
                    for role in ROLES
                    if role in used
                ],
            }
        )

    def figures(self) -> list[Json]:
        """The round's scores: overall, and per pillar and benefit (class: its id)."""
        result = self.result
        overall = result.overall
        return _present(
            _prop("respondents", result.respondent_count),
            _prop("overall-score", overall.score),
            _prop("overall-target", overall.target),
            _prop("coverage", overall.coverage),
            *(
                prop
                for kind, dims in (("pillar", result.pillars), ("benefit", result.benefits))
                for d in dims
                for prop in (
                    _prop(f"{kind}-score", d.score, d.id),
                    _prop(f"{kind}-target", d.target, d.id),
                )
            ),
        )

    def local_definitions(self) -> Json:
        """What was assessed, and the tool that scored it (the origin of every rating)."""
        return {
            "components": [
                {
                    "uuid": self.system,
                    "type": "this-system",
                    "title": _line(self.result.subject),
                    "description": "What the respondents assessed: an organisation, a team "
                    "or a product.",
                    "status": {
                        "state": "other",
                        "remarks": "The self-assessment does not record an operational status.",
                    },
                }
            ],
            "assessment-assets": {
                "components": [
                    {
                        "uuid": self.tool,
                        "type": "software",
                        "title": "assess",
                        "description": "Scores the answers against the targets, rates each "
                        "gap's risk and plans the roadmap.",
                        "props": _present(_prop("version", assess.__version__)),
                        "status": {"state": "operational"},
                    },
                    # The tools whose measurements the round's observed files hold.
                    *(
                        {
                            "uuid": self.measurer(source),
                            "type": "software",
                            "title": _line(source),
                            "description": "Measured some of the practices directly; its "
                            "results are the observed evidence beside people's answers.",
                            "status": {"state": "operational"},
                        }
                        for source in self.measurers
                    ),
                ],
                "assessment-platforms": [
                    {
                        "uuid": _uuid("platform", "assess"),
                        "title": "Self-assessment questionnaire",
                        "uses-components": [{"component-uuid": self.tool}],
                    }
                ],
            },
        }

    @property
    def measurers(self) -> list[str]:
        """Every tool named as the source of an observed answer, in question order."""
        return list(dict.fromkeys(q.observed.source for q in self.result.observed if q.observed))

    def measurer(self, source: str) -> str:
        """The UUID of the tool component ``source`` names."""
        return _uuid("measured-by", source)

    def observation(self, q: QuestionScore) -> Json:
        """What was asked, what each respondent answered, and what a tool measured."""
        question = self.bank.question(q.id)
        answered = [
            (s, label, response)
            for s, label in self.respondents
            if (response := effective_response(question, s)) is not None
        ]
        measured = q.observed
        return _obj(
            {
                "uuid": self.uuid("observation", q.id),
                "title": _line(question.name),
                "description": _markdown(question.text),
                "props": _present(
                    _prop("question", q.id),
                    _prop("score", q.score),
                    _prop("mean-level", q.mean_level),
                    _prop("spread", q.spread),
                    _prop("target", q.target),
                    _prop("not-applicable", q.na),
                    _prop("unknown", q.unknown),
                    _prop("unanswered", q.unanswered),
                    _prop("applicable", _flag(q.applicable)),
                    _prop("divergent", _flag(q.divergent)),
                    _prop("observed-level", measured.level) if measured else None,
                    _prop("unsupported", _flag(q.unsupported)) if measured else None,
                ),
                # People were asked; a tool's measurement is a test.
                "methods": ["INTERVIEW", "TEST"] if measured else ["INTERVIEW"],
                "types": ["control-objective"],
                "origins": [
                    *(
                        [
                            {
                                "actors": [
                                    {
                                        "type": "party",
                                        "actor-uuid": self.party[s.file],
                                        "role-id": _role(s),
                                    }
                                    for s, _, _ in answered
                                ]
                            }
                        ]
                        if answered
                        else []
                    ),
                    *(
                        [
                            {
                                "actors": [
                                    {"type": "tool", "actor-uuid": self.measurer(measured.source)}
                                ]
                            }
                        ]
                        if measured
                        else []
                    ),
                ],
                "subjects": [{"subject-uuid": self.system, "type": "component"}],
                "relevant-evidence": [
                    *(
                        item
                        for s, label, response in answered
                        for item in self.answer(question, s, label, response)
                    ),
                    *(self.measurement(question, measured) if measured else ()),
                ],
                "collected": self.stamp,
            }
        )

    def answer(
        self, question: Question, s: AnswerSet, label: str, response: Response
    ) -> Iterator[Json]:
        """One respondent's answer with its note, then each piece of evidence they cited."""
        level = response.level if response.kind == "level" else None
        said = self.said(question, level) if level is not None else _SAID[response.kind]
        yield _obj(
            {
                "description": _markdown(f"{label} answered {said}."),
                "props": _present(
                    _prop("respondent", self.party[s.file]),
                    _prop("role", _role(s)),
                    _prop("level", level) if level is not None else _prop("answer", response.kind),
                    _prop("confidence", response.confidence),
                ),
                "remarks": _markdown(response.note) if response.note else None,
            }
        )
        yield from _cited(label, response.evidence)

    def measurement(self, question: Question, measured: Observation) -> Iterator[Json]:
        """What a tool measured (an observed answer file), then the evidence it cited."""
        level = measured.level
        said = self.said(question, level) if level is not None else "could not tell"
        yield _obj(
            {
                "description": _markdown(f"{measured.source} measured {said}."),
                "props": _present(
                    _prop("observed-by", measured.source),
                    _prop("level", level) if level is not None else _prop("answer", "unknown"),
                ),
                "remarks": _markdown(measured.note) if measured.note else None,
            }
        )
        yield from _cited(measured.source, measured.evidence)

    def said(self, question: Question, level: int) -> str:
        """``level 2 (Repeatable)``."""
        return f"level {level} ({self.bank.scales[question.scale].label(level)})"

    def finding(self, q: QuestionScore, score: float) -> Json:
        """A question below target, or rated above what a tool measured: gap and risk."""
        gap = shown_gap(q.target, score) or 0.0
        text = f"Scored {score:.1f} against a target of {q.target:.1f}: " + (
            f"a gap of {gap:.1f}, {q.risk} risk." if gap else "no gap."
        )
        measured = q.observed
        if q.unsupported and measured is not None:
            text += (
                f" {measured.source} measured level {measured.level}, which does not "
                f"support the level people gave ({measured.risk} risk)."
            )
        return _obj(
            {
                "uuid": self.uuid("finding", q.id),
                "title": _line(self.bank.question(q.id).name),
                "description": _markdown(text),
                "props": _present(
                    _prop("score", score),
                    _prop("target", q.target),
                    _prop("gap", q.gap),
                    _prop("risk", q.risk),
                    _prop("observed-gap", measured.gap) if measured else None,
                    _prop("observed-risk", measured.risk) if measured else None,
                ),
                "origins": [{"actors": [{"type": "tool", "actor-uuid": self.tool}]}],
                "target": {
                    "type": "statement-id",
                    "target-id": f"{_control_id(q.id)}_smt",
                    "status": {"state": "not-satisfied"},
                },
                "related-observations": [{"observation-uuid": self.uuid("observation", q.id)}],
                "related-risks": [{"risk-uuid": self.uuid("risk", q.id)}]
                if q.id in self.roadmap
                else None,
            }
        )

    def risk(self, rank: int, item: RoadmapItem) -> Json:
        """A roadmap item: the risk its gap carries, and the next step as its remediation."""
        question = self.bank.question(item.question)
        reach = item.from_level + 1
        step = f"Reach level {reach} ({self.bank.scales[question.scale].label(reach)})"
        return {
            "uuid": self.uuid("risk", item.question),
            "title": _line(question.name),
            "description": _markdown(item.practice),
            "statement": _markdown(
                f"A gap of {item.gap:.1f} below target, weighing most on "
                f"{dimension(item.pillar).name}."
            ),
            # OSCAL's priority: the order to address risks in, lowest first.
            "props": _present(
                {"name": "priority", "value": str(rank)},
                _prop("priority-score", item.priority),
                _prop("phase", item.phase),
                _prop("gap", item.gap),
                _prop("unsupported", _flag(item.unsupported)) if item.unsupported else None,
            ),
            "status": "open",
            "characterizations": [
                {
                    "origin": {"actors": [{"type": "tool", "actor-uuid": self.tool}]},
                    "facets": [{"name": "risk", "system": NIST_NS, "value": item.risk}],
                }
            ],
            "remediations": [
                {
                    "uuid": self.uuid("remediation", item.question),
                    "lifecycle": "recommendation",
                    "title": _line(step),
                    "description": _markdown(item.next_step),
                    "props": _present(
                        _prop("from-level", item.from_level),
                        _prop("effort", item.effort),
                        _prop("phase", item.phase),
                    ),
                    "tasks": [
                        _obj(
                            {
                                "uuid": self.uuid("task", item.question),
                                "type": "action",
                                "title": _line(step),
                                "responsible-roles": [{"role-id": r} for r in item.owners],
                                # A prerequisite's step comes first.
                                "dependencies": [
                                    {"task-uuid": self.uuid("task", pre)} for pre in item.requires
                                ],
                            }
                        )
                    ],
                }
            ],
            "related-observations": [{"observation-uuid": self.uuid("observation", item.question)}],
        }


def _group(
    bank: Bank,
    section: Section,
    controls: Mapping[str, str],
    sources: Mapping[str, str],
    taken: set[str],
) -> Json:
    # Groups and controls share one set of ids; a section slug is free to equal a
    # question id in lower case, and then yields.
    group_id = f"{section.id}_section" if section.id in taken else section.id
    return _obj(
        {
            "id": group_id,
            "title": _line(section.title),
            "parts": [
                {
                    "id": f"{group_id}_ovw",
                    "name": "overview",
                    "prose": _markdown(section.description),
                }
            ]
            if section.description
            else None,
            "controls": [
                _control(bank, q, controls, sources)
                for q in bank.questions
                if q.section == section.id
            ],
        }
    )


def _control(
    bank: Bank, q: Question, controls: Mapping[str, str], sources: Mapping[str, str]
) -> Json:
    control_id = controls[q.id]
    scale = bank.scales[q.scale]
    applies = q.applies_if
    return _obj(
        {
            "id": control_id,
            "class": q.kind,
            "title": _line(q.name),
            "props": _present(
                {"name": "label", "value": q.id},
                _prop("scale", q.scale),
                _prop("effort", q.effort),
                *(
                    _prop(f"{kind}-weight", weight, dim, q.rationale.get(dim))
                    for kind, weights in (("pillar", q.pillars), ("benefit", q.benefits))
                    for dim, weight in weights.items()
                ),
                *(_prop("role", role) for role in q.roles),
                *(_prop("see-also", ref) for ref in q.see_also),
                *(
                    (
                        _prop(
                            "applies-if-question", controls[applies.question], group="applies-if"
                        ),
                        _prop("applies-if-at-least", applies.at_least, group="applies-if"),
                    )
                    if applies
                    else ()
                ),
            ),
            "links": [
                {
                    "href": f"#{sources[q.source.document]}",
                    "rel": "reference",
                    "text": _line(cited),
                }
                for cited in q.source.sections
            ]
            # Not OSCAL's 'required' (select one control, select the other too): improve
            # the linked practice first.
            + [{"href": f"#{controls[pre]}", "rel": "prerequisite"} for pre in q.requires],
            "parts": [
                {"id": f"{control_id}_smt", "name": "statement", "prose": _markdown(q.text)},
                {"id": f"{control_id}_gdn", "name": "guidance", "prose": _markdown(q.help)},
                {
                    "id": f"{control_id}_lvl",
                    "name": "levels",
                    "ns": NS,
                    "title": _line(scale.title),
                    "parts": [
                        _level(control_id, q, level.value, level.label) for level in scale.levels
                    ],
                },
            ],
        }
    )


def _level(control_id: str, q: Question, value: int, label: str) -> Json:
    part_id = f"{control_id}_lvl-{value}"
    evidence = q.evidence.get(value)
    step = q.recommendations.get(value)
    return _obj(
        {
            "id": part_id,
            "name": "level",
            "ns": NS,
            "title": _line(label),
            "props": _present(_prop("value", value)),
            "prose": _markdown(q.levels[value]),
            "parts": _present(
                {"id": f"{part_id}_evd", "name": "evidence", "ns": NS, "prose": _markdown(evidence)}
                if evidence
                else None,
                {"id": f"{part_id}_nxt", "name": "next-step", "ns": NS, "prose": _markdown(step)}
                if step
                else None,
            ),
        }
    )


def _source(resource_uuid: str, key: str, source: Source) -> Json:
    return {
        "uuid": resource_uuid,
        "title": _line(source.title),
        "props": _present(_prop("source", key)),
        "citation": {"text": _line(f"{source.publisher}, {source.title}, {source.year}.")},
    }


def _document(root: str, body: Json) -> str:
    # The UUID names the content, so it changes whenever the content does.
    content = json.dumps(body, sort_keys=True, ensure_ascii=False)
    document = {root: {"uuid": _uuid("document", root, content), **body}}
    # printable already wrote every character from a file visibly; escape_unsafe is the
    # project's guard for any that reach a JSON writer still raw.
    return escape_unsafe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _uuid(*key: str) -> str:
    # A JSON list keeps the key's parts apart whatever characters they hold.
    return str(uuid.uuid5(NAMESPACE, json.dumps(key, ensure_ascii=False)))


def _control_id(question_id: str) -> str:
    """``AU-03`` -> ``au-03``: OSCAL control ids are conventionally lower case."""
    return question_id.lower()


def _cited(label: str, evidence: Iterable[str]) -> Iterator[Json]:
    """Each piece of evidence: a link when it is an http(s) URL, else text."""
    for cited in evidence:
        if _WEB_URL.fullmatch(cited):
            yield {"href": cited, "description": _markdown(f"Evidence cited by {label}.")}
        else:
            yield {"description": _markdown(f"Evidence cited by {label}: {cited}")}


def _timestamp(day: datetime.date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"


def _role(answer_set: AnswerSet) -> Role:
    return answer_set.header.role or "other"


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _prop(
    name: str,
    value: str | float | None,
    cls: str | None = None,
    remarks: str | None = None,
    group: str | None = None,
) -> Json | None:
    """A property in `NS`; None when there is no value (OSCAL has no empty property)."""
    if value is None:
        return None
    shown = _plain(value) if isinstance(value, str) else f"{round(value, 4):g}"
    return _obj(
        {
            "name": name,
            "ns": NS,
            "value": shown,
            "class": cls,
            "group": group,
            "remarks": _markdown(remarks) if remarks else None,
        }
    )


def _present(*items: Json | None) -> list[Json]:
    """The items that are there (a property without a value is None)."""
    return [item for item in items if item is not None]


def _obj(fields: Json) -> Json:
    """``fields`` without the absent ones: OSCAL forbids empty arrays and null."""
    return {key: value for key, value in fields.items() if value is not None and value != []}


# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# start markup: emphasis, code, links, images, HTML and entities, tables, headings.
_MARKUP = re.compile(r"([\\`*_\[\]<>!|~#&])")


def _markdown(text: str) -> str:
    """Free text for an OSCAL Markdown field (prose, description, remarks): inert."""
    return _MARKUP.sub(r"\\\1", printable(text)).strip()


def _line(text: str) -> str:
    """Free text for an OSCAL one-line Markdown field (a title, a link's text): inert."""
    return " ".join(_markdown(text).split())


def _plain(text: str) -> str:
    """Free text for an OSCAL string: one line, no whitespace at either end."""
    return " ".join(printable(text).split())


_CHARS = r"A-Za-z0-9\-._~!$&'()*+,;="
_ESCAPE = r"%[0-9A-Fa-f]{2}"
_WEB_URL = re.compile(
    # An http(s) URL as RFC 3986 spells it (a registered host name, no IP literal), so
    # that a link is always a valid OSCAL URI reference; anything else stays text.
    rf"https?://(?:(?:[{_CHARS}:]|{_ESCAPE})*@)?(?:[{_CHARS}]|{_ESCAPE})+(?::[0-9]*)?"
    rf"(?:[/?](?:[{_CHARS}:@/?]|{_ESCAPE})*)?(?:#(?:[{_CHARS}:@/?]|{_ESCAPE})*)?"
)
