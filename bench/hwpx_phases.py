"""Where the time of the demo report as 한글 (HWPX) goes: CPU seconds by phase.

Each variant runs in a fresh Python process on the built-in demo plan
(Gwangjin-gu 2023) and reports the CPU time (``time.process_time``: the
machine's load left out) of ``build_document(..., "results", "r.hwpx")`` and,
inside it, of the renderer and of the save: since the package is zipped by
the renderer (docs/hwpx.md), the section serialisation and the zip; for an
older renderer, python-hwpx's save steps (section serialisation, part
sanitising, open-safety validation, the save gate).

    python bench/hwpx_phases.py
    # beside an older renderer, e.g. the one before the save rework:
    git show 3d02591:sbdesk/export/hwpx/render.py > /tmp/old_render.py
    python bench/hwpx_phases.py --before /tmp/old_render.py
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ROWS = (
    ("build", "build_document, whole (CPU)"),
    ("renderer", "  HWPX renderer: description → XML"),
    ("save", "  save (the renderer's; python-hwpx's for older ones)"),
    ("zip", "    package zipped by the renderer (write_package)"),
    ("serialise", "    section serialisation (python-hwpx, xml.etree)"),
    ("sanitise", "    part sanitising (HwpxPackage.set_part)"),
    ("safety", "    open-safety validation (package, schema, reopen)"),
    ("gate", "    save gate + atomic write"),
    ("pdf", "the same report as PDF, build_document (CPU)"),
)


def child(renderer: str, plan: str, out_dir: str) -> dict:
    if renderer:  # an older renderer module in place of the current one
        import importlib.util

        import sbdesk.export.hwpx as package

        spec = importlib.util.spec_from_file_location("sbdesk.export.hwpx.render", renderer)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        package.render = module
    from hwpx._document import persistence
    from hwpx.document import HwpxDocument
    from hwpx.opc import package as opc
    from hwpx.oxml import section
    from hwpx.tools import package_validator

    import sbdesk.export.hwpx.render as render
    from sbdesk.export.pdf.build import build_document
    from sbdesk.export.pdf.fonts import register_fonts
    from sbdesk.services.store import PlanStore

    acc: dict[str, float] = defaultdict(float)

    def timed(owner, name: str, key: str) -> None:
        f = getattr(owner, name, None)
        if f is None:
            return

        def wrapper(*a, **k):
            c = time.process_time()
            try:
                return f(*a, **k)
            finally:
                acc[key] += time.process_time() - c

        setattr(owner, name, wrapper)

    timed(render.HwpxRenderer, "render", "renderer")
    timed(render.HwpxRenderer, "save", "save")  # the current renderer's save
    timed(render, "write_package", "zip")
    timed(HwpxDocument, "save_to_path", "save")  # the older renderer's save
    timed(section.HwpxOxmlSection, "to_bytes", "serialise")
    timed(opc, "_sanitize_part_for_write", "sanitise")
    timed(package_validator, "validate_editor_open_safety", "safety")
    timed(persistence, "_gate_and_write", "gate")
    register_fonts()
    store = PlanStore(plan, read_only=True)
    try:
        for key, name in (("pdf", "r.pdf"), ("build", "r.hwpx")):
            c = time.process_time()
            build_document(store, 2023, "results", Path(out_dir) / name)
            acc[key] = time.process_time() - c
    finally:
        store.close()
    acc["renderer"] -= acc["save"]
    return dict(acc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--before", help="an older sbdesk/export/hwpx/render.py to compare with")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    with tempfile.TemporaryDirectory(prefix="sbdesk-hwpx-") as tmp:
        plan = Path(tmp) / "demo.sbplan"
        from sbdesk.services.demo import build_demo

        build_demo(plan).close()
        variants = ([("before", args.before)] if args.before else []) + [("now", "")]
        results = {}
        for label, renderer in variants:
            out = Path(tmp) / label
            out.mkdir()
            res = subprocess.run(
                [sys.executable, __file__, "--child", renderer, str(plan), str(out)],
                capture_output=True,
                text=True,
                cwd=str(ROOT),
            )
            if res.returncode != 0:
                sys.stderr.write(res.stderr)
                raise SystemExit(f"{label} failed")
            results[label] = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"{'CPU seconds':<56}" + "".join(f"{label:>9}" for label in results))
    for key, title in ROWS:
        print(f"{title:<56}" + "".join(f"{r.get(key, 0.0):9.2f}" for r in results.values()))
    for label, r in results.items():
        print(f"{label}: HWPX / PDF (CPU) = {r['build'] / r['pdf']:.2f}x (target <= 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
