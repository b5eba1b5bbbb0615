"""Helpers of the HWPX tests (imported explicitly: ``from hwpx_check import …``).

An HWPX file is checked the way a reader would without 한글: python-hwpx's own
package and schema validation; its tables read back from the section XML as
grids; and its pages laid out by an independent renderer (rhwp-python) in a
child process with the system FreeType preloaded and only the bundled Nanum
fonts visible to fontconfig.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "sbdesk" / "assets" / "fonts"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def validate(path: Path) -> list[str]:
    """Errors of python-hwpx's validators ([] when valid): its package and
    schema validation, the open-safety validation its own save runs (package
    checks, OWPML schema, reopen; the renderer writes the package without it),
    and a reopen with ``HwpxDocument.open`` and its document validation."""
    from hwpx import HwpxDocument
    from hwpx.tools.package_validator import validate_editor_open_safety, validate_package

    errors = [
        f"{i.part_name}: {i.message}"
        for i in validate_package(str(path)).issues
        if getattr(i, "level", "error") == "error"
    ]
    safety = validate_editor_open_safety(path.read_bytes())
    if not safety.ok:
        errors.append(f"open safety: {safety.summary}")
    doc = HwpxDocument.open(str(path))
    try:
        report = doc.validate()
        errors += [str(i) for i in report.issues]
    finally:
        doc.close()
    return errors


def sections(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        names = sorted(
            (n for n in z.namelist() if re.match(r"Contents/section\d+\.xml$", n)),
            key=lambda n: int(re.findall(r"\d+", n)[0]),
        )
        return [etree.fromstring(z.read(n)) for n in names]


def table_grids(path: Path) -> list[list[list[str]]]:
    """Every top-level table as a grid of cell texts (covered positions '')."""
    out = []
    for root in sections(path):
        for tbl in root.iter(f"{HP}tbl"):
            if tbl.getparent() is not None and any(a.tag == f"{HP}tc" for a in tbl.iterancestors()):
                continue
            rows, cols = int(tbl.get("rowCnt")), int(tbl.get("colCnt"))
            grid = [[""] * cols for _ in range(rows)]
            for tc in tbl.iter(f"{HP}tc"):
                addr = tc.find(f"{HP}cellAddr")
                r, c = int(addr.get("rowAddr")), int(addr.get("colAddr"))
                lines = [
                    "".join(t.text or "" for t in p.iter(f"{HP}t"))
                    for p in tc.find(f"{HP}subList").findall(f"{HP}p")
                ]
                grid[r][c] = "\n".join(lines)
            out.append(grid)
    return out


_RENDER = r"""
import json, sys, rhwp, re, struct
path, out_dir, pages = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
d = rhwp.parse(path)
n = d.page_count
info = {"pages": n, "sizes": {}, "text": {}, "hlines": {}}
for i in (range(n) if pages == "all" else pages):
    png = d.render_png(i, scale=0.5)
    w, h = struct.unpack(">II", png[16:24])
    info["sizes"][i] = [w, h]
    open(f"{out_dir}/page-{i + 1:03d}.png", "wb").write(png)
    svg = d.render_svg(i)
    info["text"][i] = "".join(re.findall(r">([^<]*)</text>", svg))
    ys = sorted({round(float(a), 1) for a, b in re.findall(
        r'<line x1="[^"]+" y1="([^"]+)" x2="[^"]+" y2="([^"]+)"', svg) if a == b})
    info["hlines"][i] = ys
print(json.dumps(info))
"""


def render(path: Path, out_dir: Path, pages="all") -> dict:
    """Lay out ``path`` with rhwp: page count, (width, height) of the PNG of each
    page asked for (``out_dir/page-NNN.png``), its text and its horizontal lines."""
    out_dir.mkdir(parents=True, exist_ok=True)
    # a copy of the fonts: fontconfig writes a ".uuid" into every font folder it scans
    fonts = out_dir / "fonts"
    fonts.mkdir(exist_ok=True)
    for f in FONTS.glob("*.ttf"):
        if not (fonts / f.name).exists():
            shutil.copy2(f, fonts / f.name)
    conf = out_dir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{fonts}</dir><cachedir>{out_dir / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = dict(os.environ, LD_PRELOAD="libfreetype.so.6", FONTCONFIG_FILE=str(conf))
    res = subprocess.run(
        [sys.executable, "-c", _RENDER, str(path), str(out_dir), json.dumps(pages)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    info = json.loads(res.stdout.strip().splitlines()[-1])
    info["sizes"] = {int(k): v for k, v in info["sizes"].items()}
    info["text"] = {int(k): v for k, v in info["text"].items()}
    info["hlines"] = {int(k): v for k, v in info["hlines"].items()}
    return info
