"""Hook MkDocs: vẽ công thức bằng KaTeX ngay lúc dựng trang, để trình duyệt người đọc không chạy JavaScript toán.

- Trang Markdown: ``pymdownx.arithmatex`` (``generic: true``) để công thức trong
  ``<span class="arithmatex">\\(...\\)</span>`` và ``<div class="arithmatex">\\[...\\]</div>``.
- Sổ tay (mkdocs-jupyter): ô Markdown giữ nguyên ``$...$`` và ``$$...$$`` trong ``.jp-RenderedMarkdown``,
  và cả trong mục lục của trang (tiêu đề của các ô đó).

Sau khi dựng (``on_post_build``), mọi công thức của mọi trang được gom lại, công thức chưa có trong bộ nhớ
đệm (``.cache/katex/``, khoá theo phiên bản KaTeX + nội dung) được vẽ bằng **một** tiến trình Node
(``hooks/katex_render.cjs``, KaTeX từ node_modules), rồi HTML của KaTeX thay vào trang. Trang chỉ còn cần
CSS và phông của KaTeX (``extra_css``). Công thức hiển thị nhận tiêu điểm bàn phím (``tabindex="0"``):
công thức rộng cuộn ngang được bằng bàn phím. Công thức viết sai làm bản dựng dừng, nêu trang và công thức.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner  # noqa: E402

RENDER = ROOT / "hooks" / "katex_render.cjs"
KATEX_PACKAGE = ROOT / "node_modules" / "katex" / "package.json"
CACHE = ROOT / ".cache" / "katex" / "cache.json"
# Hai phông KaTeX mà hầu như công thức nào cũng dùng: trang có công thức báo trước chúng, để chữ trong công
# thức không đổi cỡ (trang không nhảy) khi phông tải xong. hooks/fonts.py cắt chúng còn các ký tự trang dùng.
PRELOAD_FONTS = ["vendor/katex/dist/fonts/KaTeX_Main-Regular.woff2", "vendor/katex/dist/fonts/KaTeX_Math-Italic.woff2"]

_ARITHMATEX = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>|<div class="arithmatex">\\\[(?P<display>.*?)\\\]</div>',
    re.S,
)
_NOTEBOOK_MD = re.compile(
    r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)'  # ô Markdown của sổ tay
    r'|(<span class="md-ellipsis">)(.*?)(</span>)',  # mục lục: tiêu đề của ô Markdown giữ nguyên $...$
    re.S,
)
_DOLLARS = re.compile(r"(<code\b.*?</code>|<pre\b.*?</pre>)|\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\n]+?)\$", re.S)


def _version() -> str:
    if not KATEX_PACKAGE.is_file():
        raise PluginError("Thiếu node_modules/katex: chạy `npm ci` (hoặc ./dev setup).")
    return json.loads(KATEX_PACKAGE.read_text(encoding="utf-8"))["version"]


def _key(version: str, tex: str, display: bool) -> str:
    return hashlib.sha256(f"{version}\0{int(display)}\0{tex}".encode()).hexdigest()[:32]


def render_many(formulas: list[tuple[str, bool]]) -> list[dict]:
    """Vẽ ``[(tex, display)]`` bằng một tiến trình Node; mỗi phần tử ra ``{"html": ...}`` hoặc ``{"error": ...}``."""
    node = shutil.which("node")
    if node is None:
        raise PluginError("Cần Node.js (lệnh `node`) để vẽ công thức bằng KaTeX lúc dựng trang.")
    proc = subprocess.run(
        [node, str(RENDER)], input=json.dumps(formulas), capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    if proc.returncode != 0:
        raise PluginError(f"KaTeX (Node) lỗi:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def find(text: str, notebook: bool) -> list[tuple[str, bool]]:
    """Các công thức ``(tex, display)`` trong HTML của một trang, theo thứ tự."""
    found = []
    for m in _ARITHMATEX.finditer(text):
        tex = m["inline"] if m["inline"] is not None else m["display"]
        found.append((html.unescape(tex).strip(), m["inline"] is None))
    if notebook:
        for block in _NOTEBOOK_MD.finditer(text):
            for m in _DOLLARS.finditer(block.group(2) if block.group(1) is not None else block.group(5)):
                if m.group(1) is None:
                    tex = m["inline"] if m["inline"] is not None else m["display"]
                    found.append((html.unescape(tex).strip(), m["inline"] is None))
    return found


def replace(text: str, notebook: bool, typeset) -> str:
    """``text`` với mỗi công thức thay bằng ``typeset(tex, display)``."""

    def one(m, group_code=None):
        if group_code is not None and m.group(1) is not None:
            return m.group(0)
        tex = m["inline"] if m["inline"] is not None else m["display"]
        return typeset(html.unescape(tex).strip(), m["inline"] is None)

    text = _ARITHMATEX.sub(one, text)
    if notebook:
        text = _NOTEBOOK_MD.sub(
            lambda b: "".join(
                b.group(k) + _DOLLARS.sub(lambda m: one(m, 1), b.group(k + 1)) + b.group(k + 2)
                for k in (1, 4)
                if b.group(k) is not None
            ),
            text,
        )
    return text


def on_post_build(config):
    site = Path(config.site_dir)
    pages = [p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(("vendor/", "assets/"))]
    version = _version()
    cache = json.loads(CACHE.read_text(encoding="utf-8")) if CACHE.is_file() else {}
    texts, where = {}, {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        notebook = "jp-RenderedMarkdown" in text
        formulas = find(text, notebook)
        if formulas:
            texts[page] = (text, notebook)
            for tex, display in formulas:
                where.setdefault((tex, display), page.relative_to(site).as_posix())
    missing = [f for f in where if _key(version, *f) not in cache]
    if missing:
        errors = []
        for (tex, display), result in zip(missing, render_many(missing)):
            if "error" in result:
                errors.append(f"{where[(tex, display)]}: {result['error']}\n    {tex}")
            else:
                cache[_key(version, tex, display)] = result["html"]
        if errors:
            raise PluginError("KaTeX không vẽ được công thức:\n" + "\n".join(errors))
        runner.write_atomic(CACHE, json.dumps(cache, ensure_ascii=False, sort_keys=True))

    def typeset(tex: str, display: bool) -> str:
        rendered = cache[_key(version, tex, display)]
        return (
            f'<div class="arithmatex" tabindex="0">{rendered}</div>'
            if display
            else f'<span class="arithmatex">{rendered}</span>'
        )

    for page, (text, notebook) in texts.items():
        links = "".join(
            f'\n    <link rel="preload" href="{os.path.relpath(site / font, page.parent)}" as="font" type="font/woff2" crossorigin>'
            for font in PRELOAD_FONTS
            if (site / font).is_file()
        )
        page.write_text(replace(text, notebook, typeset).replace("<head>", "<head>" + links, 1), encoding="utf-8")
