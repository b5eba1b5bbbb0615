"""2. 시행결과의 목표 달성도: per system the overview and the results table,
then the representative results and the excellent projects."""

from __future__ import annotations

from sbdesk.documents import results_tables as rt
from sbdesk.documents import wording as w
from sbdesk.documents.context import Ctx
from sbdesk.documents.writer import Writer

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def write(wr: Writer, ctx: Ctx) -> None:
    view = ctx.view
    # the overview and the results table of a system share a landscape page: an
    # overview alone on a portrait page before the switch was a careless page
    wr.start("landscape")
    wr.heading("2. 시행결과의 목표 달성도", 1)
    for sys_v in view.systems:
        dev = sys_v.system == "II"
        if dev:
            wr.start("landscape")
        if not dev:
            wr.heading("가. 지자체 사회보장사업 시행결과", 2)
            wr.heading("1) 지자체 사회보장사업 시행결과", 3)
            wr.heading("(1) 사업 개요", 4)
        else:
            wr.heading("나. 지역사회보장 발전 과업(사업) 시행결과", 2)
            wr.heading("1) 지역사회보장 발전 과업(사업) 시행결과", 3)
            wr.heading("(1) 과업(사업) 개요", 4)
        wr.table(rt.overview_table(view, sys_v))
        wr.note(rt.overview_note(sys_v))
        wr.space(3)
        table = rt.results_table(view, sys_v)
        wr.heading(table.title, 4)
        wr.table_or_none(table if sys_v.strategies else None)
        wr.start("portrait")
        if not dev:
            wr.heading("2) 시행 결과의 대표성과 및 우수사업", 3)
            wr.heading("(1) 대표성과", 4)
            if not wr.narrative(view, "representative_results"):
                wr.none("representative_results")
            wr.heading("(2) 지자체 선정 우수사업", 4)
            items = w.year_data(view, "excellent_projects") or []
            selection = w.year_data(view, "excellent_selection") or {}
            if items:
                wr.bullet("우수사업 개요", 1)
                wr.table(rt.excellent_table(view, items))
            if isinstance(selection, dict) and any(selection.values()):
                wr.bullet("우수사업 선정 과정", 1)
                for key, label in (
                    ("criteria", "우수사업 선정 기준"),
                    ("process", "우수사업 선정 과정"),
                ):
                    lines = selection.get(key) or []
                    if lines:
                        wr.bullet(label, 2)
                        wr.bullets([str(x) for x in lines], 3)
            if not items and not selection:
                wr.none("excellent_projects")
            wr.keep(80)  # the heading goes with its first summary
            wr.heading("(3) 지자체 사회보장사업 우수사업 내용(요약)", 4)
            found = [(it, view.project(str(it.get("code", "")))) for it in items]
            found = [(it, p) for it, p in found if p is not None]
            if not found:
                wr.none("excellent_projects")
            for i, (it, pv) in enumerate(found):
                mark = CIRCLED[i] if i < len(CIRCLED) else f"({i + 1})"
                wr.keep(70)
                wr.heading(f"{mark} 세부사업 {pv.code}. {pv.name}", 5, toc=False)
                wr.bullet("주요 사업 내용", 1)
                wr.table(rt.key_figures_table(view, pv))
                wr.space(2)
                wr.table(rt.results_text_table(pv))
                wr.space(3)
                parts = [
                    ("가. 우수사업 선정 근거", it.get("grounds")),
                    ("나. 주요성과", it.get("results")),
                ]
                if any(lines for _l, lines in parts):
                    wr.bullet("우수사업 선정 근거 및 주요성과", 1)
                    for label, lines in parts:
                        if lines:
                            wr.para(label)
                            wr.bullets([str(x) for x in lines], 3)
                if it.get("future"):
                    wr.bullet("향후 추진·개선방안", 1)
                    wr.bullets([str(x) for x in it["future"]], 3)
                wr.space(4)
        else:
            wr.heading("2) 시행 결과의 대표성과", 3)
            # its parts "(1) 지역발전 전략 1. … 대표성과" … are 목차 entries (seed lines 107–110)
            if not wr.narrative(view, "representative_results_II", parts_level=4):
                wr.none("representative_results_II")
