"""The Teams app package: a manifest that validates against the v1.17 schema (a subset
transcribed into tests/fixtures, see its $comment: the published schema cannot be fetched
here), and the two icons Teams asks for."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import jsonschema
import pytest

from bot.cli import main
from handlers.teams.package import build

APP_ID = "4a2f7b1c-3d5e-4f60-8a9b-0c1d2e3f4a5b"
SCHEMA = Path(__file__).parent / "fixtures" / "teams_manifest_v1.17.subset.schema.json"


def _pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, kind = struct.unpack(">IIBB", data[16:26])
    assert (depth, kind) == (8, 6)  # 8-bit RGBA
    idat, at = b"", 8
    while at < len(data):
        (length,), name = struct.unpack(">I", data[at : at + 4]), data[at + 4 : at + 8]
        if name == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    pixels = [
        tuple(raw[row * stride + 1 + 4 * x : row * stride + 5 + 4 * x])
        for row in range(height)
        for x in range(width)
    ]
    return width, height, pixels


def test_the_package_has_a_valid_manifest_and_the_icons_teams_wants(tmp_path, monkeypatch):
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    monkeypatch.setenv("TEAMS_TENANT_ID", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")
    monkeypatch.setenv("TEAMS_APP_PASSWORD", "a-secret")
    out = tmp_path / "copro-bot.zip"
    assert main(["teams", "package", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        color = _pixels(package.read("color.png"))
        outline = _pixels(package.read("outline.png"))
    jsonschema.validate(manifest, json.loads(SCHEMA.read_text()))
    assert manifest["$schema"].endswith("/v1.17/MicrosoftTeams.schema.json")
    (bot,) = manifest["bots"]
    assert bot["botId"] == manifest["id"] == APP_ID
    assert bot["scopes"] == ["personal", "team"] and bot["supportsFiles"] is True
    assert color[:2] == (192, 192) and outline[:2] == (32, 32)
    # The outline icon: white where drawn, fully transparent everywhere else.
    assert {p for p in outline[2]} == {(255, 255, 255, 255), (0, 0, 0, 0)}
    assert all(p[3] == 255 for p in color[2])  # the colour icon is opaque


def test_the_schema_subset_refuses_a_broken_manifest():
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(build(app_id=APP_ID))).read("manifest.json"))
    manifest["bots"][0]["scopes"] = ["everyone"]
    del manifest["developer"]["privacyUrl"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(manifest, json.loads(SCHEMA.read_text()))


def test_packaging_without_an_app_id_says_what_to_set(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TEAMS_APP_ID", raising=False)
    assert main(["teams", "package", "--out", str(tmp_path / "x.zip")]) == 2
    assert "TEAMS_APP_ID" in capsys.readouterr().err


def test_the_manifest_checker_passes_the_package_and_names_each_fault(tmp_path, capsys):
    """tools/teams/check_manifest.py checks against the published schema when given it; here
    against the transcribed subset, the one this repository can carry."""
    from tools.teams.check_manifest import main as check

    assert check(["--schema", str(SCHEMA)]) == 0
    broken = json.loads(zipfile.ZipFile(io.BytesIO(build(app_id=APP_ID))).read("manifest.json"))
    del broken["id"]
    broken["bots"][0]["scopes"] = ["personal", "everyone"]
    package = tmp_path / "broken.zip"
    with zipfile.ZipFile(package, "w") as out:
        out.writestr("manifest.json", json.dumps(broken))
    assert check(["--schema", str(SCHEMA), "--package", str(package)]) == 1
    said = capsys.readouterr().out
    assert "'id' is a required property" in said and "'everyone' is not one of" in said
