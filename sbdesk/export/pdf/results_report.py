"""The 시행결과 report as a PDF: the renderer-free description
(``documents.results_report``) drawn by ``render``."""

from __future__ import annotations

from pathlib import Path

from sbdesk.documents.results_report import results_document
from sbdesk.export.pdf.render import render
from sbdesk.services.read_model import YearView

DRAFT_MARK = "초안"


def build(view: YearView, path: Path, progress=None, draft: bool = False) -> int:
    """The report; ``draft`` puts a light "초안" on every page (``check`` has errors)."""
    if progress is not None:
        progress.report(0, 1, "보고서 내용을 모으는 중")
    doc = results_document(view, progress)
    doc.draft = DRAFT_MARK if draft else ""
    return render(doc, path, progress=progress, progress_text="보고서 페이지를 그리는 중")
