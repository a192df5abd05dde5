"""Đọc khối mã có rào (```` ``` ```` / ``~~~``) trong Markdown: một bộ đọc dùng chung cho các hook và kiểm thử.

- ``fences(text)``: mọi khối mã ở mọi mức thụt lề (trong thẻ ``=== "..."``, hộp ``!!!``), kèm dòng mở,
  ngôn ngữ, tuỳ chọn (``{.python notest title="x"}`` → ``python``, ``{"notest", 'title="x"'}``) và thân;
  khối lồng trong khối khác (ví dụ ```` ```python ```` trong ```` ````markdown ````) không tính riêng.
- ``outside_code(text)``: các dòng ngoài khối mã, với mã nội dòng (`` `...` ``) thay bằng dấu cách,
  để tìm dấu ``rnnlab:`` mà không bắt nhầm ví dụ cú pháp.
- ``include_path(line)``: đường dẫn của một dòng nhúng ``--8<-- "tệp"`` của pymdownx.snippets.
- ``line_offset(source, markdown)``: số dòng front matter, để thông báo lỗi nêu đúng dòng của tệp.
"""

from __future__ import annotations

import dataclasses
import re

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
INCLUDE = re.compile(r"""^[ \t]*-+8<-+[ \t]+(['"])(?P<path>[^'"]+)\1[ \t]*$""")
PYTHON_LANGS = {"py", "python", "python3", "pycon"}


@dataclasses.dataclass
class Fence:
    line: int  # dòng mở khối (từ 1)
    indent: str
    lang: str
    options: set
    body: list
    file: str = ""  # đường dẫn tính từ gốc repo, nếu biết

    @property
    def is_python(self) -> bool:
        return self.lang.lower() in PYTHON_LANGS


def parse_info(info: str) -> tuple[str, set]:
    """``{.python notest title="x"}`` → ("python", {"notest", 'title="x"'}); ``python a`` → ("python", {"a"})."""
    if info.startswith("{"):
        parts = info.strip("{} ").split()
        lang = next((p[1:] for p in parts if p.startswith(".")), "")
        return lang, {p for p in parts if not p.startswith(".")}
    parts = info.split()
    return (parts[0] if parts else ""), set(parts[1:])


def _walk(text: str):
    """(số dòng, dòng, khối đang mở hoặc None, vai trò) với vai trò "out", "open", "in" hay "close"."""
    current = None  # (rào mở, Fence)
    for number, line in enumerate(text.split("\n"), start=1):
        m = FENCE.match(line)
        if current is None:
            # ```x`y không phải rào (CommonMark: chuỗi thông tin của rào ``` không được chứa `)
            if m and not (m["fence"][0] == "`" and "`" in m["info"]):
                lang, options = parse_info(m["info"])
                current = (m["fence"], Fence(number, m["indent"], lang, options, []))
                yield number, line, current[1], "open"
            else:
                yield number, line, None, "out"
        elif m and m["fence"][0] == current[0][0] and len(m["fence"]) >= len(current[0]) and not m["info"]:
            yield number, line, current[1], "close"
            current = None
        else:
            current[1].body.append(line)
            yield number, line, current[1], "in"


def fences(text: str, file: str = "") -> list[Fence]:
    """Mọi khối mã có rào trong ``text`` đã đóng, theo thứ tự; ``file`` được ghi vào từng khối."""
    out = []
    for _, _, fence, role in _walk(text):
        if role == "close":
            fence.file = file
            out.append(fence)
    return out


def outside_code(text: str):
    """Các dòng (số dòng, dòng) nằm ngoài khối mã có rào; mã nội dòng được thay bằng dấu cách."""
    for number, line, _, role in _walk(text):
        if role == "out":
            yield number, CODE_SPAN.sub(lambda s: " " * len(s.group()), line)


def include_path(line: str) -> str | None:
    """``--8<-- "snippets/x.py:step"`` → ``snippets/x.py:step``; dòng khác (kể cả ``;--8<--``) → None."""
    m = INCLUDE.match(line)
    return m["path"] if m else None


def line_offset(source: str, markdown: str) -> int:
    """Số dòng MkDocs đã cắt ở đầu trang (front matter YAML) trước khi đưa ``markdown`` cho hook.

    Dòng ``n`` của ``markdown`` là dòng ``n + line_offset(...)`` của tệp nguồn ``source``.
    """
    return source[: len(source) - len(markdown)].count("\n") if markdown and source.endswith(markdown) else 0
