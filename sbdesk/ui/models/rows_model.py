"""A table model over the rows of one card list (지표, 추진체계, 전달 체계, 평가 …).

Columns are declared with ``Col``; stored fields are edited through the
session (each edit saved and undoable), computed columns (달성률) are read-only
and recomputed from the row through ``services.compute``. A value the store
rejects stays in its cell, red, with the Korean message; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from sbdesk.services.errors import ValidationError
from sbdesk.services.numbers import keep_unit, measure_warning, same_measure
from sbdesk.ui import style

#: Indicator cells holding a typed figure ("1,300명"): the unit is kept, odd values warned.
MEASURE_FIELDS = ("plan_target", "annual_target", "actual")

NO_PARENT = QModelIndex()  # the invalid index: "no parent" (the root)


@dataclass
class Col:
    field: str | None  # None: computed
    title: str
    kind: str = "text"  # text | long | choice | computed | index
    width: int = 120
    stretch: int = 0  # >0: takes a share of the spare width
    choices: list[tuple[str, Any]] = field(default_factory=list)
    compute: Callable[[Any], str] | None = None
    align_right: bool = False

    @property
    def editable(self) -> bool:
        return self.field is not None and self.kind not in ("computed", "index")

    def label_of(self, value: Any) -> str:
        for text, v in self.choices:
            if v == value:
                return text
        return "" if value is None else str(value)

    def value_of(self, text: str) -> Any:
        """A pasted label ("하향", "반영") → the stored value; raises ValidationError."""
        t = (text or "").strip()
        for label, v in self.choices:
            if t == label or (v is not None and t == str(v)):
                return v
        if t in ("", "-") and any(v is None for _label, v in self.choices):
            return None
        names = ", ".join(label for label, v in self.choices if v is not None)
        raise ValidationError(
            f"{self.title}: '{text}'은(는) 고를 수 있는 값이 아닙니다 ({names} 중 하나)."
        )


class RowsModel(QAbstractTableModel):
    """Rows of one model (e.g. ``Indicator``) of one card, in their stored order."""

    message = Signal(str)

    def __init__(self, model_cls, columns: list[Col], label: str, parent=None):
        super().__init__(parent)
        self.model_cls = model_cls
        self.columns = columns
        self.label = label  # "성과지표"
        self.rows: list[Any] = []
        self.session = None
        self.project_id: int | None = None
        self.new_row_values: dict[str, Any] = {}
        self.errors: dict[tuple[int, str], tuple[str, str]] = {}

    # ------------------------------------------------------------------ loading
    def attach(self, session, project_id: int | None, new_row_values: dict[str, Any]) -> None:
        self.session, self.project_id, self.new_row_values = session, project_id, new_row_values

    def set_rows(self, rows: list[Any]) -> None:
        same = [r.id for r in rows] == [r.id for r in self.rows]
        if same:
            self.rows = list(rows)
            self._drop_stale_errors()
            if self.rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
                )
            return
        self.beginResetModel()
        self.rows = list(rows)
        self._drop_stale_errors()
        self.endResetModel()

    def _drop_stale_errors(self) -> None:
        ids = {r.id for r in self.rows}
        self.errors = {k: v for k, v in self.errors.items() if k[0] in ids}

    @property
    def editable(self) -> bool:
        return self.session is not None and not self.session.read_only and bool(self.new_row_values)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section].title
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index):
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.editable and self.columns[index.column()].editable:
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        err = self.errors.get((row.id, col.field)) if col.field else None
        if role in (Qt.DisplayRole, Qt.EditRole):
            if err:
                return err[0]
            if col.kind == "index":
                return str(index.row() + 1)
            if col.compute is not None:
                return col.compute(row)
            value = getattr(row, col.field)
            if role == Qt.EditRole and col.kind == "choice":
                return value
            return col.label_of(value) if col.choices else ("" if value is None else str(value))
        if role == Qt.ToolTipRole:
            if err:
                return err[1]
            if col.kind in ("long", "text") and col.field:
                text = getattr(row, col.field) or ""
                return text if len(text) > 30 else None
            return None
        if role == Qt.BackgroundRole:
            if err:
                return QBrush(QColor(style.ERROR_BG))
            if not col.editable:
                return QBrush(QColor(style.COMPUTED_BG))
            return None
        if role == Qt.ForegroundRole:
            if err:
                return QBrush(QColor(style.ERROR_FG))
            return None
        if role == Qt.TextAlignmentRole:
            if col.align_right or col.kind in ("computed", "index"):
                return (
                    int(Qt.AlignRight | Qt.AlignVCenter)
                    if col.kind == "computed"
                    else int(Qt.AlignCenter)
                )
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid() or not self.editable:
            return False
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if not col.editable:
            return False
        if isinstance(value, str) and col.kind != "long":
            value = value.strip()
        measure = self.model_cls.__name__ == "Indicator" and col.field in MEASURE_FIELDS
        if measure and isinstance(value, str):
            current = getattr(row, col.field)
            value = keep_unit(value, current, getattr(row, "unit", "") or "")  # 1300 → 1300명
            if same_measure(value, current):
                return False  # the same figure retyped without its unit: nothing changes
        try:
            stored = self.session.store.coerce(self.model_cls, col.field, value)
        except ValidationError as exc:
            msg = f"{self.label} {index.row() + 1}행 — {exc}"
            self.errors[(row.id, col.field)] = ("" if value is None else str(value), msg)
            self.dataChanged.emit(index, index)
            self.message.emit(msg)
            return False
        old = getattr(row, col.field)
        setattr(row, col.field, stored)  # first, so everything refreshed by the write sees it
        try:
            self.session.set_field(
                self.model_cls,
                row.id,
                col.field,
                stored,
                project_id=self.project_id,
                label=f"{self.label} {col.title}",
            )
        except Exception:
            setattr(row, col.field, old)
            raise
        if self.errors.pop((row.id, col.field), None) is not None:
            self.message.emit("")
        if measure:
            warning = measure_warning(stored, getattr(row, "unit", "") or "")
            if warning:  # saved as typed; the line says what to look at
                self.message.emit(f"{self.label} {index.row() + 1}행 {col.title} — 확인: {warning}")
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1)
        )
        return True

    # ------------------------------------------------------------------ row operations
    def add_row(self, position: int | None = None, values: dict | None = None) -> int:
        vals = dict(self.new_row_values)
        vals.update(values or {})
        return self.session.add_row(
            self.model_cls, vals, position=position, project_id=self.project_id, label=self.label
        )

    def delete_row(self, row: int) -> None:
        self.session.delete_row(
            self.model_cls, self.rows[row].id, project_id=self.project_id, label=self.label
        )

    def move_row(self, row: int, new_row: int) -> None:
        self.session.move_row(
            self.model_cls, self.rows[row].id, new_row, project_id=self.project_id, label=self.label
        )

    def clear_cells(self, indexes: list[QModelIndex]) -> None:
        targets = [
            (self.rows[i.row()], self.columns[i.column()])
            for i in indexes
            if self.columns[i.column()].editable
        ]
        if not targets:
            return
        with self.session.macro(f"{self.label} 내용 지우기"):
            for row, col in targets:
                value = (
                    None if col.kind == "choice" and any(v is None for _, v in col.choices) else ""
                )
                if col.kind == "choice" and value == "":
                    continue
                self.session.set_field(
                    self.model_cls,
                    row.id,
                    col.field,
                    value,
                    project_id=self.project_id,
                    label=f"{self.label} {col.title}",
                )

    def paste(self, start_row: int, start_col: int, cells: list[list[str]]) -> str:
        """Fill cells from a copied block, adding rows as needed; one undo step.

        Every value is checked first: if any cell cannot be stored, nothing is
        written and the message (naming row and column) is returned.
        """
        if not self.editable or not cells:
            return ""
        start_row = max(0, start_row)
        plan: list[tuple[int, dict[str, Any]]] = []
        for r, line in enumerate(cells):
            values: dict[str, Any] = {}
            for c, text in enumerate(line):
                ci = start_col + c
                if ci >= len(self.columns):
                    break
                col = self.columns[ci]
                if not col.editable:
                    continue  # a computed column in the copied block (달성률) is recomputed
                try:
                    value = col.value_of(text) if col.kind == "choice" else text
                    values[col.field] = self.session.store.coerce(self.model_cls, col.field, value)
                except ValidationError as exc:
                    return (
                        f"붙여넣지 않았습니다: {self.label} {start_row + r + 1}행 "
                        f"'{col.title}' 칸 — {exc}"
                    )
            if values:
                plan.append((start_row + r, values))
        if not plan:
            return ""
        with self.session.macro(f"{self.label} 붙여넣기 ({len(plan)}행)"):
            existing = list(self.rows)
            for row_index, values in plan:
                if row_index < len(existing):
                    for f, v in values.items():
                        self.session.set_field(
                            self.model_cls,
                            existing[row_index].id,
                            f,
                            v,
                            project_id=self.project_id,
                            label=self.label,
                        )
                else:
                    self.add_row(values=values)
        return ""

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), -1)

    def column_of(self, field_name: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.field == field_name), -1)
