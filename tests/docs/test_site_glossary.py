"""Tệp thuật ngữ docs/_data/glossary.tsv: đọc được, cho chú giải đúng, và các từ cần tránh không xuất hiện."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks import glossary

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


def test_glossary_rejects_broken_rows(tmp_path):
    bad = tmp_path / "g.tsv"
    bad.write_text("\t".join(glossary.COLUMNS) + "\nhidden state\ttrạng thái ẩn\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"g.tsv:2: cần 5 cột"):
        glossary.load(bad)
    bad.write_text("\t".join(glossary.COLUMNS) + "\na\tx\t\t\t\nb\tx\t\t\t\n", encoding="utf-8")
    with pytest.raises(Exception, match="thuật ngữ 'x' đã có ở dòng 2"):
        glossary.load(bad)


def avoided_terms() -> list[str]:
    return sorted({term for entry in glossary.load() for term in entry.avoid})


@pytest.mark.parametrize("term", avoided_terms())
def test_avoided_terms_are_not_used(term):
    """Trang, snippet và docstring của rnnlab không dùng cách dịch mà tệp thuật ngữ bảo tránh."""
    files = [
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "docs" / "notebooks").rglob("*.py"),
        *(ROOT / "snippets").rglob("*.py"),
        *(ROOT / "rnnlab").rglob("*.py"),
    ]
    # từ viết thường: không phân biệt hoa thường; từ có chữ hoa (như "Grus"): đúng như viết
    flags = re.I if term == term.lower() else 0
    pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", flags)
    hits = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8").split("\n"), start=1)
        if pattern.search(line)
    ]
    assert not hits, f"'{term}' nằm trong danh sách cần tránh (docs/_data/glossary.tsv):\n" + "\n".join(hits)
