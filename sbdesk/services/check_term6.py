"""The 6th-term check rules (rules document §8), run by ``check.run_checks`` for a term-6 plan.

Each rule is a function named in ``TermRules.checks`` that appends findings
(severity, project, ``Model.field``, row id, Korean message) to the checker.
The rules and their severities are listed in docs/sixth-term.md (점검 규칙).
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from sbdesk.services.numbers import format_money, round_half_up
from sbdesk.services.particles import ga
from sbdesk.services.project_codes import valid_code
from sbdesk.terms import TermRules
from sbdesk.terms.term6 import DEMAND_ANALYSIS

if TYPE_CHECKING:
    from sbdesk import models as m

ERROR, WARNING, INFO = "error", "warning", "info"
SLASH = "/"


def _norm(text: str) -> str:
    return re.sub(r"[\s·ㆍ.,()\[\]「」_\-]", "", text or "")


class PlanData:
    """Every row the 6th-term rules read, from the rows ``run_checks`` read once."""

    def __init__(self, data):
        by_number = lambda x: x.number  # noqa: E731
        self.plan = data.plan
        self.strategies = sorted(data.strategies, key=by_number)
        self.tasks = sorted(data.tasks, key=by_number)
        self.projects = sorted(data.projects, key=lambda x: (x.number, x.id))
        self.basic_ind = sorted(data.basic_inds, key=lambda x: x.id)
        self.basic_budget = data.basic_budgets
        self.cards = data.cards
        children = data.children
        self.indicators = sorted(
            (x for rows in children["Indicator"].values() for x in rows),
            key=lambda x: (x.position, x.id),
        )
        self.lines = sorted(
            (x for rows in children["BudgetLine"].values() for x in rows), key=lambda x: x.id
        )
        self.codes = data.codes()
        self.links = list(data.links)
        first = self.plan.start_year
        analysis = next(
            (t for t in data.texts if t.year == first and t.key == DEMAND_ANALYSIS), None
        )
        value = analysis.value if analysis is not None else None
        self.analysis = str(value.get("data") or "") if isinstance(value, dict) else ""
        self.st_by_id = {x.id: x for x in self.strategies}
        self.task_by_id = {x.id: x for x in self.tasks}


class Term6Rules:
    def __init__(self, checker, rules: TermRules):
        self.c = checker
        self.rules = rules
        self.d = PlanData(checker.data)

    def run(self) -> None:
        for name in self.rules.checks:
            getattr(self, name)()

    # helpers
    def add(self, sev, field, row_id, message, project: m.Project | None = None, year=None):
        code = self.d.codes.get(project.id, "") if project else ""
        head = f"{code} {project.name}: " if project else ""
        self.c.add(sev, year, project.id if project else None, code, field, row_id, head + message)

    def st_label(self, st: m.Strategy) -> str:
        return f"전략 {self.rules.display_code(st.system)}-{st.number}「{st.title}」"

    # 1. counts
    def counts(self) -> None:
        lim = self.rules.limits
        d = self.d
        sys_i = [x for x in d.strategies if x.system == "I"]
        if not sys_i:
            self.c.add(ERROR, None, None, "", "Strategy.title", None,
                       "전략체계 Ⅰ에 전략이 하나도 없습니다.")  # fmt: skip
        if lim.strategies_i_max and len(sys_i) > lim.strategies_i_max:
            self.c.add(WARNING, None, None, "", "Strategy.number", sys_i[-1].id,
                       f"전략체계 Ⅰ의 전략이 {len(sys_i)}개입니다 ({lim.strategies_i_max}개 이내 권장).")  # fmt: skip
        direct: defaultdict[int | None, list[m.Project]] = defaultdict(list)
        by_task: defaultdict[int, list[m.Project]] = defaultdict(list)
        for p in d.projects:
            (by_task[p.task_id] if p.task_id else direct[p.strategy_id]).append(p)
        for st in sys_i:
            ps = direct.get(st.id, [])
            lo, hi = lim.projects_per_strategy or (0, 10**6)
            if not lo <= len(ps) <= hi:
                self.c.add(WARNING, None, None, "", "Strategy.title", st.id,
                           f"{self.st_label(st)}의 세부사업이 {len(ps)}개입니다 "
                           f"(전략별 {lo}개 이상 {hi}개 이내 권장).")  # fmt: skip
            n_pri = sum(1 for p in ps if p.priority)
            if lim.priority_per_strategy is not None and n_pri != lim.priority_per_strategy:
                self.c.add(WARNING, None, None, "", "Project.priority", st.id,
                           f"{self.st_label(st)}의 중점추진사업이 {n_pri}개입니다 "
                           f"(전략별 {lim.priority_per_strategy}개).")  # fmt: skip
            firsts = sorted(ps, key=lambda p: p.number)[: lim.priority_per_strategy or 0]
            for p in firsts:
                if n_pri == lim.priority_per_strategy and not p.priority:
                    self.add(WARNING, "Project.priority", p.id,
                             "중점추진사업은 전략의 첫 두 세부사업(Ⅰ-n-1, Ⅰ-n-2)이어야 합니다.", p)  # fmt: skip
        sys_ii = [x for x in d.strategies if x.system == "II"]
        fixed_numbers = {f.number for f in self.rules.fixed_strategies}
        extra = [x for x in sys_ii if x.number not in fixed_numbers]
        if lim.strategies_ii_extra_max is not None and len(extra) > lim.strategies_ii_extra_max:
            self.c.add(ERROR, None, None, "", "Strategy.number", extra[-1].id,
                       f"전략체계 Ⅱ는 고정 전략 {len(fixed_numbers)}개와 자율 전략 "
                       f"{lim.strategies_ii_extra_max}개까지입니다 (자율 전략 {len(extra)}개).")  # fmt: skip
        tasks_by_st = defaultdict(list)
        for t in d.tasks:
            tasks_by_st[t.strategy_id].append(t)
        for st in sys_ii:
            ts = tasks_by_st.get(st.id, [])
            if lim.tasks_per_strategy_ii_min and len(ts) < lim.tasks_per_strategy_ii_min:
                self.c.add(WARNING, None, None, "", "Task.title", st.id,
                           f"{self.st_label(st)}의 대표과업이 {len(ts)}개입니다 "
                           f"({lim.tasks_per_strategy_ii_min}개 이상).")  # fmt: skip
            for t in ts:
                n = len(by_task.get(t.id, []))
                if lim.projects_per_task_min and 0 < n < lim.projects_per_task_min:
                    self.c.add(WARNING, None, None, "", "Task.title", t.id,
                               f"대표과업 Ⅱ-{st.number}-{t.number}「{t.title}」의 세부과업이 {n}개입니다 "
                               f"({lim.projects_per_task_min}개 이상).")  # fmt: skip

    # 1b. fixed names
    def fixed_names(self) -> None:
        sys_ii = {x.number: x for x in self.d.strategies if x.system == "II"}
        tasks_by_st: defaultdict[int | None, dict[int, m.Task]] = defaultdict(dict)
        for t in self.d.tasks:
            tasks_by_st[t.strategy_id][t.number] = t
        for fs in self.rules.fixed_strategies:
            st = sys_ii.get(fs.number)
            if st is None:
                self.c.add(ERROR, None, None, "", "Strategy.title", None,
                           f"고정 전략 Ⅱ-{fs.number}「{fs.title}」이(가) 없습니다 (수정불가).")  # fmt: skip
                continue
            if _norm(st.title) != _norm(fs.title):
                self.c.add(ERROR, None, None, "", "Strategy.title", st.id,
                           f"전략 Ⅱ-{fs.number}의 이름 「{st.title}」이(가) 고정 명칭 "
                           f"「{fs.title}」과(와) 다릅니다 (수정불가).")  # fmt: skip
            for t_no, title in enumerate(fs.tasks, 1):
                t = tasks_by_st[st.id].get(t_no)
                if t is None:
                    self.c.add(ERROR, None, None, "", "Task.title", st.id,
                               f"전략 Ⅱ-{fs.number}의 고정 대표과업 {t_no}「{title}」이(가) 없습니다.")  # fmt: skip
                elif _norm(t.title) != _norm(title):
                    self.c.add(ERROR, None, None, "", "Task.title", t.id,
                               f"대표과업 Ⅱ-{fs.number}-{t_no}의 이름 「{t.title}」이(가) 고정 명칭 "
                               f"「{title}」과(와) 다릅니다 (수정불가).")  # fmt: skip

    # 2. numbers
    def numbers(self) -> None:
        for p in self.d.projects:
            st = self.d.st_by_id.get(p.strategy_id)
            if st is None:
                continue
            if not p.code:
                self.add(ERROR, "Project.code", p.id,
                         "사업번호가 저장되어 있지 않습니다 (사업번호 다시 매기기로 부여하세요).", p)  # fmt: skip
            elif not valid_code(p.code, st.system, p.task_id is not None):
                shape = "Ⅱ-전략-대표과업-번호" if st.system == "II" else "Ⅰ-전략-번호"
                self.add(ERROR, "Project.code", p.id,
                         f"사업번호 '{p.code}'의 형식이 {shape}이 아닙니다.", p)  # fmt: skip

    # 3. duplicates
    def duplicates(self) -> None:
        sys_i = {_norm(p.name): p for p in self.d.projects
                 if self.d.st_by_id.get(p.strategy_id) and self.d.st_by_id[p.strategy_id].system == "I"}  # fmt: skip
        for p in self.d.projects:
            st = self.d.st_by_id.get(p.strategy_id)
            if st is None or st.system != "II":
                continue
            other = sys_i.get(_norm(p.name))
            if other is not None:
                self.add(ERROR, "Project.name", p.id,
                         f"세부과업이 Ⅰ의 세부사업 {self.d.codes.get(other.id, '')}「{other.name}」과(와) "
                         "같습니다 (세부과업은 세부사업과 중복될 수 없습니다).", p)  # fmt: skip

    # 4. classification codes
    def codes(self) -> None:
        for p in self.d.projects:
            missing = []
            for f in self.rules.code_fields:
                v = getattr(p, f.key)
                if v is None:
                    missing.append(f)
                elif not 1 <= v <= len(f.choices):
                    self.add(ERROR, f"Project.{f.key}", p.id,
                             f"{f.label} 코드 {v}은(는) 범위(1~{len(f.choices)}) 밖입니다.", p)  # fmt: skip
            if missing:
                names = ", ".join(f.label for f in missing)
                self.add(ERROR, f"Project.{missing[0].key}", p.id,
                         f"사업 분류 코드가 선택되지 않았습니다: {names}.", p)  # fmt: skip

    # 5. 제3차 사회보장기본계획 areas
    def basic_plan_areas(self) -> None:
        n_areas = len(self.rules.basic_plan_areas)
        per_area = defaultdict(list)
        for p in self.d.projects:
            areas = p.basic_plan_areas or []
            if not areas:
                self.add(WARNING, "Project.basic_plan_areas", p.id,
                         "제3차 사회보장기본계획과의 연계(전략 번호 ①~③)가 없습니다.", p)  # fmt: skip
            bad = [a for a in areas if not (isinstance(a, int) and 1 <= a <= n_areas)]
            if bad:
                self.add(ERROR, "Project.basic_plan_areas", p.id,
                         f"제3차 기본계획 전략 번호 {bad}는 1~{n_areas}이어야 합니다.", p)  # fmt: skip
            for a in set(areas) - set(bad):
                per_area[a].append(p)
        for a, ps in sorted(per_area.items()):
            if len(ps) > 8:
                self.c.add(WARNING, None, None, "", "Project.basic_plan_areas", ps[-1].id,
                           f"제3차 기본계획 전략{a}에 연계된 사업이 {len(ps)}개입니다 "
                           "(연계성 표에는 전략별 8개 이내).")  # fmt: skip

    # 6. budgets
    def budgets(self) -> None:
        base = self.rules.baseline_year
        by_project = defaultdict(list)
        for b in self.d.basic_budget:
            by_project[b.project_id].append(b)
        decimals = self.rules.budget_decimals
        for p in self.d.projects:
            rows = by_project.get(p.id, [])
            for b in rows:
                where = f"{b.year}년 사업비"
                if b.source == "national":
                    self.add(ERROR, "BasicBudget.source", b.id,
                             f"{where}에 국비 행이 있습니다 (제6기 서식에는 국비 행이 없습니다).", p)  # fmt: skip
                if b.source == "other" and not b.source_name.strip() and b.amount:
                    self.add(WARNING, "BasicBudget.source_name", b.id,
                             f"{where} ③기타의 재원명이 비어 있습니다.", p)  # fmt: skip
                if b.mark == SLASH and b.year != base:
                    self.add(ERROR, "BasicBudget.mark", b.id,
                             f"{where}: '/'는 {base}년(기준연도)에만 쓸 수 있습니다.", p)  # fmt: skip
                if b.amount is not None:
                    if b.amount < 0:
                        self.add(ERROR, "BasicBudget.amount", b.id, f"{ga(where)} 음수입니다.", p)
                    elif decimals is not None and round_half_up(b.amount, decimals) != b.amount:
                        self.add(WARNING, "BasicBudget.amount", b.id,
                                 f"{where} {format_money(b.amount)}백만원이 소수 첫째자리로 반올림되어 있지 "
                                 f"않습니다 ({format_money(round_half_up(b.amount, decimals))}).", p)  # fmt: skip
            totals: defaultdict[int, Decimal] = defaultdict(lambda: Decimal(0))
            marks: defaultdict[int, set[str]] = defaultdict(set)
            for b in rows:
                if b.amount is not None:
                    totals[b.year] += b.amount
                if b.mark:
                    marks[b.year].add(b.mark)
            amounts_years = {b.year for b in rows if b.amount is not None}
            non_budget = bool(amounts_years) and all(totals[y] == 0 for y in amounts_years)
            if not non_budget:
                for y in sorted(amounts_years):
                    if y != base and totals[y] == 0:
                        self.add(INFO, "BasicBudget.amount", None,
                                 f"{y}년 사업비가 0입니다. '0'은 비예산 사업에만 씁니다.", p)  # fmt: skip
            slash_base = SLASH in marks.get(base, set())
            if p.new_in_term is True and not slash_base:
                self.add(ERROR, "BasicBudget.mark", None,
                         f"6기 신규 사업인데 {base}년 예산이 '/'가 아닙니다.", p)  # fmt: skip
            if p.new_in_term is False and slash_base:
                self.add(WARNING, "BasicBudget.mark", None,
                         f"계속 사업인데 {base}년 예산이 '/'입니다 (6기 신규가 아닌지 확인하세요).", p)  # fmt: skip
            if p.new_in_term is False and base not in amounts_years and not slash_base:
                self.add(WARNING, "BasicBudget.amount", None,
                         f"{base}년(기준) 예산이 없습니다 (비예산이면 0).", p)  # fmt: skip
            if p.new_in_term is None:
                self.add(
                    WARNING,
                    "Project.new_in_term",
                    p.id,
                    "6기 신규 여부(○/×)가 정해지지 않았습니다.",
                    p,
                )
            for y in self.rules.years:
                if y not in amounts_years:
                    self.add(WARNING, "BasicBudget.amount", None,
                             f"{y}년 사업비가 입력되지 않았습니다 (비예산이면 0).", p)  # fmt: skip
                    break

    # 7. indicators
    def indicators(self) -> None:
        base = str(self.rules.baseline_year)
        years = [str(y) for y in self.rules.years]
        by_project = defaultdict(list)
        by_strategy = defaultdict(list)
        by_task = defaultdict(list)
        for bi in sorted(self.d.basic_ind, key=lambda x: x.position):
            if bi.project_id:
                by_project[bi.project_id].append(bi)
            elif bi.task_id:
                by_task[bi.task_id].append(bi)
            elif bi.strategy_id:
                by_strategy[bi.strategy_id].append(bi)
        kinds = self.rules.indicator_kinds
        for bi in self.d.basic_ind:
            if bi.kind and bi.kind not in kinds:
                owner = next((p for p in self.d.projects if p.id == bi.project_id), None)
                self.add(WARNING, "BasicIndicator.kind", bi.id,
                         f"성과지표「{bi.name}」의 유형 '{bi.kind}'은(는) {'/'.join(kinds)} 중 하나가 "
                         "아닙니다.", owner)  # fmt: skip
        for st in self.d.strategies:
            inds = by_strategy.get(st.id, [])
            if not inds:
                self.c.add(WARNING, None, None, "", "BasicIndicator.name", st.id,
                           f"{self.st_label(st)}의 성과지표가 없습니다.")  # fmt: skip
            if st.system == "I":
                for bi in inds:
                    for fld, label in (("definition", "지표정의"), ("rationale", "목표설정 근거"),
                                       ("data_source", "자료출처")):  # fmt: skip
                        if not getattr(bi, fld).strip():
                            self.c.add(WARNING, None, None, "", f"BasicIndicator.{fld}", bi.id,
                                       f"{self.st_label(st)} 성과지표「{bi.name}」의 {ga(label)} 비어 있습니다.")  # fmt: skip
        for t in self.d.tasks:
            if not by_task.get(t.id):
                st = self.d.st_by_id.get(t.strategy_id)
                self.c.add(WARNING, None, None, "", "BasicIndicator.name", t.id,
                           f"대표과업 Ⅱ-{st.number if st else '?'}-{t.number}「{t.title}」의 성과지표가 없습니다.")  # fmt: skip
        card_inds = defaultdict(list)
        card_of = {c.id: c for c in self.d.cards}
        for ind in self.d.indicators:
            c = card_of.get(ind.card_id)
            if c is not None:
                card_inds[(c.project_id, c.year)].append(ind)
        for p in self.d.projects:
            inds = by_project.get(p.id, [])
            if not inds:
                self.add(
                    ERROR, "BasicIndicator.name", None, "첨부2 성과지표(4년 목표)가 없습니다.", p
                )
                continue
            for bi in inds:
                label = f"성과지표「{bi.name}」"
                missing = [y for y in years if not str(bi.targets.get(y, "")).strip()]
                if missing:
                    self.add(WARNING, "BasicIndicator.targets", bi.id,
                             f"{label}의 연도별 목표가 비어 있습니다: {', '.join(missing)}년.", p)  # fmt: skip
                b = str(bi.targets.get(base, "")).strip()
                if p.new_in_term is True and b != SLASH:
                    self.add(ERROR, "BasicIndicator.targets", bi.id,
                             f"6기 신규 사업인데 {label}의 {base}년 목표가 '/'가 아닙니다.", p)  # fmt: skip
                if p.new_in_term is False and not b:
                    self.add(WARNING, "BasicIndicator.targets", bi.id,
                             f"{label}의 {base}년(기준) 목표가 비어 있습니다.", p)  # fmt: skip
                for y, v in bi.targets.items():
                    if str(v).strip() == SLASH and y != base:
                        self.add(ERROR, "BasicIndicator.targets", bi.id,
                                 f"{label}의 {y}년 목표 '/'는 {base}년에만 쓸 수 있습니다.", p)  # fmt: skip
                for fld, lbl in (("definition", "지표정의"), ("rationale", "목표수준 산출근거"),
                                 ("data_source", "자료출처")):  # fmt: skip
                    if not getattr(bi, fld).strip():
                        self.add(
                            WARNING,
                            f"BasicIndicator.{fld}",
                            bi.id,
                            f"{label}의 {ga(lbl)} 비어 있습니다.",
                            p,
                        )
            names = {(_norm(bi.name), _norm(bi.unit)) for bi in inds}
            for (pid, year), cinds in card_inds.items():
                if pid != p.id:
                    continue
                for ind in cinds:
                    if (_norm(ind.name), _norm(ind.unit)) not in names:
                        first = inds[0]
                        self.add(ERROR, "Indicator.name", ind.id,
                                 f"{year}년 카드의 성과지표「{ind.name}({ind.unit})」가 첨부2(총괄·목표설정) 지표"
                                 f"「{first.name}({first.unit})」와 다릅니다 (같게 써야 합니다).", p, year)  # fmt: skip
                    else:
                        bi = next(
                            x
                            for x in inds
                            if (_norm(x.name), _norm(x.unit)) == (_norm(ind.name), _norm(ind.unit))
                        )
                        planned = str(bi.targets.get(str(year), "")).strip()
                        typed = (ind.annual_target or "").strip()
                        if planned and typed and _norm(planned) != _norm(typed):
                            self.add(WARNING, "Indicator.annual_target", ind.id,
                                     f"{year}년 목표 '{typed}'가 첨부2의 {year}년 목표 '{planned}'와 다릅니다.", p, year)  # fmt: skip

    # 8. 국고보조 exceptions
    def subsidy_cap(self) -> None:
        cap = self.rules.limits.subsidy_cap
        total = len(self.d.projects)
        flagged = [p for p in self.d.projects if p.subsidy_exception]
        for p in flagged:
            if p.subsidy_exception not in self.rules.subsidy_kinds:
                self.add(ERROR, "Project.subsidy_exception", p.id,
                         f"국고보조 예외 구분 '{p.subsidy_exception}'은(는) "
                         f"{'/'.join(self.rules.subsidy_kinds)} 중 하나여야 합니다.", p)  # fmt: skip
        if cap is not None and total and len(flagged) > cap * total:
            self.c.add(ERROR, None, None, "", "Project.subsidy_exception", flagged[-1].id,
                       f"국고보조 예외 사업이 {len(flagged)}개로 전체 {total}개의 "
                       f"{len(flagged) * 100 / total:.1f}%입니다 ({cap * 100:.0f}% 이내).")  # fmt: skip

    # 9. 연계성 tables: other plans (the 기본계획 areas are counted in ``basic_plan_areas``)
    def plan_links(self) -> None:
        lim = self.rules.limits
        lo, hi = lim.other_plans or (0, 10**6)
        by_plan: dict[str, list[m.OtherPlanLink]] = defaultdict(list)
        projects = {p.id: p for p in self.d.projects}
        for x in self.d.links:
            where = f"타 계획 연계 {x.position + 1}행"
            if not x.plan_name.strip():
                self.c.add(ERROR, None, None, "", "OtherPlanLink.plan_name", x.id,
                           f"{where}: 계획명이 비어 있습니다.")  # fmt: skip
            else:
                by_plan[_norm(x.plan_name)].append(x)
            if x.project_id is None:
                self.c.add(ERROR, None, None, "", "OtherPlanLink.project_id", x.id,
                           f"{where}: 연계한 제6기 사업(과업)이 선택되지 않았습니다 (사업번호 필요).")  # fmt: skip
            elif x.project_id not in projects:
                self.c.add(ERROR, None, None, "", "OtherPlanLink.project_id", x.id,
                           f"{where}: 연계한 사업(id {x.project_id})이 계획에 없습니다.")  # fmt: skip
        n = len(by_plan)
        first = self.d.links[0].id if self.d.links else None
        if n < lo:
            self.c.add(WARNING, None, None, "", "OtherPlanLink.plan_name", first,
                       f"타 계획과의 연관 내용에 계획이 {n}개입니다 ({lo}~{hi}개 선택).")  # fmt: skip
        elif n > hi:
            last = by_plan[list(by_plan)[hi]][0]
            self.c.add(ERROR, None, None, "", "OtherPlanLink.plan_name", last.id,
                       f"타 계획과의 연관 내용에 계획이 {n}개입니다 ({lo}~{hi}개 이내).")  # fmt: skip
        cap = lim.items_per_other_plan_max
        for xs in by_plan.values():
            if cap is not None and len(xs) > cap:
                self.c.add(ERROR, None, None, "", "OtherPlanLink.project_id", xs[cap].id,
                           f"계획「{xs[0].plan_name.strip()}」의 연계 항목이 {len(xs)}개입니다 "
                           f"(계획별 {cap}개 이내).")  # fmt: skip

    # 10. 수요·공급 분석: at most 15 A4 pages, counted by the PDF renderer
    def page_limit(self) -> None:
        limit = self.rules.limits.analysis_pages_max
        text = self.d.analysis
        field = f"YearText.{DEMAND_ANALYSIS}"
        if not text.strip():
            self.c.add(WARNING, None, None, "", field, None,
                       "제1절 다. 1) 복지 수요 공급 및 자원 분석이 작성되지 않았습니다.")  # fmt: skip
            return
        # the document and its PDF renderer (imported by name: the core does not type-check them)
        described = importlib.import_module("sbdesk.documents.sixth_term")
        if limit is None or described.analysis_pages_at_most(text) <= limit:
            return  # cannot reach the limit: no layout needed
        pages = importlib.import_module("sbdesk.export.pdf.sixth_term").analysis_pages(text)
        if pages > limit:
            self.c.add(WARNING, None, None, "", field, None,
                       f"복지 수요 공급 및 자원 분석이 A4 {pages}쪽입니다 ({limit}쪽 이내). "
                       "핵심 진단 위주로 줄이고 전체 조사 결과는 별첨하세요.")  # fmt: skip
