"""The CLI's commands are wired explicitly: every command module registers, nothing is skipped."""

from __future__ import annotations

from sbdesk.cli import main


def test_every_command_is_registered():
    parser, names = main.build_parser()
    assert {"demo", "report", "check", "export-xlsx", "import-xlsx", "new", "new-term"} <= names
    for module in main.COMMANDS:
        assert callable(module.register)
    args = parser.parse_args(["report", "x.sbplan", "--year", "2023", "--out", "r.pdf"])
    assert args.command == "report" and callable(args.func)
