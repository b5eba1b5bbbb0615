"""Hostile JSON files against ``import-json``: counts of refusals, imports and tracebacks.

``run(n, seed)`` builds a small real plan, exports it, and lets hypothesis
derive ``n`` hostile files from it: wrong types, negative, huge and
non-finite amounts, lone surrogates, duplicate ids and cards, a second Plan
row, a term ending before it starts, lost parents, unknown tables and fields,
deep nesting (200,000 levels), 5,000-digit numbers, truncated text, random
bytes. Each file is imported twice: into a new name (it must either be
refused with a Korean ``SbdeskError`` and leave no file, or give a plan that
opens and computes) and onto an existing plan (which must stay byte for byte
the same). Anything else is a traceback.

Run as a script: ``python bench/fuzz_json.py [N] [--seed S]`` (default 10,000)
prints the counts; ``tests/core/test_json_fuzz.py`` runs a smaller number.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import sys
import tempfile
import time
import traceback
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as hyp_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sbdesk import models as m  # noqa: E402
from sbdesk.services import outputs  # noqa: E402
from sbdesk.services.errors import SbdeskError  # noqa: E402
from sbdesk.services.interchange import export_json, import_json  # noqa: E402
from sbdesk.services.store import PlanStore  # noqa: E402


def base_plan(folder: Path) -> tuple[Path, dict]:
    """A small real plan (two strategies, three projects with cards and rows) and its JSON."""
    path = folder / "base.sbplan"
    store = PlanStore.create_plan(path, "서울특별시", "성동구")
    try:
        for system, number in (("I", 1), ("II", 1)):
            sid = store.add_row(m.Strategy, {"system": system, "number": number, "title": "전략"})
            for name in ("가 사업", "나 사업")[: 1 + (system == "I")]:
                pid = store.add_project(sid, name, 2023)
                card = store.card(pid, 2023, create=True)
                store.add_row(
                    m.BudgetLine,
                    {
                        "card_id": card.id,
                        "source": "district",
                        "annual_amount": Decimal("12.5"),
                        "executed_amount": Decimal("10"),
                    },
                )
                store.add_row(
                    m.Indicator,
                    {"card_id": card.id, "name": "참여자 수", "unit": "명", "annual_target": "100"},
                )
        out = folder / "base.json"
        export_json(store, out)
    finally:
        store.close()
    return path, json.loads(out.read_text(encoding="utf-8"))


HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**62, max_value=2**200),
    st.integers(max_value=-1, min_value=-(10**6)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "-1",
            "-0.5",
            "1e400",
            "NaN",
            "Infinity",
            "１２３",
            "1,300명",
            "",
            " ",
            "\ud800",
            "9" * 400,
        ]
    ),
    st.text(min_size=300, max_size=2000),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def hostile_document(draw, base: dict) -> bytes:
    """One hostile file (bytes), derived from the base document or made from scratch."""
    kind = draw(st.integers(0, 9))
    if kind == 0:  # raw text: nesting, long numbers, truncation, garbage
        raw = draw(
            st.sampled_from(
                [
                    "[" * 200_000 + "]" * 200_000,
                    '{"format": "sbdesk-plan", "tables": ' + "[" * 200_000,
                    "1" * 5000,
                    '{"format": "sbdesk-plan", "format_version": 1' + "0" * 5000 + "}",
                    json.dumps(base)[: draw(st.integers(0, 2000))],
                    "\ufeff" + json.dumps(base),
                    "\x00" * 10,
                ]
            )
        )
        return raw.encode("utf-8", "surrogatepass")
    if kind == 1:
        return draw(st.binary(max_size=200))
    doc = copy.deepcopy(base)
    tables = doc["tables"]
    names = [n for n, rows in tables.items() if rows]
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.integers(0, 9))
        name = draw(st.sampled_from(names))
        rows = tables.get(name)
        if not isinstance(rows, list) or not rows:
            continue
        i = draw(st.integers(0, len(rows) - 1))
        row = rows[i]
        if not isinstance(row, dict):
            continue
        if op in (0, 1, 2):  # a hostile value in a real field
            field = draw(st.sampled_from(sorted(row)))
            row[field] = draw(HOSTILE_VALUES)
        elif op == 3:  # a field missing
            row.pop(draw(st.sampled_from(sorted(row))), None)
        elif op == 4:  # a duplicated row (same id, or same card)
            rows.append(copy.deepcopy(row))
            if draw(st.booleans()) and "id" in row:
                ids = [r.get("id") for r in rows if isinstance(r, dict)]
                rows[-1]["id"] = max((i for i in ids if type(i) is int), default=0) + 1
        elif op == 5:  # a lost row (its children now point nowhere)
            rows.pop(i)
        elif op == 6:  # an unknown field or table
            if draw(st.booleans()):
                row[draw(st.text(min_size=1, max_size=8))] = 1
            else:
                tables[draw(st.text(min_size=1, max_size=8))] = []
        elif op == 7:  # a table that is not a list
            tables[name] = draw(HOSTILE_VALUES)
        elif op == 8:  # the header
            key = draw(st.sampled_from(["format", "format_version", "schema_version", "tables"]))
            doc[key] = draw(HOSTILE_VALUES)
        else:  # plan-level rules: a second plan, a term ending before it starts
            plans = tables.get("Plan")
            if not isinstance(plans, list) or not plans or not isinstance(plans[0], dict):
                continue
            plan = plans[0]
            if draw(st.booleans()):
                plans.append({**plan, "id": draw(st.integers(0, 5))})
            else:
                plan["start_year"], plan["end_year"] = plan.get("end_year"), plan.get("start_year")
    try:
        return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return json.dumps(doc, ensure_ascii=True).encode("ascii")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(n: int = 10_000, seed: int = 0, folder: Path | None = None) -> dict:
    """Import ``n`` hostile files; return the counts (``tracebacks`` must be 0)."""
    own = folder is None
    shm = Path("/dev/shm")  # RAM: the thousands of fsyncs of the imports cost nothing
    where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    tmp = tempfile.TemporaryDirectory(prefix="sbdesk-fuzz-", dir=where) if own else None
    folder = Path(tmp.name) if own else folder
    try:
        existing, base = base_plan(folder)
        state = {"sha": _sha(existing)}
        counts = {
            "files": 0,
            "refused": 0,
            "imported": 0,
            "tracebacks": 0,
            "plan_files_changed": 0,
            "files_left_by_refusals": 0,
        }
        examples: list[str] = []
        work = folder / "work"
        work.mkdir()

        @settings(
            max_examples=n,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @hyp_seed(seed)
        @given(hostile_document(base))
        def one(data: bytes) -> None:
            counts["files"] += 1
            src = work / "in.json"
            src.write_bytes(data)
            target = work / f"new{counts['files']}.sbplan"
            try:
                import_json(src, target)
            except SbdeskError:
                counts["refused"] += 1
                if target.exists():
                    counts["files_left_by_refusals"] += 1
                    target.unlink()
            except Exception:  # what the fuzz is looking for
                counts["tracebacks"] += 1
                if len(examples) < 5:
                    examples.append(traceback.format_exc(limit=3))
            else:
                counts["imported"] += 1
                try:
                    with PlanStore(target, read_only=True) as store:
                        for year in store.years()[:1]:
                            store.year_view(year)
                except SbdeskError:
                    pass  # refused at open, in Korean
                except Exception:
                    counts["tracebacks"] += 1
                    if len(examples) < 5:
                        examples.append(traceback.format_exc(limit=3))
                target.unlink()
            try:
                import_json(src, existing)  # onto a plan: always refused, plan unchanged
            except SbdeskError:
                pass
            except Exception:
                counts["tracebacks"] += 1
            if _sha(existing) != state["sha"]:
                counts["plan_files_changed"] += 1
                state["sha"] = _sha(existing)  # count each change once
            for p in work.iterdir():
                if p.name.endswith(outputs.TEMP_SUFFIX) or "journal" in p.name:
                    counts["files_left_by_refusals"] += 1
                    p.unlink()

        one()
        counts["examples"] = examples
        return counts
    finally:
        if tmp is not None:
            tmp.cleanup()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    start = time.perf_counter()
    counts = run(args.n, args.seed)
    took = time.perf_counter() - start
    examples = counts.pop("examples")
    print(
        f"JSON fuzz: {counts['files']:,} hostile files in {took:.1f} s — "
        f"refused {counts['refused']:,}, imported {counts['imported']:,}, "
        f"tracebacks {counts['tracebacks']}, plan files changed {counts['plan_files_changed']}, "
        f"files left by refusals {counts['files_left_by_refusals']}"
    )
    for ex in examples:
        print(ex)
    return 0 if counts["tracebacks"] == 0 and counts["plan_files_changed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
