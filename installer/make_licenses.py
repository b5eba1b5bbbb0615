"""Write sbdesk/assets/licenses/THIRD_PARTY.txt: what the bundle contains and under which licence.

Run from the repository root after a dependency changes:
``.venv/bin/python installer/make_licenses.py``. The summary at the top is kept
here by hand (one entry per distribution sbdesk needs at run time, see
``runtime_distributions``); the full licence texts below it are copied from the
installed distributions' metadata, so they match what the bundle ships. The
LGPL-3.0 and GPL-3.0 texts (Qt, PySide6) are separate files beside it, the
font licence is ``sbdesk/assets/fonts/LICENSE-Nanum-OFL.txt``.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sbdesk" / "assets" / "licenses" / "THIRD_PARTY.txt"

# name as on PyPI → (licence, what it is for, copyright holder)
SUMMARY: dict[str, tuple[str, str, str]] = {
    "PySide6-Essentials": (
        "LGPL-3.0",
        "Qt for Python: 화면(위젯)",
        "The Qt Company Ltd.",
    ),
    "PySide6-Addons": ("LGPL-3.0", "Qt 부가 모듈 (Qt PDF: PDF 미리보기)", "The Qt Company Ltd."),
    "shiboken6": ("LGPL-3.0", "PySide6의 바인딩 런타임", "The Qt Company Ltd."),
    "reportlab": ("BSD-3-Clause", "PDF 문서 만들기", "ReportLab Inc."),
    "rl_accel": ("BSD-3-Clause", "reportlab의 C 가속 모듈 (PDF 생성 속도)", "ReportLab Inc."),
    "pillow": (
        "MIT-CMU (HPND)",
        "reportlab의 이미지 처리",
        "Secret Labs AB, Fredrik Lundh, Jeffrey A. Clark",
    ),
    "charset-normalizer": ("MIT", "reportlab의 문자 인코딩 판별", "TAHRI Ahmed R."),
    "openpyxl": ("MIT", "엑셀(xlsx) 읽기·쓰기", "openpyxl"),
    "python-hwpx": ("Apache-2.0", "한글(HWPX) 문서 만들기", "python-hwpx Maintainers"),
    "lxml": ("BSD-3-Clause", "python-hwpx의 XML 처리", "lxml dev team"),
    "et-xmlfile": ("MIT", "openpyxl의 XML 쓰기", "openpyxl"),
    "SQLAlchemy": (
        "MIT",
        "계획 파일(SQLite) 데이터베이스 접근",
        "SQLAlchemy authors and contributors",
    ),
    "sqlmodel": ("MIT", "데이터 모델", "Sebastián Ramírez"),
    "pydantic": ("MIT", "sqlmodel의 자료 검증", "Pydantic Services Inc. and contributors"),
    "pydantic-core": ("MIT", "pydantic의 핵심부", "Samuel Colvin"),
    "annotated-types": ("MIT", "pydantic의 형식 정보", "the annotated-types contributors"),
    "typing-inspection": ("MIT", "pydantic의 형식 검사", "Pydantic Services Inc."),
    "typing-extensions": ("PSF-2.0", "형식 표기 보조", "Python Software Foundation"),
    "platformdirs": ("MIT", "사용자 데이터·설정 폴더 찾기", "The platformdirs developers"),
}

HEADER = """\
sbdesk에 포함된 구성 요소와 라이선스 (Third-party components and licences)
=========================================================================

sbdesk 자체는 MIT 라이선스입니다. 설치본(PyInstaller 번들)에는 아래 구성 요소가
함께 들어 있으며, 각 구성 요소는 저마다의 라이선스를 따릅니다. 인터넷 연결 없이
읽을 수 있도록 라이선스 전문을 이 파일과 같은 폴더에 함께 넣었습니다.

글꼴
----
나눔고딕, 나눔명조 (NanumGothic, NanumMyeongjo) — SIL Open Font License 1.1 (OFL-1.1)
  Copyright (c) 2010, NAVER Corporation. 화면과 인쇄(PDF)에 쓰며 PDF에는 사용한
  글자만 포함(subset)됩니다. 전문: fonts/LICENSE-Nanum-OFL.txt

실행 환경
---------
Python {python} — PSF License Agreement (Python Software Foundation)
  Python과 함께 들어 있는 라이브러리: SQLite (public domain), zlib (zlib License),
  libffi (MIT), OpenSSL (Apache-2.0), bzip2 (BSD-style), XZ Utils/liblzma (0BSD),
  Expat (MIT). 전문은 아래 "Python" 항목에 있습니다.
Qt 6 — GNU Lesser General Public License v3 (LGPL-3.0), The Qt Company Ltd.
  PySide6(Qt for Python)를 통해 씁니다. Qt 라이브러리는 번들의 _internal\\PySide6
  폴더에 별도의 동적 라이브러리(DLL)로 들어 있어, 호환되는 Qt 빌드로 바꿔 쓸 수
  있습니다. Qt 소스: https://download.qt.io/official_releases/qt/ ,
  PySide6 소스: https://download.qt.io/official_releases/QtForPython/ .
  Qt에 포함된 제3자 구성 요소(FreeType, HarfBuzz, libpng, libjpeg, PCRE2, zlib,
  md4c, double-conversion, Qt PDF의 PDFium 등)는 각자의 허용적(permissive)
  라이선스를 따릅니다. 전문: LGPL-3.0.txt, GPL-3.0.txt
PyInstaller 부트로더 — GPL-2.0-or-later with the PyInstaller bootloader exception
  (번들을 어떤 라이선스로든 배포할 수 있게 허용하는 예외 조항)

라이브러리
----------
{libraries}

아래는 각 라이브러리에 딸린 라이선스 전문입니다 (설치된 배포판의 메타데이터에서
그대로 옮김).
"""


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "sbdesk") -> list[metadata.Distribution]:
    """``root`` and everything it needs at run time (no extras), each once, sorted by name."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = _normalize(name)
        if key in seen:
            continue
        dist = metadata.distribution(name)
        seen[key] = dist
        for req in dist.requires or []:
            spec, _, marker = req.partition(";")
            if "extra" in marker:
                continue
            if marker.strip() and not _marker_holds(marker):
                continue
            todo.append(re.split(r"[\s<>=!~\[(]", spec.strip(), maxsplit=1)[0])
    seen.pop(_normalize(root))
    return sorted(seen.values(), key=lambda d: _normalize(d.metadata["Name"]))


def _marker_holds(marker: str) -> bool:
    try:
        from packaging.markers import Marker
    except ImportError:  # pragma: no cover - packaging ships with pip/setuptools
        return True
    return Marker(marker.strip()).evaluate()


def _licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    out = []
    for f in dist.files or []:
        name = f.name.upper()
        if ("LICEN" in name or "COPYING" in name) and ".dist-info" in str(f.parent):
            text = Path(f.locate()).read_text(encoding="utf-8", errors="replace")
            if text and text.strip():
                out.append((str(f), text.strip()))
    return out


def build_text() -> str:
    dists = runtime_distributions()
    by_key = {_normalize(k): v for k, v in SUMMARY.items()}
    missing = [d.metadata["Name"] for d in dists if _normalize(d.metadata["Name"]) not in by_key]
    if missing:
        raise SystemExit(f"add these runtime distributions to SUMMARY: {', '.join(missing)}")
    lines = []
    for d in dists:
        name = d.metadata["Name"]
        licence, purpose, holder = by_key[_normalize(name)]
        lines.append(f"{name} — {licence} — {purpose}\n  Copyright (c) {holder}")
    text = HEADER.format(
        python=".".join(map(str, sys.version_info[:2])), libraries="\n".join(lines)
    )
    for d in dists:
        name = d.metadata["Name"]
        text += f"\n\n{'=' * 78}\n{name} ({by_key[_normalize(name)][0]})\n{'=' * 78}\n"
        files = _licence_files(d)
        if files:
            text += "\n\n".join(body for _, body in files) + "\n"
        else:
            text += "이 배포판은 라이선스 파일을 따로 싣지 않습니다: 전문은 LGPL-3.0.txt, GPL-3.0.txt.\n"
    python_licence = (
        Path(sys.base_prefix)
        / "lib"
        / f"python{sys.version_info[0]}.{sys.version_info[1]}"
        / "LICENSE.txt"
    )
    if not python_licence.exists():
        python_licence = Path(sys.base_prefix) / "LICENSE.txt"  # Windows layout
    text += f"\n\n{'=' * 78}\nPython (PSF License Agreement)\n{'=' * 78}\n"
    text += python_licence.read_text(encoding="utf-8", errors="replace").strip() + "\n"
    return text


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(build_text(), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
