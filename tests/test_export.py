"""The evaluation export opens in a spreadsheet, carries themes and roles, and names no
anonymous author."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook
from sqlalchemy import update

from bot.cli import main
from bot.domain.export import COLUMNS, export_csv, export_xlsx
from handlers.slack.sandbox.answers import form_state
from storage.models import Member
from tests.conftest import SMALL_PROGRAMME

ROLES = SMALL_PROGRAMME.replace(
    "{slack: U0MEMBER01, name: Sam}", "{slack: U0MEMBER01, name: Sam, role: carer}"
)


def answered(harness):
    harness.load(ROLES)
    from tests.conftest import DAY_ONE_PROMPT

    harness.clock.set(DAY_ONE_PROMPT)
    harness.services.run_due()
    deliveries = harness.deliveries()
    values = form_state(
        '=HYPERLINK("http://x")', "Managers never give us time to attend", usage="unnamed"
    )
    harness.slack.submit_view(
        "U0MEMBER01",
        callback_id="copro_answer_form",
        private_metadata=json.dumps({"delivery_id": int(deliveries["U0MEMBER01"])}),
        values=values,
    )
    harness.api.wait_for("chat.update")
    harness.reply("U0MEMBER02", "The co-chair made everyone welcome", "EvX")
    harness.choose_usage("U0MEMBER02", "named")


def test_export_rows_carry_theme_and_role_and_no_anonymous_member(harness):
    answered(harness)
    raw = export_csv(harness.store, programme_id=1)
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    anonymous = [r for r in rows if r["anonymous"] == "yes"]
    assert anonymous and all(r["member"] == "" for r in anonymous)
    # One unnamed author in the team: their team and role would point at them, so neither shows.
    assert all(r["role"] == "" and r["team"] == "" for r in anonymous)
    # The member is named as the facilitator knows them, never by a chat ID.
    assert {r["member"] for r in rows if r["anonymous"] == "no"} == {"Ali"}
    assert "U0MEMBER02" not in raw.decode("utf-8-sig")
    assert any(r["answer"].startswith("'=HYPERLINK") for r in rows)  # inert, not a formula
    time_row = next(r for r in rows if "Managers" in r["answer"])
    assert time_row["theme"] and time_row["iso_week"] == "2024-W19"


def test_export_as_a_spreadsheet_opens_with_openpyxl(harness):
    answered(harness)
    book = load_workbook(io.BytesIO(export_xlsx(harness.store, programme_id=1)))
    sheet = book["Reflections"]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == list(COLUMNS)
    assert sheet.max_row == 4


def test_slash_export_sends_the_csv_to_the_facilitator_only(harness):
    answered(harness)
    assert "only the programme's facilitators" in harness.slack.command("U0MEMBER02", "export").body
    harness.slack.command("U0FACIL001", "export")
    upload = harness.api.wait_for("file_upload")[0]
    assert upload.params["size"] > 100
    done = harness.api.wait_for("files.completeUploadExternal")[0].params
    assert done["channel_id"] == "D0FACIL001"


def test_copro_bot_export_writes_a_csv_file(tmp_path, monkeypatch, capsys):
    programme = tmp_path / "p.yaml"
    programme.write_text(SMALL_PROGRAMME)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert main(["programme", "load", str(programme)]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", "--out", str(out)]) == 0
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    assert f"Wrote 0 rows to {out}." in capsys.readouterr().out
    assert main(["export", "--programme", "Nope"]) == 1
    assert "Say which programme" in capsys.readouterr().err


def exported_by_the_command(harness, tmp_path, monkeypatch, *args: str) -> list[dict]:
    """``copro-bot export ARGS`` on the harness's store; the rows of the CSV it wrote."""
    answered(harness)
    monkeypatch.setenv("DATABASE_URL", harness.store.url)
    out = tmp_path / "out.csv"
    assert main(["export", "--out", str(out), *args]) == 0
    return list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))


def test_the_export_says_how_many_rows_it_wrote(harness, tmp_path, monkeypatch, capsys):
    rows = exported_by_the_command(harness, tmp_path, monkeypatch)
    assert len(rows) == 3
    assert f"Wrote 3 rows to {tmp_path / 'out.csv'}." in capsys.readouterr().out


def test_the_export_takes_its_format_from_the_file_name(harness, tmp_path, monkeypatch, capsys):
    answered(harness)
    monkeypatch.setenv("DATABASE_URL", harness.store.url)
    sheet = tmp_path / "reflections.XLSX"
    assert main(["export", "--out", str(sheet)]) == 0
    assert load_workbook(sheet)["Reflections"].max_row == 4
    assert main(["export", "--xlsx", "--out", str(tmp_path / "also.xlsx")]) == 0  # still works
    assert main(["export", "--out", str(tmp_path / "notes.txt")]) == 1
    assert "--out should end in .csv or .xlsx" in capsys.readouterr().err
    assert main(["export", "--xlsx", "--out", str(tmp_path / "x.csv")]) == 1
    assert "drop one of them" in capsys.readouterr().err


def test_the_role_column_says_facilitator_for_a_facilitator_s_answer(harness):
    answered(harness)
    with harness.store.transaction() as session:  # Ali also facilitates
        session.execute(
            update(Member).where(Member.display_name == "Ali").values(role="facilitator")
        )
    rows = list(csv.DictReader(io.StringIO(export_csv(harness.store, programme_id=1).decode())))
    assert {r["role"] for r in rows if r["member"] == "Ali"} == {"facilitator"}
    # Sam, the team's one unnamed author: a role beside those rows would point at him.
    assert {r["role"] for r in rows if r["member"] != "Ali"} == {""}


def test_one_person_s_export_holds_all_their_words_for_a_subject_access_request(
    harness, tmp_path, monkeypatch, capsys
):
    rows = exported_by_the_command(harness, tmp_path, monkeypatch, "--member", "U0MEMBER01")
    # Sam chose "quote me without my name" for the digest, but these are their own words.
    assert len(rows) == 2 and {r["member"] for r in rows} == {"Sam"}
    assert {r["answer"] for r in rows} == {
        '\'=HYPERLINK("http://x")',
        "Managers never give us time to attend",
    }
    assert "of U0MEMBER01's answers, in their own words," in capsys.readouterr().out
    assert main(["export", "--member", "nobody@example.org"]) == 1
    assert "Nobody in 'Test programme' is known as 'nobody@example.org'" in capsys.readouterr().err
