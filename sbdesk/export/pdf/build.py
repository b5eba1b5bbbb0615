"""The one entry point of every printed document: ``build_document``.

    build_document(store, 2023, "results", "r.pdf")
    build_document(store, 2023, "results", "r.hwpx")          # 한글
    build_document(store, 2023, "card", "c.out", fmt="hwpx")   # format given

The format is ``fmt`` ("pdf" | "hwpx") or, when not given, ``out_path``'s
extension (.hwpx → 한글, anything else → PDF). PDF documents are drawn by
reportlab, HWPX documents by python-hwpx, both from the same ``documents``
description.

Kinds: ``results`` (시행결과 보고서), ``review-sheet`` (심의결과서),
``monitoring-pack`` (모니터링 회의 자료), ``card`` (사업 카드 인쇄) and
``basic-plan`` (기본계획 4개년 표) and ``term-plan`` (the 6th-term plan's
총괄 table, 목표설정 tables, 첨부1 and 첨부2 cards; docs/sixth-term.md). The PDF is written to a temporary file
beside ``out_path`` and renamed over it only when complete, so a failed or
cancelled build never leaves a half-written PDF (and never touches an existing
file of that name). ``progress`` (optional) has ``report(done, total, text)``
and ``check()``; ``check`` raises to cancel.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sbdesk.documents.catalog import KINDS
from sbdesk.services import outputs
from sbdesk.services.errors import SbdeskError
from sbdesk.services.read_model import ProjectView, YearView
from sbdesk.terms import rules_of

FORMATS = {"pdf": "PDF", "hwpx": "한글(HWPX)"}


def format_of(out_path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given, else by ``out_path``'s extension."""
    if fmt:
        f = fmt.lower().lstrip(".")
        if f not in FORMATS:
            raise DocumentError(f"형식 '{fmt}'을(를) 알 수 없습니다. 가능한 형식: pdf, hwpx")
        return f
    return "hwpx" if Path(out_path).suffix.lower() == ".hwpx" else "pdf"


class DocumentError(SbdeskError):
    """A document cannot be made from what was asked (Korean message)."""


@dataclass
class BuildResult:
    path: Path
    pages: int
    kind: str
    draft: bool = False  # printed with the "초안" mark


def check_year(store, year: int) -> None:
    years = store.years()
    if year == years[0] - 1:
        raise DocumentError(
            f"{year}년은 이 계획의 기준연도입니다: 기본계획 표에 전기 계획의 실적·예산을 비교용으로 "
            f"싣는 해이고, 시행계획·시행결과는 {years[0]}~{years[-1]}년에만 있습니다. "
            f"기준연도 수치는 기본계획 표(--kind basic-plan, 연도 지정 불필요)에 나옵니다."
        )
    if year not in years:
        raise DocumentError(f"연도 {year}년은 이 계획의 기간({years[0]}~{years[-1]}년)이 아닙니다.")


def select_projects(view: YearView, codes: list[str] | None) -> list[ProjectView]:
    """The projects named by ``codes`` (in the order given), or every project.

    A code may also name a strategy ("I-3") or a representative task
    ("II-1-2"): all its projects are selected. An unknown code is an error
    naming it.
    """
    every = view.all_projects()
    if not codes:
        return every
    out: list[ProjectView] = []
    unknown = []
    for raw in codes:
        code = raw.strip()
        exact = [p for p in every if p.code == code]
        group = exact or [p for p in every if p.code.startswith(code + "-")]
        if not group:
            unknown.append(code)
            continue
        for p in group:
            if p not in out:
                out.append(p)
    if unknown:
        known = ", ".join(p.code for p in every[:3])
        raise DocumentError(
            f"사업 번호 {', '.join(unknown)}은(는) 이 계획에 없습니다 (예: {known} …)."
        )
    return out


def build_document(
    store,
    year: int | None,
    kind: str,
    out_path: str | os.PathLike,
    project_codes: list[str] | None = None,
    progress=None,
    overwrite: bool = False,
    final: bool = False,
    fmt: str | None = None,
) -> BuildResult:
    """Make one document of ``kind`` for ``year`` and write it to ``out_path``
    (PDF or HWPX: ``fmt``, else ``out_path``'s extension).

    The results report carries a light "초안" on every page while ``check`` finds
    errors, unless ``final`` (the user confirmed printing it as final;
    ``BuildResult.draft`` says which it was).

    The basic-plan table covers the whole term: its ``year`` may be None (or the
    baseline year) and is then the first year of the term.
    """
    if kind not in KINDS:
        raise DocumentError(
            f"문서 종류 '{kind}'을(를) 알 수 없습니다. 가능한 종류: {', '.join(KINDS)}"
        )
    out = outputs.check_target(out_path, overwrite)  # before any work: never a plan file
    fmt = format_of(out, fmt)
    if kind == "basic-plan":
        years = store.years()
        if year is None or year == years[0] - 1:
            year = years[0]
    if year is None:
        raise DocumentError(f"{KINDS[kind]}에는 연도(--year)가 필요합니다.")
    check_year(store, year)
    if kind == "term-plan" and not rules_of(store).stored_numbers:
        raise DocumentError("제6기 계획 문서는 제6기 계획 파일에서만 만들 수 있습니다.")
    if progress is not None:
        progress.report(0, 0, "계획을 읽는 중")
    view = store.year_view(year) if kind != "term-plan" else None
    if progress is not None:
        progress.check()

    try:
        draft = False
        with outputs.writing(out, overwrite) as tmp:
            if kind == "results" and not final:
                from sbdesk.services.check import run_checks

                findings = run_checks(store, year, view=view)  # plain rows; the view reused
                draft = any(f.severity == "error" for f in findings)
            if fmt == "hwpx":
                pages = _build_hwpx(view, kind, tmp, project_codes, progress, store, draft)
            elif kind == "term-plan":
                from sbdesk.export.pdf import sixth_term as pdf_sixth_term

                pages = pdf_sixth_term.build(store, tmp, progress=progress)
            else:
                pages = _build(view, kind, tmp, project_codes, progress, store, draft)
    except Exception as exc:
        from reportlab.platypus.doctemplate import LayoutError  # reportlab only when drawing

        if isinstance(exc, LayoutError):
            raise DocumentError(_layout_message(exc)) from exc
        raise
    return BuildResult(out, pages, kind, draft)


def _build_hwpx(view, kind: str, path: Path, codes, progress, store, draft: bool) -> int:
    """The document as 한글 (HWPX): its description drawn by ``export/hwpx``."""
    from sbdesk.documents.catalog import describe
    from sbdesk.export.hwpx.render import render

    if kind == "term-plan":
        from sbdesk.documents.sixth_term import term_plan_document
        from sbdesk.services.term_plan import load_term_plan

        return render(term_plan_document(load_term_plan(store), progress=progress), path, progress)
    projects = select_projects(view, codes) if (codes or kind == "card") else None
    doc = describe(view, kind, projects, progress, store=store)
    return render(doc, path, progress, draft=draft)


def _layout_message(exc: Exception) -> str:
    """Korean for reportlab's LayoutError: something is longer than a page; name it."""
    import re

    text = str(exc)
    found = re.search(r">([^<>\n]{4,})", text)
    what = found.group(1).strip()[:60] if found else ""
    return (
        "문서를 쪽에 맞추지 못했습니다: 한 항목이 한 쪽보다 깁니다"
        + (f" ('{what}…')" if what else "")
        + ". 그 내용(사업 이름, 표의 글 등)을 줄인 뒤 다시 만드세요."
    )


def _build(
    view: YearView,
    kind: str,
    path: Path,
    codes: list[str] | None,
    progress,
    store=None,
    draft: bool = False,
) -> int:
    if kind == "results":
        from sbdesk.export.pdf import results_report as pdf_results_report

        return pdf_results_report.build(view, path, progress=progress, draft=draft)
    if kind == "review-sheet":
        from sbdesk.export.pdf import review_sheet as pdf_review_sheet

        return pdf_review_sheet.build(view, path, progress=progress)
    if kind == "monitoring-pack":
        from sbdesk.export.pdf import monitoring_pack as pdf_monitoring_pack

        return pdf_monitoring_pack.build(
            view, select_projects(view, codes), path, progress=progress
        )
    if kind == "card":
        from sbdesk.export.pdf import card_print as pdf_card_print

        return pdf_card_print.build(view, select_projects(view, codes), path, progress=progress)
    if kind == "basic-plan":
        from sbdesk.documents.catalog import basic_plan_document
        from sbdesk.export.pdf.render import render

        projects = select_projects(view, codes) if codes else None
        doc = basic_plan_document(view, store, projects)
        return render(doc, path, progress, "기본계획 표를 그리는 중")
    raise AssertionError(kind)
