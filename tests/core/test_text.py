"""Text enters a plan as NFC with visible bullets: typed, JSON-imported, printed."""

from __future__ import annotations

import json
import subprocess
import unicodedata

from sbdesk import models as m
from sbdesk.cli.main import main
from sbdesk.services.interchange import export_json, import_json
from sbdesk.services.store import PlanStore
from sbdesk.services.text import clean_text, clean_value

NFC = "광진구 돌봄 사업"
NFD = unicodedata.normalize("NFD", NFC)


def test_clean_text():
    assert NFD != NFC and len(NFD) > len(NFC)
    assert clean_text(NFD) == NFC
    assert clean_text("\uf0a7 대상 선정") == "· 대상 선정"
    assert clean_text("\uf0b7항목") == "·항목"
    assert clean_text("plain") == "plain"
    assert clean_value({NFD: [NFD, 1, None]}) == {NFC: [NFC, 1, None]}


def test_store_writes_are_nfc(demo_path):
    store = PlanStore(demo_path)
    try:
        card = store.year_view(2023).project("I-1-1").card
        store.set_field(m.Card, card.id, "purpose", NFD + "\n\uf0a7 세부")
        assert store.get(m.Card, card.id).purpose == NFC + "\n· 세부"
        store.set_fields(m.Card, card.id, {"results": NFD})
        assert store.get(m.Card, card.id).results == NFC
        rid = store.add_row(m.Partner, {"card_id": card.id, "agency": NFD, "role": "\uf0a7역할"})
        row = store.get(m.Partner, rid)
        assert (row.agency, row.role) == (NFC, "·역할")
        tid = store.add_row(m.YearText, {"year": 2023, "key": "memo", "value": {"t": NFD}})
        assert store.get(m.YearText, tid).value == {"t": NFC}
    finally:
        store.close()


def test_json_import_is_nfc(demo_path, tmp_path):
    store = PlanStore(demo_path, read_only=True)
    try:
        out = export_json(store, tmp_path / "plan.json")
    finally:
        store.close()
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["tables"]["Municipality"][0]["name"] = unicodedata.normalize("NFD", "마포구")
    doc["tables"]["Card"][0]["purpose"] = NFD + " \uf0a7"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "in.sbplan"
    import_json(out, target)
    store = PlanStore(target, read_only=True)
    try:
        assert store.municipality().name == "마포구"
        first = store.list(m.Card)[0]
        assert first.purpose == NFC + " ·"
    finally:
        store.close()


def test_typed_nfd_prints_as_syllables(demo_path, tmp_path):
    """The PDF shows composed Hangul and the bullet, not loose jamo and nothing."""
    store = PlanStore(demo_path)
    try:
        card = store.year_view(2023).project("I-1-1").card
        store.set_field(m.Card, card.id, "purpose", "\uf0a7 " + NFD)
    finally:
        store.close()
    pdf = tmp_path / "card.pdf"
    args = ["report", str(demo_path), "--year", "2023", "--kind", "card"]
    assert main([*args, "--project", "I-1-1", "--out", str(pdf)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "· " + NFC in text
    assert "\u1100" not in text and "\u1161" not in text  # no conjoining jamo
