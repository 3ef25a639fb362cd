"""Render a `Portfolio` as HTML, Markdown or PDF, in the report's design and sandbox."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assess.base import background
from assess.base.framework import BENEFITS, PILLARS
from assess.portfolio.model import Portfolio
from assess.report.render import FILTERS, html_to_pdf, load_typesetter
from assess.report.templates import (
    environment,
    read_template_file,
    render_template,
    template_dirs,
)


def band(gap: float | None) -> str:
    """The heatmap band of a gap to target: met, near (< 0.5), below (< 1), far, none."""
    if gap is None:
        return "none"
    if gap <= 1e-9:
        return "met"
    return "near" if gap < 0.5 else "below" if gap < 1 else "far"


def render_portfolio(
    p: Portfolio,
    fmt: str,
    title: str = "DevSecOps maturity portfolio",
    classification: str | None = None,
    template_dir: Path | None = None,
    typesetter: background.Helper | None = None,
) -> str | bytes:
    """The portfolio report as ``html``, ``md`` (text) or ``pdf`` (bytes).

    A PDF is typeset by ``typesetter`` when given (a helper that may have WeasyPrint
    imported already), else in this process.

    Raises:
        RenderError: a template is missing or broken, or the PDF asked for a resource.
    """
    dirs = template_dirs(template_dir)
    env = environment(dirs, {**FILTERS, "band": band})
    context = {
        "p": p,
        "title": title,
        "classification": classification,
        "pillar_names": [x.name for x in PILLARS],
        "benefit_names": [x.name for x in BENEFITS],
    }
    if fmt == "md":
        return render_template(env, "portfolio.md.j2", **context)
    html = render_template(
        env, "portfolio.html.j2", css=read_template_file(dirs, "report.css"), **context
    )
    if fmt != "pdf":
        return html
    if typesetter is None:
        return html_to_pdf(html, template_dir)
    return typesetter.run(html_to_pdf, html, template_dir)()


def portfolio_document(
    build: Callable[[], Portfolio],
    fmt: str,
    title: str = "DevSecOps maturity portfolio",
    classification: str | None = None,
    template_dir: Path | None = None,
) -> tuple[Portfolio, str | bytes]:
    """The portfolio ``build`` makes, and its report as ``html``, ``md`` or ``pdf``.

    For a PDF, a forked helper imports WeasyPrint while ``build`` reads the history, then
    typesets there (see `render_portfolio`).

    Raises:
        RenderError: as `render_portfolio`; and whatever ``build`` raises.
    """
    pdf = fmt == "pdf"
    with background.Helper(load_typesetter if pdf else None, fork=pdf) as typesetter:
        built = build()
        return built, render_portfolio(built, fmt, title, classification, template_dir, typesetter)
