"""Real `copro-bot run` processes for the tests that need them (replicas, crashes)."""

from __future__ import annotations

import itertools
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# The start-up line of `copro-bot run` in HTTP mode (bot/cli.py), with the port it bound.
LISTENING = re.compile(r"HTTP mode: chat requests at http://[^\s/]+:(\d+)/")


def programme_due_now(members: int, *, minutes_ago: int = 2) -> str:
    """A programme whose one day's prompt fell due a few minutes ago, by the real clock.

    These tests run at whatever moment CI runs them, so the programme sends at any hour, any
    day: quiet hours, weekends and bank holidays would otherwise hold the prompts back.
    """
    zone = ZoneInfo("Europe/London")
    ends = datetime.now(zone) - timedelta(minutes=30 + minutes_ago)
    people = ", ".join(f"U0P{n:05d}" for n in range(members))
    return f"""
programme: Process test
facilitators: [U0FACIL001]
teams:
  - name: Everyone
    members: [{people}]
days:
  - {{name: Today, date: {ends:%Y-%m-%d}, ends: "{ends:%H:%M}"}}
prompt_delay_minutes: 30
reminder_hours: []
quiet_hours: none
weekends: true
bank_holidays: none
"""


class BotProcess:
    """`python -m bot.cli run`, its output collected line by line as it comes.

    It listens on PORT=0 and says which port the system gave it (``port``). A port picked
    here and handed over would be free only until the bot bound it: meanwhile any outgoing
    connection, its own or another test's, could take it ("Address already in use")."""

    _started = itertools.count()

    def __init__(
        self,
        *,
        database_url: str,
        api_url: str | None,
        folder: Path,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        """``api_url=None``: no Slack credentials at all, so the bot starts offline."""
        self._port: int | None = None
        self.spool = folder / f"spool-{next(self._started)}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COPRO_"))}
        if api_url is not None:
            env.update(
                SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="secret", SLACK_API_URL=api_url
            )
        env.update(
            DATABASE_URL=database_url,
            PORT="0",
            LOG_LEVEL="INFO",
            COPRO_SPOOL_DIR=str(self.spool),
            **(extra_env or {}),
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            self._queue.put(line)
        self._queue.put(None)

    def wait_for_line(self, text: str, timeout: float = 30) -> bool:
        """True once a line containing ``text`` is printed; False if the process ends first."""
        if any(text in line for line in self.lines):
            return True
        while True:
            line = self._queue.get(timeout=timeout)
            if line is None:
                return False
            if text in line:
                return True

    @property
    def port(self) -> int:
        """The port the bot listens on, once it says so (waits for its start-up line)."""
        if self._port is None:
            if not self.wait_for_line("HTTP mode"):
                raise AssertionError(f"the bot ended before it listened:\n{self.output}")
            found = (LISTENING.search(line) for line in self.lines)
            self._port = int(next(m for m in found if m)[1])
        return self._port

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def exit_code(self, timeout: float = 30) -> int:
        """Wait for the process to end by itself."""
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return code

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self._reader.join(timeout=5)
        return code


class TcpForwarder:
    """A port that refuses connections until ``open()``, then forwards them to ``target``:
    a database that is down, then back, for a real process on the other side."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        # Bound from the start, so the port stays ours; not listening, so connections to it
        # are refused until open().
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stopped = threading.Event()

    def open(self) -> None:
        self._server.listen()
        self._server.settimeout(0.2)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._stopped.set()
        self._server.close()
