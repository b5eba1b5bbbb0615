"""The field registry (models/fields.py): every label declared once, read by everyone."""

from __future__ import annotations

import pytest

from sbdesk import models as m
from sbdesk.export.xlsx import dept_workbook
from sbdesk.models import fields


def test_every_declared_field_is_a_column_of_its_table():
    tables = {t.__name__: t for t in m.ALL_TABLES}
    for f in fields.FIELDS:
        assert f.name in tables[f.model].__table__.columns.keys(), f.key
    assert len({f.key for f in fields.FIELDS}) == len(fields.FIELDS)  # declared once


def test_the_settled_titles():
    assert fields.title(m.Card, "review_status") == "작성 상태"
    assert fields.title("BudgetLine.executed_amount") == "집행 실적(B)"
    assert fields.label("Card", "target_criteria") == "선정 기준"
    assert fields.title("Card", "target_criteria") == "지원 대상 선정 기준"
    assert fields.field("Indicator.direction").choice_label("lower") == "하향"
    assert fields.values("Card.review_status") == ["작성 중", "제출", "검토 완료"]
    assert fields.title("Card.no_such_field") == "no_such_field"
    with pytest.raises(KeyError):
        fields.field("Card.no_such_field")


def test_the_workbook_reads_its_labels_and_kinds_from_the_registry():
    for key, kind in dept_workbook.FIELD_KINDS.items():
        assert kind == fields.field(*key).kind
        assert dept_workbook.FIELD_LABELS[key] == fields.title(*key)
    assert dept_workbook.SOURCE_ALIASES["시도비"] == "province"
    assert dept_workbook.DIRECTION_ALIASES["하향"] == "lower"


def test_a_term_override_changes_only_that_term(monkeypatch):
    monkeypatch.setitem(fields.TERM_OVERRIDES, 6, {"Card.change_note": {"title": "사업 변경 사유"}})
    assert fields.title("Card.change_note", term=6) == "사업 변경 사유"
    assert fields.title("Card.change_note", term=5) == "사업변경 내용 및 취지"
    assert fields.title("Card.change_note") == "사업변경 내용 및 취지"
