"""Lossless JSON export and import of a whole plan file (backups, moving between PCs).

The format is described in ``docs/json-format.md``. In short: a header
(``format``, ``format_version``, ``schema_version``, ``app_version``) and
``tables``: every table of ``sbdesk.models.ALL_TABLES`` with all its rows, ids
included, in id order. Money (``DecimalText`` columns) is written as a string
("189.5", "0.8") so no amount ever passes through a float.

Export writes a temporary file beside the target and renames it into place.
Import validates the whole file first (Korean messages naming the table, row
and field), builds the new plan in a temporary file beside the target, and
moves it into place only when it is complete; it never overwrites a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeGuard

from sqlalchemy import JSON as SA_JSON
from sqlalchemy import Boolean, Integer, String, TypeDecorator
from sqlmodel import SQLModel, select

from sbdesk import __version__
from sbdesk import models as m
from sbdesk.models.tables import table_of
from sbdesk.models.types import (
    ChangeType,
    Direction,
    EvaluationKind,
    FundingSource,
    Judgement,
    Reflected,
    ReviewMode,
    ReviewResult,
    ReviewStatus,
    System,
    new_uid,
)
from sbdesk.services import planfile
from sbdesk.services.errors import InterchangeError, PlanFileError
from sbdesk.services.new_rows import NewRows
from sbdesk.services.numbers import NumberError, check_money
from sbdesk.services.text import clean_value
from sbdesk.terms.term6 import TERM6

FORMAT_NAME = "sbdesk-plan"
#: 2: the plan pages' data (issue 9): 심의 fields of PlanYear, members' 출석,
#: the council name, basic-plan dashes, 대표과업 indicators and duplicate links.
#: Version 1 files import unchanged (missing fields take the model defaults).
FORMAT_VERSION = 2
MAX_MESSAGES = 20

TABLES: dict[str, type[SQLModel]] = {t.__name__: t for t in m.ALL_TABLES}

#: Korean names of the tables, for messages.
TABLE_LABELS = {
    "Municipality": "지자체",
    "Plan": "계획",
    "PlanYear": "연도",
    "Strategy": "전략",
    "Task": "대표과업",
    "Project": "세부사업",
    "LevelIndicator": "전략·과업 지표",
    "Card": "사업 카드",
    "DeliveryStep": "지원 절차",
    "BudgetLine": "재원",
    "Indicator": "성과지표",
    "Partner": "추진체계",
    "Evaluation": "모니터링·자체평가",
    "BasicIndicator": "기본계획 지표",
    "BasicBudget": "기본계획 예산",
    "ChangeEntry": "변경 내용",
    "CommitteeMember": "심의위원",
    "TFMember": "TF 위원",
    "Legislation": "조례·규칙",
    "BudgetListItem": "사회보장 예산 목록",
    "Activity": "활동 기록",
    "YearText": "연도별 글",
    "OtherPlanLink": "타 계획 연계",
}

#: Fields whose value must be one of an enumeration (None allowed where the column is nullable).
ENUM_FIELDS: dict[tuple[str, str], set[str]] = {
    ("Strategy", "system"): {x.value for x in System},
    ("BudgetLine", "source"): {x.value for x in FundingSource},
    ("Indicator", "direction"): {x.value for x in Direction},
    ("LevelIndicator", "direction"): {x.value for x in Direction},
    ("Indicator", "judgement"): {x.value for x in Judgement},
    ("LevelIndicator", "judgement"): {x.value for x in Judgement},
    ("Evaluation", "kind"): {x.value for x in EvaluationKind},
    ("Evaluation", "reflected"): {x.value for x in Reflected} | {""},
    ("ChangeEntry", "change_type"): {x.value for x in ChangeType},
    ("Card", "review_status"): {x.value for x in ReviewStatus},
    ("Project", "subsidy_exception"): {"", *TERM6.subsidy_kinds},
    ("BasicBudget", "source"): {"", *(x.value for x in FundingSource)},
    ("BasicBudget", "mark"): {"", "/", "-"},
    ("OtherPlanLink", "level"): {"", "중앙", "시·도", "시·군·구"},
    ("PlanYear", "review_mode"): {x.value for x in ReviewMode} | {""},
    ("PlanYear", "review_result"): {x.value for x in ReviewResult} | {""},
}


#: JSON columns that hold a list (every other JSON column holds an object).
LIST_FIELDS = {"project_ids", "basic_plan_areas"}


def _kind(col) -> str:
    """The JSON kind of a column: decimal, int, bool, str, json."""
    t = col.type
    if type(t).__name__ == "DecimalText":
        return "decimal"
    if isinstance(t, SA_JSON):
        return "json"
    if isinstance(t, TypeDecorator):
        t = t.impl_instance
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, Integer):
        return "int"
    if isinstance(t, String):
        return "str"
    raise TypeError(f"unsupported column type {t!r} of {col}")  # pragma: no cover


def columns(model: type[SQLModel]) -> dict[str, Any]:
    return dict(table_of(model).columns.items())


# ---------------------------------------------------------------------- export
def _encode(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "decimal":
        return format(value, "f")
    return value


def plan_document(store) -> dict[str, Any]:
    """The whole plan as the JSON document (a dict), rows in id order."""
    tables: dict[str, list[dict]] = {}
    with store.reading() as s:
        for model in m.ALL_TABLES:
            cols = {name: _kind(col) for name, col in columns(model).items()}
            rows = s.exec(select(model).order_by(model.id)).all()
            tables[model.__name__] = [
                {name: _encode(getattr(r, name), kind) for name, kind in cols.items()} for r in rows
            ]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_version": planfile.SCHEMA_VERSION,
        "app_version": __version__,
        "tables": tables,
    }


def _dump_lines(doc: dict[str, Any]) -> Iterator[str]:
    """JSON text with one row per line (readable, diff-friendly, still plain JSON)."""
    yield "{\n"
    for key in ("format", "format_version", "schema_version", "app_version"):
        yield f" {json.dumps(key)}: {json.dumps(doc[key], ensure_ascii=False)},\n"
    yield ' "tables": {'
    names = list(doc["tables"])
    for i, name in enumerate(names):
        rows = doc["tables"][name]
        yield f"\n  {json.dumps(name)}: ["
        for j, row in enumerate(rows):
            sep = "," if j < len(rows) - 1 else ""
            yield f"\n   {json.dumps(row, ensure_ascii=False)}{sep}"
        yield ("\n  ]" if rows else "]") + ("," if i < len(names) - 1 else "")
    yield "\n }\n}\n"


def export_json(store, out: Path, overwrite: bool = False) -> Path:
    """Write the whole plan to ``out`` through ``services.outputs`` (temp file, then rename).

    An existing ``out`` is replaced only with ``overwrite``, and never when it
    is a plan file (so a mistyped name never destroys a plan).
    """
    from sbdesk.services import outputs

    out = outputs.check_target(out, overwrite)
    doc = plan_document(store)
    with outputs.writing(out, overwrite) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in _dump_lines(doc):
                fh.write(chunk)
    return out


# ---------------------------------------------------------------------- import
class _Problems:
    def __init__(self, src: Path):
        self.src = src
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:MAX_MESSAGES]
        more = len(self.items) - len(shown)
        text = "\n".join(f"  - {x}" for x in shown)
        if more:
            text += f"\n  … 외 {more}건"
        raise InterchangeError(
            f"'{self.src.name}'을(를) 가져올 수 없습니다 ({len(self.items)}건). 계획 파일은 만들지 않았습니다.\n"
            + text
        )


def _where(table: str, index: int, row: Any) -> str:
    ident = row.get("id") if isinstance(row, dict) else None
    label = TABLE_LABELS.get(table, table)
    return f"{table}({label}) {index + 1}번째 행" + (f"(id {ident})" if ident is not None else "")


def _decode(value: Any, kind: str, col, where: str, field: str, problems: _Problems) -> Any:
    if value is None:
        if not col.nullable and not col.primary_key:
            problems.add(f"{where}: '{field}' 항목은 비워 둘 수 없습니다 (null).")
        return None
    if kind == "decimal":
        if not isinstance(value, str):
            problems.add(
                f"{where}: '{field}' 금액은 따옴표로 감싼 문자열이어야 합니다 "
                f'(예: "189.5"), 받은 값: {json.dumps(value, ensure_ascii=False)}.'
            )
            return None
        try:
            d = Decimal(value)
        except InvalidOperation:
            problems.add(f"{where}: '{field}' 값 '{value}'은(는) 금액(숫자)이 아닙니다.")
            return None
        if not d.is_finite():
            problems.add(f"{where}: '{field}' 값 '{value}'은(는) 금액(숫자)이 아닙니다.")
            return None
        if d < 0:  # as in the app and the workbooks: no amount is negative
            problems.add(
                f"{where}: '{field}' 값 '{value}'은(는) 음수입니다. 금액은 0 이상이어야 합니다."
            )
            return None
        try:
            return check_money(d, f"{where}: '{field}'")
        except NumberError as exc:
            problems.add(str(exc))
            return None
    if kind == "bool":
        if not isinstance(value, bool):
            problems.add(
                f"{where}: '{field}' 값은 true/false여야 합니다 (받은 값: {json.dumps(value, ensure_ascii=False)})."
            )
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(f"{where}: '{field}' 값은 정수여야 합니다 (받은 값: {_shown(value)}).")
        elif not -INT_LIMIT < value < INT_LIMIT:
            problems.add(f"{where}: '{field}' 값 {_shown(value)}은(는) 너무 큰 수입니다.")
        return value
    if kind == "str":
        if not isinstance(value, str):
            problems.add(f"{where}: '{field}' 값은 문자열이어야 합니다 (받은 값: {_shown(value)}).")
        elif not _encodable(value):
            problems.add(f"{where}: '{field}' 값에 깨진 글자(짝 없는 서로게이트)가 있습니다.")
        return value
    if kind == "json":
        expected = list if field in LIST_FIELDS else dict
        if not isinstance(value, expected):
            name = "목록 [...]" if expected is list else "객체 {...}"
            problems.add(f"{where}: '{field}' 값은 {name}여야 합니다.")
        return value
    return value  # pragma: no cover


#: Integers SQLite can store (64-bit); the ids and years of a plan are far smaller.
INT_LIMIT = 2**62


def _shown(value: Any) -> str:
    """A value for a message, cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _plan_rules(out: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    """What the app itself never lets happen: two plans, a term ending before it starts, two cards."""
    for name in ("Plan", "Municipality"):
        rows = out.get(name, [])
        if len(rows) > 1:
            problems.add(
                f"{name}({TABLE_LABELS[name]}) 행이 {len(rows)}개입니다. 한 파일에는 하나만 있어야 합니다."
            )
    for i, row in enumerate(out.get("Plan", [])):
        start, end = row.get("start_year"), row.get("end_year")
        if _is_int(start) and _is_int(end):
            if end < start:
                problems.add(
                    f"{_where('Plan', i, row)}: 끝 연도({end})가 시작 연도({start})보다 앞섭니다."
                )
            elif not (1990 <= start <= 2100 and end - start <= 10):
                problems.add(
                    f"{_where('Plan', i, row)}: 계획 기간 {start}~{end}은(는) 올바른 기간이 아닙니다."
                )
    seen: dict[tuple, Any] = {}  # (project id, year) -> the first card's id
    for i, row in enumerate(out.get("Card", [])):
        key = (row.get("project_id"), row.get("year"))
        if not all(isinstance(k, int) for k in key):
            continue  # a wrong type is reported with the field
        if key in seen:
            problems.add(
                f"{_where('Card', i, row)}: 세부사업 id {key[0]}의 {key[1]}년 카드가 두 번 나옵니다 "
                f"(앞의 id {seen[key]})."
            )
        else:
            seen[key] = row.get("id")


def _model_defaults(model: type[SQLModel]) -> dict[str, Any]:
    out = {}
    for name in columns(model):
        field = model.model_fields.get(name)
        if field is None:
            continue
        if field.default_factory is not None:
            out[name] = field.get_default(call_default_factory=True)
        elif not field.is_required():
            out[name] = field.default
    return out


def read_document(src: Path) -> dict[str, Any]:
    """Read and parse the JSON file, with Korean messages for every way it can fail."""
    src = Path(src)
    try:
        raw = src.read_bytes()
    except FileNotFoundError as exc:
        raise InterchangeError(f"JSON 파일을 찾을 수 없습니다: {src}") from exc
    except IsADirectoryError as exc:
        raise InterchangeError(f"'{src}'은(는) 파일이 아니라 폴더입니다.") from exc
    except OSError as exc:
        raise InterchangeError(f"JSON 파일을 읽을 수 없습니다: {src} ({exc.strerror})") from exc
    if raw.startswith(planfile.SQLITE_HEADER):
        raise InterchangeError(
            f"'{src.name}'은(는) JSON이 아니라 계획 파일(데이터베이스)입니다. 그대로 여세요."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(
            f"'{src.name}'은(는) UTF-8 텍스트가 아닙니다 ({exc.start}바이트째). sbdesk JSON 파일이 아닙니다."
        ) from exc
    if not text.strip():
        raise InterchangeError(f"'{src.name}' 파일이 비어 있습니다.")
    try:
        doc = json.loads(text)
    except RecursionError as exc:
        raise InterchangeError(
            f"'{src.name}'은(는) 너무 깊게 겹친 JSON이라 읽지 않습니다. sbdesk가 내보낸 파일이 아닙니다."
        ) from exc
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"'{src.name}'은(는) 올바른 JSON이 아닙니다: {exc.lineno}번째 줄 {exc.colno}번째 글자 "
            f"({exc.msg}). 파일이 잘렸거나 손으로 고치다 깨졌을 수 있습니다."
        ) from exc
    except ValueError as exc:  # e.g. a number of thousands of digits
        raise InterchangeError(
            f"'{src.name}'에 읽을 수 없는 값이 있습니다 (수천 자리 숫자 등). sbdesk가 내보낸 파일이 아닙니다."
        ) from exc
    try:
        doc = clean_value(doc)  # NFC text, visible bullets (services/text.py)
    except RecursionError as exc:
        raise InterchangeError(
            f"'{src.name}'은(는) 너무 깊게 겹친 JSON이라 읽지 않습니다. sbdesk가 내보낸 파일이 아닙니다."
        ) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise InterchangeError(
            f"'{src.name}'은(는) sbdesk 계획 JSON이 아닙니다 ('format' 항목이 '{FORMAT_NAME}'이 아님)."
        )
    version = doc.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InterchangeError(
            f"'{src.name}'의 'format_version' 값({version!r})이 올바르지 않습니다."
        )
    if version > FORMAT_VERSION:
        raise InterchangeError(
            f"'{src.name}'은(는) 더 새로운 sbdesk(JSON 형식 {version})에서 내보낸 파일입니다. "
            f"이 프로그램은 형식 {FORMAT_VERSION}까지만 가져올 수 있습니다. sbdesk를 업데이트하세요."
        )
    schema = doc.get("schema_version")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise InterchangeError(
            f"'{src.name}'의 'schema_version' 값({schema!r})이 올바르지 않습니다."
        )
    if schema > planfile.SCHEMA_VERSION:
        raise InterchangeError(
            f"'{src.name}'은(는) 더 새로운 sbdesk(계획 파일 형식 {schema})의 계획입니다. "
            f"이 프로그램은 형식 {planfile.SCHEMA_VERSION}까지만 다룹니다. sbdesk를 업데이트하세요."
        )
    if not isinstance(doc.get("tables"), dict):
        raise InterchangeError(f"'{src.name}'에 'tables' 항목이 없습니다.")
    return doc


def validate(doc: dict[str, Any], src: Path) -> dict[str, list[dict[str, Any]]]:
    """Check every table, row and field; return the rows as Python values per table.

    Missing fields get the model's default (a hand-written or older file);
    unknown tables or fields, wrong types, bad enumeration values, duplicate ids
    and references to rows that are not in the file are reported together.
    """
    problems = _Problems(src)
    tables = doc["tables"]
    for name in tables:
        if name not in TABLES:
            problems.add(f"알 수 없는 표 '{name}'이(가) 있습니다 (이 버전의 sbdesk에 없는 표).")
    out: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[int]] = {}
    for model in m.ALL_TABLES:
        name = model.__name__
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            problems.add(f"표 {name}({TABLE_LABELS[name]})의 값은 행의 목록이어야 합니다.")
            continue
        cols = columns(model)
        kinds = {k: _kind(c) for k, c in cols.items()}
        defaults = _model_defaults(model)
        seen: set[int] = set()
        decoded_rows = []
        for i, row in enumerate(rows):
            where = _where(name, i, row)
            if not isinstance(row, dict):
                problems.add(f"{where}: 행은 {{…}} 객체여야 합니다.")
                continue
            for key in row:
                if key not in cols:
                    problems.add(f"{where}: 알 수 없는 항목 '{key}'이(가) 있습니다.")
            ident = row.get("id")
            if isinstance(ident, bool) or not isinstance(ident, int) or ident < 1:
                problems.add(f"{where}: 'id'는 1 이상의 정수여야 합니다 (받은 값: {ident!r}).")
            elif ident in seen:
                problems.add(f"{where}: id {ident}이(가) 같은 표에 두 번 나옵니다.")
            else:
                seen.add(ident)
            values: dict[str, Any] = {}
            for field, col in cols.items():
                if field in row:
                    values[field] = _decode(row[field], kinds[field], col, where, field, problems)
                elif field in defaults:
                    values[field] = defaults[field]
                elif not col.nullable and not col.primary_key:
                    problems.add(f"{where}: 필수 항목 '{field}'이(가) 없습니다.")
                else:
                    values[field] = None
                allowed = ENUM_FIELDS.get((name, field))
                v = values.get(field)
                if allowed and v is not None and isinstance(v, str) and v not in allowed:
                    choices = ", ".join(sorted(x for x in allowed if x))
                    problems.add(
                        f"{where}: '{field}' 값 '{v}'은(는) 허용되지 않습니다 ({choices} 중 하나)."
                    )
            decoded_rows.append(values)
        ids[name] = seen
        out[name] = decoded_rows
    # references
    for model in m.ALL_TABLES:
        name = model.__name__
        fks = {
            field: next(iter(col.foreign_keys)).column.table.name
            for field, col in columns(model).items()
            if col.foreign_keys
        }
        table_by_sql = {t.__table__.name: t.__name__ for t in m.ALL_TABLES}
        for i, row in enumerate(out.get(name, [])):
            for field, target in fks.items():
                v = row.get(field)
                tname = table_by_sql[target]
                if (
                    isinstance(v, int)
                    and not isinstance(v, bool)
                    and v not in ids.get(tname, set())
                ):
                    problems.add(
                        f"{_where(name, i, row)}: '{field}'이(가) 가리키는 {tname}({TABLE_LABELS[tname]}) "
                        f"id {v}이(가) 파일에 없습니다."
                    )
            if name == "BudgetListItem" and isinstance(row.get("project_ids"), list):
                for v in row["project_ids"]:
                    if isinstance(v, bool) or not isinstance(v, int) or v not in ids["Project"]:
                        problems.add(
                            f"{_where(name, i, row)}: 'project_ids'의 세부사업 id {v!r}이(가) 파일에 없습니다."
                        )
    years = [r.get("year") for r in out.get("PlanYear", [])]
    dup_years = sorted({y for y in years if years.count(y) > 1 and isinstance(y, int)})
    for y in dup_years:
        problems.add(f"PlanYear(연도) {y}년이 두 번 나옵니다.")
    _plan_rules(out, problems)
    problems.raise_if_any()
    return out


def _new_rows(rows: dict[str, list[dict[str, Any]]]) -> NewRows:
    """The validated rows, with their own ids, for ``PlanStore.write_new``."""
    out = NewRows()
    for model in m.ALL_TABLES:
        data = rows.get(model.__name__) or []
        if data and "uid" in table_of(model).columns:
            # files written before schema 2 have no uid: every row gets its own
            data = [{**r, "uid": r.get("uid") or new_uid()} for r in data]
        for row in data:
            out.add_data(model, row)
    return out


def import_json(src: Path, plan_path: Path) -> Path:
    """Create the plan file ``plan_path`` from an sbdesk JSON export.

    Nothing is written unless the whole file is valid; the plan is built in a
    temporary file beside the target and moved into place only when complete.
    An existing ``plan_path`` is never overwritten.
    """
    src, plan_path = Path(src), Path(plan_path)
    if plan_path.exists():
        raise InterchangeError(
            f"이미 있는 파일입니다: {plan_path}. 덮어쓰지 않습니다. 새 파일 이름을 지정하세요."
        )
    if not plan_path.parent.exists():
        raise InterchangeError(f"계획 파일을 만들 폴더가 없습니다: {plan_path.parent}")
    doc = read_document(src)
    rows = validate(doc, src)
    from sbdesk.services import outputs
    from sbdesk.services.store import PlanStore

    try:  # built in an exclusive temp file, never replaces a file
        PlanStore.write_new(plan_path, _new_rows(rows))
    except outputs.OutputExistsError as exc:
        raise InterchangeError(f"이미 있는 파일입니다: {plan_path}. 덮어쓰지 않았습니다.") from exc
    except (PlanFileError, outputs.OutputError) as exc:
        raise InterchangeError(f"계획 파일을 만들지 못했습니다: {exc}") from exc
    except Exception as exc:
        if isinstance(exc, InterchangeError):
            raise
        raise InterchangeError(f"계획 파일을 만들지 못했습니다 ({plan_path.name}): {exc}") from exc
    return plan_path
