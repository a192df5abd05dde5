"""Hook MkDocs: bỏ khỏi trang sổ tay những luật CSS của JupyterLab không áp vào phần tử nào của trang.

nbconvert nhúng nguyên bộ CSS của JupyterLab (~590 KB, ~80 KB nén) vào mỗi trang sổ tay, phần lớn cho
giao diện JupyterLab mà trang tĩnh không có. Sau khi dựng, hook giữ trong các khối ``<style>`` chứa
``.jupyter-wrapper`` chỉ những bộ chọn mà mọi lớp (``.lop``) của nó có trong trang (hoặc là lớp trạng thái
``jp-mod-*``); luật ``@media``/``@supports`` được lọc bên trong, các luật ``@`` khác giữ nguyên.
"""

from __future__ import annotations

import re
from pathlib import Path

_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def _blocks(css: str):
    """Các khối cấp trên cùng: (phần đầu, thân) với luật thường/@media, hoặc (câu lệnh, None) với ``@import;``."""
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        semi = css.find(";", i)
        if brace == -1:
            rest = css[i:].strip()
            if rest:
                yield rest, None
            return
        if semi != -1 and semi < brace and css[i:semi].lstrip().startswith("@"):
            yield css[i : semi + 1].strip(), None
            i = semi + 1
            continue
        depth, j = 1, brace + 1
        while j < n and depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        yield css[i:brace].strip(), css[brace + 1 : j - 1]
        i = j


def _split_selectors(head: str) -> list[str]:
    out, depth, start = [], 0, 0
    for k, c in enumerate(head):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == "," and depth == 0:
            out.append(head[start:k])
            start = k + 1
    out.append(head[start:])
    return [s.strip() for s in out if s.strip()]


def purge(css: str, used: set[str]) -> str:
    """``css`` chỉ còn các bộ chọn dùng những lớp có trong ``used``."""
    out = []
    for head, body in _blocks(css):
        if body is None:
            out.append(head)
        elif head.startswith(("@media", "@supports", "@layer")):
            inner = purge(body, used)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{head}{{{body}}}")
        else:
            keep = [
                s
                for s in _split_selectors(head)
                if all(c in used or c.startswith("jp-mod-") for c in _SELECTOR_CLASS.findall(s))
            ]
            if keep:
                out.append(f"{','.join(keep)}{{{body}}}")
    return "".join(out)


def slim(html: str) -> str:
    used = {c for attr in _CLASS_ATTR.findall(html) for c in attr.split()}
    return _STYLE.sub(lambda m: m[1] + (purge(m[2], used) if ".jupyter-wrapper" in m[2] else m[2]) + m[3], html)


def on_post_build(config):
    for page in Path(config.site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "jupyter-wrapper" in text and "<style" in text:
            page.write_text(slim(text), encoding="utf-8")
