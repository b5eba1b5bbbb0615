"""Undoable edits: every write the UI makes is one of these on the window's QUndoStack.

A command is pushed *after* its first write succeeded (a value the store
rejects never reaches the stack), so its first ``redo`` is skipped. Undo and
redo call the store again; ids survive deletion and restoration, so commands
stay valid across renumbering. A command whose store call fails is made
obsolete and the error is shown (never swallowed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from sbdesk.ui.session import PlanSession

MERGE_FIELD_ID = 0x5B01


class StoreCommand(QUndoCommand):
    """Base: knows its session, the project it touches and whether it changes the tree."""

    rows_changed = False  # True for commands that add, remove or reorder rows

    def __init__(
        self,
        session: PlanSession,
        text: str,
        project_id: int | None = None,
        structural: bool = False,
    ):
        super().__init__(text)
        self.session = session
        self.project_id = project_id
        self.structural = structural
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, fn) -> None:
        try:
            with self.session.applying():
                fn()
        except Exception as exc:  # shown in the error dialog, never silent
            self.setObsolete(True)
            self.session.report_error(exc)
            return
        self.session.notify(self, undo=True)

    def apply(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class SetFieldCommand(StoreCommand):
    """One field of one row; consecutive commits of one typing session merge."""

    def __init__(
        self,
        session,
        model,
        ident: int,
        field: str,
        old: Any,
        new: Any,
        text: str,
        project_id=None,
        structural=False,
        merge_key: object | None = None,
    ):
        super().__init__(session, text, project_id, structural)
        self.model, self.ident, self.field = model, ident, field
        self.old, self.new = old, new
        self.merge_key = merge_key

    def id(self) -> int:
        return MERGE_FIELD_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.merge_key is None:
            return False
        if (other.merge_key, other.model, other.ident, other.field) != (
            self.merge_key,
            self.model,
            self.ident,
            self.field,
        ):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def apply(self) -> None:
        self.session.store.set_field(self.model, self.ident, self.field, self.new)

    def revert(self) -> None:
        self.session.store.set_field(self.model, self.ident, self.field, self.old)


class AddRowCommand(StoreCommand):
    rows_changed = True

    def __init__(self, session, model, ident: int, text: str, project_id=None, structural=False):
        super().__init__(session, text, project_id, structural)
        self.model, self.ident = model, ident
        self.data: dict | None = None

    def apply(self) -> None:
        self.session.store.restore_row(self.model, self.data)

    def revert(self) -> None:
        self.data = self.session.store.delete_row(self.model, self.ident)


class DeleteRowCommand(StoreCommand):
    rows_changed = True

    def __init__(self, session, model, data: dict, text: str, project_id=None, structural=False):
        super().__init__(session, text, project_id, structural)
        self.model, self.data = model, data

    def apply(self) -> None:
        self.data = self.session.store.delete_row(self.model, self.data["id"])

    def revert(self) -> None:
        self.session.store.restore_row(self.model, self.data)


class MoveRowCommand(StoreCommand):
    rows_changed = True

    def __init__(
        self,
        session,
        model,
        ident: int,
        old: int,
        new: int,
        text: str,
        project_id=None,
        structural=False,
    ):
        super().__init__(session, text, project_id, structural)
        self.model, self.ident, self.old, self.new = model, ident, old, new

    def apply(self) -> None:
        self.session.store.move_row(self.model, self.ident, self.new)

    def revert(self) -> None:
        self.session.store.move_row(self.model, self.ident, self.old)


class AddProjectCommand(StoreCommand):
    def __init__(self, session, project_id: int, text: str):
        super().__init__(session, text, project_id, structural=True)
        self.data: dict | None = None

    def apply(self) -> None:
        self.session.store.restore_project(self.data)

    def revert(self) -> None:
        self.data = self.session.store.remove_project(self.project_id)


class RemoveProjectCommand(StoreCommand):
    def __init__(self, session, project_id: int, data: dict, text: str):
        super().__init__(session, text, project_id, structural=True)
        self.data = data

    def apply(self) -> None:
        self.data = self.session.store.remove_project(self.project_id)

    def revert(self) -> None:
        self.session.store.restore_project(self.data)


class MoveProjectCommand(StoreCommand):
    def __init__(self, session, project_id: int, old: int, new: int, text: str):
        super().__init__(session, text, project_id, structural=True)
        self.old, self.new = old, new

    def apply(self) -> None:
        self.session.store.move_project(self.project_id, self.new)

    def revert(self) -> None:
        self.session.store.move_project(self.project_id, self.old)


class MoveProjectToCommand(StoreCommand):
    """Move a project under another strategy or 대표과업 (a 6th-term number stays)."""

    def __init__(self, session, project_id: int, old: dict, new: dict, text: str):
        super().__init__(session, text, project_id, structural=True)
        self.old, self.new = dict(old), dict(new)

    def apply(self) -> None:
        self.session.store.move_project_to(self.project_id, **self.new)

    def revert(self) -> None:
        self.session.store.move_project_to(self.project_id, **self.old)


class RenumberProjectsCommand(StoreCommand):
    """사업번호 다시 매기기 (6th term): every project gets the number of its position."""

    def __init__(self, session, old_codes: dict[int, str], text: str = "사업번호 다시 매기기"):
        super().__init__(session, text, None, structural=True)
        self.old_codes = dict(old_codes)

    def apply(self) -> None:
        self.session.store.renumber_projects()

    def revert(self) -> None:
        self.session.store.restore_codes(self.old_codes)


# ---------------------------------------------------------------------- plan pages (issue 9)
class SetYearTextCommand(StoreCommand):
    """A narrative part's text, tables or 해당 없음 mark (one ``YearText`` value)."""

    def __init__(self, session, year: int, key: str, old, new, text: str):
        super().__init__(session, text)
        self.year, self.key, self.old, self.new = year, key, old, new

    def apply(self) -> None:
        self.session.store.set_year_text(self.year, self.key, self.new)

    def revert(self) -> None:
        self.session.store.set_year_text(self.year, self.key, self.old)


class SetBasicTargetCommand(StoreCommand):
    def __init__(self, session, indicator_id: int, year: int, old, new, text: str):
        super().__init__(session, text)
        self.indicator_id, self.year, self.old, self.new = indicator_id, year, old, new

    def apply(self) -> None:
        self.session.store.set_basic_target(self.indicator_id, self.year, self.new)

    def revert(self) -> None:
        self.session.store.set_basic_target(self.indicator_id, self.year, self.old)


class SetBasicBudgetCommand(StoreCommand):
    def __init__(self, session, project_id: int, year: int, old: str, new: str, text: str):
        super().__init__(session, text, project_id)
        self.year, self.old, self.new = year, old, new

    def apply(self) -> None:
        self.session.store.set_basic_budget(self.project_id, self.year, self.new)

    def revert(self) -> None:
        self.session.store.set_basic_budget(self.project_id, self.year, self.old)


class LinkDuplicateCommand(StoreCommand):
    def __init__(self, session, project_id: int, old, new, text: str):
        super().__init__(session, text, project_id, structural=True)
        self.old, self.new = old, new

    def apply(self) -> None:
        self.session.store.link_duplicate(self.project_id, self.new)

    def revert(self) -> None:
        self.session.store.link_duplicate(self.project_id, self.old)


class NewYearCardsCommand(StoreCommand):
    """Every card ``make_year_cards`` made, as one step (undo removes exactly those)."""

    def __init__(self, session, card_ids: list[int], text: str):
        super().__init__(session, text, structural=True)
        self.card_ids = card_ids
        self.data: dict | None = None

    def apply(self) -> None:
        self.session.store.restore_rows(self.data)

    def revert(self) -> None:
        self.data = self.session.store.remove_cards(self.card_ids)


class AddNodeCommand(StoreCommand):
    """A strategy, 대표과업 or project added (undo removes it with anything added under it)."""

    def __init__(self, session, model, ident: int, text: str):
        super().__init__(session, text, structural=True)
        self.model, self.ident = model, ident
        self.data: dict | None = None

    def apply(self) -> None:
        self.session.store.restore_subtree(self.data)

    def revert(self) -> None:
        self.data = self.session.store.remove_node(self.model, self.ident)


class RemoveNodeCommand(StoreCommand):
    """A strategy, 대표과업 or project removed with everything under it."""

    def __init__(self, session, model, ident: int, data: dict, text: str):
        super().__init__(session, text, structural=True)
        self.model, self.ident, self.data = model, ident, data

    def apply(self) -> None:
        self.data = self.session.store.remove_node(self.model, self.ident)

    def revert(self) -> None:
        self.session.store.restore_subtree(self.data)


class MoveNodeCommand(StoreCommand):
    """A strategy or 대표과업 moved among its siblings (renumbering them)."""

    def __init__(self, session, model, ident: int, old: int, new: int, text: str):
        super().__init__(session, text, structural=True)
        self.model, self.ident, self.old, self.new = model, ident, old, new

    def apply(self) -> None:
        self.session.store.move_node(self.model, self.ident, self.new)

    def revert(self) -> None:
        self.session.store.move_node(self.model, self.ident, self.old)


class SetTermBudgetCommand(StoreCommand):
    """One 6th-term budget cell (project, year, source)."""

    def __init__(self, session, project_id: int, year: int, source: str, old, new, text: str):
        super().__init__(session, text, project_id)
        self.year, self.source, self.old, self.new = year, source, old, new

    def apply(self) -> None:
        self.session.store.set_term_budget(self.project_id, self.year, self.source, self.new)

    def revert(self) -> None:
        self.session.store.set_term_budget(self.project_id, self.year, self.source, self.old)
