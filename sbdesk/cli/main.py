"""The command line: ``sbdesk [FILE]`` opens the app; ``sbdesk COMMAND …`` runs a command.

The command modules are wired here explicitly (``COMMANDS``): each has a
``register(subparsers)`` that adds its sub-commands with ``set_defaults(func=…)``.
A command returns an exit code; a ``SbdeskError`` is printed (Korean) to stderr
with exit code 2 and nothing half-written.
"""

from __future__ import annotations

import argparse
import sys

from sbdesk.cli import document_commands, plan_commands, plan_setup_commands, workbook_commands
from sbdesk.services.errors import SbdeskError
from sbdesk.services.outputs import OutputExistsError

#: Every command module, in the order their commands are listed in ``--help``.
COMMANDS = (plan_commands, plan_setup_commands, document_commands, workbook_commands)


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked (importlib.metadata is slow)."""

    def __init__(
        self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None
    ):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from sbdesk import __version__

        print(f"sbdesk {__version__}")
        parser.exit()


def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The command parser and the names of its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="sbdesk",
        description="지역사회보장계획 시행계획·시행결과 작성 도구. 인자 없이 실행하면 앱을 엽니다.",
    )
    parser.add_argument("--version", action=_Version, help="프로그램 버전을 보이고 끝냅니다")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser, set(sub.choices)


def app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sbdesk", description="sbdesk 앱을 엽니다.")
    p.add_argument("file", nargs="?", help="열 계획 파일 (*.sbplan)")
    p.add_argument("--demo", action="store_true", help="내장 예시 계획(광진구 2023)을 엽니다")
    p.add_argument("--read-only", action="store_true", help="읽기 전용으로 엽니다")
    p.add_argument("--version", action=_Version, help="프로그램 버전을 보이고 끝냅니다")
    return p


def main(argv: list[str]) -> int:
    if argv[:1] == ["--version"]:  # answer at once, without importing every command
        from sbdesk import __version__

        print(f"sbdesk {__version__}")
        return 0
    parser, commands = build_parser()
    if not argv or argv[0] not in commands and argv[0] not in ("-h", "--help"):
        args = app_parser().parse_args(argv)
        from sbdesk.app import run_app

        return run_app(file=args.file, demo=args.demo, read_only=args.read_only)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except SbdeskError as exc:
        print(f"오류: {exc}", file=sys.stderr)
        if isinstance(exc, OutputExistsError) and hasattr(args, "force"):
            print("덮어쓰려면 --force를 붙이세요.", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("중단했습니다.", file=sys.stderr)
        return 130
