"""PlanSession: the open plan as the widgets see it — store, year, undo stack, change signals.

Widgets never call the store's write methods themselves: they call the
session, which writes through the store at once (the file is always saved) and
pushes an undoable command. After every write, undo or redo the session says
what changed: ``changed(Change)`` — one project's card or fields, or the tree.
Writes made by other code straight on the store (an import running in a
worker thread, say) arrive as ``external_change`` once they stop, so the
window can re-read everything.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from sbdesk import models as m
from sbdesk.services.errors import ValidationError
from sbdesk.services.store import PlanStore
from sbdesk.ui import commands as c


@dataclass(frozen=True)
class Change:
    """What an edit, undo or redo changed.

    ``rows``: rows were added, removed or reordered (a grid must re-read its list);
    ``undo``: the change came from undo/redo, so any widget may show stale values;
    ``edit``: for one field written by ``set_field``, ``(model name, id, field, value)``
    as stored, so a page can show it without reading the row back.
    """

    project_id: int | None = None
    structural: bool = False
    rows: bool = False
    undo: bool = False
    edit: tuple[str, int, str, Any] | None = None


class PlanSession(QObject):
    changed = Signal(object)  # Change
    external_change = Signal()
    saved = Signal(str)  # time of the last committed write ("14:02:31")
    error = Signal(object)  # an exception from an undo/redo step
    _external = Signal()

    def __init__(self, store: PlanStore, year: int, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.store = store
        self.year = year
        self.undo_stack = undo_stack
        self._applying = 0
        self._gui_thread = threading.get_ident()
        self._external_timer = QTimer(self, singleShot=True, interval=120)
        self._external_timer.timeout.connect(self.external_change)
        self._external.connect(self._external_timer.start)
        store.listeners.append(self._on_store_write)

    def close(self) -> None:
        with contextlib.suppress(ValueError):
            self.store.listeners.remove(self._on_store_write)

    # ------------------------------------------------------------------ plumbing
    @contextlib.contextmanager
    def applying(self):
        self._applying += 1
        try:
            yield
        finally:
            self._applying -= 1

    def _on_store_write(self, what: str, ident: int | None) -> None:
        if self._applying and threading.get_ident() == self._gui_thread:
            return
        self._external.emit()  # queued when it comes from a worker thread

    def notify(self, cmd: c.StoreCommand | Change, undo: bool = False) -> None:
        if isinstance(cmd, Change):
            change = cmd
        else:
            edit = None
            if not undo and isinstance(cmd, c.SetFieldCommand):
                edit = (cmd.model.__name__, cmd.ident, cmd.field, cmd.new)
            change = Change(cmd.project_id, cmd.structural, cmd.rows_changed, undo, edit)
        self.saved.emit(_dt.datetime.now().strftime("%H:%M:%S"))
        self.changed.emit(change)

    def report_error(self, exc: BaseException) -> None:
        self.error.emit(exc)

    def _push(self, cmd: c.StoreCommand) -> None:
        self.undo_stack.push(cmd)
        self.notify(cmd)

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # ------------------------------------------------------------------ fields and rows
    def set_field(
        self,
        model,
        ident: int,
        field: str,
        value: Any,
        *,
        project_id: int | None = None,
        label: str = "",
        structural: bool = False,
        merge_key: object | None = None,
    ) -> bool:
        """Write one field now and make it undoable; False when the value did not change.

        Raises ValidationError (Korean, naming the field) and writes nothing when
        the value cannot be stored.
        """
        new = self.store.coerce(model, field, value)
        if self.store.read_only:  # an unchanged value is no error; a change is refused below
            current = getattr(self.store.get(model, ident), field)
            if new == current and str(new) == str(current):
                return False
        with self.applying():  # an equal value writes nothing (no UPDATE, no commit of a change)
            old = self.store.set_field(model, ident, field, new)
        if new == old and str(new) == str(old):
            return False
        text = f"{label or field} 수정"
        self._push(
            c.SetFieldCommand(
                self, model, ident, field, old, new, text, project_id, structural, merge_key
            )
        )
        return True

    def add_row(
        self,
        model,
        values: dict,
        *,
        position: int | None = None,
        project_id: int | None = None,
        label: str = "행",
        structural: bool = False,
    ) -> int:
        with self.applying():
            ident = self.store.add_row(model, values, position)
        self._push(c.AddRowCommand(self, model, ident, f"{label} 추가", project_id, structural))
        return ident

    def delete_row(
        self,
        model,
        ident: int,
        *,
        project_id: int | None = None,
        label: str = "행",
        structural: bool = False,
    ) -> None:
        with self.applying():
            data = self.store.delete_row(model, ident)
        self._push(c.DeleteRowCommand(self, model, data, f"{label} 삭제", project_id, structural))

    def move_row(
        self,
        model,
        ident: int,
        new_position: int,
        *,
        project_id: int | None = None,
        label: str = "행",
    ) -> None:
        with self.applying():
            old = self.store.move_row(model, ident, new_position)
        if old != new_position:
            self._push(
                c.MoveRowCommand(self, model, ident, old, new_position, f"{label} 이동", project_id)
            )

    @contextlib.contextmanager
    def macro(self, text: str):
        """Group several edits into one undo step (a paste, say)."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    # ------------------------------------------------------------------ tree
    def add_project(
        self, strategy_id: int, name: str, task_id: int | None = None, index: int | None = None
    ) -> int:
        if not name.strip():
            raise ValidationError("사업명을 입력하세요.")
        with self.applying():
            pid = self.store.add_project(strategy_id, name, self.year, task_id=task_id, index=index)
        self._push(c.AddProjectCommand(self, pid, f"사업 추가: {name.strip()}"))
        return pid

    def remove_project(self, project_id: int) -> None:
        name = self.store.get(m.Project, project_id).name
        with self.applying():
            data = self.store.remove_project(project_id)
        self._push(c.RemoveProjectCommand(self, project_id, data, f"사업 삭제: {name}"))

    def move_project(self, project_id: int, new_index: int) -> None:
        with self.applying():
            old = self.store.move_project(project_id, new_index)
        if old != new_index:
            name = self.store.get(m.Project, project_id).name
            self._push(c.MoveProjectCommand(self, project_id, old, new_index, f"사업 이동: {name}"))

    def move_project_to(
        self,
        project_id: int,
        strategy_id: int,
        task_id: int | None = None,
        index: int | None = None,
    ) -> None:
        """Move a project under another strategy / 대표과업 (undoable; a 6th-term number stays)."""
        with self.applying():
            old = self.store.move_project_to(project_id, strategy_id, task_id, index)
        p = self.store.get(m.Project, project_id)
        new = {"strategy_id": strategy_id, "task_id": task_id, "index": p.number - 1}
        self._push(c.MoveProjectToCommand(self, project_id, old, new, f"사업 옮기기: {p.name}"))

    def set_term_budget(self, project_id: int, year: int, source: str, text: str) -> bool:
        """A 6th-term 4-year budget cell, written now and undoable; False when unchanged."""
        with self.applying():
            old = self.store.set_term_budget(project_id, year, source, text)
        new = self.store.term_budget(project_id, year, source)
        if old == new:
            return False
        self._push(
            c.SetTermBudgetCommand(
                self, project_id, year, source, old, new, f"{year}년 사업비 수정"
            )
        )
        return True

    def renumber_projects(self) -> None:
        """사업번호 다시 매기기: the explicit, undoable renumbering of a 6th-term plan."""
        with self.applying():
            old = self.store.renumber_projects()
        self._push(c.RenumberProjectsCommand(self, old))

    def rename_project(self, project_id: int, name: str) -> bool:
        if not name.strip():
            raise ValidationError("사업명은 비워 둘 수 없습니다.")
        return self.set_field(
            m.Project,
            project_id,
            "name",
            name.strip(),
            project_id=project_id,
            label="사업명",
            structural=True,
        )

    def create_card(self, project_id: int) -> int:
        return self.add_row(
            m.Card,
            {"project_id": project_id, "year": self.year},
            project_id=project_id,
            label=f"{self.year}년 카드",
        )

    def add_strategy(self, system: str, title: str) -> int:
        return self.add_row(
            m.Strategy,
            self.store.new_strategy(system, title),
            label="전략",
            structural=True,
        )

    def add_task(self, strategy_id: int, title: str) -> int:
        return self.add_row(
            m.Task,
            self.store.new_task(strategy_id, title),
            label="대표과업",
            structural=True,
        )

    # ------------------------------------------------------------------ plan pages (issue 9)
    def set_narrative(
        self,
        key: str,
        label: str,
        data: str | None = None,
        tables: list | None = None,
        not_applicable: bool | None = None,
        year: int | None = None,
    ) -> bool:
        """Change a report part's text / tables / 해당 없음 mark of the year; one undo step."""
        year = self.year if year is None else year
        with self.applying():
            old = self.store.set_narrative(year, key, data, tables, not_applicable)
        new = self.store.year_text(year, key)
        if new == old:
            return False
        self._push(c.SetYearTextCommand(self, year, key, old, new, f"{label} 수정"))
        return True

    def set_basic_target(self, indicator_id: int, year: int, text: str, label: str) -> bool:
        with self.applying():
            old = self.store.set_basic_target(indicator_id, year, text)
        new = (self.store.get(m.BasicIndicator, indicator_id).targets or {}).get(str(year))
        if (old or "") == (new or ""):
            return False
        self._push(c.SetBasicTargetCommand(self, indicator_id, year, old, new, f"{label} 수정"))
        return True

    def set_basic_budget(self, project_id: int, year: int, text: str, label: str) -> bool:
        with self.applying():
            old = self.store.set_basic_budget(project_id, year, text)
        new = self.store.basic_budget(project_id, year)
        if old == new:
            return False
        self._push(c.SetBasicBudgetCommand(self, project_id, year, old, new, f"{label} 수정"))
        return True

    def link_duplicate(self, project_id: int, original_id: int | None) -> None:
        with self.applying():
            old = self.store.link_duplicate(project_id, original_id)
        if old != original_id:
            self._push(c.LinkDuplicateCommand(self, project_id, old, original_id, "중복 사업 연결"))

    def make_year_cards(self, from_year: int, to_year: int):
        """Next year's cards as ONE undo step; returns the store's ``NewYearResult``."""
        with self.applying():
            result = self.store.make_year_cards(from_year, to_year)
        if result.made:
            self._push(
                c.NewYearCardsCommand(
                    self, list(result.made), f"{to_year}년 카드 {len(result.made)}개 만들기"
                )
            )
        return result

    def add_node(self, model, parent_id, title: str, index: int | None = None, system="I") -> int:
        """Add a strategy (``parent_id`` unused, ``system``) or a 대표과업 (under ``parent_id``)."""
        with self.applying():
            if model is m.Strategy:
                ident = self.store.add_strategy(system, title, index)
                text = f"전략 추가: {title.strip()}"
            else:
                ident = self.store.add_task(parent_id, title, index)
                text = f"대표과업 추가: {title.strip()}"
        self._push(c.AddNodeCommand(self, model, ident, text))
        return ident

    def remove_node(self, model, ident: int) -> None:
        """Remove a strategy, 대표과업 or project with everything under it; one undo step."""
        name = getattr(self.store.get(model, ident), "title", None) or getattr(
            self.store.get(model, ident), "name", ""
        )
        with self.applying():
            data = self.store.remove_node(model, ident)
        label = {"Strategy": "전략", "Task": "대표과업", "Project": "사업"}[model.__name__]
        self._push(c.RemoveNodeCommand(self, model, ident, data, f"{label} 삭제: {name}"))

    def move_node(self, model, ident: int, new_index: int) -> None:
        with self.applying():
            old = self.store.move_node(model, ident, new_index)
        if old != new_index:
            label = "전략" if model is m.Strategy else "대표과업"
            self._push(c.MoveNodeCommand(self, model, ident, old, new_index, f"{label} 이동"))
