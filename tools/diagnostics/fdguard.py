"""A pytest plugin, with the LD_PRELOAD shim ``fdguard.c``, that catches whatever closes a test
server's descriptors from outside waitress (issue 13's "Bad file descriptor" at teardown).

Every server the tests make has its wake-up pipe (both ends and waitress's copy of the read
end) and its listening socket guarded; waitress's own closes release them first. Any other
close, dup2 or dup3 onto one of them writes the C stack and every Python thread's stack (the
closer is "Current thread") to /tmp/fdguard-PID.txt. The error itself would follow that close:
a closed listening socket makes waitress close the whole server, wake-up pipe included.

    gcc -shared -fPIC -O1 -o /tmp/libfdguard.so tools/diagnostics/fdguard.c -ldl
    LD_PRELOAD=/tmp/libfdguard.so PYTHONPATH=tools/diagnostics python -m pytest -p fdguard

Diagnostic only, never part of the test command.
"""

from __future__ import annotations

import ctypes
import faulthandler
import os
import signal

from waitress import server as waitress_server
from waitress import trigger as waitress_trigger
from waitress import wasyncore

import bot.server

_shim = ctypes.CDLL(None)
try:
    _guard, _release = _shim.fdguard_guard, _shim.fdguard_release
except AttributeError as missing:
    raise RuntimeError("fdguard: run with LD_PRELOAD=/tmp/libfdguard.so (see the docstring)") from missing

_report = open(f"/tmp/fdguard-{os.getpid()}.txt", "w")  # noqa: SIM115 - open for the whole run
_shim.fdguard_report_to(_report.fileno())
faulthandler.register(signal.SIGUSR2, file=_report, all_threads=True, chain=False)


def _descriptors(server) -> list[int]:
    fds = [*getattr(server.trigger, "_fds", []), server.trigger._fileno]
    if getattr(server, "socket", None) is not None:
        fds.append(server.socket.fileno())
    return fds


def _releasing(owner, name: str, descriptors) -> None:
    """Wrap ``owner.name`` (a sanctioned close) so that it lets go of the guard first."""
    original = getattr(owner, name)

    def released(subject, *args, **kwargs):
        for fd in descriptors(subject):
            if isinstance(fd, int) and fd >= 0:
                _release(fd)
        return original(subject, *args, **kwargs)

    setattr(owner, name, released)


_make_server = bot.server.make_server


def _guarded_make_server(*args, **kwargs):
    server = _make_server(*args, **kwargs)
    for fd in _descriptors(server):
        if isinstance(fd, int) and fd >= 0:
            _guard(fd)
    return server


bot.server.make_server = _guarded_make_server
# The closes that are the servers' own: ours (stop_server closes the listening socket and
# the pipe itself) and waitress's.
_releasing(bot.server, "stop_server", _descriptors)
_releasing(waitress_server.BaseWSGIServer, "close", _descriptors)
_releasing(waitress_trigger.trigger, "_close", lambda trigger: [*trigger._fds, trigger._fileno])
_releasing(wasyncore.file_wrapper, "close", lambda wrapper: [wrapper.fd])


def _reported(name: str, original):
    """Waitress closing a server or its wake-up pipe by itself (not through ``stop_server``),
    as it does when the listening socket or the pipe goes bad: write who and why."""

    def report(self, *args, **kwargs):
        import sys
        import traceback

        _report.write(f"\nfdguard: waitress {name} on {self!r}: {sys.exc_info()[1]!r}\n")
        _report.write("".join(traceback.format_stack()))
        _report.flush()
        return original(self, *args, **kwargs)

    return report


for _class in (waitress_server.BaseWSGIServer, waitress_trigger.trigger):
    _class.handle_close = _reported("handle_close", _class.handle_close)
    _class.handle_error = _reported("handle_error", _class.handle_error)
