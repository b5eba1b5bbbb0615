"""The Excel entries of the 가져오기/내보내기 menu.

``ExchangeActions(window)`` (built by ``MainWindow``) adds four actions to ``window.menu("exchange")``:
결과표 내보내기(Excel), 부서별 카드 통합문서 내보내기, 부서 통합문서 가져오기 and
첨부2 예산목록 가져오기. Reading and writing workbooks runs in the background
(``run_task``, with a progress dialog); an import is shown in
``ImportDiffDialog`` before anything is written and applied in one transaction.

Undo: an applied import is pushed on ``window.undo_stack`` as ONE command
(``ImportCommand``): 되돌리기 restores every old value and removes the rows the
import added, in one transaction; 다시 실행 applies it again. The window is
reloaded after each of these. Only ``window.store``, ``window.year``,
``window.menu()``, ``window.undo_stack`` and ``window.reload()`` are used.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from sbdesk.services.errors import SbdeskError
from sbdesk.ui.lazy import lazy_function
from sbdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from sbdesk.importers.diff_types import ApplyResult, ImportPlan

# openpyxl and the workbook code load when a command first runs, not with the window.
read_budget_list = lazy_function("sbdesk.importers.budget_list", "read_budget_list")
export_department_workbooks = lazy_function(
    "sbdesk.export.xlsx.dept_workbook", "export_department_workbooks"
)
export_tables = lazy_function("sbdesk.export.xlsx.results_tables", "export_tables")
apply_import = lazy_function("sbdesk.importers.workbook", "apply_import")
read_workbooks = lazy_function("sbdesk.importers.workbook", "read_workbooks")

XLSX_FILTER = "Excel 통합문서 (*.xlsx *.xlsm)"


# ---- small dialogs, module functions so tests can answer them
def ask_save_path(parent: QWidget, title: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, XLSX_FILTER)
    return path or None


def ask_open_paths(parent: QWidget, title: str, start: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start, XLSX_FILTER)
    return list(paths)


def ask_open_path(parent: QWidget, title: str, start: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, start, XLSX_FILTER)
    return path or None


def ask_folder(parent: QWidget, title: str, start: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return path or None


def ask_department(parent: QWidget, departments: list[str]) -> str | None:
    """None = cancelled; "" = every department."""
    items = ["전체 부서"] + departments
    item, ok = QInputDialog.getItem(parent, "부서별 카드 통합문서", "내보낼 부서:", items, 0, False)
    if not ok:
        return None
    return "" if item == items[0] else item


def review(parent: QWidget, plan: ImportPlan) -> list | None:
    """Show the diff; the accepted entries, or None when cancelled."""
    from sbdesk.ui.dialogs.import_diff_dialog import ImportDiffDialog

    dlg = ImportDiffDialog(plan, parent)
    if dlg.exec() != ImportDiffDialog.Accepted:
        return None
    return dlg.accepted_entries()


def inform(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


# ---- undo
class ImportCommand(QUndoCommand):
    """An applied import on the undo stack; pushed after it was applied (first redo skipped)."""

    def __init__(self, window, result: ApplyResult, text: str):
        super().__init__(text)
        self.window = window
        self.store = window.store
        self.result = result
        self._skip = True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(self.store.reapply_batch)

    def undo(self) -> None:
        self._run(self.store.revert_batch)

    def _run(self, fn) -> None:
        try:
            fn(self.result)
        except SbdeskError as exc:
            self.setObsolete(True)
            warn(self.window, "가져오기", str(exc))
        self.window.reload()


class ExchangeActions:
    """The four actions and what they do; the window keeps it as ``exchange_actions``."""

    def __init__(self, window):
        self.window = window
        self.tasks: list[Any] = []
        self.last_plan: ImportPlan | None = None
        self.last_result: ApplyResult | None = None
        menu = window.menu("exchange")
        self.export_tables_action = self._add(
            menu,
            "결과표 내보내기(Excel)…",
            self.export_tables,
            "시행결과 보고서의 표 전체를 Excel 통합문서 하나로 내보냅니다.",
        )
        self.export_cards_action = self._add(
            menu,
            "부서별 카드 통합문서 내보내기…",
            self.export_cards,
            "부서마다 사업 카드 통합문서를 만들어 입력을 받습니다.",
        )
        self.import_cards_action = self._add(
            menu,
            "부서 통합문서 가져오기…",
            self.import_cards,
            "돌려받은 부서 통합문서의 바뀐 값을 확인하고 합칩니다.",
        )
        self.import_budget_action = self._add(
            menu,
            "첨부2 예산목록 가져오기…",
            self.import_budget,
            "첨부 2 양식의 예산 목록(xlsx)을 확인하고 합칩니다.",
        )

    def _add(self, menu, text: str, slot, tip: str) -> QAction:
        act = QAction(text, self.window)
        act.setStatusTip(tip)
        act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        menu.addAction(act)
        return act

    # ---- helpers
    def _store(self, write: bool = False):
        store = getattr(self.window, "store", None)
        if store is None:
            warn(self.window, "가져오기/내보내기", "먼저 계획 파일을 여세요.")
            return None
        if write and store.read_only:
            warn(
                self.window,
                "가져오기",
                "읽기 전용으로 연 계획에는 가져올 수 없습니다. 쓰기 가능하게 다시 여세요.",
            )
            return None
        return store

    def _dir(self) -> str:
        v = _dialog_settings().value("exchange/last_dir")
        if v and Path(str(v)).is_dir():
            return str(v)
        store = getattr(self.window, "store", None)
        return str(store.path.parent) if store is not None else str(Path.home())

    def _remember(self, path: str) -> None:
        p = Path(path)
        s = _dialog_settings()
        s.setValue("exchange/last_dir", str(p if p.is_dir() else p.parent))
        s.sync()

    def _error(self, title: str):
        def show(exc: BaseException, tb: str = "") -> None:
            if isinstance(exc, SbdeskError):
                warn(self.window, title, str(exc))
            else:
                warn(
                    self.window,
                    title,
                    f"예기치 못한 오류가 났습니다. 아무것도 바뀌지 않았습니다.\n\n{exc}",
                )

        return show

    def _run(self, title: str, fn, *args, on_done=None) -> None:
        task = run_task(self.window, title, fn, *args, on_done=on_done, on_error=self._error(title))
        self.tasks = [t for t in self.tasks if not getattr(t, "finished_flag", False)] + [task]

    # ---- actions
    def export_tables(self) -> None:
        store = self._store()
        if store is None:
            return
        year = self.window.year
        path = ask_save_path(
            self.window,
            "결과표 내보내기(Excel)",
            str(Path(self._dir()) / f"{year} 시행결과 표.xlsx"),
        )
        if not path:
            return
        self._remember(path)
        # the save dialog asked before replacing ``path``; a name the export changes
        # (".xlsx" added) was not asked about, so it is never replaced
        confirmed = Path(path).suffix.lower() == ".xlsx"
        self._run(
            "결과표 내보내기",
            functools.partial(export_tables, overwrite=confirmed),
            store,
            year,
            Path(path),
            on_done=lambda out: inform(self.window, "결과표 내보내기", f"내보냈습니다:\n{out}"),
        )

    def export_cards(self) -> None:
        store = self._store()
        if store is None:
            return
        year = self.window.year
        depts = sorted(
            {
                (c.department or "").strip() or "부서 미지정"
                for c in store.list(_card_model(), year=year)
            }
        )
        dept = ask_department(self.window, depts)
        if dept is None:
            return
        folder = ask_folder(self.window, "통합문서를 둘 폴더", self._dir())
        if not folder:
            return
        self._remember(folder)

        notes: list[str] = []  # workbooks kept because they differ (a department's return)

        def done(paths):
            names = "\n".join(p.name for p in paths[:20]) + ("\n…" if len(paths) > 20 else "")
            kept = ("\n\n" + "\n".join(notes)) if notes else ""
            inform(
                self.window,
                "부서별 카드 통합문서",
                f"통합문서 {len(paths)}개를 만들었습니다 ({folder}):\n{names}{kept}",
            )

        self._run(
            "부서별 카드 통합문서 내보내기",
            functools.partial(export_department_workbooks, notes=notes),
            store,
            year,
            Path(folder),
            dept or None,
            on_done=done,
        )

    def import_cards(self) -> None:
        store = self._store(write=True)
        if store is None:
            return
        paths = ask_open_paths(self.window, "부서 통합문서 가져오기", self._dir())
        if not paths:
            return
        self._remember(paths[0])
        self._run(
            "부서 통합문서 읽기",
            read_workbooks,
            store,
            [Path(p) for p in paths],
            self.window.year,
            on_done=lambda plan: self.review_and_apply(plan, "부서 통합문서 가져오기"),
        )

    def import_budget(self) -> None:
        store = self._store(write=True)
        if store is None:
            return
        path = ask_open_path(self.window, "첨부2 예산목록 가져오기", self._dir())
        if not path:
            return
        self._remember(path)
        self._run(
            "첨부2 예산목록 읽기",
            read_budget_list,
            store,
            self.window.year,
            Path(path),
            on_done=lambda plan: self.review_and_apply(plan, "첨부2 예산목록 가져오기"),
        )

    def review_and_apply(self, plan: ImportPlan, title: str) -> None:
        self.last_plan = plan
        if not plan.entries and not plan.errors and not plan.blocked and not plan.unread:
            notes = "\n".join(plan.notes)
            inform(
                self.window,
                title,
                "계획과 다른 값이 없습니다. 바뀐 것이 없습니다."
                + (f"\n\n{notes}" if notes else ""),
            )
            return
        accepted = review(self.window, plan)
        if not accepted:
            return
        store = self._store(write=True)
        if store is None:
            return

        def done(result: ApplyResult) -> None:
            self.last_result = result
            self.window.reload()
            stack = getattr(self.window, "undo_stack", None)
            if stack is not None and not result.empty:
                stack.push(ImportCommand(self.window, result, title))
            inform(self.window, title, result.summary())

        self._run(f"{title} 적용", apply_import, store, plan, accepted, on_done=done)


def _card_model():
    from sbdesk.models import Card

    return Card


def _dialog_settings():
    from sbdesk.ui.dialogs.import_diff_dialog import dialog_settings

    return dialog_settings()
