"""The monitoring meeting pack as a PDF: ``documents.monitoring_pack`` drawn by
``render`` (each project's page shrinks to fit one page)."""

from __future__ import annotations

from pathlib import Path

from sbdesk.documents.monitoring_pack import monitoring_pack_document
from sbdesk.export.pdf.render import render
from sbdesk.services.read_model import ProjectView, YearView


def build(view: YearView, projects: list[ProjectView], path: Path, progress=None) -> int:
    doc = monitoring_pack_document(view, projects, progress)
    return render(doc, path, progress, "모니터링 자료를 그리는 중")
