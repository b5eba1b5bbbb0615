"""The 문서 menu: printable documents made in the background, then previewed.

``DocumentActions(window)`` (built by ``MainWindow``) adds to ``window.menu("documents")``: 시행결과 보고서,
심의결과서, 모니터링 회의 자료, 사업 카드 인쇄 and 기본계획 4개년 표. Each runs
``build_document`` through ``run_task`` (a progress dialog with 취소; the window
never freezes), writing to a temporary folder; the finished PDF opens in
``PdfPreview``, whose 저장 copies it where the user wants.

The submenu 한글(HWPX)로 만들기 holds the same five documents as 한글 files:
the user picks where to save first (the file dialog asks before replacing a
file), the document is written there in the background, and a message says
where it is.

The monitoring pack and the card print take the projects selected in the tree
(or the overview); with none selected, the monitoring pack asks for a strategy
and the card print asks before printing every card. Only ``window.store``,
``window.year``, ``window.menu()`` and ``window.selected_project_ids()`` are used.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from sbdesk.export.pdf.build import KINDS, BuildResult, build_document
from sbdesk.services import outputs
from sbdesk.services.errors import SbdeskError
from sbdesk.ui.dialogs.pdf_preview import PdfPreview
from sbdesk.ui.tasks import run_task

MENU_ENTRIES = [
    (
        "results",
        "시행결과 보고서",
        "연도의 시행결과 보고서 전체(표지·제출문·심의결과서·목차·본문·별첨)를 만듭니다.",
    ),
    ("review-sheet", "심의결과서", "협의체 위원이 서명할 심의결과서 한 쪽을 만듭니다."),
    (
        "monitoring-pack",
        "모니터링 회의 자료",
        "고른 사업(또는 전략)의 모니터링 점검표와 참석자 명단을 만듭니다.",
    ),
    ("card", "사업 카드 인쇄", "고른 사업의 사업 카드를 공식 양식으로 만듭니다."),
    ("basic-plan", "기본계획 4개년 표", "기본계획의 연도별 목표·예산 표(4개년)를 만듭니다."),
    (
        "term-plan",
        "제6기 계획 (총괄표·목표설정·첨부)",
        "제6기 계획의 총괄표, 전략·대표과업별 목표설정 표, 첨부1 TFT, 첨부2 사업 카드를 만듭니다.",
    ),
]


# ---- small dialogs, module functions so tests can answer them
def inform(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str | None:
    """Where to save a 한글 file (the dialog asks before replacing one)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "한글 문서 (*.hwpx)")
    if not path:
        return None
    return path if path.lower().endswith(".hwpx") else path + ".hwpx"


def ask_strategy(parent: QWidget, items: list[str]) -> str | None:
    item, ok = QInputDialog.getItem(
        parent, "모니터링 회의 자료", "모니터링할 추진전략 (또는 전체):", items, 0, False
    )
    return item if ok else None


class DocumentActions:
    """The 문서 menu's actions; the window keeps it as ``document_actions``."""

    def __init__(self, window):
        self.window = window
        self.tasks: list[Any] = []
        self.previews: list[PdfPreview] = []
        self._tmp: Path | None = None
        self.actions: dict[str, QAction] = {}
        menu = window.menu("documents")
        for kind, text, tip in MENU_ENTRIES:
            act = QAction(f"{text}…", window)
            act.setObjectName(f"actionDocument_{kind.replace('-', '_')}")
            act.setStatusTip(tip)
            act.setToolTip(tip)
            act.triggered.connect(lambda _checked=False, k=kind: self.make(k))
            menu.addAction(act)
            self.actions[kind] = act
        menu.addSeparator()
        sub = menu.addMenu("한글(HWPX)로 만들기")
        sub.setObjectName("menuDocumentsHwpx")
        for kind, text, tip in MENU_ENTRIES:
            act = QAction(f"{text} (한글)…", window)
            act.setObjectName(f"actionDocumentHwpx_{kind.replace('-', '_')}")
            act.setStatusTip(tip.replace("만듭니다", "한글(HWPX) 파일로 만듭니다"))
            act.triggered.connect(lambda _checked=False, k=kind: self.make(k, "hwpx"))
            sub.addAction(act)
            self.actions[f"{kind}:hwpx"] = act

    # ---- helpers
    def out_dir(self) -> Path:
        if self._tmp is None or not self._tmp.exists():
            self._tmp = Path(tempfile.mkdtemp(prefix="sbdesk-documents-"))
            atexit.register(shutil.rmtree, self._tmp, True)
        return self._tmp

    def _codes(self, store, kind: str) -> list[str] | None | bool:
        """Project codes for the kind; None = all / not needed; False = cancelled."""
        if kind not in ("monitoring-pack", "card"):
            return None
        ids = list(self.window.selected_project_ids() or [])
        codes = store.codes()
        chosen = [codes[i] for i in ids if i in codes]
        if chosen:
            return chosen
        if kind == "card":
            if confirm(
                self.window,
                "사업 카드 인쇄",
                "고른 사업이 없습니다. 모든 사업의 카드를 인쇄할까요?",
            ):
                return None
            return False
        from sbdesk.services.project_codes import strategy_code

        items = ["전체 사업"] + [f"{strategy_code(s)} {s.title}" for s in store.strategies()]
        item = ask_strategy(self.window, items)
        if item is None:
            return False
        return None if item == items[0] else [item.split(" ", 1)[0]]

    def _file_name(self, kind: str, year: int, codes, fmt: str = "pdf") -> str:
        store = self.window.store
        muni = store.municipality().name or "계획"
        tail = f" {codes[0]}" if codes and len(codes) == 1 else ""
        return f"{muni} {year} {KINDS[kind]}{tail}.{fmt}"

    # ---- the action
    def make(self, kind: str, fmt: str = "pdf"):
        store = getattr(self.window, "store", None)
        if store is None:
            warn(self.window, KINDS[kind], "먼저 계획 파일을 여세요.")
            return None
        year = self.window.year
        codes = self._codes(store, kind)
        if codes is False:
            return None
        final = False
        if kind == "results":
            final = self._ask_final(year)
            if final is None:
                return None
        name = self._file_name(kind, year, codes, fmt)
        if fmt == "hwpx":
            chosen = ask_save_path(self.window, f"{KINDS[kind]} (한글) 저장", name)
            if chosen is None:
                return None
            out = Path(chosen)  # the save dialog asked before replacing a file
            title = f"{KINDS[kind]} (한글) 만들기"
        else:
            # the app's scratch folder: a new name each time (an open preview keeps its file)
            out = outputs.free_name(self.out_dir() / name)
            title = f"{KINDS[kind]} 만들기"

        def failed(exc: BaseException, tb: str = "") -> None:
            if isinstance(exc, SbdeskError):
                warn(self.window, KINDS[kind], str(exc))
            else:
                from sbdesk.ui.dialogs.error_dialog import show_error

                show_error(self.window, exc, tb)

        task = run_task(
            self.window,
            title,
            build_document,
            store,
            year,
            kind,
            out,
            project_codes=codes,
            final=final,
            fmt=fmt,
            overwrite=fmt == "hwpx",
            on_done=(
                (lambda result: self.saved(result, kind))
                if fmt == "hwpx"
                else (lambda result: self.open_preview(result, kind, name))
            ),
            on_error=failed,
        )
        self.tasks = [t for t in self.tasks if not getattr(t, "finished_flag", False)] + [task]
        return task

    def _ask_final(self, year: int) -> bool | None:
        """While ``check`` has errors the report prints as a draft ("초안" on every page)
        unless the user confirms it as final; None = cancelled."""
        findings = getattr(getattr(self.window, "validation", None), "findings", None) or []
        errors = [f for f in findings if f.severity == "error" and f.year in (None, year)]
        if not errors:
            return False
        box = QMessageBox(QMessageBox.Warning, "시행결과 보고서", "", parent=self.window)
        box.setText(f"점검 결과에 오류가 {len(errors)}건 있습니다.")
        box.setInformativeText(
            "초안으로 만들면 모든 쪽에 옅은 '초안' 표시가 들어갑니다. 오류를 확인했고 이대로 "
            "제출할 보고서라면 '최종본으로 만들기'를 누르세요."
        )
        draft = box.addButton("초안으로 만들기", QMessageBox.AcceptRole)
        final = box.addButton("최종본으로 만들기", QMessageBox.DestructiveRole)
        box.addButton("취소", QMessageBox.RejectRole)
        box.setDefaultButton(draft)
        box.exec()
        if box.clickedButton() is draft:
            return False
        if box.clickedButton() is final:
            return True
        return None

    def saved(self, result: BuildResult, kind: str) -> None:
        inform(
            self.window,
            KINDS[kind],
            f"한글 문서를 만들었습니다.\n{result.path}\n(한글에서 열면 쪽 번호와 목차가 채워집니다.)",
        )

    def open_preview(self, result: BuildResult, kind: str, name: str) -> PdfPreview:
        preview = PdfPreview(
            result.path, f"{KINDS[kind]} ({result.pages}쪽)", self.window, suggested_name=name
        )
        self.previews = [p for p in self.previews if _alive(p)] + [preview]
        preview.show()
        preview.raise_()
        return preview


def _alive(widget) -> bool:
    try:
        widget.isVisible()
    except RuntimeError:  # deleted on close
        return False
    return True
