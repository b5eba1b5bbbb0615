"""PlanStore writes of a district's own plan (issue 9), mixed into ``PlanStore``.

- a new plan with derived titles (``PlanStore.create_plan``);
- the year record (심의 fields, 제출 date/제출처) and narrative parts;
- the 4-year basic plan: targets ("-" distinct from blank), budgets (``mark`` "-"),
  duplicate links;
- next-year cards from this year (``make_year_cards``, undone by ``remove_cards``);
- the structure: strategies and 대표과업 added and moved; strategies, 대표과업 and
  projects removed with everything under them (undone by ``restore_subtree``).
  (Moving a project across parents is ``PlanStore.move_project_to``.)

Every method is one transaction and notifies ``listeners`` like the generic
writes of ``store.py``; each returns what its undo needs.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from sbdesk import models as m
from sbdesk.services import titles
from sbdesk.services.errors import ValidationError
from sbdesk.services.numbers import DASHES, NumberError, normalize_text, parse_money

#: Card fields carried into the next year's card (소관, 배경, 목적, 근거, 대상, 내용, 전달체계).
CARRIED_CARD_FIELDS = (
    "department",
    "team",
    "officer",
    "phone",
    "background",
    "purpose",
    "legal_basis",
    "target_criteria",
    "target_scale",
    "content_type",
    "content_detail",
    "delivery_agencies",
)
#: Indicator fields carried over (the targets come from the basic plan; actuals are cleared).
CARRIED_INDICATOR_FIELDS = ("name", "definition", "unit", "direction", "data_source")

#: Rows of a card, in insert order (children of ``Card``).
CARD_CHILDREN = (m.DeliveryStep, m.BudgetLine, m.Indicator, m.Partner, m.Evaluation)


def _row(obj) -> dict[str, Any]:
    return {c: getattr(obj, c) for c in obj.__table__.columns.keys()}


@dataclass
class NewYearResult:
    """What ``make_year_cards`` did."""

    from_year: int
    to_year: int
    made: list[int] = field(default_factory=list)  # card ids created
    made_codes: list[str] = field(default_factory=list)
    kept_codes: list[str] = field(default_factory=list)  # a card of to_year existed already
    blank_codes: list[str] = field(default_factory=list)  # no from_year card: blank card made
    no_target: list[str] = field(default_factory=list)  # "I-1-1 지표명": no basic-plan target
    no_budget: list[str] = field(default_factory=list)  # codes with no basic-plan budget

    def summary(self) -> str:
        lines = [
            f"{self.to_year}년 카드 {len(self.made)}개를 만들었습니다 "
            f"({self.from_year}년 카드에서 {len(self.made) - len(self.blank_codes)}개, "
            f"빈 카드 {len(self.blank_codes)}개).",
        ]
        if self.kept_codes:
            lines.append(
                f"이미 {self.to_year}년 카드가 있는 사업 {len(self.kept_codes)}개는 그대로 두었습니다."
            )
        if self.no_target:
            lines.append(f"기본계획에 {self.to_year}년 목표가 없는 지표 {len(self.no_target)}개:")
            lines += [f"  - {x}" for x in self.no_target[:20]]
            if len(self.no_target) > 20:
                lines.append(f"  … 외 {len(self.no_target) - 20}개")
        if self.no_budget:
            lines.append(
                f"기본계획에 {self.to_year}년 예산이 없는 사업 {len(self.no_budget)}개: "
                + ", ".join(self.no_budget[:20])
                + (" …" if len(self.no_budget) > 20 else "")
            )
        return "\n".join(lines)


def budget_text(amount: Decimal | None, mark: str = "") -> str:
    """A basic-plan budget as the editor shows it: "189.5", "-", "/" or ""."""
    if mark:
        return mark
    return "" if amount is None else format(amount, "f")


def split_amount(total: Decimal, weights: list[Decimal | None]) -> list[Decimal]:
    """``total`` split in proportion to ``weights`` (to 0.1), the last taking the remainder.

    Used only to seed next year's funding lines from the basic plan's one total;
    equal shares when the weights are all blank or zero.
    """
    ws = [w or Decimal(0) for w in weights]
    whole = sum(ws, Decimal(0))
    if whole == 0:
        ws = [Decimal(1)] * len(ws)
        whole = Decimal(len(ws))
    out: list[Decimal] = []
    for w in ws[:-1]:
        out.append((total * w / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    out.append(total - sum(out, Decimal(0)))
    return [x.normalize() if x == x.to_integral_value() else x for x in out]


class PlanWrites:
    """Mixin of ``PlanStore``: the writes of the plan pages (see the module docstring)."""

    if TYPE_CHECKING:  # provided by PlanStore (store.py)
        read_only: bool
        listeners: list[Callable[[str, int | None], None]]
        create: Callable[..., Any]
        session: Callable[[], AbstractContextManager[Session]]
        set_fields: Callable[[type, int, dict[str, Any]], dict[str, Any]]
        years: Callable[[], list[int]]
        codes: Callable[[], dict[int, str]]
        _writable: Callable[[], None]
        _changed: Callable[[str, int | None], None]
        _project_siblings: Callable[[Session, int, int | None], list[Any]]

    # ------------------------------------------------------------------ new plan
    @classmethod
    def create_plan(
        cls,
        path: str | Path,
        province: str,
        district: str,
        term: int = 5,
        start_year: int = 2023,
        council: str | None = None,
        **kw,
    ):
        """A new, empty plan of ``province`` ``district`` with derived titles and 4 years."""
        province, district = normalize_text(province), normalize_text(district)
        if not province:
            raise ValidationError("시·도를 입력하세요 (예: 서울특별시).")
        if not district:
            raise ValidationError("시·군·구를 입력하세요 (예: 성동구).")
        if not 1 <= int(term) <= 20:
            raise ValidationError(f"기수 {term}이(가) 올바르지 않습니다 (예: 5).")
        if not 2000 <= int(start_year) <= 2100:
            raise ValidationError(f"시작 연도 {start_year}이(가) 올바르지 않습니다 (예: 2023).")
        muni = m.Municipality(
            province=province,
            name=district,
            head_title=titles.head_title(district),
            submitted_to=titles.province_head_title(province),
            council_name=normalize_text(council or "") or titles.council_name(district),
        )
        plan = m.Plan(term=int(term), start_year=int(start_year))
        return cls.create(path, plan=plan, municipality=muni, year_records=True, **kw)

    # ------------------------------------------------------------------ year record
    def year_record(self, year: int) -> m.PlanYear:
        """The year's record, created when missing (an older file may lack it)."""
        with self.session() as s:
            py = s.exec(select(m.PlanYear).where(m.PlanYear.year == year)).first()
            if py is None and not self.read_only:
                py = m.PlanYear(year=year)
                s.add(py)
                s.flush()
            return py or m.PlanYear(year=year)

    def set_year_fields(self, year: int, values: dict[str, Any]) -> dict[str, Any]:
        """Set fields of the year's record (심의, 제출); return the old values."""
        py = self.year_record(year)
        return self.set_fields(m.PlanYear, py.id, values)

    # ------------------------------------------------------------------ narrative
    def narrative(self, year: int, key: str) -> dict[str, Any]:
        """A narrative part: ``{"data": str, "tables": [...], "not_applicable": bool}``."""
        with self.session() as s:
            row = s.exec(
                select(m.YearText).where(m.YearText.year == year, m.YearText.key == key)
            ).first()
            value = dict(row.value or {}) if row else {}
        data = value.get("data")
        if isinstance(data, list):
            data = "\n".join(
                (x.get("text") or x.get("printed") or "") if isinstance(x, dict) else str(x)
                for x in data
            )
        return {
            "data": "" if data is None else str(data) if not isinstance(data, dict) else data,
            "tables": list(value.get("tables") or []),
            "not_applicable": bool(value.get("not_applicable")),
        }

    def year_text(self, year: int, key: str) -> dict | None:
        """The stored value of a ``YearText`` (None when there is none)."""
        with self.session() as s:
            row = s.exec(
                select(m.YearText).where(m.YearText.year == year, m.YearText.key == key)
            ).first()
            return dict(row.value) if row else None

    def set_year_text(self, year: int, key: str, value: dict | None) -> dict | None:
        """Replace (or with None remove) a ``YearText`` value; return the old one."""
        self._writable()
        if value is not None and not isinstance(value, dict):
            raise ValidationError("연도별 글의 값이 올바르지 않습니다.")
        with self.session() as s:
            row = s.exec(
                select(m.YearText).where(m.YearText.year == year, m.YearText.key == key)
            ).first()
            old = dict(row.value) if row else None
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(m.YearText(year=year, key=key, value=value))
            else:
                row.value = value
                s.add(row)
        self._changed("YearText", None)
        return old

    def set_narrative(
        self,
        year: int,
        key: str,
        data: str | None = None,
        tables: list | None = None,
        not_applicable: bool | None = None,
    ) -> dict | None:
        """Change a narrative part's text, tables or 해당 없음 mark; return the old value."""
        value = dict(self.year_text(year, key) or {})
        if data is not None:
            value["data"] = data
        if tables is not None:
            for t in tables:
                if not isinstance(t, dict) or not isinstance(t.get("rows", []), list):
                    raise ValidationError("표의 형식이 올바르지 않습니다.")
            value["tables"] = tables
        if not_applicable is not None:
            value["not_applicable"] = bool(not_applicable)
        return self.set_year_text(year, key, value)

    # ------------------------------------------------------------------ basic plan
    def set_basic_target(self, indicator_id: int, year: int, text: str | None) -> str | None:
        """Set one yearly target of a basic-plan indicator ("-" kept); return the old text."""
        self._writable()
        text = normalize_text(text or "")
        with self.session() as s:
            ind = s.get(m.BasicIndicator, indicator_id)
            if ind is None:
                raise ValidationError(f"기본계획 지표 {indicator_id}을(를) 찾을 수 없습니다.")
            targets = dict(ind.targets or {})
            old = targets.get(str(year))
            if text:
                targets[str(year)] = text
            else:
                targets.pop(str(year), None)
            ind.targets = targets
            s.add(ind)
        self._changed("BasicIndicator", indicator_id)
        return old

    def basic_budget(self, project_id: int, year: int) -> str:
        """The project's basic-plan total for the year as typed ("830", "-", "/", "")."""
        with self.session() as s:
            b = _total_row(s, project_id, year)
            return budget_text(b.amount, b.mark) if b else ""

    def set_basic_budget(self, project_id: int, year: int, text: str | None) -> str:
        """Set a project's basic-plan total of a year from what was typed; return the old text.

        "-" stores a printed dash, "/" "no figure this year", "" removes the
        amount (blank), a number is the amount in 백만원 (Korean ValidationError
        otherwise). Only the total row (``source`` "") is edited here; a 6th-term
        plan's per-source rows are left as they are.
        """
        self._writable()
        raw = normalize_text(str(text or ""))
        mark = "-" if raw in DASHES else ("/" if raw == "/" else "")
        try:
            amount = None if mark else parse_money(raw, f"{year}년 기본계획 예산")
        except NumberError as exc:
            raise ValidationError(str(exc)) from exc
        with self.session() as s:
            b = _total_row(s, project_id, year)
            old = budget_text(b.amount, b.mark) if b else ""
            if amount is None and not mark:
                if b is not None:
                    s.delete(b)
            else:
                if b is None:
                    b = m.BasicBudget(project_id=project_id, year=year)
                b.amount, b.mark = amount, mark
                s.add(b)
        self._changed("BasicBudget", project_id)
        return old

    def link_duplicate(self, project_id: int, original_id: int | None) -> int | None:
        """Mark a project as printed again of ``original_id`` (None unlinks); return the old link."""
        self._writable()
        with self.session() as s:
            p = s.get(m.Project, project_id)
            if p is None:
                raise ValidationError(f"세부사업 {project_id}을(를) 찾을 수 없습니다.")
            if original_id is not None:
                orig = s.get(m.Project, original_id)
                if orig is None or original_id == project_id:
                    raise ValidationError("중복 사업의 원래 사업을 올바르게 고르세요.")
                if orig.duplicate_of is not None:
                    raise ValidationError(
                        f"「{orig.name}」은(는) 그 자신이 다른 사업의 중복입니다. 원래 사업을 고르세요."
                    )
            old = p.duplicate_of
            p.duplicate_of = original_id
            p.duplicate = original_id is not None or p.duplicate
            s.add(p)
        self._changed("Project", project_id)
        return old

    # ------------------------------------------------------------------ next year
    def make_year_cards(self, from_year: int, to_year: int) -> NewYearResult:
        """Make every project's ``to_year`` card from its ``from_year`` card (one transaction).

        Carried: 소관, background, purpose, legal basis, target, content,
        delivery (steps, agencies), partners and indicators (name, definition,
        unit, direction, data source). Taken from the basic plan: each
        indicator's target for ``to_year`` (matched by name, else by position)
        as 기본계획 목표 and 목표(A), and the project's ``to_year`` budget split
        over the funding sources (``split_amount``). Cleared: actuals, executed
        amounts, judgements, monitoring, self-evaluation, results, effects,
        improvements; 작성 상태 is "작성 중". A project that has a ``to_year`` card
        already is left untouched, so running it again changes nothing.
        """
        self._writable()
        if from_year == to_year:
            raise ValidationError("원본 연도와 새 연도가 같습니다.")
        years = self.years()
        if to_year not in years:
            raise ValidationError(
                f"{to_year}년은 이 계획의 기간({years[0]}~{years[-1]})이 아닙니다."
            )
        codes = self.codes()
        result = NewYearResult(from_year, to_year)
        with self.session() as s:
            projects = list(s.exec(select(m.Project)).all())
            projects.sort(key=lambda p: _code_key(codes.get(p.id, "")))
            cards = {
                (c.project_id, c.year): c
                for c in s.exec(select(m.Card).where(m.Card.year.in_([from_year, to_year]))).all()
            }
            basic_inds: dict[int, list[m.BasicIndicator]] = {}
            for bi in s.exec(select(m.BasicIndicator).order_by(m.BasicIndicator.position)).all():
                if bi.project_id is not None:
                    basic_inds.setdefault(bi.project_id, []).append(bi)
            budgets = {
                b.project_id: b
                for b in s.exec(
                    select(m.BasicBudget).where(
                        m.BasicBudget.year == to_year, m.BasicBudget.source == ""
                    )
                ).all()
            }
            if not any(c for (pid, y), c in cards.items() if y == from_year):
                raise ValidationError(
                    f"{from_year}년 카드가 하나도 없습니다. 원본 연도를 확인하세요."
                )
            if s.exec(select(m.PlanYear).where(m.PlanYear.year == to_year)).first() is None:
                s.add(m.PlanYear(year=to_year))
            for p in projects:
                code = codes.get(p.id, "")
                if (p.id, to_year) in cards:
                    result.kept_codes.append(code)
                    continue
                src = cards.get((p.id, from_year))
                new = m.Card(project_id=p.id, year=to_year, review_status="작성 중")
                if src is not None:
                    for f in CARRIED_CARD_FIELDS:
                        setattr(new, f, getattr(src, f))
                else:
                    result.blank_codes.append(code)
                s.add(new)
                s.flush()
                result.made.append(new.id)
                result.made_codes.append(code)
                self._fill_new_card(s, p, code, src, new, basic_inds, budgets.get(p.id), result)
        self._changed("Card", None)
        return result

    def _fill_new_card(self, s: Session, p, code, src, new, basic_inds, budget, result) -> None:
        to_year = new.year
        rows: dict[type, list] = {model: [] for model in CARD_CHILDREN}
        if src is not None:
            for model in (m.DeliveryStep, m.BudgetLine, m.Indicator, m.Partner):
                q = select(model).where(model.card_id == src.id).order_by(model.position, model.id)
                rows[model] = list(s.exec(q).all())
        for r in rows[m.DeliveryStep]:
            s.add(m.DeliveryStep(card_id=new.id, position=r.position, step=r.step, agency=r.agency))
        for r in rows[m.Partner]:
            s.add(
                m.Partner(
                    card_id=new.id,
                    position=r.position,
                    agency=r.agency,
                    role=r.role,
                    cooperation=r.cooperation,
                )
            )
        basics = basic_inds.get(p.id, [])
        by_name = {bi.name.strip(): bi for bi in basics if bi.name.strip()}
        inds = rows[m.Indicator]
        if not inds and basics:  # no card indicator yet: take the basic plan's
            inds = [
                m.Indicator(name=bi.name, unit=bi.unit, position=i) for i, bi in enumerate(basics)
            ]
        for i, r in enumerate(inds):
            bi = by_name.get(r.name.strip()) or (basics[i] if i < len(basics) else None)
            target = ((bi.targets or {}).get(str(to_year)) or "") if bi else ""
            if not target:
                result.no_target.append(f"{code} {r.name}")
            values = {f: getattr(r, f) for f in CARRIED_INDICATOR_FIELDS}
            s.add(
                m.Indicator(
                    card_id=new.id,
                    position=i,
                    plan_target=target,
                    annual_target=target,
                    **values,
                )
            )
        lines = rows[m.BudgetLine]
        if budget is None or (budget.amount is None and not budget.mark):
            result.no_budget.append(code)
            amounts: list[Decimal | None] = [None] * len(lines)
        elif budget.mark or budget.amount is None:
            amounts = [None] * len(lines)
        elif not lines:
            lines = [m.BudgetLine(source="district")]
            amounts = [budget.amount]
        else:
            amounts = list(split_amount(budget.amount, [r.annual_amount for r in lines]))
        for i, (r, amount) in enumerate(zip(lines, amounts, strict=True)):
            s.add(
                m.BudgetLine(
                    card_id=new.id,
                    position=i,
                    source=r.source,
                    source_name=r.source_name,
                    plan_amount=amount,
                    annual_amount=amount,
                )
            )

    def cards_data(self, card_ids: list[int]) -> dict[str, list[dict]]:
        """Every row of the given cards (for undoing their removal)."""
        with self.session() as s:
            out: dict[str, list[dict]] = {"Card": []}
            cards = s.exec(select(m.Card).where(m.Card.id.in_(card_ids))).all() if card_ids else []
            out["Card"] = [_row(c) for c in cards]
            for model in CARD_CHILDREN:
                q = select(model).where(model.card_id.in_(card_ids))
                out[model.__name__] = [_row(r) for r in s.exec(q).all()] if card_ids else []
            return out

    def remove_cards(self, card_ids: list[int]) -> dict[str, list[dict]]:
        """Delete cards with their rows; return their data for ``restore_rows``."""
        self._writable()
        data = self.cards_data(card_ids)
        with self.session() as s:
            for c in s.exec(select(m.Card).where(m.Card.id.in_(card_ids))).all():
                s.delete(c)
        self._changed("Card", None)
        return data

    def restore_rows(self, data: dict[str, list[dict]]) -> None:
        """Put rows back with their old ids, parents first (undo of a removal)."""
        self._writable()
        with self.session() as s:
            for model in m.ALL_TABLES:
                for row in data.get(model.__name__, []):
                    s.add(model(**row))
                s.flush()
            _relink(s, data)
        self._changed("Card", None)

    # ------------------------------------------------------------------ structure
    def add_strategy(self, system: str, title: str, index: int | None = None) -> int:
        """Add a strategy to system "I" or "II" (renumbering its siblings 1..n)."""
        self._writable()
        if system not in ("I", "II"):
            raise ValidationError("전략체계는 I 또는 II여야 합니다.")
        if not (title or "").strip():
            raise ValidationError("전략 이름을 입력하세요.")
        with self.session() as s:
            sibs = list(
                s.exec(
                    select(m.Strategy)
                    .where(m.Strategy.system == system)
                    .order_by(m.Strategy.number)
                ).all()
            )
            index = len(sibs) if index is None else max(0, min(index, len(sibs)))
            st = m.Strategy(system=system, title=title.strip(), number=index + 1)
            sibs.insert(index, st)
            _renumber(s, sibs)
            s.flush()
            ident = st.id
        self._changed("Strategy", ident)
        return ident

    def add_task(self, strategy_id: int, title: str, index: int | None = None) -> int:
        """Add a 대표과업 under a strategy."""
        self._writable()
        if not (title or "").strip():
            raise ValidationError("대표과업 이름을 입력하세요.")
        with self.session() as s:
            if s.get(m.Strategy, strategy_id) is None:
                raise ValidationError("전략을 찾을 수 없습니다.")
            sibs = list(
                s.exec(
                    select(m.Task).where(m.Task.strategy_id == strategy_id).order_by(m.Task.number)
                ).all()
            )
            index = len(sibs) if index is None else max(0, min(index, len(sibs)))
            t = m.Task(strategy_id=strategy_id, title=title.strip(), number=index + 1)
            sibs.insert(index, t)
            _renumber(s, sibs)
            s.flush()
            ident = t.id
        self._changed("Task", ident)
        return ident

    def move_node(self, model: type, ident: int, new_index: int) -> int:
        """Move a strategy or 대표과업 among its siblings; return its old index."""
        self._writable()
        with self.session() as s:
            obj = s.get(model, ident)
            if obj is None:
                raise ValidationError("옮길 항목을 찾을 수 없습니다.")
            if model is m.Strategy:
                q = select(m.Strategy).where(m.Strategy.system == obj.system)
            else:
                q = select(m.Task).where(m.Task.strategy_id == obj.strategy_id)
            sibs = list(s.exec(q.order_by(model.number, model.id)).all())
            old = [x.id for x in sibs].index(ident)
            sibs.pop(old)
            sibs.insert(max(0, min(new_index, len(sibs))), obj)
            _renumber(s, sibs)
        self._changed(model.__name__, ident)
        return old

    def subtree(self, model: type, ident: int) -> dict[str, list[dict]]:
        """Every row under a strategy, 대표과업 or project (for undo and for the question)."""
        with self.session() as s:
            return _subtree(s, model, ident)

    def remove_node(self, model: type, ident: int) -> dict[str, list[dict]]:
        """Remove a strategy, 대표과업 or project with everything under it; siblings renumber."""
        self._writable()
        data = self.subtree(model, ident)
        with self.session() as s:
            obj = s.get(model, ident)
            if obj is None:  # gone since ``subtree`` read it
                raise ValidationError("항목을 찾을 수 없습니다.")
            pids = {r["id"] for r in data.get("Project", [])}
            for item in s.exec(select(m.BudgetListItem)).all():
                if pids & set(item.project_ids or []):
                    item.project_ids = [x for x in item.project_ids if x not in pids]
                    s.add(item)
            s.delete(obj)
            s.flush()
            if isinstance(obj, m.Strategy):
                q = select(m.Strategy).where(m.Strategy.system == obj.system)
                _renumber(s, list(s.exec(q.order_by(m.Strategy.number)).all()))
            elif isinstance(obj, m.Task):
                q = select(m.Task).where(m.Task.strategy_id == obj.strategy_id)
                _renumber(s, list(s.exec(q.order_by(m.Task.number)).all()))
            else:
                _renumber(s, self._project_siblings(s, obj.strategy_id, obj.task_id))
        self._changed(model.__name__, ident)
        return data

    def restore_subtree(self, data: dict[str, list[dict]]) -> None:
        """Undo ``remove_node``: siblings make room and every row comes back with its id."""
        self._writable()
        with self.session() as s:
            top = data["top"][0]
            model = {"Strategy": m.Strategy, "Task": m.Task, "Project": m.Project}[top["model"]]
            row = data[top["model"]][0]
            if model is m.Strategy:
                q = select(m.Strategy).where(m.Strategy.system == row["system"])
            elif model is m.Task:
                q = select(m.Task).where(m.Task.strategy_id == row["strategy_id"])
            else:
                q = select(m.Project).where(m.Project.strategy_id == row["strategy_id"])
                q = (
                    q.where(m.Project.task_id == row["task_id"])
                    if row["task_id"]
                    else q.where(m.Project.task_id.is_(None))
                )
            for sib in s.exec(q).all():
                if sib.number >= row["number"]:
                    sib.number += 1
                    s.add(sib)
            s.flush()
            for tm in m.ALL_TABLES:
                for r in data.get(tm.__name__, []):
                    s.add(tm(**r))
                s.flush()
            _relink(s, data)
        self._changed(top["model"], row["id"])

    def describe_subtree(self, data: dict[str, list[dict]]) -> str:
        """What a removal takes with it, in Korean ("세부사업 3개, 사업 카드 5개, 지표 9개")."""
        parts = []
        for name, label in (
            ("Task", "대표과업"),
            ("Project", "세부사업"),
            ("Card", "사업 카드"),
            ("Indicator", "성과지표"),
            ("BudgetLine", "재원"),
            ("BasicIndicator", "기본계획 지표"),
            ("LevelIndicator", "전략·과업 지표"),
        ):
            n = len(data.get(name, []))
            if name == data["top"][0]["model"]:
                n -= 1
            if n > 0:
                parts.append(f"{label} {n}개")
        return ", ".join(parts) if parts else "딸린 자료 없음"


def _code_key(code: str) -> tuple:
    system, *nums = (code or "Z").split("-")
    return (system, *(int(n) if n.isdigit() else 0 for n in nums))


def _total_row(s: Session, project_id: int, year: int):
    return s.exec(
        select(m.BasicBudget).where(
            m.BasicBudget.project_id == project_id,
            m.BasicBudget.year == year,
            m.BasicBudget.source == "",
        )
    ).first()


def _renumber(s: Session, sibs: list) -> None:
    for i, sib in enumerate(sibs):
        sib.number = i + 1
        s.add(sib)


def _subtree(s: Session, model: type, ident: int) -> dict[str, list[dict]]:
    obj = s.get(model, ident)
    if obj is None:
        raise ValidationError("항목을 찾을 수 없습니다.")
    strategy_ids: set[int] = set()
    task_ids: set[int] = set()
    if model is m.Strategy:
        strategy_ids = {ident}
        task_ids = set(s.exec(select(m.Task.id).where(m.Task.strategy_id == ident)).all())
        projects = list(s.exec(select(m.Project).where(m.Project.strategy_id == ident)).all())
    elif model is m.Task:
        task_ids = {ident}
        projects = list(s.exec(select(m.Project).where(m.Project.task_id == ident)).all())
    else:
        projects = [obj]
    pids = [p.id for p in projects]
    out: dict[str, list[dict]] = {"top": [{"model": model.__name__, "id": ident}]}
    out["Strategy"] = [_row(x) for x in s.exec(select(m.Strategy)).all() if x.id in strategy_ids]
    out["Task"] = [_row(x) for x in s.exec(select(m.Task)).all() if x.id in task_ids]
    out["Project"] = [_row(p) for p in projects]
    cards = list(s.exec(select(m.Card).where(m.Card.project_id.in_(pids))).all()) if pids else []
    out["Card"] = [_row(c) for c in cards]
    cids = [c.id for c in cards]
    for cm in CARD_CHILDREN:
        out[cm.__name__] = (
            [_row(r) for r in s.exec(select(cm).where(cm.card_id.in_(cids))).all()] if cids else []
        )
    rows = []
    for r in s.exec(select(m.BasicIndicator)).all():
        if r.project_id in pids or r.strategy_id in strategy_ids or r.task_id in task_ids:
            rows.append(_row(r))
    out["BasicIndicator"] = rows
    out["BasicBudget"] = (
        [
            _row(r)
            for r in s.exec(select(m.BasicBudget).where(m.BasicBudget.project_id.in_(pids))).all()
        ]
        if pids
        else []
    )
    out["LevelIndicator"] = [
        _row(r)
        for r in s.exec(select(m.LevelIndicator)).all()
        if r.strategy_id in strategy_ids or r.task_id in task_ids
    ]
    refs: list[dict] = []
    for rm in (m.ChangeEntry, m.Legislation, m.Activity):
        for r in s.exec(select(rm).where(rm.project_id.in_(pids))).all() if pids else []:
            refs.append({"model": rm.__name__, "id": r.id, "project_id": r.project_id})
    for r in (
        s.exec(select(m.Project).where(m.Project.duplicate_of.in_(pids))).all() if pids else []
    ):
        if r.id not in pids:
            refs.append({"model": "Project", "id": r.id, "duplicate_of": r.duplicate_of})
    for r in s.exec(select(m.BudgetListItem)).all():
        hit = [x for x in (r.project_ids or []) if x in pids]
        if hit:
            refs.append({"model": "BudgetListItem", "id": r.id, "project_ids": list(r.project_ids)})
    out["refs"] = refs
    return out


def _relink(s: Session, data: dict[str, list[dict]]) -> None:
    """Restore references that a removal set to NULL or dropped."""
    by_name = {t.__name__: t for t in m.ALL_TABLES}
    for ref in data.get("refs", []):
        obj = s.get(by_name[ref["model"]], ref["id"])
        if obj is None:
            continue
        for k, v in ref.items():
            if k not in ("model", "id"):
                setattr(obj, k, v)
        s.add(obj)
