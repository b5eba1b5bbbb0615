"""The 시행결과 report of one year as a renderer-free ``Document``.

Cover → inner title page → 제출문 → 심의결과서 → 목차 → 1. 계획 내용의 충실성 → 2. 시행결과의 목표
달성도 → 3. 지역주민의 참여도 및 만족도 → 4. 시행과정의 적정성 → 5. 지역사회보장지표
활용·관리 및 컨설팅·교육 참여 실적 → 6. 별첨 자료 (첨부 1 every card, 첨부 2 the
budget list, 첨부 3 general figures). One module per section.

Everything comes from the plan file through ``YearView``; every rate is the one
``compute`` gives. A section whose data the plan does not hold prints
"(작성 필요)" ("해당 사항 없음" only where the user marked the part 해당 없음;
``services.report_parts``) rather than vanishing. Free-text items are read from
``YearText`` keys (value ``{"data": str | [str, …]}``): ``environment_changes``
(1-3), ``consulting_reflection``/``consulting_reflection_items`` (1-4),
``plan_linkage`` (1-5; its "(1) …" lines are the parts in the 목차), ``representative_results`` (2-가-2),
``representative_results_II`` (2-나-2; its "(1) …" lines are the parts), ``excellent_projects``,
``financial_admin_support`` (4-2), ``monitoring_summary``,
``monitoring_plan_vs_actual``, ``self_evaluation_plan_vs_actual``,
``next_year_items``, ``consulting``.
"""

from __future__ import annotations

from sbdesk.documents import front_matter
from sbdesk.documents.context import Ctx
from sbdesk.documents.model import Document, StartNumbering
from sbdesk.documents.results_report import (
    section1,
    section2,
    section3,
    section4,
    section5,
    section6,
)
from sbdesk.documents.writer import Writer


def results_document(view, progress=None) -> Document:
    ctx = Ctx(view)
    doc = Document(
        title=f"{ctx.full_name} {ctx.plan_name}",
        author=ctx.full_name,
        subject="지역사회보장계획 시행결과",
    )
    wr = Writer(doc, progress)
    wr.texts = view.texts
    front_matter.cover(wr, ctx)
    front_matter.inner_title(wr, ctx)
    front_matter.submission(wr, ctx)
    front_matter.review_sheet(wr, ctx)
    front_matter.contents(wr)
    wr.start("portrait")
    wr.add(StartNumbering())
    section1.write(wr, ctx)
    section2.write(wr, ctx)
    section3.write(wr, ctx)
    section4.write(wr, ctx)
    section5.write(wr, ctx)
    section6.write(wr, ctx)
    return doc
