"""How ``tests/schemas/v1.sbplan`` was made (kept for reference; do not re-run later).

The committed file is a plan written by schema version 1 with one or two rows
in every table, so every future migration is tested against real version-1
data. Once the schema moves on, running this script would write the NEW
schema, so it must not be used to rebuild ``v1.sbplan``; copy it to write
``make_v2.py`` for the next version instead.

Run: ``.venv/bin/python tests/schemas/make_v1.py`` (refuses to overwrite).
"""

from __future__ import annotations

import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sbdesk import models as m  # noqa: E402
from sbdesk.services import planfile  # noqa: E402
from sbdesk.services.store import PlanStore  # noqa: E402

OUT = Path(__file__).with_name("v1.sbplan")


def build(path: Path) -> None:
    assert planfile.SCHEMA_VERSION == 1, "this script writes schema 1 only"
    store = PlanStore.create(path)
    with store.session() as s:

        def add(obj):  # one row at a time: parents are written before children
            s.add(obj)
            s.flush()

        plan = s.get(m.Plan, 1)
        plan.vision, plan.goal = "모두가 함께하는 상생복지도시", "함께 돌보는 지역사회"
        add(plan)
        muni = s.get(m.Municipality, 1)
        muni.province, muni.name, muni.head_title, muni.head_name = (
            "서울특별시",
            "시험구",
            "시험구청장",
            "홍길동",
        )
        muni.submitted_to, muni.population, muni.welfare_recipients, muni.dong_count = (
            "서울특별시장",
            335554,
            17188,
            15,
        )
        muni.total_budget, muni.welfare_budget, muni.fiscal_autonomy = (
            Decimal("7826"),
            Decimal("3561"),
            Decimal("26.1"),
        )
        add(muni)
        add(
            m.PlanYear(
                id=1,
                year=2023,
                submitted_on="2024-02-28",
                reviewed_on="2024-02-28",
                council_name="시험구 지역사회보장협의체",
            )
        )
        add(m.Strategy(id=1, system="I", number=1, title="취약계층과 함께 높여가는 삶의 질"))
        add(m.Strategy(id=2, system="II", number=1, title="복지사각지대 해소"))
        add(m.Task(id=1, strategy_id=2, number=1, title="위기가구 발굴 강화"))
        add(
            m.Project(
                id=1,
                strategy_id=1,
                number=1,
                name="200가구 보듬기 사업",
                priority=True,
                public_private=True,
            )
        )
        add(
            m.Project(
                id=2,
                strategy_id=2,
                task_id=1,
                number=1,
                name="복지사각지대 발굴 홍보",
                new_in_term=True,
            )
        )
        add(
            m.LevelIndicator(
                id=1,
                strategy_id=1,
                year=2023,
                name="신규 수급자 발굴률",
                unit="%",
                annual_target="21%",
                actual="3.8",
            )
        )
        add(
            m.LevelIndicator(
                id=2,
                task_id=1,
                year=2023,
                name="위기가구 지원 건수",
                annual_target="2,800건",
                actual="2,965건",
            )
        )
        add(
            m.Card(
                id=1,
                project_id=1,
                year=2023,
                department="복지정책과",
                team="복지자원팀",
                officer="권수민",
                phone="02-450-7494",
                background="배경",
                purpose="목적",
                legal_basis="조례 제3조",
                change_note="",
                target_criteria="중위소득 50% 이하",
                target_scale="200가구",
                content_type="현금",
                content_detail="긴급 생계비 지원",
                delivery_agencies="동주민센터",
                budget_note="비고",
                results="211가구 지원",
                effects="위기 해소",
                improvements="홍보 강화",
                review_status="검토 완료",
            )
        )
        add(
            m.Card(
                id=2,
                project_id=2,
                year=2023,
                department="복지정책과",
                officer="김담당",
                purpose="발굴",
                content_detail="홍보물 배포",
            )
        )
        add(m.DeliveryStep(id=1, card_id=1, position=0, step="신청", agency="동주민센터"))
        add(m.DeliveryStep(id=2, card_id=1, position=1, step="지원 결정", agency="구청"))
        add(
            m.BudgetLine(
                id=1,
                card_id=1,
                position=0,
                source="district",
                plan_amount=Decimal("200"),
                annual_amount=Decimal("189.5"),
                executed_amount=Decimal("189.5"),
            )
        )
        add(
            m.BudgetLine(
                id=2,
                card_id=1,
                position=1,
                source="other",
                source_name="후원금",
                plan_amount=Decimal("0.8"),
                annual_amount=Decimal("0.8"),
                executed_amount=Decimal("0.1"),
            )
        )
        add(
            m.BudgetLine(
                id=3,
                card_id=2,
                position=0,
                source="national",
                annual_amount=Decimal("10"),
                executed_amount=None,
            )
        )
        add(
            m.Indicator(
                id=1,
                card_id=1,
                position=0,
                name="지원대상 가구 수",
                unit="가구",
                plan_target="170 (가구)",
                annual_target="170 (가구)",
                actual="211 (가구)",
                rationale="근거",
                data_source="행정자료",
            )
        )
        add(
            m.Indicator(
                id=2,
                card_id=1,
                position=1,
                name="만족도",
                annual_target="만족 이상",
                actual="매우 만족",
                judgement="달성",
            )
        )
        add(
            m.Indicator(
                id=3,
                card_id=2,
                position=0,
                name="위기가구 대기 일수",
                unit="일",
                direction="lower",
                annual_target="10일",
                actual="8일",
            )
        )
        add(
            m.Partner(
                id=1,
                card_id=1,
                position=0,
                agency="복지관",
                role="사례관리",
                cooperation="정기 회의",
            )
        )
        add(
            m.Evaluation(
                id=1,
                card_id=1,
                kind="monitoring",
                position=0,
                who="협의체",
                when="2023. 6월",
                content="홍보 강화 요청",
                follow_up="반영 예정",
            )
        )
        add(
            m.Evaluation(
                id=2,
                card_id=1,
                kind="self",
                position=0,
                who="담당자",
                when="2023. 12월",
                content="점검",
                follow_up="지속",
                reflected="일부 반영",
            )
        )
        add(
            m.BasicIndicator(
                id=1,
                project_id=1,
                position=0,
                name="지원대상 가구 수",
                unit="가구",
                targets={"2022": "150", "2023": "170", "2024": "180", "2025": "190", "2026": "200"},
            )
        )
        add(m.BasicBudget(id=1, project_id=1, year=2023, amount=Decimal("200.8")))
        add(
            m.ChangeEntry(
                id=1,
                year=2023,
                position=0,
                project_id=1,
                project_name="200가구 보듬기 사업",
                before="예산 200",
                after="예산 189.5",
                reason="② 자원 및 예산 변화",
                council_review="23.2월",
                ministry_consultation="해당 없음",
            )
        )
        add(
            m.ChangeEntry(
                id=2,
                year=2023,
                position=1,
                project_id=None,
                project_name="폐지된 사업",
                change_type="폐지",
                reason="① 사업 종료",
            )
        )
        add(
            m.CommitteeMember(
                id=1, year=2023, position=0, is_chair=True, title="공공위원장", name="홍길동"
            )
        )
        add(
            m.CommitteeMember(
                id=2, year=2023, position=1, title="위원", name="김위원", affiliation="복지관"
            )
        )
        add(
            m.TFMember(
                id=1,
                year=2023,
                position=0,
                role="팀장",
                name="이팀장",
                affiliation="구청",
                duty="총괄",
            )
        )
        add(
            m.Legislation(
                id=1,
                year=2023,
                position=0,
                project_id=1,
                kind="조례",
                title="시험구 복지 조례",
                date="2023-05-01",
                relevance="근거",
            )
        )
        add(
            m.BudgetListItem(
                id=1,
                year=2023,
                serial=1,
                name="긴급복지",
                national=Decimal("0.1"),
                province=Decimal("0.2"),
                district=Decimal("1317"),
                kind="보조",
                project_ids=[1, 2],
            )
        )
        add(
            m.Activity(
                id=1,
                year=2023,
                kind="participation",
                position=0,
                title="주민 설명회",
                date="2023. 9. 12.(화)",
                place="구청",
                participants="40명",
                content="설명",
                project_id=1,
                extra={"conducted_by": "협의체"},
            )
        )
        add(
            m.YearText(
                id=1, year=2023, key="monitoring_summary", value={"data": ["요약 1", "요약 2"]}
            )
        )
    store.close()
    con = sqlite3.connect(path)
    con.execute("VACUUM")
    con.close()


if __name__ == "__main__":
    if OUT.exists():
        sys.exit(f"{OUT} already exists; it is the committed schema-1 file. Not overwritten.")
    build(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
