"""The CLI's general behaviour: help, ids, messages, exit codes, no surprises in pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from lagebild.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_help_is_whole_and_its_example_is_real():
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    assert "…" not in res.output and "..." not in res.output.replace("[ARGS]...", "")
    assert "lagebild analyze examples/articles" in res.output
    assert (ROOT / "examples" / "articles").is_dir()
    for cmd in ("analyze", "watch", "export", "outlets", "stories", "show"):
        sub = runner.invoke(app, [cmd, "--help"])
        assert sub.exit_code == 0 and "…" not in sub.output, cmd
    assert "--allow-private-urls" in runner.invoke(app, ["analyze", "--help"]).output


def test_help_in_a_narrow_and_a_wide_pipe():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for cols in ("40", "200"):
        out = subprocess.run([sys.executable, "-m", "lagebild", "watch", "--help"], capture_output=True, text=True,
                             env={**env, "COLUMNS": cols}, check=True).stdout
        assert "--allow-private-urls" in out and "…" not in out


def test_shell_completion():
    from typer._completion_shared import get_completion_script

    # the script `lagebild --install-completion` installs (shell named, so no shell detection)
    script = get_completion_script(prog_name="lagebild", complete_var="_LAGEBILD_COMPLETE", shell="bash")
    assert "_LAGEBILD_COMPLETE=complete_bash" in script
    # and what the shell gets back when it asks
    res = runner.invoke(app, [], prog_name="lagebild",
                        env={"_LAGEBILD_COMPLETE": "complete_bash", "COMP_WORDS": "lagebild ex", "COMP_CWORD": "1"})
    assert res.exit_code == 0 and res.output.split() == ["extract", "export"]
    res = runner.invoke(app, [], prog_name="lagebild",
                        env={"_LAGEBILD_COMPLETE": "complete_bash", "COMP_WORDS": "lagebild outlets s", "COMP_CWORD": "2"})
    assert res.output.split() == ["set"]
    assert "--install-completion" in runner.invoke(app, ["--help"]).output


def test_analyze_the_examples_folder_skips_non_articles(example_copy, tmp_path):
    res = runner.invoke(app, ["analyze", str(ROOT / "examples"), "--db", str(example_copy), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert "PLANTED.json: not an article file" in res.output and "failed" not in res.output
    # the summary is one line, however long (no hard wrapping in pipes)
    assert any(len(line) > 100 and "written to" in line for line in res.output.splitlines())


def test_stories_full_ids_search_and_show_prefix(example_copy):
    res = runner.invoke(app, ["stories", "--db", str(example_copy), "--json"])
    ids = [s["id"] for s in json.loads(res.stdout)["stories"]]
    res = runner.invoke(app, ["stories", "--db", str(example_copy)])
    assert res.exit_code == 0
    for i in ids:
        assert i in res.stdout
    res = runner.invoke(app, ["stories", "-s", "Putin", "--db", str(example_copy)])
    assert res.exit_code == 0 and "no story matches 'Putin'" in res.output and "No stories yet" not in res.output
    sid = ids[0]
    res = runner.invoke(app, ["show", sid[:7], "--json", "--db", str(example_copy)])
    assert res.exit_code == 0 and json.loads(res.stdout)["story"]["id"] == sid
    res = runner.invoke(app, ["show", "s-", "--db", str(example_copy)])
    assert res.exit_code == 2 and "matches" in res.output


def test_read_commands_refuse_a_missing_store(tmp_path):
    db = tmp_path / "tippfehler.db"
    for args in (["stories"], ["show", "s-x"], ["export", "--out", str(tmp_path / "e")], ["outlets", "list"]):
        res = runner.invoke(app, [*args, "--db", str(db)])
        assert res.exit_code == 2 and "no store at" in res.output, args
    assert not db.exists()


def test_messages_are_verbatim_and_schemes_named(tmp_path):
    from lagebild.store import open_store

    open_store(tmp_path / "x.db").close()
    res = runner.invoke(app, ["show", "[red]x[/red] lagebild[postgres]", "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "'[red]x[/red] lagebild[postgres]'" in res.output
    res = runner.invoke(app, ["stories", "--db", "mysql://x"])
    assert res.exit_code == 2 and "unsupported database URL scheme 'mysql'" in res.output
    res = runner.invoke(app, ["analyze", str(tmp_path), "--db", str(tmp_path / "fehlt" / "x.db")])
    assert res.exit_code == 2 and "does not exist" in res.output


def test_no_report_when_every_input_fails(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "leer.txt").write_text("", "utf-8")
    (tmp_path / "in" / "kaputt.json").write_text("{", "utf-8")
    out = tmp_path / "o"
    res = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", str(tmp_path / "x.db"), "--out", str(out)])
    assert res.exit_code == 1
    assert "no report written" in res.output and "written to" not in res.output
    assert not out.exists()
