"""Every document sbdesk prints, as a renderer-free ``Document``: ``describe``.

Kinds: ``results`` (시행결과 보고서), ``review-sheet`` (심의결과서),
``monitoring-pack`` (모니터링 회의 자료), ``card`` (사업 카드) and ``basic-plan``
(기본계획 4개년 표); ``term-plan`` (제6기 계획) is ``documents.sixth_term``
(built from the store's 4-year plan, not a year view). Adding a document (e.g. a 6th-term table) is one function
here returning a ``Document``; the PDF and HWPX renderers draw it unchanged.
"""

from __future__ import annotations

from sbdesk.documents import front_matter
from sbdesk.documents.context import Ctx
from sbdesk.documents.model import Document
from sbdesk.documents.writer import Writer

KINDS = {
    "results": "시행결과 보고서",
    "review-sheet": "심의결과서",
    "monitoring-pack": "모니터링 회의 자료",
    "card": "사업 카드",
    "basic-plan": "기본계획 4개년 표",
    "term-plan": "제6기 계획 (총괄표·목표설정·첨부1·첨부2)",
}


def review_sheet_document(view) -> Document:
    ctx = Ctx(view)
    doc = Document(
        title=f"{ctx.full_name} {view.year}년 시행결과 심의결과서",
        author=ctx.council,
        subject="지역사회보장계획 시행결과 심의결과서",
    )
    front_matter.review_sheet(Writer(doc), ctx)
    return doc


def cards_document(view, projects, progress=None) -> Document:
    from sbdesk.documents.results_report.section6 import write_cards

    ctx = Ctx(view)
    title = f"{ctx.muni_name} {view.year}년 사업 카드 " + (
        projects[0].code if len(projects) == 1 else f"{len(projects)}개"
    )
    doc = Document(title=title, author=ctx.full_name, subject="지역사회보장계획 사업 카드")
    wr = Writer(doc, progress)
    wr.start("portrait")
    if not projects:
        wr.para(f"{view.year}년 계획에 사업이 없습니다. 인쇄할 사업 카드가 없습니다.")
    write_cards(wr, ctx, projects, outline_level=0)
    return doc


def basic_plan_document(view, store, projects=None) -> Document:
    """The basic-plan table of the whole term (``documents.basic_plan``), or of ``projects``."""
    from sbdesk.documents.basic_plan import basic_plan_document as describe_basic_plan
    from sbdesk.services.basic_plan import basic_plan_data

    codes = None if projects is None else {p.code for p in projects}
    return describe_basic_plan(view, basic_plan_data(store), codes)


def describe(view, kind: str, projects=None, progress=None, store=None) -> Document:
    """The description of document ``kind`` for the year of ``view`` (the basic-plan
    table also reads the term's 4-year figures from ``store``)."""
    if kind == "results":
        from sbdesk.documents.results_report import results_document

        return results_document(view, progress)
    if kind == "review-sheet":
        return review_sheet_document(view)
    if kind == "card":
        return cards_document(view, projects if projects is not None else view.all_projects())
    if kind == "monitoring-pack":
        from sbdesk.documents.monitoring_pack import monitoring_pack_document

        every = projects if projects is not None else view.all_projects()
        return monitoring_pack_document(view, every, progress)
    if kind == "basic-plan" and store is not None:
        return basic_plan_document(view, store, projects)
    raise KeyError(kind)
