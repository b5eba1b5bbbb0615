"""4. 시행과정의 적정성: legislation, financial/administrative support,
monitoring and self-evaluation with their follow-ups."""

from __future__ import annotations

from sbdesk.documents import results_tables as rt
from sbdesk.documents import wording as w
from sbdesk.documents.context import Ctx
from sbdesk.documents.writer import Writer


def write(wr: Writer, ctx: Ctx) -> None:
    view = ctx.view
    wr.orient("portrait")
    wr.page_break()
    wr.heading("4. 시행과정의 적정성", 1)
    wr.heading("1) 입법 실적", 2)
    t1, t2 = rt.legislation_linked_table(view), rt.legislation_other_table(view)
    if t1 is None and t2 is None:
        wr.none("legislation")
    if wr.table(t1):
        wr.note("주: 기타에는 법률, 매뉴얼 등을 포함.")
    if t2 is not None:
        wr.table_title("○ 기타 사회보장 관련 입법 실적")
        wr.table(t2)
    wr.heading("2) 재정·행정 지원 실적", 2)
    if not wr.narrative(view, "financial_admin_support"):
        wr.none("financial_admin_support")
    wr.heading("3) 시행계획 운영 점검 및 평가", 2)
    for kind, num in (("monitoring", "(1)"), ("self", "(2)")):
        what = w.evaluation_word(kind)
        wr.keep(50)
        wr.heading(f"{num} 시행계획 {what} 수행 실적", 3)
        table, tally = rt.followup_table(view, kind)
        summary = w.year_data(view, "monitoring_summary") if kind == "monitoring" else None
        pva = rt.plan_vs_actual_table(view, kind)
        if not (table or summary or pva):
            wr.none("plan_vs_actual")
            continue
        wr.bullet(f"시행계획 {what} 수행 결과", 1)
        if isinstance(summary, dict):
            for label, k in (
                ("추진기간", "period"),
                ("참석자", "participants_printed"),
                ("대상", "selected_projects_printed"),
            ):
                if summary.get(k):
                    wr.bullet(f"- {label} : {summary[k]}", 3)
        if table is not None:
            # one set of counts, computed from the entries (a typed summary such as
            # the demo's "반영 12개, 일부 반영 8개" is not printed beside it)
            wr.bullet(
                f"- 결과 : {what} 결과 반영 {tally['반영']}건, "
                f"일부 반영 {tally['일부 반영']}건, 미반영 {tally['미반영']}건",
                3,
            )
        elif isinstance(summary, dict) and summary.get("result_printed"):
            wr.bullet(f"- 결과 : {summary['result_printed']}", 3)  # no entries to count
        if pva is not None:
            wr.space(2)
            wr.table(pva)
        wr.keep(40)
        wr.bullet(f"{ctx.year}년 시행계획 {what} 결과 후속 조치", 1)
        wr.table_or_none(table)
        if kind == "self":
            wr.bullet("차년도 계획 반영 예정 사항", 1)
            wr.table_or_none(rt.next_year_table(view))
