"""The digest's picture: each team's response rate across recent weeks, with a text alternative.

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

log = logging.getLogger(__name__)
DRAW_SECONDS = 60.0  # far more than a chart takes; then it is drawn here instead


@dataclass(frozen=True)
class Picture:
    png: bytes
    title: str
    alt_text: str  # what a screen reader says instead of the picture


def response_rate_chart(digest: Digest) -> Picture | None:
    series = digest.trends.weekly_rates if digest.trends else {}
    weeks = sorted({week for points in series.values() for week, _, _ in points})
    if not weeks:
        return None
    title = f"Response rate by team, {weeks[0].monday:%d %b} to {weeks[-1].sunday:%d %b %Y}"
    return Picture(_drawn(series, weeks, title), title, _alt_text(series, weeks, title))


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


def _alt_text(series, weeks, title: str) -> str:
    parts = []
    for team, points in sorted(series.items()):
        rates = ", ".join(
            f"{week.monday:%d %b} {round(100 * answered / prompted)}%"
            for week, answered, prompted in points
            if prompted
        )
        parts.append(f"{team}: {rates}")
    return f"{title}. " + "; ".join(parts) + "."


def _draw(series, weeks, title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no screen on a server
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.add_subplot()
    labels = [f"{w.monday:%d %b}" for w in weeks]
    for team, points in sorted(series.items()):
        by_week = {
            week: 100 * answered / prompted for week, answered, prompted in points if prompted
        }
        xs = [labels[weeks.index(w)] for w in weeks if w in by_week]
        axes.plot(xs, [by_week[w] for w in weeks if w in by_week], marker="o", label=team)
    axes.set_ylim(0, 100)
    axes.set_ylabel("% of people asked who answered")
    axes.set_xlabel("Week starting")
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.legend(fontsize="small", loc="lower left", frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
