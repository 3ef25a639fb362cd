"""Round files: written by `assess round new`, read by everything that takes a bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.answers.load import load_answer_file
from assess.bank.registry import Registry
from assess.base.errors import InputError, UsageError
from assess.rounds.load import open_bank
from assess.rounds.template import blank_template
from assess.rounds.validate import validate_files
from assess.rounds.write import new_round

REG = Registry.default()
BANK = "healthy-questions@1.0.0"


def write_round(tmp_path: Path, **changes: str) -> Path:
    fields = {
        "schema": "assess/round/v1",
        "bank": BANK,
        "subject": "Harbor Mutual",
        "period": "2026-Q4",
        "profile": "regulated",
        "roles": "[security, qa]",
    } | changes
    path = tmp_path / "round.yaml"
    path.write_text("".join(f"{k}: {v}\n" for k, v in fields.items() if v != "-"))
    return path


def test_a_new_round_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "round.yaml"
    path.write_text(new_round(REG, BANK, " Harbor Mutual ", "2026-Q4", None, ["qa", "security"]))
    opened = open_bank(REG, str(path))
    assert opened.round is not None
    assert opened.loaded.bank.ref == BANK
    assert (opened.round.subject, opened.round.period, opened.round.profile) == (
        "Harbor Mutual",
        "2026-Q4",
        "balanced",
    )
    assert opened.round.roles == ("security", "qa")  # in the framework's order
    assert list(validate_files([path], REG)) == [
        f"ok: {path} (round of Harbor Mutual, 2026-Q4, {BANK})"
    ]


def test_a_round_takes_the_latest_version_unless_pinned() -> None:
    latest = REG.find("healthy-questions").ref
    assert f"bank: {latest}\n" in new_round(REG, "healthy-questions", "S", "P")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("S", "P", "balancd"), f"{BANK} has no profile 'balancd' (did you mean 'balanced'?)"),
        ((" ", "P"), "--subject is empty; give the text everyone's answers will carry"),
        (
            ("S", "a\nb"),
            "--period 'a\\nb': use plain text on one line (no control or invisible characters)",
        ),
        (("S", "P", None, ["qa", "qa"]), "--role qa is given more than once"),
    ],
)
def test_bad_round_options_are_refused(args: tuple, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        new_round(REG, BANK, *args)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        (
            {"profile": "balancd"},
            ["5: profile: {bank} has no profile 'balancd' (did you mean 'balanced'?)"],
        ),
        ({"roles": "[qa, qa]"}, ["6: roles[1]: qa is listed twice"]),
        (
            {"roles": "[boss]"},
            [
                "6: roles[0]: 'boss' is not one of: leadership, security, development, operations, qa, product, compliance, other"
            ],
        ),
        ({"period": "-"}, ["1: missing required key 'period'"]),
        ({"period": "2026"}, ["4: period: expected text, got a number (2026)"]),
        (
            {"bank": "healthy-questions"},
            [
                "2: bank: 'healthy-questions' is not a bank with its version, like 'rampac-core@1.0.0'"
            ],
        ),
        (
            {"bank": "nothing@1.0.0"},
            [
                "2: bank: no bank 'nothing' on the search path; `assess banks list` shows the banks there are"
            ],
        ),
        (
            {"subject": '"<b>\\u202e"'},
            [
                "3: subject: '<b>\\u202e' is not plain text on one line (no control characters such as escapes or line breaks, and no invisible characters such as bidi overrides)"
            ],
        ),
        ({"owner": "x"}, ["7: owner: unknown key 'owner'"]),
        (
            {"group": '"Retail//Claims "'},
            [
                (
                    "7: group: 'Retail//Claims ' is not a group path like 'Retail/Claims': parts of "
                    "plain text separated by single slashes, none empty or with spaces at its ends"
                )
            ],
        ),
        (
            {"subject": '"  "', "period": '""'},
            [
                "3: subject: is empty (give the text every answer file will carry)",
                "4: period: is empty (give the text every answer file will carry)",
            ],
        ),
    ],
)
def test_each_problem_of_a_round_file_is_one_message_at_its_line(
    tmp_path: Path, changes: dict[str, str], problems: list[str]
) -> None:
    path = write_round(tmp_path, **changes)
    with pytest.raises(InputError) as caught:
        open_bank(REG, str(path))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:" + p.format(bank=BANK) for p in problems
    ]


def test_a_template_of_a_round_carries_its_fields_and_asks_its_roles(tmp_path: Path) -> None:
    path = write_round(tmp_path)
    answers = tmp_path / "a.yaml"
    answers.write_text(blank_template(REG, str(path), role="qa"))
    answer_set, _ = load_answer_file(answers, REG)
    assert (answer_set.header.subject, answer_set.header.period, answer_set.header.profile) == (
        "Harbor Mutual",
        "2026-Q4",
        "regulated",
    )
    with pytest.raises(UsageError) as caught:
        blank_template(REG, str(path), role="product")
    assert str(caught.value) == f"round {path} asks security, qa, not product"
    with pytest.raises(UsageError) as caught:
        blank_template(REG, str(path), subject="payments")
    assert str(caught.value) == (
        f"round {path} fixes the subject, period and profile: leave out --subject"
    )


def test_a_template_shows_last_rounds_answers_without_giving_them(tmp_path: Path) -> None:
    last = tmp_path / "last.yaml"
    last.write_text(
        f"schema: assess/answers/v1\nbank: {BANK}\nsubject: S\nrespondent: {{role: qa}}\n"
        "answers: {HQ-01: 2, HQ-02: na, HQ-11: unknown}\n"
    )
    text = blank_template(REG, BANK, previous=last)
    assert "  # last time: 2 Repeatable\n  HQ-01:\n" in text
    assert "  # last time: not applicable\n  HQ-02:\n" in text
    assert "  # last time: don't know\n  HQ-11:\n" in text
    blank = tmp_path / "blank.yaml"
    blank.write_text(text)
    assert load_answer_file(blank, REG)[0].responses == {}


def test_last_rounds_file_must_be_of_the_same_bank_and_not_newer(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    core = REG.find("rampac-core").ref
    other.write_text(
        f"schema: assess/answers/v1\nbank: {core}\nrespondent: {{role: qa}}\nanswers: {{}}\n"
    )
    with pytest.raises(UsageError) as caught:
        blank_template(REG, BANK, previous=other)
    assert str(caught.value) == (
        f"--previous {other} answers {core}, not healthy-questions: give your answer file "
        "from an earlier round of healthy-questions"
    )


def test_a_rounds_group_reaches_every_answer_file_and_the_history(tmp_path: Path) -> None:
    from helpers import EXAMPLE, run_assess

    from assess.history.store import HistoryStore

    text = (EXAMPLE / "round-2026-Q4.yaml").read_text(encoding="utf-8")
    (tmp_path / "round.yaml").write_text(
        text.replace("profile: regulated", 'group: "Retail / Claims"\nprofile: regulated'),
        encoding="utf-8",
    )
    bad = run_assess("validate", "round.yaml", cwd=tmp_path)
    assert "group: 'Retail / Claims' is not a group path" in bad.stderr
    (tmp_path / "round.yaml").write_text(
        text.replace("profile: regulated", 'group: "Retail/Claims"\nprofile: regulated'),
        encoding="utf-8",
    )
    template = run_assess("template", "round.yaml", "--role", "qa", cwd=tmp_path)
    assert 'group: "Retail/Claims"' in template.stdout.splitlines()
    answers = sorted((EXAMPLE / "2026-Q4").glob("*.yaml"))
    grouped = []
    for path in answers:
        body = path.read_text(encoding="utf-8").replace(
            "period: 2026-Q4\n", 'period: 2026-Q4\ngroup: "Retail/Claims"\n', 1
        )
        grouped.append(tmp_path / path.name)
        grouped[-1].write_text(body, encoding="utf-8")
    names = [p.name for p in grouped]
    other = run_assess("record", *names, "--db", "h.db", "--group", "Retail/Motor", cwd=tmp_path)
    assert (other.returncode, other.stderr) == (
        2,
        (
            "error: --group 'Retail/Motor' differs from the group the answer files name, "
            "'Retail/Claims'; leave out --group, or correct the files' round\n"
        ),
    )
    done = run_assess("record", *names, "--db", "h.db", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with HistoryStore(str(tmp_path / "h.db"), create=False) as store:
        assert store.groups() == {"Harbor Mutual claims platform": "Retail/Claims"}
    nxt = run_assess(
        "round",
        "new",
        "--from",
        "Harbor Mutual claims platform@2026-Q4",
        "--period",
        "2027-Q2",
        "--db",
        "h.db",
        cwd=tmp_path,
    )
    assert 'group: "Retail/Claims"' in nxt.stdout.splitlines()


@pytest.mark.parametrize(
    ("name", "text", "what"),
    [
        ("a.yaml", "schema: assess/answers/v1\nbank: minimal@1.0.0\n", "an answer file"),
        ("m.yaml", "schema: assess/mapping/scorecard/v1\n", "a mapping of observed evidence"),
        ("t.yaml", "schema: other/thing\n", "a file of schema 'other/thing'"),
        ("r.json", '{"date": "2026-11-20", "checks": []}', "not a bank or round file"),
    ],
)
def test_a_file_that_is_neither_bank_nor_round_is_named_for_what_it_is(
    tmp_path: Path, name: str, text: str, what: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        open_bank(REG, str(path))
    assert str(caught.value) == (
        f"{path} is {what}: give a round file (`assess round new`), a bank file, or a bank "
        "like rampac-core@2.0.0"
    )


def test_a_role_listed_twice_is_said_beside_a_broken_field(tmp_path: Path) -> None:
    path = write_round(tmp_path, period="2026", roles="[qa, qa]")
    with pytest.raises(InputError) as caught:
        open_bank(REG, str(path))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:4: period: expected text, got a number (2026)",
        f"{path}:6: roles[1]: qa is listed twice",
    ]
