#!/usr/bin/env python3
"""Set up and run sbdesk from a checkout: ``python3 dev.py run`` / ``python3 dev.py test``.

- ``run [ARGS…]``: creates ``.venv/`` at the repository root if needed, installs
  sbdesk with its dependencies, and opens the app (on the built-in demo plan
  when no ARGS are given).
- ``test [PYTEST ARGS…]``: the same set-up, then the whole test suite (Qt
  offscreen). Exit code 5 ("no tests ran") is turned into a failure.

On Linux a fresh machine lacks the system libraries Qt loads; as root with
apt-get they are installed, otherwise the missing ones are named.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".sbdesk-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")

# Debian packages Qt (xcb/offscreen), the PDF checks and the UI tests need.
APT_PACKAGES = [
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxcb-randr0",
    "xvfb",
    "xauth",
    "poppler-utils",
    "libreoffice-calc",  # the workbook tests re-save returns with LibreOffice (soffice)
]
LIBS = [
    "libEGL.so.1",
    "libfontconfig.so.1",
    "libxkbcommon.so.0",
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libdbus-1.so.3",
]


def _missing_libs() -> list[str]:
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [lib for lib in LIBS if lib not in out]


def ensure_system(for_tests: bool) -> None:
    if not sys.platform.startswith("linux"):
        return
    need = _missing_libs() or (
        for_tests and not (shutil.which("pdftotext") and shutil.which("soffice"))
    )
    if not need:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("· Qt에 필요한 시스템 라이브러리를 설치합니다 (apt-get)…", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *APT_PACKAGES],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    else:
        print(
            "경고: Qt에 필요한 시스템 라이브러리가 없습니다. 관리자 권한으로 설치하세요:\n"
            f"  sudo apt-get install {' '.join(APT_PACKAGES)}",
            file=sys.stderr,
        )


def ensure_venv() -> None:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest and PY.exists():
        return
    if not PY.exists():
        print("· .venv 를 만듭니다…", flush=True)
        venv.create(VENV, with_pip=True)
    print("· sbdesk 와 의존 패키지를 설치합니다…", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "setup"):
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    ensure_system(for_tests=cmd == "test")
    ensure_venv()
    if cmd == "setup":
        return 0
    if cmd == "run":
        args = rest or ["--demo"]
        return subprocess.call([str(PY), "-m", "sbdesk", *args])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if code == 5:
        print("오류: 실행된 테스트가 없습니다 (pytest exit 5).", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
