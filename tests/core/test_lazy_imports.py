"""Read-only paths never import the ORM, Qt, openpyxl or reportlab they do not use."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sbdesk.services.demo import build_demo

HEAVY = ("sqlalchemy", "sqlmodel", "PySide6", "openpyxl", "reportlab")


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted({k.split('.')[0] for k in sys.modules})))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    ).stdout.split("\n")[-2]
    return set(out.split())


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("lazy") / "demo.sbplan"
    build_demo(path).close()
    return path


def test_help_imports_nothing_heavy():
    loaded = _loaded_after(
        "import contextlib, io\nfrom sbdesk.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_summary_reads_without_the_orm(demo_path):
    loaded = _loaded_after(
        "import contextlib, io\nfrom sbdesk.cli.main import main\nbuf = io.StringIO()\n"
        f"with contextlib.redirect_stdout(buf):\n    rc = main(['summary', {str(demo_path)!r}, "
        "'--year', '2023'])\nassert rc == 0 and '평균 달성률' in buf.getvalue(), buf.getvalue()"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_core_modules_import_without_the_orm():
    loaded = _loaded_after(
        "import sbdesk.models, sbdesk.models.types, sbdesk.services.compute, "
        "sbdesk.services.read_model, sbdesk.services.reader, sbdesk.services.planfile"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_tables_still_load_on_first_use():
    loaded = _loaded_after("from sbdesk import models as m\nassert len(m.ALL_TABLES) > 20")
    assert "sqlmodel" in loaded


def test_results_report_and_check_without_the_orm(demo_path, tmp_path):
    """``sbdesk report`` (results, with its 초안 check) and ``check`` over plain rows:
    no SQLAlchemy/sqlmodel, Qt or openpyxl — only reportlab, which draws the PDF."""
    out = tmp_path / "r.pdf"
    loaded = _loaded_after(
        "import contextlib, io\nfrom sbdesk.cli.main import main\n"
        "from sbdesk.services.check import run_checks\nfrom sbdesk.services.reader import PlanReader\n"
        f"rc = main(['report', {str(demo_path)!r}, '--year', '2023', '--out', {str(out)!r}])\n"
        f"assert rc == 0\nassert run_checks(PlanReader({str(demo_path)!r}), 2023)\n"
        "import sys\nassert 'importlib.metadata' not in sys.modules"
    )
    assert out.stat().st_size > 100_000
    assert "reportlab" in loaded
    assert not loaded & set(HEAVY[:4]), loaded & set(HEAVY[:4])
