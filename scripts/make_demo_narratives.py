"""Extract the demo's narrative report parts from the Gwangjin seed text (run once).

Writes ``resources/demo/gwangjin-2023/narratives.json``: for each report part
(1-3 환경 변화, 1-5 상위계획 연계성, 2-가-2 대표성과, 2-나-2 대표성과, 4-2 재정·행정
지원) the seed's own lines (□ ○ - bullets kept) and its tab-separated tables
(first row = column titles, HTML list markup reduced to text; ``at`` = how
many text lines come before the table). The demo loads
the file into ``YearText`` (``services/demo.py``).

Run: ``.venv/bin/python scripts/make_demo_narratives.py /work/shared/seeds/gwangjin-2023-results-report.txt``
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources/demo/gwangjin-2023/narratives.json"

#: key → (first line text, the line that ends the part), both matched at a line start
PARTS = {
    "environment_changes": ("3) 2023년 계획 수립 후 환경 변화", "4) 컨설팅 및 기타 반영 사항"),
    "plan_linkage": ("5) 상위계획과의 연계성", "6) 시행계획 수립 TF 구성"),
    "representative_results": ("(1) 대표성과", "(2) 지자체 선정 우수사업"),
    "representative_results_II": ("(1) 지역발전 전략 1.", "3. 지역주민의 참여도 및 만족도"),
    "financial_admin_support": ("2) 재정·행정 지원 실적", "3) 시행계획 운영 점검 및 평가"),
}


def clean(cell: str) -> str:
    cell = re.sub(r"<li[^>]*>|</li>|<br\s*/?>|<hr\s*/?>", " ", cell)
    cell = re.sub(r"<[^>]+>", " ", cell)
    cell = cell.replace("**", "")
    return re.sub(r"\s+", " ", cell).strip()


def extract(lines: list[str], start: str, end: str) -> dict:
    body_start = None
    for i, ln in enumerate(lines):
        if i > 150 and ln.strip().startswith(start):  # skip the table of contents
            body_start = i + 1
            break
    if body_start is None:
        raise SystemExit(f"not found: {start}")
    body_end = next(i for i in range(body_start, len(lines)) if lines[i].strip().startswith(end))
    text: list[str] = []
    tables: list[dict] = []
    current: list[list[str]] | None = None
    title = ""
    for ln in lines[body_start:body_end]:
        if "\t" in ln:
            cells = [clean(c) for c in ln.rstrip("\n").split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            if current is None:
                current = []
                tables.append({"title": title, "columns": cells, "rows": current, "at": len(text)})
            else:
                current.append(cells)
            continue
        current = None
        s = clean(ln)
        if not s:
            continue
        m = re.match(r"^[〈<]\s*(.+?)\s*[〉>]$", s)
        if m:
            title = m.group(1)
            continue
        title = "" if not s.startswith("(") else title
        text.append(s)
    tables = [t for t in tables if t["rows"]]
    return {"data": "\n".join(text), "tables": tables}


def main(seed: str) -> None:
    lines = Path(seed).read_text(encoding="utf-8").split("\n")
    out = {key: extract(lines, a, b) for key, (a, b) in PARTS.items()}
    if OUT.exists():
        raise SystemExit(f"{OUT} exists; delete it first to regenerate")
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for key, v in out.items():
        print(key, len(v["data"].split("\n")), "lines", len(v["tables"]), "tables")


if __name__ == "__main__":
    main(sys.argv[1])
