"""1. 계획 내용의 충실성: structure, strategy/project table, changes, environment,
consulting, linkage with higher plans, the planning TF."""

from __future__ import annotations

from sbdesk.documents import results_tables as rt
from sbdesk.documents import wording as w
from sbdesk.documents.context import Ctx
from sbdesk.documents.writer import Writer


def write(wr: Writer, ctx: Ctx) -> None:
    view = ctx.view
    wr.heading("1. 계획 내용의 충실성", 1)
    wr.heading("1) 연차별 시행계획의 체계성", 2)
    summary = w.system_summary(view)
    wr.heading(f"(1) 사업구성 체계 : {summary}", 3, toc_text="(1) 사업구성 체계")
    wr.table(rt.structure_table(view))

    wr.start("landscape")
    wr.heading("(2) 전략체계별 추진전략, 중점 추진사업, 세부사업(과업) 성과지표 및 예산", 3)
    wr.bullet(f"총괄현황: {summary}", 1)
    for sys_v in view.systems:
        wr.bullet(f"{w.system_title(sys_v)}: {w.system_detail(sys_v)}", 3)
    wr.space(2)
    wr.table(rt.plan_table(view))

    wr.keep(60)
    n_changed = len({c.project_id or c.project_name for c in view.changes})
    title = f"2) 연차별 시행계획 변경 내용 ({ctx.year}년 연차별 시행계획 대비)"
    wr.heading(f"{title} : {n_changed}개 사업", 2, toc_text=title)
    wr.table_or_none(rt.changes_table(view) if view.changes else None, "changes")

    wr.start("portrait")
    wr.heading(f"3) {ctx.year}년 계획 수립 후 환경 변화", 2)
    if not wr.narrative(view, "environment_changes"):
        wr.none("environment_changes")
    cr = w.year_data(view, "consulting_reflection")
    status = cr.get("status") if isinstance(cr, dict) else (cr if isinstance(cr, str) else None)
    if status:
        wr.heading(
            f"4) 컨설팅 및 기타 반영 사항 : {status}", 2, toc_text="4) 컨설팅 및 기타 반영 사항"
        )
    else:
        wr.heading("4) 컨설팅 및 기타 반영 사항", 2)
        if not wr.narrative(view, "consulting_reflection_items"):
            wr.none("consulting_reflection_items")
    wr.heading("5) 상위계획과의 연계성", 2)
    # its parts "(1) 사회보장기본계획과의 연계성", "(2) …" are 목차 entries (seed lines 81–82)
    if not wr.narrative(view, "plan_linkage", parts_level=3):
        wr.none("plan_linkage")
    wr.heading("6) 시행계획 수립 TF 구성", 2)
    wr.heading("(1) 시행계획 수립 TF 구성", 3)
    if view.tf_members:
        wr.bullet("총괄 현황", 1)
        wr.table(rt.tf_summary_table(view))
        wr.space(2)
        wr.bullet("세부 구성 현황", 1)
        wr.table(rt.tf_members_table(view))
    else:
        wr.none("tf_members")
    wr.heading("(2) 시행계획 수립 TF 운영 결과", 3)
    wr.table_or_none(
        rt.tf_meetings_table(view) if view.activities.get("tf_meeting") else None, "tf_meetings"
    )
