"""CardSection: one part of the card form, with load / check / save like Picard's option pages.

``load(data)`` fills the widgets from the store's current values; ``check()``
returns the messages of values the user typed that could not be stored;
``save()`` commits whatever is still being typed (edits are written as they
are committed, so there is nothing else to save).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from sbdesk import models as m
from sbdesk.models import fields
from sbdesk.services.card_rows import CardRows
from sbdesk.ui.widgets.fields import FieldCheckBox, FieldCombo, FieldLineEdit, GrowingTextEdit


@dataclass
class CardData:
    """Everything a card page shows of one project and year, read in one go."""

    session: Any
    project: m.Project
    code: str
    year: int
    card: m.Card | None
    rows: CardRows
    rules: Any = None  # the plan's TermRules (sbdesk.terms)

    @property
    def editable(self) -> bool:
        return not self.session.read_only


class CardSection(QFrame):
    NAME = ""
    TITLE = ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cardSection")
        self.fields: dict[str, Any] = {}  # "Card.department" → bound field widget
        self.tables: dict[str, Any] = {}  # "Indicator" → RowsTable
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 12, 16, 14)
        self._layout.setSpacing(8)
        title = QLabel(self.TITLE, self)
        title.setObjectName("sectionTitle")
        self._layout.addWidget(title)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()

    def finish(self) -> None:
        self._layout.addWidget(self.message)

    # ------------------------------------------------------------------ building
    def form(self, columns: int = 1) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for c in range(columns):
            grid.setColumnStretch(2 * c + 1, 1)
            grid.setColumnMinimumWidth(2 * c, 96)
        self._layout.addLayout(grid)
        return grid

    def label(self, text: str) -> QLabel:
        lab = QLabel(text, self)
        lab.setObjectName("fieldLabel")
        lab.setAlignment(Qt.AlignRight | Qt.AlignTop)
        lab.setContentsMargins(0, 5, 0, 0)
        return lab

    def _register(self, widget) -> Any:
        key = f"{widget.model.__name__}.{widget.field}"
        self.fields[key] = widget
        widget.message.connect(self._field_message)
        return widget

    # Bound widgets take their title (for messages), hint and choices from
    # ``models.fields``; the caller places the form label (``field_label``).
    def line(self, model, field: str) -> FieldLineEdit:
        spec = fields.field(model, field)
        w = FieldLineEdit(model, field, spec.title, self, placeholder=spec.hint)
        return self._register(w)

    def text(self, model, field: str, min_lines: int = 2) -> GrowingTextEdit:
        spec = fields.field(model, field)
        w = GrowingTextEdit(
            model, field, spec.title, self, min_lines=min_lines, placeholder=spec.hint
        )
        return self._register(w)

    def check_box(self, model, field: str) -> FieldCheckBox:
        return self._register(FieldCheckBox(model, field, fields.label(model, field), self))

    def combo(self, model, field: str) -> FieldCombo:
        spec = fields.field(model, field)
        return self._register(FieldCombo(model, field, spec.title, list(spec.choices), self))

    def field_label(self, model, field: str) -> QLabel:
        """The form label of a field (its short label from ``models.fields``)."""
        return self.label(fields.label(model, field))

    def _field_message(self, text: str) -> None:
        msgs = [w.error_text for w in self.fields.values() if w.error_text]
        self.message.setText("\n".join(msgs))
        self.message.setVisible(bool(msgs))

    # ------------------------------------------------------------------ page protocol
    def load(self, data: CardData) -> None:
        for key, w in self.fields.items():
            model_name, field = key.split(".")
            obj = data.project if model_name == "Project" else data.card
            if obj is None:
                w.attach(None, None)
                continue
            w.attach(data.session, obj.id, data.project.id)
            w.show_value(getattr(obj, field))

    def check(self) -> list[str]:
        msgs = [w.error_text for w in self.fields.values() if w.error_text]
        for t in self.tables.values():
            if t.message.isVisible():
                msgs.append(t.message.text())
        return msgs

    def save(self) -> None:
        for w in self.fields.values():
            w.commit()

    def focus_field(self, key: str, row_id: int | None) -> bool:
        """Put the keyboard focus on ``Model.field`` (and the row ``row_id`` of a grid)."""
        if key in self.fields:
            w = self.fields[key]
            w.setFocus(Qt.OtherFocusReason)
            return True
        model_name, _, field = key.partition(".")
        for table_key, table in self.tables.items():
            if table_key.split(":")[0] == model_name and table.focus_row(row_id, field):
                return True
        return False
