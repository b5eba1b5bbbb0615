"""Guard rails of the house: a Qt-free core, a type-checked core, lint comments that mean something."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SBDESK = ROOT / "sbdesk"
#: Rooms that may use Qt: the widgets and the app start-up.
QT_ROOMS = ("sbdesk.ui", "sbdesk.app", "sbdesk.__main__")


def _modules() -> list[str]:
    names = []
    for path in sorted(SBDESK.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def test_every_non_ui_module_imports_without_qt():
    core = [n for n in _modules() if not n.startswith(QT_ROOMS)]
    assert "sbdesk.services.store" in core and "sbdesk.export.pdf.build" in core
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(len(sys.modules), qt)\n"
        "sys.exit(1 if qt else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_core_is_type_checked_clean():
    """mypy over models/, services/ and terms/ (configured in pyproject.toml [tool.mypy]),
    no module exempted and no blanket ``# type: ignore``."""
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["files"] == ["sbdesk/models", "sbdesk/services", "sbdesk/terms"]
    assert not any(o.get("ignore_errors") for o in mypy.get("overrides", []))
    blanket = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in mypy["files"]
        for path in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"#\s*type:\s*ignore(?!\[)", line)
    ]
    assert blanket == []
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Success: no issues found" in run.stdout


def test_noqa_comments_name_only_enabled_rules():
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"][
        "lint"
    ]
    enabled = tuple(lint["select"])
    bad = []
    for folder in ("sbdesk", "tests", "bench", "installer"):
        for path in (ROOT / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for codes in re.findall(r"#\s*noqa:\s*([A-Z0-9, ]+)", line):
                    for code in filter(None, (c.strip() for c in codes.split(","))):
                        prefix = re.match(r"[A-Z]+", code).group()
                        if prefix not in enabled:
                            bad.append(f"{path.relative_to(ROOT)}:{n}: {code}")
    assert bad == []
