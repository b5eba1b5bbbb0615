"""The other documents: review sheet, monitoring pack, card prints, basic-plan table."""

from __future__ import annotations

import re

import pytest
from pdf_readback import page_count, pdftotext_pages, printed_number, squash
from pypdf import PdfReader

from sbdesk import models as m
from sbdesk.documents.front_matter import spaced
from sbdesk.documents.monitoring_pack import CHECKLIST
from sbdesk.export.pdf.build import build_document
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.services.store import PlanStore

SURNAMES = "김이박최정강조윤장임한오서신권황안송류전"
GIVEN = ["민준", "서연", "도윤", "하은", "시우", "지호", "예린", "수아", "건우", "유진"]


def _set_committee(store: PlanStore, n: int) -> list[str]:
    """Replace the 2023 committee by two chairs and ``n`` members with distinct names."""
    for row in store.list(m.CommitteeMember, year=2023):
        store.delete_row(m.CommitteeMember, row.id)
    store.add_row(
        m.CommitteeMember, {"year": 2023, "is_chair": True, "title": "공공위원장", "name": "김경호"}
    )
    store.add_row(
        m.CommitteeMember, {"year": 2023, "is_chair": True, "title": "민간위원장", "name": "김경집"}
    )
    names = []
    for i in range(n):
        name = (
            SURNAMES[i % len(SURNAMES)]
            + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
            + ("" if i < 190 else "호")
        )
        names.append(name)
        store.add_row(m.CommitteeMember, {"year": 2023, "title": "위원", "name": name})
    return names


# ---------------------------------------------------------------------------- 심의결과서
def test_review_sheet_is_one_page_with_every_member(demo_path, tmp_path):
    store = PlanStore(demo_path)
    out = tmp_path / "rs.pdf"
    result = build_document(store, 2023, "review-sheet", out)
    view = store.year_view(2023)
    store.close()
    assert result.pages == 1 and page_count(out) == 1
    text = pdftotext_pages(out)[0]
    flat = squash(text)
    assert flat.startswith("심의결과서")
    assert (
        "서울특별시광진구제5기지역사회보장계획의2023년도연차별시행계획의시행결과를아래와같이심의합니다."
        in flat
    )
    assert "2024. 2. 28." in text
    assert "광진구 지역사회보장협의체 위원" in text
    assert "공공위원장" in text and "민간위원장" in text
    assert len(view.committee) == 30
    for member in view.committee:
        assert squash(member.name) in flat, member.name
    assert text.count("(인)") == len(view.committee)


def test_review_sheet_is_the_meeting_record(demo_path, tmp_path):
    """회의명/차수, 대면·서면, 안건, 수정 의결 with amendments, 재적/출석, 소속, absent members."""

    from sbdesk.export.pdf import review_sheet

    store = PlanStore(demo_path)
    names = _set_committee(store, 40)
    # the meeting and the members' 소속 / 출석, entered through the store (schema 5 fields)
    store.set_year_fields(
        2023,
        {
            "review_title": "2024년 광진구 지역사회보장협의체 대표협의체 회의",
            "review_round": "제1차",
            "review_mode": "서면",
            "review_agenda": "2023년 연차별 시행계획 시행결과 보고서 심의",
            "review_result": "수정 의결",
            "review_amendments": "I-3-4 사업 실적 표기 수정",
            "review_enrolled": 42,
            "review_present": None,
        },
    )
    members = [x for x in store.list(m.CommitteeMember, year=2023) if not x.is_chair]
    for i, mb in enumerate(members):
        store.set_fields(
            m.CommitteeMember,
            mb.id,
            {"affiliation": f"광진종합복지관{i}", "present": i not in (3, 7)},
        )
    view = store.year_view(2023)
    store.close()
    out = tmp_path / "rs.pdf"
    assert review_sheet.build(view, out) == 1 and page_count(out) == 1
    text = pdftotext_pages(out)[0]
    flat = squash(text)
    for part in ("2024년광진구지역사회보장협의체대표협의체회의(제1차)", "서면회의",
                 "2023년연차별시행계획시행결과보고서심의", "수정의결",
                 "(수정내용)I-3-4사업실적표기수정", "재적42명", "출석38명", "재적과반수출석"):  # fmt: skip
        assert part in flat, part
    for i, name in enumerate(names):
        assert squash(name) in flat and f"광진종합복지관{i}" in flat
    assert text.count("불참") == 2
    assert text.count("(인)") == 2 + 38  # the chairs and the members present


@pytest.mark.parametrize("n", [40, 61])
def test_review_sheet_fits_one_page_with_many_members(demo_path, tmp_path, n):
    store = PlanStore(demo_path)
    names = _set_committee(store, n)
    out = tmp_path / f"rs{n}.pdf"
    result = build_document(store, 2023, "review-sheet", out)
    store.close()
    assert result.pages == 1 and page_count(out) == 1
    text = pdftotext_pages(out)[0]
    for name in names:
        assert squash(name) in squash(text), name
    assert text.count("(인)") == n + 2


def test_spaced_names():
    assert spaced("김경호") == "김 경 호"
    assert spaced("김익") == "김 익"
    assert spaced("John Kim") == "John Kim"


# ---------------------------------------------------------------------------- monitoring pack
def test_monitoring_pack_for_a_strategy(demo_path, tmp_path):
    store = PlanStore(demo_path, read_only=True)
    view = store.year_view(2023)
    out = tmp_path / "mp.pdf"
    result = build_document(store, 2023, "monitoring-pack", out, project_codes=["I-3"])
    store.close()
    pages = pdftotext_pages(out)
    raw = pdftotext_pages(out, raw=True)
    chosen = [p for p in view.all_projects() if p.code.startswith("I-3-")]
    assert len(chosen) == 6
    starts = []
    for pv in chosen:
        i = next(
            i for i, t in enumerate(pages) if re.search(rf"^\s*{re.escape(pv.code)}\. ", t, re.M)
        )
        starts.append(i)
        sheet = squash("".join(raw[i : i + 2]))
        assert squash(pv.name) in sheet
        for iv in pv.indicators:
            assert (
                squash(iv.row.annual_target) in sheet
                and squash(format_rate(iv.achievement)) in sheet
            )
        assert squash(format_money(pv.budget.annual.total)) in sheet
        assert squash(format_rate(pv.execution)) in sheet
        for _area, question, _src in CHECKLIST:
            assert squash(question) in sheet, question
        assert "모니터링의견및제안사항" in sheet
    assert starts == sorted(starts)
    # one page per project: each sheet starts right after the previous one
    assert starts == list(range(starts[0], starts[0] + len(starts)))
    # the cover: meeting, 분과 from the cards, the agenda
    cover = squash(pages[0])
    assert "모니터링회의자료" in cover and "일시" in cover and "장소" in cover
    assert "분과" in cover and "지역사회통합돌봄분과" in cover  # I-3-1's card names it
    assert all(squash(f"{pv.code} {pv.name}") in cover for pv in chosen)
    att = next(i for i, t in enumerate(pages) if "참석자명단" in squash(t))
    assert att == starts[-1] + 1
    attendance = "".join(pages[att:])
    assert re.search(r"번호\s+이\s*름\s+소\s*속\s+서\s*명", attendance)
    for pv in chosen:  # every project officer is invited, by name
        for name in pv.card.officer.split():
            assert name in attendance, name
    # no app notes on the official pages
    assert not any("사업 카드" in t or "자동 계산" in t for t in pages)
    assert result.pages == len(pages)
    # page numbers in the Korean style
    assert all(printed_number(t) == i + 1 for i, t in enumerate(pages))


def test_monitoring_cover_prints_the_meeting_as_entered(demo_path, tmp_path):
    """회의명, 일시 and 장소 entered for the year print on the cover and the attendance sheet;
    not entered, they stay blank lines to write in by hand (never invented)."""
    out = tmp_path / "blank.pdf"
    with PlanStore(demo_path, read_only=True) as store:
        build_document(store, 2023, "monitoring-pack", out, project_codes=["I-1-1"])
    blank = squash(pdftotext_pages(out)[0])
    assert "2023년연차별시행계획모니터링회의" in blank and "소회의실" not in blank
    work = tmp_path / "plan.sbplan"
    work.write_bytes(demo_path.read_bytes())
    with PlanStore(work) as store:
        py = store.plan_year(2023)
        store.set_fields(
            m.PlanYear,
            py.id,
            {
                "monitoring_title": "2023년 하반기 지역사회보장계획 모니터링 회의",
                "monitoring_when": "2023. 11. 15.(수) 14:00",
                "monitoring_place": "광진구청 3층 소회의실",
            },
        )
        out = tmp_path / "mp.pdf"
        build_document(store, 2023, "monitoring-pack", out, project_codes=["I-1-1"])
    pages = [squash(t) for t in pdftotext_pages(out)]
    assert "2023년하반기지역사회보장계획모니터링회의" in pages[0]
    assert "2023.11.15.(수)14:00" in pages[0] and "광진구청3층소회의실" in pages[0]
    att = next(t for t in pages if "참석자명단" in t)
    assert "2023.11.15.(수)14:00" in att and "광진구청3층소회의실" in att


def test_monitoring_form_with_many_indicators_stays_on_one_page(demo_path, tmp_path):
    store = PlanStore(demo_path)
    pv = store.year_view(2023).project("II-3-2-1")
    for k in range(5):  # seven indicators with long names
        store.add_row(
            m.Indicator,
            {"card_id": pv.card.id, "name": f"추가 성과지표 {k} " + "참여 주민 만족도 " * 4,
             "annual_target": "100명", "actual": "120명"},
        )  # fmt: skip
    store.set_field(m.Card, pv.card.id, "purpose", "사업 목적이 긴 카드 " * 30)
    out = tmp_path / "mp.pdf"
    codes = ["II-3-2-1", "I-1-1"]
    build_document(store, 2023, "monitoring-pack", out, project_codes=codes)
    store.close()
    pages = pdftotext_pages(out)
    first = next(i for i, t in enumerate(pages) if re.search(r"^\s*II-3-2-1\. ", t, re.M))
    assert re.search(r"^\s*I-1-1\. ", pages[first + 1], re.M)  # the next form, next page
    assert "추가 성과지표 4" in pages[first] and "사업부서 반영 요청 사항" in pages[first]


def test_monitoring_pack_for_named_projects_keeps_their_order(demo_path, tmp_path):
    store = PlanStore(demo_path, read_only=True)
    out = tmp_path / "mp.pdf"
    build_document(store, 2023, "monitoring-pack", out, project_codes=["II-1-1-2", "I-1-1"])
    store.close()
    pages = pdftotext_pages(out)
    first = [i for i, t in enumerate(pages) if "II-1-1-2. " in t]
    second = [i for i, t in enumerate(pages) if re.search(r"^\s*I-1-1\. ", t, re.M)]
    assert first and second and first[0] < second[0]
    assert not any("I-1-2. " in t for t in pages)


# ---------------------------------------------------------------------------- cards
def test_single_card_print(demo_path, tmp_path):
    store = PlanStore(demo_path, read_only=True)
    view = store.year_view(2023)
    out = tmp_path / "card.pdf"
    result = build_document(store, 2023, "card", out, project_codes=["I-3-1"])
    store.close()
    pv = view.project("I-3-1")
    raw = squash("".join(pdftotext_pages(out, raw=True)))
    assert result.pages == page_count(out) >= 2
    assert squash(f"I-3-1. {pv.name}") in raw
    for label in (
        "사업(과업)명",
        "사업(과업)소관",
        "사업(과업)배경",
        "사업(과업)목적",
        "추진근거(관련규정)",
        "사업변경내용및취지",
        "지원대상",
        "사업(과업)내용",
        "전달체계",
        "재원구성(비중)",
        "비고",
        "성과지표명",
        "지표정의",
        "목표수준산출근거",
        "자료출처",
        "추진체계",
        "시행계획모니터링",
        "시행계획자체평가",
        "주요성과",
        "사업효과",
        "개선방안",
    ):
        assert label in raw, label
    # official row order (read in page order, top to bottom)
    flat = squash("".join(pdftotext_pages(out)))
    order = [
        flat.index(x)
        for x in (
            "사업(과업)배경",
            "추진근거",
            "지원대상",
            "전달체계",
            "재원구성",
            "성과지표명",
            "추진체계",
            "주요성과",
            "사업효과",
            "개선방안",
        )
    ]
    assert order == sorted(order)
    for iv in pv.indicators:
        assert format_rate(iv.achievement) in raw
    assert format_rate(pv.execution) in raw
    assert "189.5" in raw and "구비" in raw and "시비" in raw


def test_longest_card_continues_cleanly_over_pages(demo_path, tmp_path):
    """A card with very long texts and many partners: nothing lost, header on every page."""
    store = PlanStore(demo_path)
    pv = store.year_view(2023).project("I-3-1")
    card = pv.card
    sentence = "돌봄이 필요한 구민에게 긴급하고 일시적인 돌봄서비스를 제공하여 공백을 최소화한다"
    background = "\n".join(f"· 배경{i:03d} {sentence}" for i in range(140)) + "\n끝문장배경END"
    store.set_fields(
        m.Card, card.id, {"background": background, "results": ("매우긴성과" * 2500) + "성과END"}
    )
    for i in range(30):
        store.add_row(
            m.Partner,
            {
                "card_id": card.id,
                "agency": f"협력기관{i:02d}",
                "role": f"역할 {i:02d} " + sentence,
                "cooperation": "민관협력",
            },
        )
    out = tmp_path / "long.pdf"
    result = build_document(store, 2023, "card", out, project_codes=["I-3-1"])
    store.close()
    pages = pdftotext_pages(out)
    # the pages' text in drawing order, without the repeated header and the page number
    raw = ""
    for t in pdftotext_pages(out, raw=True):
        t = re.sub(r"-\d+-$", "", squash(t))
        raw += t.removeprefix("구분주요내용") if raw else t
    assert result.pages >= 6
    for i, t in enumerate(pages):
        assert re.search(r"구\s*분\s+주요\s*내용", t), f"page {i + 1} lacks the card header"
    assert "끝문장배경END" in raw and "성과END" in raw
    for i in range(140):
        assert f"·배경{i:03d}" in raw
    for i in range(30):
        assert f"협력기관{i:02d}" in raw
    assert raw.count("매우긴성과") == 2500
    assert "개선방안" in raw


def test_every_card_prints(demo_path, tmp_path):
    store = PlanStore(demo_path, read_only=True)
    out = tmp_path / "cards.pdf"
    result = build_document(store, 2023, "card", out)
    codes = [p.code for p in store.year_view(2023).all_projects()]
    store.close()
    pages = pdftotext_pages(out)
    assert result.pages == len(pages) >= len(codes)
    titles = [m.group(1) for t in pages for m in re.finditer(r"^\s*((?:I|II)-[\d-]+)\. ", t, re.M)]
    assert titles == codes
    reader = PdfReader(str(out))
    assert [o.title.split(". ")[0] for o in reader.outline] == codes


# ---------------------------------------------------------------------------- basic plan
def test_basic_plan_table_in_the_mapo_layout(demo_path, tmp_path):
    store = PlanStore(demo_path)
    view = store.year_view(2023)
    pv = view.project("I-1-1")
    ind = pv.basic_indicators[0]
    store.set_field(
        m.BasicIndicator, ind.id, "targets", {**ind.targets, "2025": "555가구", "2022": "150가구"}
    )
    store.set_basic_budget(pv.id, 2026, "777.7")  # over the demo's example 288
    out = tmp_path / "bp.pdf"
    result = build_document(store, 2023, "basic-plan", out)
    store.close()
    pages = pdftotext_pages(out)
    text = "\n".join(pages)
    reader = PdfReader(str(out))
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    assert result.pages == len(pages) >= 2
    for year in ("'22년", "'23년", "'24년", "'25년", "'26년"):
        assert text.count(year) >= 2 * len(pages), year  # target and budget headers on every page
    lines = text.splitlines()
    i = next(i for i, ln in enumerate(lines) if re.match(r"^\s*I-1-1\s", ln))
    row = lines[i]
    assert re.search(r"150가구.*555가구.*288.*777\.7", row), row
    assert "170" in " ".join(lines[i - 1 : i + 2])  # the 2023 target "170 (가구)" wraps
    for p in view.all_projects():
        assert re.search(rf"^\s*{re.escape(p.code)}\s", text, re.M), p.code
    flat = squash("".join(pdftotext_pages(out, raw=True)))
    assert "5기신규사업여부" in flat and "중점추진사업여부" in flat and "민관협력사업여부" in flat


# ---------------------------------------------------------------------------- an empty plan
def test_an_empty_plan_still_prints_every_document(tmp_path):
    store = PlanStore.create(tmp_path / "empty.sbplan")
    for kind in ("results", "review-sheet", "card", "basic-plan", "monitoring-pack"):
        out = tmp_path / f"{kind}.pdf"
        result = build_document(store, 2023, kind, out)
        assert result.pages >= 1 and out.exists()
    store.close()
    text = "\n".join(pdftotext_pages(tmp_path / "results.pdf"))
    assert text.count("(작성 필요)") >= 10  # nothing entered: to be written, never "none"
    assert "해당 사항 없음" not in text
    assert "위원 명단이 없습니다" in text
