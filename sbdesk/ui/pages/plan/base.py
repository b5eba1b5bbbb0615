"""Building blocks of the plan and year pages, with load / check / save like the card sections.

- ``PlanPage``: a scrolling page of sections; ``load()`` re-reads the store for
  the session's year, ``check()`` lists what could not be stored, ``save()``
  commits the field being typed.
- ``FormSection``: fields bound to one row of ``Plan``, ``Municipality`` or the
  year's ``PlanYear`` (written through the session: saved and undoable).
- ``RecordsSection``: a grid over the year's rows of one record model
  (``CommitteeMember``, ``TFMember``, ``Activity`` of one kind …) with a
  "해당 없음" box for its report part.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from sbdesk import models as m
from sbdesk.models import fields
from sbdesk.services.report_parts import PART_BY_KEY
from sbdesk.ui.models.rows_model import Col, RowsModel
from sbdesk.ui.pages.card.section import CardSection
from sbdesk.ui.widgets.rows_table import RowsTable


class NotApplicableBox(QCheckBox):
    """The "해당 없음" mark of one report part (distinct from empty: see ``report_parts``)."""

    def __init__(self, part_key: str, parent=None):
        part = PART_BY_KEY[part_key]
        super().__init__(
            f"{part.number} {part.title}: 해당 없음 (보고서에 '해당 사항 없음' 인쇄)", parent
        )
        self.part_key = part_key
        self.session = None
        self.setObjectName(f"na.{part_key}")
        self.setToolTip(
            "이 항목이 이 해에 해당하지 않을 때만 표시하세요. 표시하지 않은 빈 항목은 "
            "'(작성 필요)'로 인쇄되고 점검 결과에 나옵니다."
        )
        self.toggled.connect(self._toggled)
        self._loading = False

    def load(self, session) -> None:
        self.session = session
        self._loading = True
        value = session.store.year_text(session.year, self.part_key) or {}
        self.setChecked(bool(value.get("not_applicable")))
        self.setEnabled(not session.read_only)
        self._loading = False

    def _toggled(self, on: bool) -> None:
        if self._loading or self.session is None:
            return
        part = PART_BY_KEY[self.part_key]
        self.session.set_narrative(self.part_key, f"{part.number} 해당 없음", not_applicable=on)


class FormSection(CardSection):
    """Fields bound to one row each of ``Plan`` / ``Municipality`` / ``PlanYear``."""

    def __init__(self, title: str, parent=None):
        self.TITLE = title
        super().__init__(parent)

    def load_rows(self, session, rows: dict[str, Any]) -> None:
        for key, w in self.fields.items():
            model_name, field = key.split(".")
            obj = rows.get(model_name)
            if obj is None or obj.id is None:
                w.attach(None, None)
                continue
            w.attach(session, obj.id)
            w.show_value(getattr(obj, field))


class RecordsSection(CardSection):
    """A grid of the year's rows of one record model (optionally of one ``Activity`` kind)."""

    def __init__(
        self,
        title: str,
        model_cls,
        columns,
        label: str,
        kind: str | None = None,
        part_key: str | None = None,
        parent=None,
    ):
        self.TITLE = title
        super().__init__(parent)
        self.model_cls, self.kind = model_cls, kind
        self.rows_model = RowsModel(model_cls, columns, label, self)
        self.table = RowsTable(
            self.rows_model,
            self,
            add_text=f"{label} 추가",
            empty_text=f"{label}이(가) 없습니다. [{label} 추가]를 누르거나 Ctrl+V로 붙여넣으세요.",
        )
        self.table.setMinimumHeight(170)
        self.tables[model_cls.__name__ + (f":{kind}" if kind else "")] = self.table
        self._layout.addWidget(self.table)
        self.na_box = NotApplicableBox(part_key, self) if part_key else None
        if self.na_box is not None:
            self._layout.addWidget(self.na_box)
        self.finish()

    def load_year(self, session) -> None:
        where = {"year": session.year}
        if self.kind:
            where["kind"] = self.kind
        new_values = dict(where)
        self.rows_model.attach(session, None, new_values)
        self.rows_model.set_rows(session.store.list(self.model_cls, **where))
        self.table._update_buttons()
        if self.na_box is not None:
            self.na_box.load(session)


class PlanPage(QScrollArea):
    """A page of sections for the plan or the session's year."""

    TITLE = ""
    KEY = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName(f"planPage.{self.KEY}")
        self.setWidgetResizable(True)
        self.session = None
        body = QWidget(self)
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(12, 10, 12, 16)
        self.body.setSpacing(10)
        head = QLabel(self.TITLE, body)
        head.setObjectName("pageTitle")
        self.body.addWidget(head)
        self.subtitle = QLabel(body)
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.body.addWidget(self.subtitle)
        self.sections: list[CardSection] = []
        self.build()
        self.body.addStretch(1)
        self.setWidget(body)

    def build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def add(self, section):
        self.sections.append(section)
        self.body.addWidget(section)
        return section

    def set_session(self, session) -> None:
        self.session = session

    # ------------------------------------------------------------------ page protocol
    def load(self) -> None:
        if self.session is None:
            return
        rows = {
            "Plan": self.session.store.plan(),
            "Municipality": self.session.store.municipality(),
            "PlanYear": self.session.store.year_record(self.session.year)
            if not self.session.read_only
            else self.session.store.plan_year(self.session.year),
        }
        for s in self.sections:
            if isinstance(s, FormSection):
                s.load_rows(self.session, rows)
            elif isinstance(s, RecordsSection):
                s.load_year(self.session)
            elif hasattr(s, "load_page"):
                s.load_page(self.session)
        self.subtitle.setText(self.describe())

    def describe(self) -> str:
        return f"{self.session.year}년" if self.session else ""

    def check(self) -> list[str]:
        return [msg for s in self.sections for msg in s.check()]

    def save(self) -> None:
        for s in self.sections:
            s.save()

    def commit_pending(self) -> None:
        self.save()

    def focus_field(self, key: str, row_id: int | None) -> bool:
        for s in self.sections:
            if s.focus_field(key, row_id):
                self.ensureWidgetVisible(s)
                return True
        return False


def col(
    model, name: str, kind: str | None = None, width: int = 120, stretch: int = 0, choices=None
):
    """A grid column titled from the field registry (``models.fields``)."""
    spec = fields.field(model, name)
    if kind is None:
        kind = "choice" if spec.choices else "text"
    return Col(name, spec.label, kind, width, stretch, choices=list(choices or spec.choices))


def project_choices(store) -> list[tuple[str, Any]]:
    """ "I-1-1 사업명" → project id, for a record's 사업 column ("-": none)."""
    codes = store.codes()
    names = {p.id: p.name for p in store.list(m.Project)}
    from sbdesk.services.plan_writes import _code_key

    return [("-", None)] + [
        (f"{codes[pid]} {names[pid]}", pid)
        for pid in sorted(codes, key=lambda i: _code_key(codes[i]))
    ]


ALIGN_TOP = Qt.AlignTop
