"""Report charts drawn with matplotlib, returned as deterministic SVG documents.

Deterministic: a fixed hash salt, no date metadata, text kept as text (so the PDF uses
the report's font). Greyscale-safe: series differ by line style and marker as well as by
colour, and the heatmap uses a single-hue scale with the values printed in each cell.
matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from assess.base.framework import BENEFITS, PILLARS
from assess.base.words import shown_difference

T = TypeVar("T")
INK = "#1f3b5a"
TARGET = "#7a7a7a"
PREVIOUS = "#8fb3d9"
_RC = {
    "svg.hashsalt": "assess",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#666666",
    "axes.linewidth": 0.6,
    # Labels are data (periods, names): "$…$" must print as it is, not run as mathtext.
    "text.parse_math": False,
}


def _tight(fig: Any) -> Any:
    """The figure's bounding box cropped to what it shows, with a 0.1 inch margin.

    Measured without drawing: ``bbox_inches="tight"`` draws the whole figure once just to
    find this box, which was a third of the charts' time.
    """
    return fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1)


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches=_tight(fig))
    plt.close(fig)
    svg = buffer.getvalue()
    # Keep the <svg> element only: the XML prologue and DOCTYPE add nothing in a data: URI.
    return svg[svg.index("<svg") :]


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None}, bbox_inches=_tight(fig))
    plt.close(fig)
    return buffer.getvalue()


def load() -> None:
    """Import matplotlib now (it is slow to import), e.g. in a child before the data is ready."""
    _pyplot()


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def radar(
    scores: Sequence[float | None],
    targets: Sequence[float],
    previous: Sequence[float | None] | None = None,
    previous_label: str = "previous",
    current_label: str = "this round",
) -> str:
    """The six pillars on a 0–4 radar: current (solid), target (dashed), previous (dotted).

    The legend names the rounds by their periods (``previous_label``, ``current_label``).
    """
    plt = _pyplot()
    labels = [p.name.replace(" and ", " &\n") for p in PILLARS]
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]
    closed = [*angles, angles[0]]

    def ring(values: Sequence[float | None]) -> list[float]:
        points = [v if v is not None else 0.0 for v in values]
        return [*points, points[0]]

    with plt.rc_context(_RC):
        fig = plt.figure(figsize=(4.6, 4.0))
        ax = fig.add_subplot(polar=True)
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 4)
        ax.set_yticks([1, 2, 3, 4])
        ax.set_yticklabels(["1", "2", "3", "4"], color="#777777", fontsize=7)
        # Ring figures half-way between two axes, never on a spoke or a series line.
        ax.set_rlabel_position(180 / len(labels))
        ax.set_xticks(angles)
        ax.set_xticklabels(labels, fontsize=8)
        ax.tick_params(axis="x", pad=7)  # the names clear the outer ring
        ax.grid(color="#cccccc", linewidth=0.5)
        ax.plot(closed, ring(targets), color=TARGET, linestyle="--", linewidth=1.2, label="target")
        if previous is not None:
            ax.plot(
                closed,
                ring(previous),
                color=PREVIOUS,
                linestyle=":",
                linewidth=1.6,
                marker="s",
                markersize=3,
                label=previous_label,
            )
        ax.plot(
            closed,
            ring(scores),
            color=INK,
            linewidth=2,
            marker="o",
            markersize=4,
            label=current_label,
        )
        ax.fill(closed, ring(scores), color=INK, alpha=0.12)
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False, fontsize=8
        )
        return _svg(fig)


def bars(names: Sequence[str], scores: Sequence[float | None], targets: Sequence[float]) -> str:
    """Horizontal bars of scores (0–4) with each target marked by a dashed tick."""
    plt = _pyplot()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(4.4, 0.36 * len(names) + 0.6))
        ys = list(range(len(names)))[::-1]
        values = [s if s is not None else 0.0 for s in scores]
        ax.barh(ys, values, color=INK, height=0.55, label="score")
        for y, t in zip(ys, targets, strict=True):
            ax.plot([t, t], [y - 0.38, y + 0.38], color=TARGET, linestyle="--", linewidth=1.4)
        for y, v, s in zip(ys, values, scores, strict=True):
            ax.text(v + 0.05, y, "–" if s is None else f"{s:.1f}", va="center", fontsize=8)
        ax.set_yticks(ys)
        ax.set_yticklabels(names)
        ax.set_xlim(0, 4.3)
        ax.set_xticks([0, 1, 2, 3, 4])
        ax.spines[["top", "right"]].set_visible(False)
        ax.plot([], [], color=TARGET, linestyle="--", label="target")
        ax.legend(loc="lower right", frameon=False, fontsize=8)
        return _svg(fig)


def projection(
    names: Sequence[str],
    today: Sequence[float | None],
    after: Sequence[Sequence[float | None]],
    phases: Sequence[str],
    targets: Sequence[float],
) -> str:
    """One row per name: today's score, then the score after each phase, and the target.

    ``after`` holds one sequence per phase, each with a score per name.

    The markers differ in shape and shade, so the steps read in greyscale too; a line joins
    today to the last phase, and the last figure is printed at its end.
    """
    plt = _pyplot()
    shades = ["#8fb3d9", "#4f7fb0", INK]
    shapes = ["D", "^", "s"]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(4.2, 0.36 * len(names) + 0.9))
        ys = list(range(len(names)))[::-1]
        for y, t in zip(ys, targets, strict=True):
            ax.plot([t, t], [y - 0.32, y + 0.32], color=TARGET, linestyle="--", linewidth=1.4)
        for y, start, *steps in zip(ys, today, *after, strict=True):
            known = [v for v in (start, *steps) if v is not None]
            if known:
                ax.plot([min(known), max(known)], [y, y], color="#c9d6e3", linewidth=3, zorder=1)
                ax.text(max(known) + 0.07, y, f"{known[-1]:.1f}", va="center", fontsize=8)
        ax.scatter(
            [v if v is not None else math.nan for v in today],
            ys,
            s=30,
            facecolors="white",
            edgecolors=INK,
            linewidths=1.2,
            zorder=3,
            label="today",
        )
        for i, phase in enumerate(phases):
            ax.scatter(
                [v if v is not None else math.nan for v in after[i]],
                ys,
                s=26,
                marker=shapes[i % len(shapes)],
                color=shades[i % len(shades)],
                zorder=3,
                label=f"after {phase}",
            )
        # Dots, not bars: the axis may start above 0, at the whole level below the lowest
        # figure, so that close steps stay apart.
        shown = [v for v in (*today, *(v for row in after for v in row), *targets) if v is not None]
        low = max(0, math.floor(min(shown, default=0.0)))
        ax.set_yticks(ys)
        ax.set_yticklabels(names)
        ax.set_xlim(low, 4.3)
        ax.set_xticks(list(range(low, 5)))
        ax.grid(axis="x", color="#eeeeee", linewidth=0.5)
        ax.spines[["top", "right"]].set_visible(False)
        ax.plot([], [], color=TARGET, linestyle="--", label="target")
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=3,
            frameon=False,
            fontsize=7.5,
        )
        return _svg(fig)


def benefit_bars(scores: Sequence[float | None], targets: Sequence[float]) -> str:
    """The six HEARTY benefits as bars against their targets."""
    return bars([b.name for b in BENEFITS], scores, targets)


def heatmap(roles: Sequence[str], rows: Sequence[Sequence[float | None]]) -> str:
    """Roles × pillars, each cell the role's score for the pillar, printed in the cell.

    A colour scale explains the shading, and each figure is dark or white by the lightness
    of its own cell, so it stays readable on every shade.
    """
    plt = _pyplot()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(6.6, 0.42 * len(roles) + 1.4))
        grid = [[v if v is not None else math.nan for v in row] for row in rows]
        cmap = plt.get_cmap("Blues")
        image = ax.imshow(grid, cmap=cmap, vmin=0, vmax=4, aspect="auto")
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                red, green, blue, _ = cmap(v / 4) if v is not None else (1.0, 1.0, 1.0, 1.0)
                light = 0.299 * red + 0.587 * green + 0.114 * blue > 0.55
                ax.text(
                    j,
                    i,
                    "–" if v is None else f"{v:.1f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="#111111" if light else "white",
                )
        ax.set_xticks(range(len(PILLARS)))
        ax.set_xticklabels([textwrap.fill(p.name, 13) for p in PILLARS], fontsize=7.5)
        ax.set_yticks(range(len(roles)))
        ax.set_yticklabels(roles)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(image, ax=ax, fraction=0.035, pad=0.02, ticks=[0, 1, 2, 3, 4])
        bar.set_label("score (0–4)", fontsize=7.5)
        bar.ax.tick_params(labelsize=7, length=0)
        bar.outline.set_visible(False)
        return _svg(fig)


def trend_panels(
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], Sequence[float | None]]],
) -> str:
    """Small multiples: one panel per (name, scores, targets) across the periods, 0–4.

    Each panel shades the band from its target up to 4 (where the score should be) and
    titles itself with the last score and its change, so panels close together in value
    never overlap as lines in one chart would.
    """
    plt = _pyplot()
    columns = 4
    rows = math.ceil(len(series) / columns)
    with plt.rc_context(_RC):
        fig, axes = plt.subplots(
            rows, columns, figsize=(7.0, 1.5 * rows), sharey=True, squeeze=False
        )
        xs = list(range(len(periods)))
        step = max(1, math.ceil(len(periods) / 4))
        for ax, (name, values, targets) in zip(axes.flat, series, strict=False):
            known = [t for t in targets if t is not None]
            if known:
                ax.fill_between(
                    xs,
                    [t if t is not None else math.nan for t in targets],
                    4,
                    color="#e3ebf3",
                    linewidth=0,
                    step=None,
                )
                ax.plot(
                    xs,
                    [t if t is not None else math.nan for t in targets],
                    color=TARGET,
                    linestyle="--",
                    linewidth=0.9,
                )
            points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
            ax.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                color=INK,
                linewidth=1.6,
                marker="o",
                markersize=3.5,
            )
            last = points[-1][1] if points else None
            moved = shown_difference(last, points[0][1]) if len(points) > 1 else None
            change = "" if moved is None else f"  {moved:+.1f}"
            ax.set_title(
                textwrap.fill(name, 22) + ("" if last is None else f"\n{last:.1f}{change}"),
                fontsize=7.5,
                loc="left",
            )
            ax.set_ylim(0, 4)
            ax.set_yticks([0, 1, 2, 3, 4])
            ax.set_xlim(-0.3, len(periods) - 0.7)
            ax.set_xticks(xs[::step])
            ax.set_xticklabels([periods[x] for x in xs[::step]], fontsize=6.5)
            ax.tick_params(axis="y", labelsize=6.5)
            ax.grid(axis="y", color="#eeeeee", linewidth=0.5)
            ax.spines[["top", "right"]].set_visible(False)
        for ax in list(axes.flat)[len(series) :]:
            ax.set_visible(False)
        # Fixed margins: tight_layout would draw the whole figure once more (a third of
        # this chart's time) for the same result.
        fig.subplots_adjust(left=0.05, right=0.99, top=0.84, bottom=0.09, wspace=0.18, hspace=1.25)
        return _svg(fig)


Series = Sequence[tuple[str, Sequence[float | None]]]


def trend(periods: Sequence[str], series: Series) -> str:
    """One line per series (for example per pillar) across periods, 0–4, as SVG."""
    return _trend(periods, series, _svg)


def trend_png(periods: Sequence[str], series: Series) -> bytes:
    """The `trend` chart as a PNG image."""
    return _trend(periods, series, _png)


def _trend(periods: Sequence[str], series: Series, save: Callable[[Any], T]) -> T:
    plt = _pyplot()
    # Seven distinct styles: the overall score and the six pillars never share one.
    styles = ["-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 2))]
    markers = ["o", "s", "^", "D", "v", "P", "X"]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(6.4, 3.2))
        xs = list(range(len(periods)))
        for i, (name, values) in enumerate(series):
            points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
            ax.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                label=name,
                linestyle=styles[i % len(styles)],
                marker=markers[i % len(markers)],
                markersize=4,
                linewidth=1.4,
                color=plt.get_cmap("tab10")(i),
            )
        # Label at most a dozen rounds: hundreds of labels are unreadable and slow to draw.
        step = max(1, math.ceil(len(periods) / 12))
        shown = xs[::step]
        ax.set_xticks(shown)
        ax.set_xticklabels([periods[x] for x in shown], rotation=30 if step > 1 else 0)
        ax.set_ylim(0, 4)
        ax.set_ylabel("score (0–4)")
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
        return save(fig)
