"""The wheel ships the bot and what it reads at run time, never the held-out sets or tools/.

Read from pyproject.toml the way setuptools reads it (package discovery, then package-data)
rather than by building a wheel: a build needs a backend newer than the one a test run can
count on, and takes seconds.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.domain.filing import model as filing_model
from bot.domain.safeguarding import learned
from bot.domain.themes import classifier, training

setuptools = pytest.importorskip("setuptools", reason="package discovery is setuptools'")

ROOT = Path(__file__).resolve().parents[1]
# What the running bot reads: the three trained models, and the training set a programme's own
# codebook is trained on (and codebook_version hashes).
RUNTIME_ASSETS = {classifier.SHIPPED_MODEL, learned.SHIPPED, filing_model.SHIPPED, training.PATH}
NEVER_SHIPPED = ("tools", "tests", "bench")


def read_config(root: Path) -> dict:
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["tool"]["setuptools"]


def shipped(root: Path, config: dict) -> tuple[list[str], set[Path]]:
    """The packages setuptools finds, and the non-code files package-data adds to them."""
    find = config["packages"]["find"]
    assert find.get("where", ["."]) == ["."], "this check reads packages from the root only"
    finder = (
        setuptools.find_namespace_packages
        if find.get("namespaces", True)  # pyproject's default
        else setuptools.find_packages
    )
    include, exclude = find.get("include", ["*"]), find.get("exclude", ())
    packages = finder(str(root), include=include, exclude=exclude)
    data = config.get("package-data", {})
    files = set()
    for package in packages:
        folder = root.joinpath(*package.split("."))
        for pattern in [*data.get(package, []), *data.get("*", []), *data.get("", [])]:
            files |= {p.resolve() for p in folder.glob(pattern) if p.is_file()}
    return packages, files


PACKAGES, DATA_FILES = shipped(ROOT, read_config(ROOT))


def test_no_tool_test_or_bench_module_is_a_shipped_package():
    assert "bot" in PACKAGES and "bot.domain.themes" in PACKAGES  # discovery really ran
    wrong = [p for p in PACKAGES if p.split(".")[0] in NEVER_SHIPPED]
    assert wrong == []


def test_the_trained_weights_and_the_training_set_ship():
    missing = {str(p.relative_to(ROOT)) for p in RUNTIME_ASSETS if p.resolve() not in DATA_FILES}
    assert missing == set()


def test_the_only_jsonl_that_ships_is_the_themes_training_set():
    assert {p for p in DATA_FILES if p.suffix == ".jsonl"} == {training.PATH.resolve()}


def test_no_labelled_or_held_out_file_lies_inside_a_shipped_package():
    """Not even where include_package_data (on by default) could pick it up unlisted."""
    folders = {ROOT.joinpath(*p.split(".")) for p in PACKAGES}
    inside = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.jsonl")
        if path.parent in folders and path != training.PATH
    ]
    assert inside == []
    assert list((ROOT / "tools").rglob("held_out*.jsonl"))  # the walk really found the sets


def test_the_check_would_catch_tools_or_held_out_data_in_the_wheel(tmp_path):
    for folder in ("bot", "tools/safeguarding"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "bot" / "held_out.jsonl").write_text("{}\n")
    config = {
        "packages": {"find": {"include": ["bot*", "tools*"]}},
        "package-data": {"bot": ["*.jsonl"]},
    }
    packages, files = shipped(tmp_path, config)
    assert "tools.safeguarding" in packages
    assert files == {(tmp_path / "bot" / "held_out.jsonl").resolve()}
