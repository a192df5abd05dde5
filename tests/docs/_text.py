"""Đọc câu chữ của một trang: bỏ khối mã, mã nội dòng, dấu ``rnnlab:``, địa chỉ liên kết; tách riêng công thức.

Dùng chung cho các kiểm thử chữ ``test_text_*.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

# Năm trang về các loại RNN: cùng một khung mục (issue 10)
TYPE_PAGES = ["vanilla-rnn", "lstm", "gru", "hai-chieu", "sau"]

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_VALUE = re.compile(r"<!--\s*rnnlab:value\b.*?-->")
_MATH = re.compile(r"\$\$.*?\$\$|\\\(.*?\\\)|\\\[.*?\\\]|(?<![\\$])\$(?!\$)[^$\n]+?\$", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ATTRS = re.compile(r"\{\s*[#.:][^}]*\}")
_HTML_TAG = re.compile(r"<[^>]+>")

VALUE_PLACEHOLDER = "⟨số đo⟩"  # chỗ một dấu rnnlab:value sẽ hiện con số đo được


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def page_id(path: Path) -> str:
    """``docs/loai-rnn/lstm.md`` → ``loai-rnn/lstm``."""
    return path.relative_to(DOCS).with_suffix("").as_posix()


def without_code(text: str) -> str:
    """``text`` với các dòng trong khối mã có rào thay bằng dòng trống (giữ số dòng), mã nội dòng bỏ đi."""
    out, fence = [], None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            out.append("")
        elif fence is not None:
            if m and m.group(1).startswith(fence) and not line.strip()[len(m.group(1)) :].strip():
                fence = None
            out.append("")
        else:
            out.append(_CODE_SPAN.sub(" ", line))
    return "\n".join(out)


def prose_and_math(text: str) -> tuple[str, str]:
    """(câu chữ, công thức) của một trang Markdown. Dấu ``rnnlab:value`` thành ``VALUE_PLACEHOLDER``."""
    text = without_code(text)
    text = _VALUE.sub(VALUE_PLACEHOLDER, text)
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    math = "\n".join(m.group() for m in _MATH.finditer(text))
    prose = _MATH.sub(lambda m: " ∎ " + "\n" * m.group().count("\n"), text)
    prose = _LINK_TARGET.sub("]", prose)
    prose = _ATTRS.sub(" ", prose)
    prose = _HTML_TAG.sub(" ", prose)
    return prose, math


def notebook_markdown(path: Path) -> str:
    """Các ô Markdown của một sổ tay jupytext (percent): bỏ ``# `` đầu dòng."""
    cells, current = [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# %%"):
            current = [] if "[markdown]" in line else None
            if current is not None:
                cells.append(current)
        elif current is not None:
            current.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    return "\n\n".join("\n".join(c) for c in cells)
