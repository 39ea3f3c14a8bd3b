"""The domain stays free of Slack: nothing under bot/domain/ imports slack_bolt or slack_sdk.

And the installed code stays free of tools/: training and measuring import the bot, never the
other way round, so the bot runs without them and no import circle can form between the two.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "bot" / "domain"
SLACK = ("slack_bolt", "slack_sdk")
INSTALLED = ("bot", "handlers", "storage")  # the packages the wheel ships


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (also inside functions and TYPE_CHECKING)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_nothing_in_the_domain_imports_slack():
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) >= 10  # the walk really found the domain
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in files
        for line, module in imported_modules(path)
        if module.split(".")[0] in SLACK
    ]
    assert offending == []


def test_the_domain_does_not_reach_into_the_slack_handlers():
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted(DOMAIN.rglob("*.py"))
        for line, module in imported_modules(path)
        if module.split(".")[0] == "handlers"
    ]
    assert offending == []


def test_nothing_installed_imports_the_tools():
    files = sorted(path for package in INSTALLED for path in (ROOT / package).rglob("*.py"))
    assert len(files) >= 50  # the walk really found the packages
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in files
        for line, module in imported_modules(path)
        if module.split(".")[0] == "tools"
    ]
    assert offending == []


def test_the_running_bot_loads_its_models_without_the_tools():
    """Assessing and theming replies, custom codebook included, never loads tools/ at all."""
    script = (
        "import sys\n"
        "import bot.app, bot.cli\n"
        "from bot.domain.safeguarding import assess\n"
        "from bot.domain.themes import ThemeClassifier, codebook_from_spec\n"
        "assert assess('I want to die').flagged\n"
        "ThemeClassifier().classify('my manager backed us', 'working')\n"
        "own = codebook_from_spec([{'id': 'food', 'name': 'Food', 'words': ['lunch']}])\n"
        "ThemeClassifier(own).classify('lunch was late', 'working')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'tools'))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"


def test_the_check_would_catch_an_import_hidden_in_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from slack_sdk.errors import SlackApiError\n")
    assert imported_modules(sample) == [(2, "slack_sdk.errors")]
