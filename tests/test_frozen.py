"""The Windows-ready bundle: installer/ files checked fast, then the frozen app built and run.

The ``slow`` tests build ``dist/sbdesk`` with ``installer/build.sh`` when it is
missing or older than any source (about 40 s here), then run the frozen
executable headless like on an office PC: a fake home folder, no network
(``unshare --net``), Qt offscreen. They check the demo plan, the summary, the
results report PDF (read back with pdftotext), the GUI start in installed and
portable mode, and that nothing is written outside sbdesk's own folders.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
BUNDLE = ROOT / "dist" / "sbdesk"
EXE = BUNDLE / ("sbdesk.exe" if os.name == "nt" else "sbdesk")
STAMP = ROOT / "build" / "pyinstaller" / "sbdesk-built-at"
BUILD_INPUTS = ("sbdesk", "installer", "pyproject.toml")
DEMO_NAME = "광진구-2023-예시.sbplan"

sys.path.insert(0, str(INSTALLER))
import version_info  # noqa: E402

sys.path.remove(str(INSTALLER))


def _pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


# --------------------------------------------------------------------------- fast checks


def test_version_numbers_for_windows():
    assert version_info.read_version() == _pyproject_version()
    assert version_info.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert version_info.numeric_version("1.12.3.4") == (1, 12, 3, 4)
    assert version_info.numeric_version("2.0rc1") == (2, 0, 0, 0)
    with pytest.raises(ValueError):
        version_info.numeric_version("70000.1")
    with pytest.raises(ValueError):
        version_info.numeric_version("dev")


def test_version_resource_text_is_the_structure_pyinstaller_evals():
    text = version_info.version_file_text("0.1.0", "sbdesk-cli.exe")
    call = ast.parse(text, mode="eval").body  # PyInstaller eval()s exactly this
    assert isinstance(call, ast.Call) and call.func.id == "VSVersionInfo"
    kw = {k.arg: k.value for k in call.keywords}
    ffi = {k.arg: ast.literal_eval(k.value) for k in kw["ffi"].keywords}
    assert ffi["filevers"] == ffi["prodvers"] == (0, 1, 0, 0)
    strings = {
        node.args[0].value: node.args[1].value
        for node in ast.walk(kw["kids"])
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct"
    }
    assert strings["ProductVersion"] == strings["FileVersion"] == "0.1.0"
    assert strings["OriginalFilename"] == "sbdesk-cli.exe"
    assert strings["ProductName"] == "sbdesk"
    assert "041204B0" in text and "[0x0412, 1200]" in text  # Korean, UTF-16


def test_spec_collects_what_the_frozen_app_needs():
    spec = (INSTALLER / "sbdesk.spec").read_text(encoding="utf-8")
    assert 'collect_data_files("reportlab")' in spec  # the first-PDF trap
    assert 'collect_submodules("sbdesk")' in spec  # command and UI modules imported by name
    assert '(str(ROOT / "sbdesk" / "assets"), "sbdesk/assets")' in spec  # the package data
    assert 'copy_metadata("sbdesk")' in spec
    assert 'read_version(ROOT / "pyproject.toml")' in spec
    # Qt's Korean texts (qtbase_ko.qm: file dialogs, standard buttons) stay in the bundle
    assert '("_ko.", "_en.")' in spec and '"/translations/"' in spec


def test_inno_setup_script_is_per_user_and_keeps_data():
    raw = (INSTALLER / "sbdesk.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Korean text read right by every ISCC 6
    iss = raw.decode("utf-8-sig")
    setup = dict(
        line.split("=", 1)
        for line in iss.split("[Setup]", 1)[1].split("\n[", 1)[0].splitlines()
        if "=" in line and not line.startswith(";")
    )
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\{#AppName}"
    assert setup["ChangesAssociations"] == "yes"
    assert setup["SetupIconFile"] == r"..\resources\icons\sbdesk.ico"
    assert (INSTALLER / setup["SetupIconFile"].replace("\\", "/")).is_file()
    registry = iss.split("[Registry]", 1)[1].split("\n[", 1)[0]
    assert "HKLM" not in registry and "HKCR" not in registry and "HKA" not in registry
    assert r'Root: HKCU; Subkey: "Software\Classes\.sbplan"' in registry
    assert r'"""{app}\{#AppExe}"" ""%1"""' in registry
    assert "{autoprograms}" in iss and "{uninstallexe}" in iss
    code = iss.split("[Code]", 1)[1]
    assert "usPostUninstall" in code and "MB_DEFBUTTON2" in code  # asks, default: keep
    assert r"{localappdata}\sbdesk" in code
    # The data folder the uninstaller asks about is the one platformdirs gives on Windows.
    assert 'user_data_dir("sbdesk", appauthor=False)' in (ROOT / "sbdesk" / "paths.py").read_text()


def test_build_scripts_are_in_step():
    sh = (INSTALLER / "build.sh").read_text(encoding="utf-8")
    ps1 = (INSTALLER / "build.ps1").read_text(encoding="utf-8")
    assert os.access(INSTALLER / "build.sh", os.X_OK)
    for script in (sh, ps1):
        assert "installer/sbdesk.spec" in script.replace("\\", "/")
        assert "[build]" in script
        assert "portable.txt" in script
    assert ps1.isascii()  # Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page
    assert "/DAppVersion=" in ps1


# --------------------------------------------------------------------------- the bundle


def _newest_input() -> float:
    newest = 0.0
    for name in BUILD_INPUTS:
        base = ROOT / name
        files = [base] if base.is_file() else base.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
                newest = max(newest, f.stat().st_mtime)
    return newest


def _bundle_is_fresh() -> bool:
    if not (EXE.is_file() and STAMP.is_file()):
        return False
    return float(STAMP.read_text()) >= _newest_input()


@pytest.fixture(scope="module")
def bundle() -> Path:
    """dist/sbdesk, built by installer/build.sh unless an up-to-date build is there."""
    import fcntl  # the bundle tests run on Linux (build.sh, unshare); imported here only

    STAMP.parent.mkdir(parents=True, exist_ok=True)
    with open(STAMP.parent / "frozen-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time, even across pytest runs
        if not _bundle_is_fresh():
            started = time.time()
            run = subprocess.run(
                ["bash", str(INSTALLER / "build.sh")], cwd=ROOT, capture_output=True, text=True
            )
            assert run.returncode == 0, (
                f"build.sh failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
            )
            print(run.stdout.strip().splitlines()[-1])
            STAMP.write_text(repr(started))
        assert EXE.is_file()
    return BUNDLE


def _network_isolation() -> list[str]:
    """A prefix that runs a command in a network namespace with no way out."""
    for prefix in (["unshare", "--net"], ["unshare", "--map-root-user", "--net"]):
        try:
            if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
                return prefix
        except FileNotFoundError:
            break
    pytest.fail("cannot isolate the network: `unshare --net` needs root or user namespaces")


def _snapshot(*roots: Path) -> set[Path]:
    return {p for root in roots for p in root.rglob("*")}


class Sandbox:
    """A fake office PC: own home, temp and work folders; no network; Qt offscreen."""

    def __init__(self, base: Path, exe: Path):
        self.exe = exe
        self.home = base / "home"
        self.tmp = base / "tmp"
        self.work = base / "work"
        self.runtime = base / "runtime"
        for d in (self.home, self.tmp, self.work, self.runtime):
            d.mkdir(parents=True)
        self.runtime.chmod(0o700)
        self.net = _network_isolation()
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "TMPDIR": str(self.tmp),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.user_data = self.home / ".local" / "share" / "sbdesk"
        self.user_config = self.home / ".config" / "sbdesk"

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.net, str(self.exe), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [*self.net, str(self.exe), *args],
            cwd=self.work,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def _pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
def test_frozen_commands_offline(bundle, tmp_path):
    box = Sandbox(tmp_path, EXE)
    watched = (tmp_path, bundle)
    before = _snapshot(*watched)

    version = box.run("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"sbdesk {_pyproject_version()}"

    demo = box.run("demo", "계획.sbplan")
    assert demo.returncode == 0, demo.stderr
    assert "사업 44개" in demo.stdout
    plan = box.work / "계획.sbplan"
    assert plan.read_bytes()[:16] == b"SQLite format 3\x00"

    again = box.run("demo", "계획.sbplan")
    assert again.returncode == 2 and "이미 있는 파일입니다" in again.stderr

    summary = box.run("summary", "계획.sbplan", "--year", "2023", "--json")
    assert summary.returncode == 0, summary.stderr
    data = json.loads(summary.stdout)
    assert {s["system"]: s["projects"] for s in data["systems"]} == {"I": 28, "II": 16}
    assert len(data["projects"]) == 44
    first = next(p for p in data["projects"] if p["code"] == "I-1-1")
    assert first["name"] == "200가구 보듬기 사업"
    assert first["achievement"] == 124.1  # computed: 211 households of a target of 170

    report = box.run(
        "report", "계획.sbplan", "--year", "2023", "--kind", "results", "--out", "결과.pdf"
    )
    assert report.returncode == 0, report.stdout + report.stderr
    pdf = box.work / "결과.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = _pdf_text(pdf)
    assert "200가구보듬기사업" in _squash(text)  # Korean text embedded with the bundled fonts
    # I-1-1's row in the overview table carries its computed achievement rate (211 of 170).
    rows = [line for line in text.splitlines() if "I-1-1" in line and "보듬기" in line]
    assert rows and any("124.1%" in row for row in rows), rows

    # Nothing written outside the work folder the commands were given (no cache, no
    # settings, no temp file left), and nothing inside the bundle.
    created = sorted(p for p in _snapshot(*watched) - before if not p.is_dir())
    outside = [p for p in created if box.work not in p.parents]
    assert outside == [], f"frozen commands wrote outside their output: {outside}"
    assert {p.name for p in created} == {"계획.sbplan", "결과.pdf"}


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if path.is_file() and path.stat().st_size > 0:
            return time.monotonic() - start
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the app exited ({proc.returncode}) before writing {path}:\n{out}\n{err}")
        time.sleep(0.1)
    pytest.fail(f"{path} not written within {timeout} s")


def _stop(proc: subprocess.Popen) -> tuple[str, str]:
    if proc.poll() is None:
        time.sleep(1.0)  # let the window settle; it must still be running
        assert proc.poll() is None, proc.communicate()
        proc.terminate()
    try:
        return proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()


@pytest.mark.slow
def test_frozen_app_starts_with_data_in_the_user_folder(bundle, tmp_path):
    box = Sandbox(tmp_path, EXE)
    before = _snapshot(tmp_path, bundle)
    proc = box.start("--demo")
    _wait_for(box.user_data / DEMO_NAME, proc)
    out, err = _stop(proc)
    assert "Traceback" not in err, err
    created = [p for p in _snapshot(tmp_path, bundle) - before if not p.is_dir()]
    allowed = (box.user_data, box.user_config, box.runtime)
    stray = [p for p in created if not any(a in p.parents for a in allowed)]
    assert stray == [], f"the app wrote outside its data folders: {stray}"


@pytest.mark.slow
def test_frozen_app_portable_keeps_data_beside_the_program(bundle, tmp_path):
    portable = tmp_path / "USB" / "sbdesk"
    shutil.copytree(bundle, portable, symlinks=True)
    (portable / "portable.txt").write_text("sbdesk portable\n", encoding="utf-8")
    box = Sandbox(tmp_path / "pc", portable / EXE.name)
    proc = box.start("--demo")
    _wait_for(portable / "data" / DEMO_NAME, proc)
    _stop(proc)
    home_files = [p for p in box.home.rglob("*") if p.is_file()]
    assert home_files == [], f"portable mode wrote into the home folder: {home_files}"
    assert not box.user_data.exists()
