"""A new user's walkthrough for 서울특별시 성동구, in the real app, with screenshots.

``sbdesk new`` makes an empty plan; the app (a real MainWindow on the display
given by ``DISPLAY``, e.g. Xvfb) then enters the structure, two projects with
cards, the committee, the meeting and one narrative section through its pages
and session (each edit saved and undoable), grabs each new page to
``docs/screenshots/`` (the plan and year pages, the tree with its page nodes, the
strategy and system pages with their structure buttons) and prints the 제출문, 심의결과서 and report lines that
matter. Run:

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/walkthrough_new_district.py OUTDIR
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from sbdesk import models as m
from sbdesk.app import create_app
from sbdesk.export.pdf.build import build_document

ROOT = Path(__file__).resolve().parents[1]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    plan = out / "성동구-5기.sbplan"
    plan.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "sbdesk", "new", str(plan), "--province", "서울특별시",
         "--district", "성동구", "--term", "5", "--start-year", "2023"],
        check=True,
    )  # fmt: skip
    app = create_app()
    from sbdesk.ui.main_window import MainWindow

    w = MainWindow()
    w.resize(1366, 768)
    w.show()
    assert w.open_file(plan)
    QApplication.processEvents()
    s = w.session
    st1 = s.add_node(m.Strategy, None, "누구나 누리는 기본생활 보장", system="I")
    st2 = s.add_node(m.Strategy, None, "함께 만드는 복지공동체", system="II")
    task = s.add_node(m.Task, st2, "민관협력 돌봄체계 구축")
    p1 = s.add_project(st1, "1인가구 안심 돌봄")
    p2 = s.add_project(st2, "동 지역사회보장협의체 활성화", task_id=task)
    for pid, dept, purpose in (
        (p1, "복지정책과", "고립 위험 1인가구의 안부 확인과 돌봄 연계"),
        (p2, "복지정책과", "동 협의체 위원 역량 강화와 특화사업 지원"),
    ):
        card = w.store.card(pid, 2023) or w.store.card(pid, 2023, create=True)
        s.set_field(m.Card, card.id, "department", dept, project_id=pid)
        s.set_field(m.Card, card.id, "purpose", purpose, project_id=pid)
        s.add_row(m.Indicator, {"card_id": card.id, "name": "지원 건수", "unit": "건",
                                "annual_target": "300"}, project_id=pid)  # fmt: skip
    # the committee and the meeting (심의 page)
    review = w.plan_pages.show("review")
    py = w.store.year_record(2023)
    for field, value in (
        ("review_title", "2024년 제1차 성동구 지역사회보장협의체 대표협의체 회의"),
        ("review_round", "제1차"),
        ("review_mode", "대면"),
        ("reviewed_on", "2024. 2. 26."),
        ("review_agenda", "2023년 연차별 시행계획 시행결과 심의"),
        ("review_result", "원안 의결"),
        ("review_enrolled", "20"),
        ("review_present", "15"),
        ("submitted_on", "2024. 2. 28."),
    ):
        s.set_field(m.PlanYear, py.id, field, value, label=field)
    for chair, title, name, aff in (
        (True, "공공위원장", "정원오", "성동구청"),
        (True, "민간위원장", "김민간", "성동종합사회복지관"),
        (False, "위원", "이위원", "성동구 정신건강복지센터"),
        (False, "위원", "박위원", "행당동 지역사회보장협의체"),
    ):
        s.add_row(m.CommitteeMember, {"year": 2023, "is_chair": chair, "title": title,
                                      "name": name, "affiliation": aff, "present": True},
                  label="위원")  # fmt: skip
    review.load()
    # one narrative section
    page = w.plan_pages.show("narrative")
    page.editor.select_part("environment_changes")
    page.editor.text.setPlainText(
        "□ 1인가구 증가\n○ 2023년 성동구 1인가구 비율 41.2% (전년 대비 1.1%p 증가)\n- 청년 1인가구 밀집 지역 중심"
    )
    page.editor.commit()
    page.editor.add_table()
    page.editor.grid.item(0, 0).setText("2023년")
    QApplication.processEvents()
    shots = ROOT / "docs" / "screenshots"
    for key in ("plan", "review", "narrative", "basic_plan", "tf"):
        w.plan_pages.show(key)
        QApplication.processEvents()
        w.grab().save(str(shots / f"plan-page-{key}.png"))
    # the plan tree: the page groups beside the strategy systems (the year group shown)
    w.plan_pages.show_group("year")
    QApplication.processEvents()
    w.grab().save(str(shots / "plan-tree-nodes.png"))
    # the strategy page with its structure buttons, a project chosen in its list
    w.tree.select("task", task)
    QApplication.processEvents()
    w.level_page.choose_project(p2)
    QApplication.processEvents()
    w.grab().save(str(shots / "plan-strategy-buttons.png"))
    w.tree.select("system", "I")
    QApplication.processEvents()
    w.system_page.choose_strategy(st1)
    QApplication.processEvents()
    w.grab().save(str(shots / "plan-system-buttons.png"))
    w.tree.select("strategy", st1)
    QApplication.processEvents()
    w.close_file()
    from sbdesk.services.store import PlanStore

    with PlanStore(plan, read_only=True) as store:
        for kind in ("results", "review-sheet"):
            pdf = out / f"{kind}.pdf"
            r = build_document(store, 2023, kind, pdf, overwrite=True)
            print(kind, r.pages, "쪽", "초안" if r.draft else "최종")
    w.close()
    app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
