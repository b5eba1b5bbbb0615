"""Hostile department workbooks against the import: counts of outcomes, tracebacks, changed files.

``python bench/fuzz_workbooks.py [--examples 10000] [--seed 0]`` builds the demo plan,
exports one department workbook (건강관리과, card I-2-3) and lets hypothesis derive
``--examples`` hostile workbooks from it: values people type (and do not) in input
cells and beside them, rows inserted and deleted, columns inserted, sheets copied,
renamed and deleted, merges over inputs, %-formatted and 400-digit amounts, text
over the cell limit, a tampered or re-signed stamp, another plan or year, truncated,
bit-flipped and random bytes, .xls and .ods look-alikes.

Each workbook is read against the plan and, when the plan reads it cleanly, applied
(warnings included) and read again. It prints the counts:

- ``tracebacks``: anything but a Korean ``InterchangeError`` escaping read or apply;
- ``refused changed plan``: a refused input (an error, a blocked sheet with nothing
  else, an InterchangeError) after which the plan file's bytes differ;
- ``second import not empty``: an applied workbook that still shows changes;
- and how many were refused, applied, or read with nothing to do.

The plan file is put back to its original bytes after every applied example, so each
example starts from the same plan. ``tests/export/test_xlsx_fuzz_counts.py`` runs a
few dozen examples of the same generator in CI.
"""

from __future__ import annotations

import argparse
import collections
import copy
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

DEPT, CODE = "건강관리과", "I-2-3"
HANGUL = re.compile(r"[가-힣]")

TYPED = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=False, width=64),
    st.booleans(),
    st.sampled_from(
        [
            "1,300명",
            "'1,300명",
            "약 1,108",
            "85 %",
            "95%",
            "1,317",
            "-",
            "—",
            "만족 이상",
            "１３００",
            " O ",
            "×",
            "달성",
            "일부반영",
            "국비",
            "시·도비",
            "구비",
            "하향",
            "제출",
            "=SUM(A1:A3)",
            "=1/0",
            "#DIV/0!",
            "#N/A",
            "  ",
            "\n",
            "189.5 백만원",
            "0.8",
            "3,810 (건)",
            "1개소 (2025년)",
            "①시·도비",
            "Ⅱ-1-1-1",
            "9" * 400,
            "1e400",
            "0.00000001",
            "-5",
            "８８６０",
            "가구",
            "120가구",
            "광진구청 복지정책과",
        ]
    ),  # fmt: skip
)

#: Kinds by weight: typed values (edited in the sheet's XML, fast) most, structure less.
KINDS = [
    "cells", "cells", "cells", "cells", "cells", "cells", "cells", "cells", "beside",
    "beside", "beside", "long_text", "percent_money", "insert_rows",
    "insert_cols", "delete_rows", "copy_sheet", "rename_sheet", "delete_sheet", "merge",
    "long_text", "stamp_mutate", "stamp_resign_other", "stamp_cell", "truncate", "flip",
    "random_bytes", "xls", "ods",
]  # fmt: skip


class Base:
    """The plan bytes and the exported workbook, built once."""

    def __init__(self, work: Path):
        from sbdesk.export.xlsx import common as xc
        from sbdesk.export.xlsx.dept_workbook import export_department_workbooks
        from sbdesk.services.demo import build_demo

        self.work = work
        self.plan = work / "plan.sbplan"
        build_demo(self.plan).close()
        from sbdesk.services.store import PlanStore

        store = PlanStore(self.plan, read_only=True)
        try:
            (book,) = export_department_workbooks(store, 2023, work / "out", department=DEPT)
        finally:
            store.close()
        self.plan_bytes = self.plan.read_bytes()
        self.plan_hash = hashlib.sha256(self.plan_bytes).hexdigest()
        self.book_bytes = book.read_bytes()
        self.book_name = book.name
        stamp = xc.read_stamp(xc.read_book(book), book.name)
        self.stamp = stamp
        rec = next(r for r in stamp["sheets"] if r["sheet"] == CODE)
        self.inputs = [(c[0], c[2]) for c in rec["cells"]]
        self.money = [c[0] for c in rec["cells"] if c[2] == "money"]
        self.text = [c[0] for c in rec["cells"] if c[2] == "text"]
        self.last_row = max(int(re.sub(r"[A-Z]", "", c[0])) for c in rec["cells"])
        with zipfile.ZipFile(book) as zf:
            self.parts = {n: zf.read(n) for n in zf.namelist()}
        self.sheet_part = _sheet_part(self.parts, CODE)


def _sheet_part(parts: dict[str, bytes], title: str) -> str:
    """The zip part holding the worksheet ``title``."""
    wbxml = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', wbxml).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


def _xml_text(s: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    s = ILLEGAL_CHARACTERS_RE.sub("", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(coord: str, style: str, value) -> str:
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{coord}"{s}/>'
    if isinstance(value, bool):
        return f'<c r="{coord}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) and (not isinstance(value, float) or value == value):
        if isinstance(value, float) and value in (float("inf"), float("-inf")):
            value = str(value)
        else:
            return f'<c r="{coord}"{s}><v>{value!r}</v></c>'
    text = _xml_text(str(value))
    return f'<c r="{coord}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _col_index(coord: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(coord.rstrip("0123456789"))


def xml_set_cells(base: Base, path: Path, values: dict[str, object]) -> None:
    """Write ``values`` ({coord: value}) into the card sheet's XML, like typing them (fast)."""
    xml = base.parts[base.sheet_part].decode()
    for coord, value in values.items():
        row = int(coord.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        pat = re.compile(rf'<c r="{coord}"(?P<attrs>[^>]*?)(?:/>|>.*?</c>)', re.S)
        m = pat.search(xml)
        if m is not None:
            style = re.search(r's="(\d+)"', m.group("attrs"))
            new = _cell_xml(coord, style.group(1) if style else "", value)
            xml = xml[: m.start()] + new + xml[m.end() :]
            continue
        new = _cell_xml(coord, "", value)
        rm = re.search(rf'<row r="{row}"[^>]*?(?:/>|>(?P<body>.*?)</row>)', xml, re.S)
        if rm is None:
            later = [mm for mm in re.finditer(r'<row r="(\d+)"', xml) if int(mm.group(1)) > row]
            at = later[0].start() if later else xml.index("</sheetData>")
            xml = xml[:at] + f'<row r="{row}">{new}</row>' + xml[at:]
            continue
        if rm.group(0).endswith("/>"):
            xml = xml[: rm.start()] + rm.group(0)[:-2] + f">{new}</row>" + xml[rm.end() :]
            continue
        body_start = rm.start("body")
        insert_at = rm.end("body")
        for cm in re.finditer(r'<c r="([A-Z]+\d+)"', rm.group("body")):
            if _col_index(cm.group(1)) > _col_index(coord):
                insert_at = body_start + cm.start()
                break
        xml = xml[:insert_at] + new + xml[insert_at:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in base.parts.items():
            zf.writestr(name, xml.encode() if name == base.sheet_part else data)


def _resign(path: Path, data: dict) -> None:
    from sbdesk.export.xlsx import common as xc

    wb = load_workbook(path)
    del wb[xc.STAMP_SHEET]
    xc.write_stamp(wb, data)
    wb.save(path)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:40]):
            yield from _paths(v, prefix + (i,))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), st.text(max_size=12)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def make_hostile(base: Base, path: Path, kind: str, data) -> None:
    """Write one hostile workbook of ``kind`` to ``path``."""
    raw = base.book_bytes
    if kind == "truncate":
        path.write_bytes(raw[: data.draw(st.integers(0, len(raw) - 1))])
        return
    if kind == "flip":
        b = bytearray(raw)
        for _ in range(data.draw(st.integers(1, 20))):
            b[data.draw(st.integers(0, len(b) - 1))] = data.draw(st.integers(0, 255))
        path.write_bytes(bytes(b))
        return
    if kind == "random_bytes":
        path.write_bytes(data.draw(st.binary(max_size=3000)))
        return
    if kind == "xls":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data.draw(st.binary(max_size=600)))
        return
    if kind == "ods":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            zf.writestr("content.xml", data.draw(st.text(max_size=200)))
        return
    path.write_bytes(raw)
    if kind in ("stamp_mutate", "stamp_resign_other"):
        d = copy.deepcopy(base.stamp)
        if kind == "stamp_resign_other":
            field = data.draw(st.sampled_from(["year", "plan", "export_id", "version"]))
            d[field] = data.draw(JSON_VALUES)
        else:
            paths = list(_paths(d))[1:]
            target_path = data.draw(st.sampled_from(paths))
            target = d
            for k in target_path[:-1]:
                target = target[k]
            target[target_path[-1]] = data.draw(JSON_VALUES)
        _resign(path, d)
        return
    from sbdesk.export.xlsx import common as xc

    if kind == "cells":
        picks = data.draw(st.lists(st.sampled_from(base.inputs), min_size=1, max_size=8))
        xml_set_cells(base, path, {ref: data.draw(TYPED) for ref, _k in picks})
        return
    if kind == "beside":  # a value typed anywhere: beside an input, over a label, off the form
        from openpyxl.utils import get_column_letter

        row = data.draw(st.integers(1, base.last_row + 5))
        col = data.draw(st.integers(1, 14))
        xml_set_cells(base, path, {f"{get_column_letter(col)}{row}": data.draw(TYPED)})
        return
    if kind == "long_text":
        ref = data.draw(st.sampled_from(base.text))
        xml_set_cells(base, path, {ref: "가" * data.draw(st.integers(30000, xc.CELL_LIMIT))})
        return
    wb = load_workbook(path)
    ws = wb[CODE]
    ws.protection.sheet = False
    if kind == "percent_money":
        ref = data.draw(st.sampled_from(base.money))
        ws[ref] = data.draw(st.floats(0, 5, allow_nan=False))
        ws[ref].number_format = data.draw(st.sampled_from(["0%", "0.0%", "#,##0.00%"]))
    elif kind in ("insert_rows", "delete_rows"):
        at = data.draw(st.integers(1, base.last_row + 2))
        n = data.draw(st.integers(1, 3))
        ranges = [r.coord for r in ws.merged_cells.ranges]
        for r in ranges:
            ws.unmerge_cells(r)
        if kind == "insert_rows":
            ws.insert_rows(at, n)
            for c in range(2, 11):
                if data.draw(st.booleans()):
                    ws.cell(row=at, column=c).value = data.draw(TYPED)
        else:
            ws.delete_rows(at, n)
        if data.draw(st.booleans()):  # as Excel would (merges follow), or as openpyxl leaves them
            from openpyxl.worksheet.cell_range import CellRange

            for coord in ranges:
                r = CellRange(coord)
                if kind == "insert_rows":
                    if r.min_row >= at:
                        r.shift(row_shift=n)
                    elif r.max_row >= at:
                        r.expand(down=n)
                elif r.min_row > at + n - 1:
                    r.shift(row_shift=-n)
                elif r.max_row >= at:
                    continue
                ws.merge_cells(r.coord)
    elif kind == "insert_cols":
        ws.insert_cols(data.draw(st.integers(1, 12)), 1)
    elif kind == "copy_sheet":
        cp = wb.copy_worksheet(ws)
        cp.title = data.draw(st.sampled_from([f"{CODE} (2)", "복사본", "Sheet1"]))
        ref, _k = data.draw(st.sampled_from(base.inputs))
        cp[ref] = data.draw(TYPED)
    elif kind == "rename_sheet":
        ws.title = data.draw(st.sampled_from(["I-2-4", "사업", f"{CODE} (2)", "안내2"]))
    elif kind == "delete_sheet":
        del wb[data.draw(st.sampled_from(wb.sheetnames))]
    elif kind == "merge":
        ref, _k = data.draw(st.sampled_from(base.inputs))
        row, col = ws[ref].row, ws[ref].column
        for rng in list(ws.merged_cells.ranges):
            if rng.min_row <= row <= rng.max_row:
                ws.unmerge_cells(str(rng))
        start = max(1, col - data.draw(st.integers(0, 2)))
        ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=min(10, col + 1))
    elif kind == "stamp_cell":
        sws = wb[xc.STAMP_SHEET]
        sws["A1"] = data.draw(st.one_of(st.integers(), st.sampled_from(["", "{}", "x" * 40])))
    wb.save(path)


class Counter:
    """Outcome counts of a run, and the first few tracebacks."""

    def __init__(self):
        self.n = collections.Counter()
        self.kinds = collections.Counter()
        self.tracebacks: list[str] = []
        self.progress = 0  # print a line every this many examples (0: quiet)
        self.store = None  # the plan, kept open between examples that leave it unchanged

    def counts(self) -> str:
        return json.dumps(dict(self.n), ensure_ascii=False, sort_keys=True)

    def report(self) -> str:
        keys = ("examples", "refused", "applied", "nothing to do", "tracebacks")
        keys += ("refused changed plan", "second import not empty", "message not Korean")
        keys += ("not writable",)
        lines = [f"{k:>26}: {self.n[k]:,}" for k in keys]
        lines.append("  by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items())))
        return "\n".join(lines)


def one(base: Base, counter: Counter, kind: str, data) -> None:
    """Make, read and (when clean) apply one hostile workbook; count what happened."""
    from sbdesk.importers.workbook import apply_import, read_workbooks
    from sbdesk.services.errors import InterchangeError
    from sbdesk.services.store import PlanStore

    case = base.work / "case"
    case.mkdir(exist_ok=True)
    suffix = {"xls": ".xls", "ods": ".ods"}.get(kind, ".xlsx")
    path = case / (Path(base.book_name).stem + suffix)
    plan = base.plan
    try:
        try:
            make_hostile(base, path, kind, data)
        except Exception:  # openpyxl refused to write it: not an example
            counter.n["not writable"] += 1
            return
        counter.n["examples"] += 1  # drawn completely (hypothesis may stop a draw midway)
        if counter.progress and counter.n["examples"] % counter.progress == 0:
            print(f"… {counter.counts()}", file=sys.stderr, flush=True)
        counter.kinds[kind] += 1
        if counter.store is None:
            counter.store = PlanStore(plan)
        store = counter.store
        refused = True
        try:
            try:
                result = read_workbooks(store, [path])
                if result.errors:
                    try:
                        apply_import(store, result)
                        counter.n["tracebacks"] += 1  # errors must stop apply
                        counter.tracebacks.append(f"{kind}: applied despite errors")
                    except InterchangeError:
                        pass
                elif result.entries:
                    refused = False
                    apply_import(store, result)
                    again = read_workbooks(store, [path])
                    if again.entries:
                        counter.n["second import not empty"] += 1
                        counter.tracebacks.append(
                            f"{kind}: second import: {[e.describe() for e in again.entries][:3]}"
                        )
                    counter.n["applied"] += 1
                elif not result.blocked:
                    counter.n["nothing to do"] += 1
                    refused = False
                if refused:
                    counter.n["refused"] += 1
            except InterchangeError as exc:
                counter.n["refused"] += 1
                if not HANGUL.search(str(exc)):
                    counter.n["message not Korean"] += 1
        finally:
            if not refused:
                store.close()  # the file goes back to its bytes below; reopened next time
                counter.store = None
        if refused and hashlib.sha256(plan.read_bytes()).hexdigest() != base.plan_hash:
            counter.n["refused changed plan"] += 1
            counter.tracebacks.append(f"{kind}: a refused input changed the plan file")
    except Exception:  # this is what the run counts
        counter.n["tracebacks"] += 1
        if len(counter.tracebacks) < 20:
            counter.tracebacks.append(f"{kind}:\n{traceback.format_exc()}")
    finally:
        if counter.store is None or (
            hashlib.sha256(plan.read_bytes()).hexdigest() != base.plan_hash
        ):
            if counter.store is not None:
                counter.store.close()
                counter.store = None
            plan.write_bytes(base.plan_bytes)  # each example starts from the same plan
            for extra in plan.parent.glob(plan.name + "?*"):
                extra.unlink(missing_ok=True)  # a lock left by a failed example
        for f in case.iterdir():
            f.unlink(missing_ok=True)


def run(examples: int, seed: int = 0, work: Path | None = None) -> Counter:
    """Run ``examples`` hostile workbooks; return the counts."""
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="sbdesk-fuzz-")) if own else work
    try:
        base = Base(work)
        counter = Counter()
        counter.progress = 250 if examples >= 2000 else 0

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(kind=st.sampled_from(KINDS), data=st.data())
        def fuzz(kind, data):
            one(base, counter, kind, data)

        from hypothesis import seed as hseed

        try:
            hseed(seed)(fuzz)()
        finally:
            if counter.store is not None:
                counter.store.close()
                counter.store = None
        return counter
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    counter = run(args.examples, args.seed)
    took = time.perf_counter() - t0
    print(f"hostile department workbooks (seed {args.seed}), {took:,.0f} s")
    print(counter.report())
    for tb in counter.tracebacks[:20]:
        print("-" * 60)
        print(tb)
    print(json.dumps({k: counter.n[k] for k in counter.n}, ensure_ascii=False))
    bad = counter.n["tracebacks"] + counter.n["refused changed plan"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
