"""Render a `Report` to HTML, PDF or Markdown with jinja2 templates and WeasyPrint.

Templates come from ``report_templates/`` (or a ``--template-dir`` that overrides any of
them) and always run in jinja2's sandbox, autoescaped, with StrictUndefined. The HTML is
self-contained: the stylesheet is inlined and charts are inline SVG. WeasyPrint may read
only ``data:`` URIs and files inside the template folders; it never touches the network.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from assess.answers.model import RATING_GUIDANCE
from assess.base import background
from assess.base.framework import PILLARS, ROLES, role_name
from assess.base.words import shown_difference
from assess.output import escape
from assess.report import charts
from assess.report.content import Report
from assess.report.templates import (
    RenderError,
    environment,
    inside,
    read_template_file,
    render_template,
    template_dirs,
)


def _shown_difference(a: float | None, b: float | None) -> str:
    """``a - b`` as the difference of the one-decimal figures shown beside it."""
    change = shown_difference(a, b)
    return "–" if change is None else f"{change:.1f}"


FILTERS: dict[str, Callable[..., Any]] = {
    "score": lambda v, d=1: "–" if v is None else f"{v:.{d}f}",
    "pct": lambda v: "–" if v is None else f"{v:.0%}",
    "md": escape.markdown_text,
    "md_link": escape.markdown_link,
    "delta": lambda v: f"{v:+.1f}",
    "minus": _shown_difference,
    "role": role_name,
}
"""The report templates' own filters."""


def _charts(report: Report) -> dict[str, str]:
    """Every chart of the report as a data: URI, drawn on two cores.

    A helper draws about half of the drawing time (measured: the trend's small multiples
    are two fifths of it, the benefit bars one eighth) while this process draws the rest.
    """
    r = report.result
    previous = report.trend[-2] if report.has_trend else None
    jobs: dict[str, tuple[Callable[..., str], tuple[Any, ...]]] = {
        "radar": (
            charts.radar,
            (
                [p.score for p in r.pillars],
                [p.target for p in r.pillars],
                previous.pillars if previous else None,
                previous.period if previous else "previous",
                r.period or "this round",
            ),
        ),
        "projection": (
            charts.projection,
            (
                [p.name for p in report.projection_rows],
                [p.today for p in report.projection_rows],
                [[p.after[i] for p in report.projection_rows] for i in range(len(report.phases))],
                [ph.name for ph in report.phases],
                [p.target for p in report.projection_rows],
            ),
        ),
        "benefits": (
            charts.benefit_bars,
            ([b.score for b in r.benefits], [b.target for b in r.benefits]),
        ),
        "heatmap": (
            charts.heatmap,
            (
                [role_name(role) for role, _ in r.respondents],
                [[dict(p.by_role).get(role) for p in r.pillars] for role, _ in r.respondents],
            ),
        ),
    }
    if report.has_trend:
        points = report.trend
        jobs["trend"] = (
            charts.trend_panels,
            (
                [t.period for t in points],
                [("Overall", [t.overall for t in points], [t.overall_target for t in points])]
                + [
                    (
                        p.name,
                        [t.pillars[i] for t in points],
                        [t.targets[i] if t.targets else None for t in points],
                    )
                    for i, p in enumerate(PILLARS)
                    if report.result.pillars[i].assessed
                ],
            ),
        )
    theirs = {"trend", "benefits"} if "trend" in jobs else {"heatmap", "benefits"}
    with background.Helper() as helper:
        drawing = helper.run(_draw, {k: v for k, v in jobs.items() if k in theirs})
        drawn = _draw({k: v for k, v in jobs.items() if k not in theirs})
        drawn.update(drawing())
    return {name: _data_uri(drawn[name]) for name in jobs}


def _draw(jobs: dict[str, tuple[Callable[..., str], tuple[Any, ...]]]) -> dict[str, str]:
    """Each chart's SVG by name, from its drawing function and arguments."""
    return {name: draw(*args) for name, (draw, args) in jobs.items()}


def _data_uri(svg: str) -> str:
    """An SVG as a data: URI, so the HTML stays one self-contained file."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def load_drawing() -> None:
    """Import what `render_html` needs (matplotlib, jinja2) ahead of time.

    Meant for a `background.Helper` that loads them while the caller is still scoring.
    """
    import jinja2.sandbox  # noqa: F401

    charts.load()


def render_html(
    report: Report, template_dir: Path | None = None, drawn: dict[str, str] | None = None
) -> str:
    """The report as one self-contained HTML document.

    Args:
        report: what to say.
        template_dir: templates that override the bundled ones.
        drawn: the charts as data: URIs by name, to use instead of drawing them.

    Raises:
        RenderError: a template is missing, broken, or uses an undefined value.
    """
    dirs = template_dirs(template_dir)
    env = environment(dirs, FILTERS)
    css = read_template_file(dirs, "report.css")
    return render_template(
        env,
        "report.html.j2",
        report=report,
        css=css,
        charts=drawn if drawn is not None else _charts(report),
        pillar_info=PILLARS,
        roles=ROLES,
        guidance=RATING_GUIDANCE,
    )


def render_markdown(report: Report, template_dir: Path | None = None) -> str:
    """The report as Markdown (tables instead of charts)."""
    env = environment(template_dirs(template_dir), FILTERS)
    return render_template(
        env,
        "report.md.j2",
        report=report,
        pillar_info=PILLARS,
        roles=ROLES,
        guidance=RATING_GUIDANCE,
    )


def load_typesetter() -> None:
    """Import WeasyPrint now (it is slow to import), e.g. while charts are being drawn."""
    import weasyprint  # noqa: F401


def html_to_pdf(html: str, template_dir: Path | None = None) -> bytes:
    """Typeset HTML as PDF bytes with WeasyPrint, fetching nothing outside the templates.

    Raises:
        RenderError: the document asked for a resource it may not have.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    allowed = [d.resolve() for d in template_dirs(template_dir)]

    class TemplatesOnly(URLFetcher):  # type: ignore[misc]
        """Serves data: URIs and files under the template folders; refuses the rest."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path))
                if any(inside(d, path) for d in allowed):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"the report may not load {url}")

    fetcher = TemplatesOnly(allowed_protocols={"data", "file"}, fail_on_errors=True)
    try:
        document = HTML(string=html, base_url=str(allowed[0]), url_fetcher=fetcher)
        with _collector_paused():
            pdf: bytes = document.write_pdf()
    except FatalURLFetchingError as err:
        raise RenderError(str(err)) from None
    return pdf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off Python's cycle collector for the duration.

    Typesetting makes a great many objects but few reference cycles: the collector's
    passes cost a tenth of the PDF time and, measured on the example report, freed
    under 2 MB of its 105 MB peak.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
