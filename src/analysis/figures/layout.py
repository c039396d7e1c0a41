"""Layout helpers shared by the plots: article names on ticks, labels that do not overlap, stated omissions.

Plain matplotlib, deterministic (the same data gives the same picture, so saved figures
stay byte-identical between runs).
"""
from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import Bbox

__all__ = ["article_names", "article_axis_label", "wrap", "set_article_ticks", "place_labels", "not_shown"]


def article_names(ids, labels: Mapping | pd.Series | None = None) -> list[str]:
    """Display names for article ids: ``labels[doc_id]`` when given (:func:`analysis.article_labels`), else the id."""
    ids = [str(i) for i in ids]
    if labels is None:
        return ids
    lookup = dict(labels.items()) if isinstance(labels, (pd.Series, Mapping)) else {}
    return [str(lookup.get(i, i)) for i in ids]


def article_axis_label(labels) -> str:
    """Axis title for an article axis: ``"article"`` with labels, ``"article (doc_id)"`` without."""
    return "article" if labels is not None else "article (doc_id)"


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to lines of about ``width`` characters (at spaces and hyphens; a word is broken
    only when it is longer than 1.5 × ``width``)."""
    text = str(text)
    long_word = any(len(word) > 1.5 * width for word in text.split())
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=long_word)) or text


def set_article_ticks(ax: plt.Axes, axis: str, positions, names: list[str], *, fontsize: float = 8,
                      width: int = 14) -> None:
    """Article names on the ``x`` or ``y`` axis, readable for 2 or 50 articles.

    On the x axis, up to 8 names are wrapped to horizontal lines of ``width`` characters;
    more are rotated 60° and wrapped at 28 characters (three lines at most). On the y
    axis, names are wrapped at 32 characters. The font shrinks a little beyond 20 articles.
    """
    n = len(names)
    size = fontsize if n <= 20 else max(fontsize - 1.5, 6)
    if axis == "x":
        if n <= 8 and max((len(s) for s in names), default=0) <= 42:
            ax.set_xticks(positions, [wrap(s, width) for s in names], fontsize=size)
        else:
            ax.set_xticks(positions, [_two_lines(s, 28) for s in names], fontsize=size,
                          rotation=60, ha="right", rotation_mode="anchor")
    else:
        ax.set_yticks(positions, [wrap(s, 32) for s in names], fontsize=size)


_LEADER = {"arrowstyle": "-", "color": "#7f9fcf", "lw": 0.5, "shrinkA": 1, "shrinkB": 3}


def _two_lines(text: str, width: int) -> str:
    """``text`` wrapped at ``width``; beyond two lines, the first and the last (where ids differ) joined by "…"."""
    lines = wrap(text, width).split("\n")
    return "\n".join(lines if len(lines) <= 2 else [lines[0], "…" + lines[-1]])


def _overlaps(box, others, pad: float = 1.0) -> bool:
    return any(box.x0 < o.x1 + pad and box.x1 > o.x0 - pad and box.y0 < o.y1 + pad and box.y1 > o.y0 - pad
               for o in others)


def _crosses(start, end, boxes, pad: float = 1.0) -> bool:
    """Whether the segment from ``start`` to ``end`` (display coordinates) passes through one of ``boxes``, judged at
    24 points along it (boxes holding ``start``, its own marker, are skipped)."""
    along = np.linspace(0.15, 1.0, 24)[:, None] * (np.asarray(end) - start) + start
    return any(((along[:, 0] > o.x0 - pad) & (along[:, 0] < o.x1 + pad) & (along[:, 1] > o.y0 - pad)
                & (along[:, 1] < o.y1 + pad)).any() for o in boxes if not o.contains(*start))


def place_labels(ax: plt.Axes, x, y, texts, *, fontsize: float = 7.5, color: str = "#222222") -> list:
    """Annotate points ``(x, y)`` with ``texts`` so that no two labels overlap and no label covers a point.

    A deterministic greedy placement: labels are placed in order of ``x`` then ``y``,
    each at the first free spot among eight directions around its point at growing
    distances (6 to 66 points) whose leader line crosses no label (failing that, the free spot
    with the fewest crossings); a label placed away from the first ring gets a thin leader line
    from its point to the label's nearest corner. Call after the axes limits are final.

    Returns
    -------
    list of matplotlib Annotation
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    points = ax.transData.transform(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    taken = [Bbox.from_extents(px - 4, py - 4, px + 4, py + 4) for px, py in points]  # the markers
    directions = [(1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]
    align = {1: "left", -1: "right", 0: "center"}
    valign = {1: "bottom", -1: "top", 0: "center"}
    order = sorted(range(len(points)), key=lambda i: (points[i][0], points[i][1]))
    frame = ax.get_window_extent(renderer)
    out, leaders = [None] * len(points), []  # leaders: (start, end) of each leader line drawn, display coordinates
    pixels = fig.dpi / 72  # per point of offset
    for i in order:
        chosen, fewest = None, None  # the first spot whose leader line crosses no label, else the fewest crossings
        for radius in (6, 14, 24, 36, 50, 66):
            for dx, dy in directions:
                note = ax.annotate(texts[i], (x[i], y[i]), xytext=(dx * radius, dy * radius),
                                   textcoords="offset points", ha=align[dx], va=valign[dy], fontsize=fontsize,
                                   color=color, annotation_clip=False)
                box = note.get_window_extent(renderer)
                inside = (frame.x0 - 40 <= box.x0 and box.x1 <= frame.x1 + 40
                          and frame.y0 <= box.y0 and box.y1 <= frame.y1 + 20)
                note.remove()
                if not inside or _overlaps(box, taken):
                    continue
                corner = points[i] + np.array([dx, dy]) * radius * pixels
                crossings = (sum(_crosses(a, b, [box]) for a, b in leaders)
                             + (sum(_crosses(points[i], corner, [o]) for o in taken) if radius > 6 else 0))
                if fewest is None or crossings < fewest:
                    chosen, fewest = (radius, dx, dy, box), crossings
                if crossings == 0:
                    break
            if fewest == 0:
                break
        radius, dx, dy, box = chosen or (8, 1, 1, None)  # crowded: last resort, up and right, with a leader line
        leader = {"arrowprops": {**_LEADER, "relpos": ((1 - dx) / 2, (1 - dy) / 2)}} if radius > 6 else {}
        note = ax.annotate(texts[i], (x[i], y[i]), xytext=(dx * radius, dy * radius), textcoords="offset points",
                           ha=align[dx], va=valign[dy], fontsize=fontsize, color=color, annotation_clip=False,
                           **leader)  # away from its point: a leader line to the label's corner nearest the point
        if leader:
            leaders.append((points[i], points[i] + np.array([dx, dy]) * radius * pixels))
        taken.append(box if box is not None else note.get_window_extent(renderer))
        out[i] = note
    return out


def not_shown(ax: plt.Axes, reason: str, *, title: str | None = None) -> plt.Axes:
    """Replace a plot by its reason: empty axes with ``"Not shown: " + reason`` written in them."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, wrap(f"Not shown: {reason}", 60), ha="center", va="center", fontsize=9,
            transform=ax.transAxes, color="#333333")
    if title:
        ax.set_title(title)
    return ax
