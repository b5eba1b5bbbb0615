"""The 시행결과 report as a PDF: the renderer-free description
(``documents.results_report``) drawn by ``render``."""

from __future__ import annotations

from pathlib import Path

from sbdesk.documents.results_report import results_document
from sbdesk.export.pdf.render import render
from sbdesk.services.read_model import YearView


def build(view: YearView, path: Path, progress=None) -> int:
    if progress is not None:
        progress.report(0, 1, "보고서 내용을 모으는 중")
    doc = results_document(view, progress)
    return render(doc, path, progress=progress, progress_text="보고서 페이지를 그리는 중")
