"""Hook MkDocs: bỏ khỏi trang sổ tay những luật CSS của JupyterLab không áp vào phần tử nào của trang.

nbconvert nhúng nguyên bộ CSS của JupyterLab (~590 KB, ~80 KB nén) vào mỗi trang sổ tay, phần lớn cho
giao diện JupyterLab mà trang tĩnh không có. Sau khi dựng, hook giữ trong các khối ``<style>`` chứa
``.jupyter-wrapper`` chỉ những bộ chọn mà mọi lớp (``.lop``) của nó có trong trang (hoặc là lớp trạng thái
``jp-mod-*``) và không có ``:root`` sau một phần tử cha (không khớp được gì); luật ``@media``/``@supports``
được lọc bên trong, các luật ``@`` khác giữ nguyên.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner  # noqa: E402

CACHE = runner.CACHE_ROOT / "notebook-css"  # CSS đã lọc: ~0,2 s mỗi lần dựng khi sổ tay không đổi

_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# ``.jupyter-wrapper :root``: nbconvert đặt mọi luật dưới ``.jupyter-wrapper``, kể cả luật ``:root``, vốn chỉ khớp
# phần tử <html> nên không bao giờ nằm trong một phần tử khác. Luật đó (biểu tượng JupyterLab dạng base64,
# ~87 KB) không áp vào gì.
_DEAD_ROOT = re.compile(r"\S\s*[\s>+~]\s*:root\b")


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
                and not _DEAD_ROOT.search(s)
            ]
            if keep:
                out.append(f"{','.join(keep)}{{{body}}}")
    return "".join(out)


def slim(html: str, cache: Path | None = None) -> str:
    """``html`` với CSS JupyterLab đã lọc. ``cache``: thư mục đệm (khoá: CSS và tập lớp dùng trong trang)."""
    used = {c for attr in _CLASS_ATTR.findall(html) for c in attr.split()}

    def purged(css: str) -> str:
        if cache is None:
            return purge(css, used)
        key = hashlib.sha256("\0".join([css, *sorted(used)]).encode()).hexdigest()[:24]
        hit = cache / f"{key}.css"
        if hit.is_file():
            return hit.read_text(encoding="utf-8")
        out = purge(css, used)
        runner.write_atomic(hit, out)
        return out

    return _STYLE.sub(lambda m: m[1] + (purged(m[2]) if ".jupyter-wrapper" in m[2] else m[2]) + m[3], html)


def on_post_build(config):
    for page in Path(config.site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "jupyter-wrapper" in text and "<style" in text:
            page.write_text(slim(text, CACHE), encoding="utf-8")
