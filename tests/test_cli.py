"""The command line as an operator meets it: every subcommand explains itself, --version says
what runs, routine library chatter stays out of the way, logs can be JSON, and an erasure
request can be served from the command line."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import __version__
from bot.cli import main, parser
from storage.db import head_revision
from tests.conftest import SMALL_PROGRAMME
from tests.test_upgrade import RELEASE

ROOT = Path(__file__).resolve().parents[1]


def subcommands(command: argparse.ArgumentParser | None = None, path=()) -> list[list[str]]:
    """Every subcommand's words, nested ones too: [["run"], ..., ["programme", "load"]]."""
    found = []
    for action in (command or parser())._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += [[*path, name], *subcommands(sub, (*path, name))]
    return found


def test_every_subcommand_has_help_text(capsys):
    commands = subcommands()
    assert {c[0] for c in commands} >= {
        "run", "demo", "doctor", "migrate", "retention", "export", "backup", "restore",
        "forget", "programme",
    }  # fmt: skip
    for command in commands:
        with pytest.raises(SystemExit) as done:
            main([*command, "--help"])
        assert done.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith(f"usage: copro-bot {' '.join(command)}")
        description = text.split("\n\n")[1]  # the paragraph after the usage line
        assert len(description.split()) >= 5, (command, text)
    with pytest.raises(SystemExit):
        main(["--help"])
    main_help = capsys.readouterr().out
    for command in {c[0] for c in commands}:  # each listed with its one-line summary
        assert re.search(rf"^    {command}\s+\w+", main_help, re.MULTILINE), main_help


def test_version_names_the_release_and_the_schema(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"copro-bot {__version__} (schema {head_revision()})"


def run_cli(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOG_"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'copro.db'}",
        "PYTHONPATH": str(ROOT),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], cwd=tmp_path, env=environment,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_migrate_says_what_it_did_without_alembic_s_start_up_lines(tmp_path):
    done = run_cli("migrate", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"The database is set up, at schema {head_revision()}" in done.stdout
    assert "Context impl" not in done.stderr and "Running upgrade" not in done.stderr
    assert done.stderr == ""
    again = run_cli("migrate", tmp_path=tmp_path, LOG_LEVEL="DEBUG")
    assert f"at schema {head_revision()}" in again.stdout
    assert "Context impl SQLiteImpl" in again.stderr  # DEBUG asks for everything


def test_log_format_json_writes_one_object_a_line_from_a_real_process(tmp_path):
    programme = tmp_path / "programme.yaml"
    programme.write_text(SMALL_PROGRAMME)
    done = run_cli(
        "retention", tmp_path=tmp_path, LOG_FORMAT="json", LOG_LEVEL="DEBUG"
    )  # DEBUG, so Alembic has lines to write
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines
    for line in lines:
        entry = json.loads(line)
        assert set(entry) >= {"time", "level", "logger", "message"}
    assert any(json.loads(line)["logger"].startswith("alembic") for line in lines)


def test_forget_erases_a_person_named_by_the_operator(tmp_path, monkeypatch, capsys):
    copy = tmp_path / "copro.sqlite3"
    shutil.copy(RELEASE / "copro.sqlite3", copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    out = tmp_path / "mine.csv"
    assert main(["export", "--member", "U0T1M01X", "--out", str(out)]) == 0
    before = capsys.readouterr().out
    assert "Wrote 0 rows" not in before
    assert main(["forget", "U0T1M01X"]) == 1  # asks first; with no terminal, changes nothing
    assert "Nothing was changed" in capsys.readouterr().err
    assert main(["forget", "U0T1M01X", "--yes"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Erased ") and "mark not to prompt them again" in said
    assert main(["export", "--member", "U0T1M01X", "--out", str(out)]) == 0
    assert "Wrote 0 rows" in capsys.readouterr().out
    assert main(["forget", "nobody@example.org", "--yes"]) == 1
    assert "Nobody is known as 'nobody@example.org'" in capsys.readouterr().err
