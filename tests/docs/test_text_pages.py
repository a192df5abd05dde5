"""Cách viết chung của các trang: khung mục, hộp "Cần biết trước", cách gọi hình, thuật ngữ trong câu chữ.

- Năm trang về các loại RNN có cùng các mục cấp hai, đúng thứ tự (tên mục có thể thêm ": ..." phía sau).
- Mỗi trang nội dung mở đầu bằng một hộp "Cần biết trước".
- Hình được gọi bằng số mà hook hình vẽ đánh ("Hình 2"), không bằng "hình thứ hai" hay "hình bên phải".
- Câu chữ nói "đoạn mã", không nói "snippet" (tên thư mục ``snippets/`` và đường dẫn thì giữ);
  "lớp" không dùng cho một class Python (trên trang này lớp/tầng là layer).
- Đoạn mã dài hơn 45 dòng ("khoảng 40") được gấp lại (``??? note "Mã đầy đủ..."``): hình vẫn nằm dưới
  đoạn mã đã vẽ nó, nhưng người đọc thấy hình và lời đọc hình trước, mã chỉ mở ra khi cần.
"""

from __future__ import annotations

import re

import pytest
from _text import DOCS, ROOT, TYPE_PAGES, page_id, pages, prose_and_math

TEMPLATE = [
    "Là gì, dùng khi nào",
    "Hình dung",
    "Công thức",
    "Trải mạng theo thời gian",
    "Mã của một bước",
    "Tự viết và có sẵn",
    "Ví dụ thực tế",
    "Kết quả",
    "Thử thêm",
]
CONTENT_PAGES = [p for p in pages() if page_id(p) not in {"thuat-ngu", "dong-gop"}]
# Trang đóng góp nói về chính các tệp trong snippets/ và trình bày cú pháp nhúng: ngoài các phép kiểm chữ.
READER_PAGES = [p for p in pages() if page_id(p) != "dong-gop"]
FOLD_OVER = 45  # dòng ("khoảng 40")


def h2(text: str) -> list[str]:
    return [re.sub(r"\s*\{[^}]*\}\s*$", "", line[3:]).strip() for line in text.split("\n") if line.startswith("## ")]


def follows_template(headings: list[str]) -> bool:
    if len(headings) != len(TEMPLATE):
        return False
    return all(h == t or h.startswith((t + ":", t + ",")) for h, t in zip(headings, TEMPLATE))


def test_template_check_can_fail():
    assert follows_template([*TEMPLATE[:7], "Kết quả", "Thử thêm"])
    assert not follows_template(["GRU là gì, khi nào dùng", *TEMPLATE[1:]])
    assert not follows_template(TEMPLATE[:-1])


@pytest.mark.parametrize("name", TYPE_PAGES)
def test_type_pages_share_one_heading_template(name):
    headings = h2((DOCS / "loai-rnn" / f"{name}.md").read_text(encoding="utf-8"))
    assert follows_template(headings), f"loai-rnn/{name}.md: mục cấp hai {headings}, cần theo khung {TEMPLATE}"


@pytest.mark.parametrize("path", CONTENT_PAGES, ids=page_id)
def test_page_opens_with_prerequisites_box(path):
    text = path.read_text(encoding="utf-8")
    first_h2 = text.find("\n## ")
    head = text if first_h2 < 0 else text[:first_h2]
    assert '!!! info "Cần biết trước"' in head, f"{page_id(path)}: thiếu hộp 'Cần biết trước' trước mục đầu tiên"


WORDING = [
    (re.compile(r"\b[Hh]ình (thứ \w+|bên (phải|trái)|dưới đây|ở trên)"), "gọi hình bằng số: Hình 2"),
    (re.compile(r"(?<![\w/])[Ss]nippet(?![\w/])"), "viết 'đoạn mã'"),
    (re.compile(r"\blớp\s+(?:\S+\s+)?∎?\s*$|\b[Ll]ớp\s{2,}|\bHai lớp\b"), "class Python: viết 'class', không 'lớp'"),
]


@pytest.mark.parametrize("path", READER_PAGES, ids=page_id)
def test_prose_wording(path):
    prose, _ = prose_and_math(path.read_text(encoding="utf-8"))
    hits = [
        f"{page_id(path)}:{n}: {line.strip()} ({why})"
        for n, line in enumerate(prose.split("\n"), start=1)
        for pattern, why in WORDING
        if pattern.search(line)
    ]
    assert not hits, "\n".join(hits)


def test_wording_check_can_fail():
    prose, _ = prose_and_math("Hình thứ hai cho thấy. Snippet dưới đây chạy `snippets/a.py`. Trong lớp `Foo`, sửa.")
    found = [why for line in prose.split("\n") for pattern, why in WORDING if pattern.search(line)]
    assert len(found) == 3


def _includes(text: str):
    """(dòng, tệp, có nằm trong khối gấp ``???`` không) cho mỗi dòng nhúng cả một tệp snippet."""
    folded_indent = None
    for n, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip())
        if line.lstrip().startswith("??? "):
            folded_indent = indent
        elif line.strip() and folded_indent is not None and indent <= folded_indent:
            folded_indent = None
        m = re.search(r'--8<-- "(snippets/[^":]+\.py)"', line)
        if m:
            yield n, m.group(1), folded_indent is not None


@pytest.mark.parametrize("path", READER_PAGES, ids=page_id)
def test_long_scripts_are_folded(path):
    bad = [
        f"{page_id(path)}:{n}: {snippet} ({length} dòng)"
        for n, snippet, folded in _includes(path.read_text(encoding="utf-8"))
        if not folded and (length := len((ROOT / snippet).read_text(encoding="utf-8").splitlines())) > FOLD_OVER
    ]
    assert not bad, 'Gấp đoạn mã dài trong ??? note "Mã đầy đủ: ...":\n' + "\n".join(bad)
