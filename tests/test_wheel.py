"""The built wheel is a whole program: installed in a fresh venv it makes the demo and a report.

The wheel is built offline from a copy of the source (``pip wheel --no-build-isolation``,
so nothing is fetched), installed with ``--no-deps`` into a new venv whose only
other path is this venv's site-packages (for the dependencies; the editable
install of the checkout is NOT activated there), and run from an empty folder
with a fake home — so fonts and the demo can only come from the wheel itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(cmd, **kw) -> subprocess.CompletedProcess:
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    assert run.returncode == 0, f"{cmd}\n{run.stdout}\n{run.stderr}"
    return run


def test_wheel_installs_and_runs_demo_and_report(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "sbdesk", src / "sbdesk", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(src)],
        cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = dist.glob("sbdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for need in (
        "sbdesk/assets/fonts/NanumGothic.ttf",
        "sbdesk/assets/fonts/LICENSE-Nanum-OFL.txt",
        "sbdesk/assets/demo/gwangjin-2023/plan.json",
        "sbdesk/assets/icons/sbdesk-32.png",
        "sbdesk/assets/licenses/THIRD_PARTY.txt",
    ):
        assert need in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.check_output(
            [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    # the dependencies come from this venv; its .pth files (the editable sbdesk) are not run
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)]
    )

    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
        "PYTHONPATH": "",
        "QT_QPA_PLATFORM": "offscreen",
    }
    where = _run([py, "-c", "import sbdesk, sys; print(sbdesk.__file__)"], cwd=work, env=env)
    assert Path(where.stdout.strip()).is_relative_to(env_dir)  # the wheel, not the checkout
    exe = env_dir / ("Scripts/sbdesk.exe" if os.name == "nt" else "bin/sbdesk")
    _run([exe, "demo", "X.sbplan"], cwd=work, env=env)
    assert (work / "X.sbplan").is_file()
    _run([exe, "report", "X.sbplan", "--year", "2023", "--out", "r.pdf"], cwd=work, env=env)
    reader = PdfReader(work / "r.pdf")
    assert len(reader.pages) > 20
    fonts = {
        str(f.get("/BaseFont"))
        for page in reader.pages[:3]
        for f in (page["/Resources"].get("/Font") or {}).values()
        for f in [f.get_object()]
    }
    assert any("Nanum" in f for f in fonts), fonts  # the bundled font, from the wheel
    text = reader.pages[0].extract_text() + reader.pages[1].extract_text()
    assert "광진구" in text
