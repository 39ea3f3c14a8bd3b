"""The container, compose and systemd files say what the README promises: a small image
built on a BASE of your choice, a user of its own, a health check, secrets only from the
environment, PostgreSQL with its own database user, and a hardened service. Building and
running the image is deploy/check-container.sh's job (too slow for the test command)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_the_containerfile_builds_on_a_base_argument_and_runs_as_its_own_user():
    text = (ROOT / "Containerfile").read_text()
    assert re.search(r"^ARG BASE=python:3\.12-slim$", text, re.MULTILINE)
    assert text.count("FROM ${BASE}") == 2  # build stage and the small final stage
    users = re.findall(r"^USER (\S+)$", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    health = re.search(r"^HEALTHCHECK .*\n?.*CMD (.*)$", text, re.MULTILINE).group(1)
    assert "/health" in health
    assert re.search(r'^CMD \["copro-bot", "run"\]$', text, re.MULTILINE)
    assert not re.search(r"(TOKEN|SECRET|PASSWORD)=", text)  # settings come at run time
    assert os.readlink(ROOT / "Dockerfile") == "Containerfile"


def test_compose_starts_postgresql_with_the_bot_s_own_user_and_keeps_secrets_in_env():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    db, bot = compose["services"]["db"], compose["services"]["bot"]
    assert db["image"].startswith("docker.io/library/postgres:")
    assert "pg_isready" in db["healthcheck"]["test"]
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["env_file"] == ".env"
    assert bot["environment"]["DATABASE_URL"].startswith(
        "postgresql://copro:${COPRO_DB_PASSWORD}@db"
    )
    for value in [*db["environment"].values(), *bot["environment"].values()]:
        if "PASSWORD" in value or "password" in value.lower():
            assert "${" in value  # never written here, always from .env
    init = (ROOT / "deploy" / "create-database.sql").read_text()
    assert "NOSUPERUSER NOCREATEDB NOCREATEROLE" in init and 'OWNER :"user"' in init


def test_the_systemd_unit_is_hardened_and_may_write_only_its_state():
    unit = (ROOT / "deploy" / "copro-bot.service").read_text()
    for line in (
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/copro-bot",
        "User=copro-bot",
        "ExecStart=/opt/copro-bot/bin/copro-bot run",
        "EnvironmentFile=/etc/copro-bot/copro-bot.env",
    ):
        assert re.search(rf"^{re.escape(line)}$", unit, re.MULTILINE), line


def test_the_container_check_is_a_script_ci_can_run_but_not_part_of_the_tests():
    script = ROOT / "deploy" / "check-container.sh"
    assert os.access(script, os.X_OK)
    assert "check-container" not in (ROOT / ".ci" / "run").read_text()
    figures = (ROOT / "deploy" / "README.md").read_text()
    for figure in ("build time", "image size", "time to healthy"):
        assert figure in figures.lower()
