"""The web questionnaire in a real browser: answered by keyboard, kept, downloaded, scored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assess.answers.load import load_answer_file
from assess.bank.registry import Registry
from assess.questionnaire.render import questionnaire_html
from assess.rounds.template import blank_template
from assess.scoring.files import score_files

REG = Registry.default()
BANK = "healthy-questions@1.0.0"
ASSETS = Path(__file__).resolve().parents[1] / "assets"


def round_file(tmp_path: Path, subject: str = "Harbor Mutual", roles: str = "[]") -> Path:
    path = tmp_path / "round.yaml"
    path.write_text(
        f"schema: assess/round/v1\nbank: {BANK}\nsubject: {subject}\nperiod: 2026-Q4\n"
        f"group: Retail/Claims\nprofile: regulated\nroles: {roles}\n"
    )
    return path


def open_form(page: Any, tmp_path: Path, spec: str, registry: Registry = REG) -> Path:
    html = tmp_path / "questionnaire.html"
    html.write_text(questionnaire_html(registry, spec), encoding="utf-8")
    page.goto(html.as_uri())
    return html


def download(page: Any, tmp_path: Path, button: str = "#download") -> Path:
    with page.expect_download() as caught:
        page.click(button)
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(saved)
    return saved


def test_answered_by_keyboard_kept_across_a_reload_and_downloaded_as_an_answer_file(
    page: Any, tmp_path: Path
) -> None:
    open_form(page, tmp_path, str(round_file(tmp_path)))
    page.focus("#name")
    page.keyboard.type("Zoë O'Brien")
    page.keyboard.press("Tab")  # the role
    page.keyboard.press("ArrowDown")  # leadership
    page.keyboard.press("ArrowDown")  # security
    page.keyboard.press("Tab")  # Download
    page.keyboard.press("Tab")  # HQ-01's levels
    page.keyboard.press("Space")  # 0
    page.keyboard.press("ArrowDown")  # 1
    page.keyboard.press("ArrowDown")  # 2
    page.keyboard.press("Tab")  # Clear answer, shown now that HQ-01 has one
    page.keyboard.press("Tab")  # Why it matters
    page.keyboard.press("Tab")  # Note or evidence
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type('only for "payments"\nand claims')
    page.keyboard.press("Tab")
    page.keyboard.type("https://wiki.example/threat-models\nSEC-12 review")
    page.check('input[name="a-HQ-02"][value="na"]')
    page.check('input[name="a-HQ-11"][value="unknown"]')
    assert page.inner_text("#progress").startswith("3 of ")
    page.reload()
    assert page.is_checked('input[name="a-HQ-01"][value="2"]')
    assert page.input_value("#n-HQ-01") == 'only for "payments"\nand claims'
    assert page.input_value("#role") == "security"
    assert page.inner_text("#progress").startswith("3 of ")

    saved = download(page, tmp_path)
    assert saved.name == "harbor-mutual-2026-q4-security-zoe-o-brien.yaml"
    answer_set, _ = load_answer_file(saved, REG)
    assert answer_set.header.name == "Zoë O'Brien"
    assert (answer_set.header.subject, answer_set.header.period) == ("Harbor Mutual", "2026-Q4")
    assert (answer_set.header.role, answer_set.header.profile) == ("security", "regulated")
    assert answer_set.header.group == "Retail/Claims"
    first = answer_set.responses["HQ-01"]
    assert (first.level, first.note) == (2, 'only for "payments"\nand claims')
    assert first.evidence == ("https://wiki.example/threat-models", "SEC-12 review")
    assert answer_set.responses["HQ-02"].kind == "na"
    assert answer_set.responses["HQ-11"].kind == "unknown"
    # It scores together with a template another respondent filled in.
    other = tmp_path / "other.yaml"
    other.write_text(
        blank_template(REG, str(tmp_path / "round.yaml"), role="qa").replace(
            "  HQ-01:\n", "  HQ-01: 3\n"
        )
    )
    scored = score_files([saved, other], REG)
    result = scored.result
    assert scored.assessment.group == "Retail/Claims"
    assert result.subject == "Harbor Mutual"
    assert result.respondents == (("security", 1), ("qa", 1))


def test_nothing_is_downloaded_without_a_role_and_the_problem_is_announced(
    page: Any, tmp_path: Path
) -> None:
    open_form(page, tmp_path, str(round_file(tmp_path)))
    page.click("#download")
    assert "Choose your role" in page.inner_text("#role-problem")
    assert page.evaluate("document.activeElement.id") == "role"
    assert page.get_attribute("#saved", "role") == "status"
    # Said as a problem, not in the green of a finished download.
    assert page.get_attribute("#saved", "class") == "problem"
    assert "Not downloaded yet: 1 thing to fix" in page.inner_text("#saved")


def test_a_bank_without_a_round_asks_the_subject_and_gates_questions(
    page: Any, tmp_path: Path
) -> None:
    open_form(page, tmp_path, "collective-responsibility")
    gated = REG.load("collective-responsibility").bank
    question = next(q for q in gated.questions if q.applies_if is not None)
    decider = question.applies_if.question  # type: ignore[union-attr]
    assert page.is_visible(f"#q-{question.id} .choices")
    page.check(f'input[name="a-{decider}"][value="na"]')
    assert page.is_hidden(f"#q-{question.id} .choices")
    assert page.is_visible(f"#g-{question.id}")
    page.fill("#subject", "Payments")
    page.select_option("#role", "qa")
    saved = download(page, tmp_path)
    assert saved.name == "payments-qa.yaml"
    assert page.get_attribute("#saved", "class") == "done"
    answer_set, _ = load_answer_file(saved, REG)
    assert answer_set.header.profile is None
    assert dict(answer_set.responses) == {decider: answer_set.responses[decider]}


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"


def test_bank_and_round_text_is_shown_as_text_and_nothing_is_fetched(
    page: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "banks" / "minimal"
    folder.mkdir(parents=True)
    (folder / "1.0.0.yaml").write_text(
        (ASSETS / "banks" / "minimal.yaml")
        .read_text()
        .replace("text: First question?", f"text: '{HOSTILE}'")
    )
    registry = Registry.default([tmp_path / "banks"])
    path = tmp_path / "round.yaml"
    path.write_text(
        f"schema: assess/round/v1\nbank: minimal@1.0.0\nsubject: '{HOSTILE}'\n"
        "period: P\nprofile: balanced\n"
    )
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    html = open_form(page, tmp_path, str(path), registry)
    assert page.inner_text("#round-subject") == HOSTILE
    assert HOSTILE in page.inner_text("#q-QA-01 legend")
    page.select_option("#role", "qa")
    page.check('input[name="a-QA-01"][value="1"]')
    saved = download(page, tmp_path)
    assert dialogs == []
    assert requests == [html.as_uri()]
    assert load_answer_file(saved, registry)[0].header.subject == HOSTILE


@pytest.mark.parametrize("width", [390, 1280])
def test_readable_on_a_phone_and_every_text_meets_aa_contrast(
    page: Any, tmp_path: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    open_form(page, tmp_path, str(round_file(tmp_path, roles="[security]")))
    page.select_option("#role", "security")  # role hints appear on others' questions
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    low = page.evaluate(CONTRAST)
    assert low == []


# Every element with text of its own: its colour against the first opaque background
# behind it, by WCAG 2.1's formula; 4.5:1 for normal text, 3:1 for large.
CONTRAST = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const [a, b] = [lum(rgb(style.color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) low.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)}`);
  }
  return low;
}"""
