"""The digest's picture: each team's response rate, with a text alternative.

One week of figures is drawn as bars, one a team, each bar named and its rate written beside
it; several weeks as a line a team, each line named at its end. Nothing is told by colour
alone and there is no legend to match up. A team whose counts the digest does not show
(``TeamDigest.protected``, bot.domain.anonymity) is not drawn either: its rate would point at
the few who answered without a name.

matplotlib is imported only when a chart is drawn, and then in a process of its own, so it
costs the idle bot no memory. Drawing takes about a fifth of a second of CPU: in the bot's
own process it would hold the interpreter lock in turns with the threads answering Slack,
and every ack waiting on it would be late. The last few pictures are kept too: a
facilitator asking again, or the weekly post after a preview, gets the same bytes at once.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from bot.domain.digest import Digest

INK = "#1a1a1a"  # text and lines: 17:1 on white
BAR = "#1d5fa8"  # a dark blue: 6.4:1 on white, so it reads in grey too
WIDTH_IN = 6.4  # with large type, so it still reads when a phone shrinks it
DPI = 125
NOT_DRAWN = "numbers not shown, the group is small enough to point at people"
log = logging.getLogger(__name__)
DRAW_SECONDS = 60.0  # far more than a chart takes; then it is drawn here instead


@dataclass(frozen=True)
class Picture:
    png: bytes
    title: str
    alt_text: str  # what a screen reader says instead of the picture


def response_rate_chart(digest: Digest) -> Picture | None:
    """The digest's chart, drawn once per digest; None when there are no rates to draw."""
    if "chart" not in digest.drawn:
        digest.drawn["chart"] = _chart(digest)
    return digest.drawn["chart"]


def _chart(digest: Digest) -> Picture | None:
    hidden = sorted(t.name for t in digest.teams if t.protected)
    series = {
        team: points
        for team, points in (digest.trends.weekly_rates if digest.trends else {}).items()
        if team not in hidden and any(prompted for _, _, prompted in points)
    }
    weeks = sorted({week for points in series.values() for week, _, _ in points})
    if not weeks:
        return None
    title = chart_title(weeks)
    png = _drawn(series, weeks, title)
    return Picture(png, title, _alt_text(series, title, hidden, single=len(weeks) == 1))


KEEP = 32  # pictures kept; each is about 50 kB
_kept: OrderedDict[tuple, Future] = OrderedDict()
_kept_lock = threading.Lock()


def _drawn(series, weeks, title: str) -> bytes:
    """The picture for these figures, drawn once: the same figures make the same picture.
    Asked for again while it is being drawn, the second asker waits for the first's."""
    key = (title, tuple(weeks), tuple(sorted((t, tuple(p)) for t, p in series.items())))
    with _kept_lock:
        kept = _kept.get(key)
        drawer = kept is None
        if drawer:
            kept = _kept[key] = Future()
            while len(_kept) > KEEP:
                _kept.popitem(last=False)
        else:
            _kept.move_to_end(key)
    if drawer:
        try:
            kept.set_result(_painted(series, weeks, title))
        except BaseException as error:
            with _kept_lock:
                _kept.pop(key, None)  # a failure is not kept: the next asker tries again
            kept.set_exception(error)
    return kept.result()


_painter: ProcessPoolExecutor | None = None
_painter_lock = threading.Lock()


def _painted(series, weeks, title: str) -> bytes:
    """Drawn in the painter process (started at the first chart); drawn here if it fails."""
    global _painter
    with _painter_lock:
        if _painter is None:
            _painter = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_end_with, initargs=(os.getpid(),),
            )  # fmt: skip
        painter = _painter
    try:
        return painter.submit(_draw, dict(series), list(weeks), title).result(DRAW_SECONDS)
    except Exception as error:  # a painter that died or hung: start afresh next time
        log.warning("the chart process failed (%s); drawing here", type(error).__name__)
        with _painter_lock:
            if _painter is painter:
                _painter = None
        painter.shutdown(wait=False, cancel_futures=True)
        return _draw(series, weeks, title)


def stop_painter() -> None:
    """End the chart process now (a new one starts at the next chart). A process that is
    itself a multiprocessing child must call this before it ends: such a process waits for
    its children before the pool would tell the painter to stop."""
    global _painter
    with _painter_lock:
        painter, _painter = _painter, None
    if painter is not None:
        painter.shutdown(wait=True, cancel_futures=True)


def _end_with(parent: int) -> None:
    """In the painter: end when the bot's process does, even if it was killed outright."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def chart_title(weeks) -> str:
    if len(weeks) == 1:
        return f"Response rate by team, week of {weeks[0].label()}"
    return f"Response rate by team, {weeks[0].monday:%d %b} to {weeks[-1].sunday:%d %b %Y}"


def _draw(series, weeks, title: str) -> bytes:
    """The PNG, in the painter process (a module-level function, so it can be sent there)."""
    return _png(draw(series, weeks, title))


def draw(series, weeks, title: str):
    """The chart's figure (matplotlib): bars for one week, named lines for several."""
    return _bars(series, title) if len(weeks) == 1 else _lines(series, weeks, title)


def _percent(answered: int, prompted: int) -> int:
    return round(100 * answered / prompted)


def _alt_text(series, title: str, hidden: list[str], *, single: bool) -> str:
    parts = []
    for team, points in sorted(series.items()):
        if single:
            week, answered, prompted = points[-1]
            parts.append(f"{team}: {_percent(answered, prompted)}% ({answered} of {prompted})")
            continue
        rates = ", ".join(
            f"{week.monday:%d %b} {_percent(answered, prompted)}%"
            for week, answered, prompted in points
            if prompted
        )
        parts.append(f"{team}: {rates}")
    parts += [f"{team}: {NOT_DRAWN}" for team in hidden]
    return f"{title}. " + "; ".join(parts) + "."


def _figure(height: float):
    import matplotlib

    matplotlib.use("Agg")  # no screen on a server
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    return figure, figure.add_subplot()


def _png(figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()


def _bars(series, title: str) -> bytes:
    """One bar a team, named on the axis, its rate and counts written at the bar's end."""
    teams = sorted(series)
    figure, axes = _figure(1.5 + 0.7 * len(teams))
    rates = []
    for team in teams:
        _, answered, prompted = series[team][-1]
        rates.append((_percent(answered, prompted), answered, prompted))
    positions = list(range(len(teams)))[::-1]  # the first team at the top, as it is read
    axes.barh(positions, [r for r, _, _ in rates], color=BAR, height=0.6)
    for y, (share, answered, prompted) in zip(positions, rates, strict=True):
        axes.text(
            min(share, 100) + 1.5, y, f"{share}%  ({answered} of {prompted})",
            va="center", ha="left", color=INK, fontsize="large",
        )  # fmt: skip
    axes.set_yticks(positions, [_wrap(t, 20) for t in teams], color=INK, fontsize="large")
    axes.set_xlim(0, 145)  # room for the words beside a full bar
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"], color=INK)
    axes.set_xlabel("Share of the people asked who answered", color=INK)
    figure.suptitle(title, x=0.02, ha="left", color=INK, fontsize="large")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", alpha=0.3)
    axes.set_axisbelow(True)
    return figure


def _lines(series, weeks, title: str) -> bytes:
    """A line a team, each named in words where it ends, so no legend is needed."""
    figure, axes = _figure(4.8)
    labels = [f"{w.monday:%d %b}" for w in weeks]
    ends: list[tuple[float, float, str]] = []
    markers = "osD^v<>ph*"
    styles = ["-", "--", "-.", ":"]
    for index, (team, points) in enumerate(sorted(series.items())):
        by_week = {w: _percent(a, p) for w, a, p in points if p}
        xs = [weeks.index(w) for w in weeks if w in by_week]
        ys = [by_week[w] for w in weeks if w in by_week]
        axes.plot(
            xs, ys, marker=markers[index % len(markers)],
            linestyle=styles[index % len(styles)], linewidth=2,
        )  # fmt: skip
        ends.append((xs[-1], ys[-1], f"{team} {ys[-1]}%"))
    for x, y, label_y, words in _spread(ends):
        axes.annotate(
            words, xy=(x, y), xytext=(x + 0.15, label_y), textcoords="data", va="center",
            color=INK, fontsize="medium",
        )  # fmt: skip
    axes.set_xticks(range(len(weeks)), labels, color=INK)
    axes.set_xlim(-0.3, len(weeks) - 1 + max(1.5, 0.45 * len(weeks)))  # room for the names
    axes.set_ylim(0, 105)
    axes.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"], color=INK)
    axes.set_ylabel("Share of the people asked who answered", color=INK)
    axes.set_xlabel("Week starting", color=INK)
    figure.suptitle(title, x=0.02, ha="left", color=INK, fontsize="large")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(alpha=0.3)
    return figure


def _spread(ends, gap: float = 6.0):
    """Where each line's name goes: beside its end, moved apart (in percentage points) so
    that no two names overlap. (x, y of the line's end, y of the name, the name)"""
    placed: list[tuple[float, float, float, str]] = []
    for x, y, words in sorted(ends, key=lambda e: (e[0], e[1])):
        label_y = y
        same_end = [p for p in placed if p[0] == x]
        if same_end and label_y - same_end[-1][2] < gap:
            label_y = same_end[-1][2] + gap
        placed.append((x, y, label_y, words))
    return placed


def _wrap(name: str, width: int = 24) -> str:
    """A long team name on two lines, so the bars keep their room."""
    if len(name) <= width:
        return name
    cut = name.rfind(" ", 0, width)
    return name if cut < 1 else name[:cut] + "\n" + name[cut + 1 :]
