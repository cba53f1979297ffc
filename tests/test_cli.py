"""`ntm --help` documents every subcommand; each subcommand has its own help."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ntm_analysis import cli


def _subcommands() -> dict[str, str]:
    parser = cli.make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return {name: p.description or "" for name, p in action.choices.items()}


def test_help_lists_every_subcommand_with_a_description():
    out = subprocess.run(
        [sys.executable, "-m", "ntm_analysis", "--help"], capture_output=True, text=True, check=True
    ).stdout
    subs = _subcommands()
    assert {"build", "criteria", "report"} <= set(subs)
    for name, description in subs.items():
        assert name in out
        assert len(description) > 40, f"`ntm {name}` needs a real description"


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_each_subcommand_help(name, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([name, "--help"])
    assert exc.value.code == 0
    assert f"usage: ntm {name}" in capsys.readouterr().out


def test_no_command_prints_help_and_fails(capsys):
    assert cli.main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_map_and_check_facts_commands_end_to_end(tmp_path, capsys):
    from ntm_analysis import paths
    from ntm_analysis.build import build

    out = tmp_path / "processed"
    build(paths.RAW, out, verbose=False)
    built = (out / "consistency.csv").read_text(encoding="utf-8-sig").splitlines()
    assert cli.main(["check-facts", "--processed", str(out)]) == 0
    assert f"{len(built) - 1} finding(s)" in capsys.readouterr().out  # the build's findings
    assert cli.main(["check-facts", "--processed", str(out), "--strict"]) == 1
    html = tmp_path / "bacson.html"
    args = ["map", "--area", "Bắc Sơn", "--processed", str(out), "--out", str(html)]
    assert cli.main(args) == 0
    assert "18 communes" in capsys.readouterr().out
    assert html.is_file() and "Bắc Sơn" in html.read_text(encoding="utf-8")
    assert cli.main(["map", "--area", "Atlantis", "--processed", str(out), "--out", str(html)]) == 1


def test_every_command_has_its_owner_module():
    """`ntm CMD` imports only the module that owns CMD; the owner map must be complete."""
    for name in _subcommands():
        owner = cli.COMMAND_OWNERS[name]
        parser = cli.make_parser([owner])
        action = next(a for a in parser._actions if a.dest == "command")
        assert name in action.choices
    assert set(cli.COMMAND_OWNERS.values()) == set(cli.COMMAND_MODULES)
