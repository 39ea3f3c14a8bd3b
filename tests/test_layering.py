"""The layers stay honest: the domain and the store know no chat platform, the wiring knows
adapters only by their interface, the installed code never imports tools/, and no module
imports itself round a circle.

    handlers/slack, handlers/teams   adapters: parse, call one use case, render
              |
    bot/ (wiring: config, app, scheduler, cli)
              |
    bot/domain/ (use cases, rules; the Messenger protocol)
              |
    storage/ (models, queries, migrations)
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "bot" / "domain"
STORAGE = ROOT / "storage"
PLATFORM_LIBRARIES = ("slack_bolt", "slack_sdk", "microsoft_agents", "botbuilder", "aiohttp")
INSTALLED = ("bot", "handlers", "storage")  # the packages the wheel ships
# Words that belong to one chat platform's format, never to the domain's text.
PLATFORM_WORDS = (
    "mrkdwn",
    "/copro",
    "Block Kit",
    '"blocks"',
    "Adaptive",
    "<@",
    "<#",
    "<!channel",
    "<!here",
)


def imported_modules(path: Path, *, top_level_only: bool = False) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (also inside functions and TYPE_CHECKING),
    or with ``top_level_only`` just those run when the module is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = _module_level(tree) if top_level_only else ast.walk(tree)
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _module_level(tree: ast.Module):
    """Statements run at import: the body, and inside top-level if/try (not TYPE_CHECKING)."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.If | ast.Try):
            stack += node.body + node.orelse + getattr(node, "handlers", [])
            stack += getattr(node, "finalbody", [])
        elif isinstance(node, ast.ExceptHandler):
            stack += node.body
        else:
            yield node


def offending(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    files = sorted(folder.rglob("*.py"))
    assert len(files) >= 5, folder  # the walk really found the code
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in files
        for line, module in imported_modules(path)
        if module.split(".")[0] in forbidden or module.startswith(forbidden)
    ]


def test_the_domain_imports_no_platform_library_and_no_adapter():
    assert offending(DOMAIN, (*PLATFORM_LIBRARIES, "handlers")) == []


def test_the_store_imports_no_platform_library_no_adapter_and_no_domain():
    assert offending(STORAGE, (*PLATFORM_LIBRARIES, "handlers", "bot")) == []


def test_the_domain_writes_no_sql():
    """Queries live in storage/: the domain takes a unit of work and calls them."""
    assert offending(DOMAIN, ("sqlalchemy",)) == []


def test_the_wiring_in_bot_imports_no_slack_class():
    wiring = [p for p in (ROOT / "bot").glob("*.py")]
    found = [
        f"{path.name}:{line} imports {module}"
        for path in wiring
        for line, module in imported_modules(path)
        if module.split(".")[0] in PLATFORM_LIBRARIES
    ]
    assert len(wiring) >= 5 and found == []


def test_the_domain_speaks_no_platform_vocabulary():
    """Commands and the app's name are written in ``bot.domain.wording``'s markup; only its
    one fixed rendering for hashing spells a platform's form."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {word!r}"
        for path in sorted(DOMAIN.rglob("*.py"))
        if path.name != "wording.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for word in PLATFORM_WORDS
        if word in line and not line.lstrip().startswith("#")
    ]
    assert found == []


def test_nothing_installed_imports_the_tools():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for package in INSTALLED
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, module in imported_modules(path)
        if module.split(".")[0] == "tools"
    ]
    assert found == []


def test_no_module_imports_itself_round_a_circle():
    graph = _import_graph()
    assert len(graph) > 50
    assert _cycles(graph) == []


def test_the_cycle_check_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_running_bot_loads_its_models_without_the_tools():
    """A fresh process that themes and assesses replies never imports tools/."""
    script = (
        "import sys\n"
        "from bot.domain.safeguarding import assess\n"
        "from bot.domain.theming import preload, classifier_for\n"
        "from bot.app import create_app\n"
        "preload()\n"
        "assess('I want to end it all')\n"
        "print(sorted(m for m in sys.modules if m == 'tools' or m.startswith('tools.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_check_would_catch_an_import_hidden_in_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from slack_sdk.errors import SlackApiError\n")
    assert (2, "slack_sdk.errors") in imported_modules(sample)
    assert imported_modules(sample, top_level_only=True) == []


def _import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports when it is imported."""
    paths = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for package in (*INSTALLED, "tools")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets = set()
        for _, module in imported_modules(path, top_level_only=True):
            while module and module not in paths:  # "a.b.name" -> the module "a.b"
                module = module.rpartition(".")[0]
            if module and module != name and not name.startswith(module + "."):
                targets.add(module)  # a package importing its own parts is not a circle
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found
