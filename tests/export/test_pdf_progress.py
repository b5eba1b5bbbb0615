"""The one entry point: progress reports, cancellation, atomic writing, bad requests."""

from __future__ import annotations

import pytest
from pdf_readback import Cancelled, Recorder, page_count

from sbdesk.export.pdf.build import DocumentError, build_document, select_projects
from sbdesk.services.errors import SbdeskError
from sbdesk.services.store import PlanStore


@pytest.fixture
def store(demo_path):
    s = PlanStore(demo_path, read_only=True)
    yield s
    s.close()


@pytest.fixture
def out_dir(tmp_path):
    d = tmp_path / "out"  # the plan file is in tmp_path
    d.mkdir()
    return d


def test_progress_is_reported_up_to_the_end(store, tmp_path):
    rec = Recorder()
    result = build_document(store, 2023, "results", tmp_path / "r.pdf", progress=rec)
    assert result.pages == page_count(tmp_path / "r.pdf") > 100
    assert len(rec.calls) >= 10
    pages_phase = [c for c in rec.calls if c[2] == "보고서 페이지를 그리는 중"]
    assert pages_phase, rec.calls[:5]
    done = [d for d, _t, _x in pages_phase]
    assert done == sorted(done)
    assert pages_phase[-1][0] == pages_phase[-1][1] > 0  # ends at 100 %
    assert any("사업 카드" in text for _d, _t, text in rec.calls)
    assert rec.checks > len(rec.calls)  # checked for cancellation between reports too


@pytest.fixture(scope="module")
def checks_in_a_full_build(tmp_path_factory):
    from sbdesk.services.demo import build_demo

    d = tmp_path_factory.mktemp("count")
    store = build_demo(d / "d.sbplan")
    rec = Recorder()
    build_document(store, 2023, "results", d / "r.pdf", progress=rec)
    store.close()
    return rec.checks


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.5, 0.99])
def test_cancel_leaves_nothing_behind(store, out_dir, fraction, checks_in_a_full_build):
    after = max(1, int(checks_in_a_full_build * fraction))
    assert checks_in_a_full_build > 100
    out = out_dir / "r.pdf"
    out.write_bytes(b"previous report")
    rec = Recorder(cancel_after=after)
    with pytest.raises(Cancelled):
        build_document(store, 2023, "results", out, progress=rec, overwrite=True)
    assert rec.checks == after
    assert out.read_bytes() == b"previous report"
    assert sorted(p.name for p in out_dir.iterdir()) == ["r.pdf"]


def test_a_new_file_replaces_the_old_one_whole(store, out_dir):
    out = out_dir / "rs.pdf"
    out.write_bytes(b"old")
    with pytest.raises(SbdeskError, match="이미 있습니다"):
        build_document(store, 2023, "review-sheet", out)  # never without being allowed
    assert out.read_bytes() == b"old"
    build_document(store, 2023, "review-sheet", out, overwrite=True)
    assert out.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in out_dir.iterdir()) == ["rs.pdf"]


def test_bad_requests_are_korean_errors(store, out_dir):
    tmp_path = out_dir
    with pytest.raises(DocumentError, match="poster"):
        build_document(store, 2023, "poster", tmp_path / "x.pdf")
    with pytest.raises(DocumentError, match="2022년"):
        build_document(store, 2022, "results", tmp_path / "x.pdf")
    with pytest.raises(SbdeskError, match="폴더가 없습니다"):
        build_document(store, 2023, "results", tmp_path / "no" / "x.pdf")
    with pytest.raises(SbdeskError, match="X-1-1"):
        build_document(store, 2023, "card", tmp_path / "x.pdf", project_codes=["X-1-1"])
    assert list(tmp_path.iterdir()) == []


def test_selecting_projects_by_code_strategy_and_task(store):
    view = store.year_view(2023)
    assert [p.code for p in select_projects(view, ["I-2-3"])] == ["I-2-3"]
    assert [p.code for p in select_projects(view, ["II-1-2"])] == ["II-1-2-1", "II-1-2-2"]
    strategy = [p.code for p in select_projects(view, ["I-4"])]
    assert strategy == [f"I-4-{i}" for i in range(1, 8)]
    both = [p.code for p in select_projects(view, ["I-4-2", "I-4"])]
    assert both[0] == "I-4-2" and len(both) == 7  # no duplicates, the order as asked
    assert len(select_projects(view, None)) == 44
