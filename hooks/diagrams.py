"""Hook MkDocs: vẽ sơ đồ Mermaid thành SVG ngay lúc dựng, để trang không phải tải mermaid.js (~1 MB nén).

Khối ```` ```mermaid ```` thành ``<pre class="mermaid"><code>...</code></pre>`` (pymdownx.superfences). Sau khi
dựng (``on_post_build``), mọi sơ đồ của mọi trang được gom lại; sơ đồ chưa có trong bộ nhớ đệm
(``.cache/mermaid/``, khoá theo phiên bản Mermaid + nội dung) được vẽ bằng Mermaid (node_modules) trong
**một** lần mở Chromium (Playwright, đường dẫn lấy từ biến môi trường ``RNNLAB_CHROMIUM``, mặc định
/usr/bin/chromium), rồi SVG thay vào trang trong ``<div class="rnnlab-so-do">``. Sơ đồ viết sai làm bản
dựng dừng, nêu trang và lỗi của Mermaid.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner  # noqa: E402

MERMAID = ROOT / "node_modules" / "mermaid"
CACHE = ROOT / ".cache" / "mermaid" / "cache.json"
_BLOCK = re.compile(r'<pre class="mermaid"><code>(?P<code>.*?)</code></pre>', re.S)

_RENDER = """async (items) => {
  mermaid.initialize({
    startOnLoad: false, theme: "neutral", securityLevel: "strict",
    fontFamily: '"Noto Sans", sans-serif', flowchart: { htmlLabels: false },
  })
  const out = []
  for (const [id, code] of items) {
    try { out.push({ svg: (await mermaid.render(id, code)).svg }) }
    catch (e) { out.push({ error: String((e && e.message) || e) }) }
  }
  return out
}"""


def chromium_path() -> str:
    """Đường dẫn Chromium cho Playwright: ``RNNLAB_CHROMIUM`` hoặc /usr/bin/chromium."""
    return os.environ.get("RNNLAB_CHROMIUM", "/usr/bin/chromium")


def render_many(codes: list[str]) -> list[dict]:
    """Vẽ các sơ đồ trong một trình duyệt; mỗi phần tử ra ``{"svg": ...}`` hoặc ``{"error": ...}``."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PluginError("Cần gói playwright (./dev setup) để vẽ sơ đồ Mermaid lúc dựng trang.") from None
    chrome = chromium_path()
    if not Path(chrome).exists():
        raise PluginError(f"Không thấy Chromium ở {chrome} (đặt RNNLAB_CHROMIUM hoặc chạy ./dev setup).")
    items = [[f"so-do-{hashlib.sha256(c.encode()).hexdigest()[:12]}", c] for c in codes]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chrome, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
            page.add_script_tag(path=str(MERMAID / "dist" / "mermaid.min.js"))
            return page.evaluate(_RENDER, items)
        finally:
            browser.close()


_GEOMETRY = re.compile(r'(\s(?:d|points|transform)=")([^"]*)(")')
_LONG_NUMBER = re.compile(r"-?\d+\.\d{3,}(?:e-?\d+)?")


def _short(number: str) -> str:
    out = f"{float(number):.2f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def compact(svg: str) -> str:
    """Toạ độ trong ``d``/``points``/``transform`` làm tròn tới 0,01 px (Mermaid ghi 16–17 chữ số).

    Sơ đồ trên trang chủ: đường viền các nút là hàng trăm đoạn cong, ~87 KB toạ độ trong một trang 170 KB
    (32 KB nén); làm tròn không đổi gì thấy được, HTML tải đầu nhẹ đi cả chục KB.
    """
    return _GEOMETRY.sub(lambda m: m[1] + _LONG_NUMBER.sub(lambda n: _short(n[0]), m[2]) + m[3], svg)


def on_post_build(config):
    site = Path(config.site_dir)
    if not (MERMAID / "package.json").is_file():
        raise PluginError("Thiếu node_modules/mermaid: chạy `npm ci` (hoặc ./dev setup).")
    version = json.loads((MERMAID / "package.json").read_text(encoding="utf-8"))["version"]
    # "compact": bộ nhớ đệm giữ SVG đã làm tròn (compact), không làm lại ở mỗi lần dựng
    key = lambda code: hashlib.sha256(f"{version}\0compact\0{code}".encode()).hexdigest()[:32]
    cache = json.loads(CACHE.read_text(encoding="utf-8")) if CACHE.is_file() else {}
    pages, where = {}, {}
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("vendor/", "assets/")):
            continue
        text = page.read_text(encoding="utf-8")
        codes = [html.unescape(m["code"]) for m in _BLOCK.finditer(text)]
        if codes:
            pages[page] = text
            for code in codes:
                where.setdefault(code, rel)
    missing = [code for code in where if key(code) not in cache]
    if missing:
        errors = []
        for code, result in zip(missing, render_many(missing)):
            if "error" in result:
                errors.append(f"{where[code]}: {result['error']}\n{code}")
            else:
                cache[key(code)] = compact(result["svg"])
        if errors:
            raise PluginError("Mermaid không vẽ được sơ đồ:\n" + "\n\n".join(errors))
        runner.write_atomic(CACHE, json.dumps(cache, ensure_ascii=False, sort_keys=True))
    for page, text in pages.items():
        text = _BLOCK.sub(lambda m: f'<div class="rnnlab-so-do">{cache[key(html.unescape(m["code"]))]}</div>', text)
        page.write_text(text, encoding="utf-8")
