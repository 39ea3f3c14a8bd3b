"""A pytest plugin that watches every waitress server the tests start, for the teardown error
"Bad file descriptor" (issue 13): the moment a server's wake-up pipe is closed or replaced
while the server is still listening, it writes every thread's stack to /tmp/fdwatch-*.txt
(``FDWATCH_OUT`` changes the prefix), so that whatever closed it is caught in the act.

    PYTHONPATH=tools/diagnostics python -m pytest -p fdwatch

Diagnostic only, never part of the test command: its watcher looks every half millisecond.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback

import bot.server

OUT = os.environ.get("FDWATCH_OUT", "/tmp/fdwatch")
_watched: dict[int, tuple[object, list[tuple[int, int]]]] = {}  # id: (server, [(fd, inode)])
_lock = threading.Lock()
_pause = threading.Event()  # never set: waits without time.sleep, which some tests replace
_make_server = bot.server.make_server


def _watching_make_server(*args, **kwargs):
    server = _make_server(*args, **kwargs)
    pipe = [(fd, os.fstat(fd).st_ino) for fd in server.trigger._fds]
    with _lock:
        _watched[id(server)] = (server, pipe)
    return server


bot.server.make_server = _watching_make_server


def _changed(fd: int, inode: int) -> str | None:
    try:
        now = os.fstat(fd).st_ino
    except OSError as error:
        return f"fstat: {error}"
    return None if now == inode else f"inode {inode} is now {now}"


def _dump(fd: int, why: str) -> None:
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    link = f"/proc/self/fd/{fd}"
    now = os.readlink(link) if os.path.exists(link) else "closed"
    with open(f"{OUT}-{os.getpid()}-{time.time():.3f}.txt", "w") as out:
        out.write(f"wake-up pipe fd {fd}: {why}; the fd is now {now}\n")
        out.write(f"test: {os.environ.get('PYTEST_CURRENT_TEST')}\n")
        for ident, frame in sys._current_frames().items():
            out.write(f"\n--- thread {names.get(ident)} ---\n")
            out.write("".join(traceback.format_stack(frame)))


def _watch() -> None:
    while True:
        with _lock:
            watched = list(_watched.items())
        for key, (server, pipe) in watched:
            why = next((f"fd {fd}: {w}" for fd, i in pipe if (w := _changed(fd, i))), None)
            if why is None:
                continue
            _pause.wait(0.05)
            if not (server.trigger._closed and not server.accepting):  # not stop_server's close
                _dump(next(fd for fd, i in pipe if _changed(fd, i)), why)
            with _lock:
                _watched.pop(key, None)
        _pause.wait(0.0005)


threading.Thread(target=_watch, name="fdwatch", daemon=True).start()
