"""Tệp thuật ngữ docs/_data/glossary.tsv: đọc được, cho chú giải đúng, và các từ cần tránh không xuất hiện."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from hooks import glossary, slugs

ROOT = Path(__file__).resolve().parents[2]


def test_glossary_parses_and_gives_tooltips():
    entries = glossary.load()
    assert len(entries) >= 50
    tips = glossary.tooltips(entries)
    assert tips["trạng thái ẩn"] == "tiếng Anh: hidden state"
    assert tips["Trạng thái ẩn"] == tips["trạng thái ẩn"]  # đầu câu
    assert tips["tầng ẩn"] == "tiếng Anh: hidden layer" and "tầng" not in tips  # một âm tiết: không chú giải
    assert tips["ô nhớ"] == "tiếng Anh: memory cell" and tips["trạng thái ô nhớ"] == "tiếng Anh: cell state"
    assert tips["LSTM"] == "tiếng Anh: LSTM (long short-term memory) — bộ nhớ dài-ngắn hạn"
    assert tips["mạng nơ-ron hồi tiếp"] == "tiếng Anh: recurrent neural network (RNN)"
    assert "gradient" not in tips  # giữ nguyên tiếng Anh: chú giải không thêm gì


def test_glossary_table_has_every_entry():
    entries = glossary.load()
    table = glossary.table(entries).split("\n")
    assert len(table) == 2 + len(entries)
    assert "| hidden state | **trạng thái ẩn** | biến trạng thái ẩn |  |  |" in table
    assert any("~~độ dốc~~" in row for row in table)


def test_glossary_pads_missing_trailing_columns_and_names_the_full_path(tmp_path):
    bad = tmp_path / "g.tsv"
    header = "\t".join(glossary.COLUMNS) + "\n"
    # hai cột đầu đủ, các cột cuối bị trình soạn thảo xoá cùng tab thừa: coi như trống
    bad.write_text(header + "hidden state\ttrạng thái ẩn\n", encoding="utf-8")
    [entry] = glossary.load(bad)
    assert (entry.english, entry.vietnamese, entry.avoid, entry.note) == ("hidden state", "trạng thái ẩn", [], "")
    # tab bị đổi thành dấu cách: một cột
    bad.write_text(header + "hidden state    trạng thái ẩn\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"g\.tsv:2: tìm thấy 1 trong 5 cột phân cách bằng tab") as err:
        glossary.load(bad)
    assert bad.as_posix() in str(err.value)  # đường dẫn đầy đủ, không chỉ tên tệp
    bad.write_text(header + "a\tb\t\t\t\tthừa\n", encoding="utf-8")
    with pytest.raises(Exception, match="tìm thấy 6 trong 5 cột"):
        glossary.load(bad)
    bad.write_text(header + "a\tx\t\t\t\nb\tx\t\t\t\n", encoding="utf-8")
    with pytest.raises(Exception, match="thuật ngữ 'x' đã có ở dòng 2"):
        glossary.load(bad)


def test_editorconfig_keeps_tabs_in_tsv():
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    section = text.split("[*.tsv]", 1)[1].split("\n[", 1)[0]
    assert "indent_style = tab" in section and "trim_trailing_whitespace = false" in section


def test_avoided_word_typed_with_combining_accents_is_found(tmp_path):
    """Chữ gõ bằng dấu tổ hợp (NFD) vẫn là từ cần tránh; thông báo nêu tệp, dòng và từ nên dùng."""
    entry = next(e for e in glossary.load() if e.avoid == ["độ dốc"])
    page = tmp_path / "x.md"
    page.write_text("dòng đầu\n" + unicodedata.normalize("NFD", "Độ dốc nhỏ dần.") + "\n", encoding="utf-8")
    assert "độ dốc" not in page.read_text(encoding="utf-8").lower()  # so sánh thẳng thì không thấy
    [message] = glossary.check_avoided([entry], {page.as_posix(): page.read_text(encoding="utf-8")})
    assert message == (
        f"{page.as_posix()}:2: 'độ dốc' nằm trong cột avoid của docs/_data/glossary.tsv; "
        "dùng 'gradient' (tiếng Anh: gradient)"
    )


def avoided_terms() -> list[str]:
    return sorted({term for entry in glossary.load() for term in entry.avoid})


@pytest.mark.parametrize("term", avoided_terms(), ids=lambda term: slugs.slugify(term) or term)
def test_avoided_terms_are_not_used(term):
    """Trang, snippet và docstring của rnnlab không dùng cách dịch mà tệp thuật ngữ bảo tránh."""
    pattern = glossary.avoided_pattern(term)
    hits = [
        f"{glossary.display(p)}:{n}: {line}"
        for p in glossary.checked_files()
        for n, line in glossary.avoided_uses(p.read_text(encoding="utf-8"), pattern)
    ]
    assert not hits, f"'{term}' nằm trong danh sách cần tránh (docs/_data/glossary.tsv):\n" + "\n".join(hits)
