"""Mọi trang của trang web, mở trong Chromium ở nền sáng và nền tối, phải trọn vẹn với người đọc.

Mỗi trang × mỗi nền được kiểm tra: không lỗi console/JS; không yêu cầu nào rời 127.0.0.1 và không tệp nào
thiếu; mọi hình tải được; không còn TeX thô trong chữ (ngoài mã); mọi công thức đã được KaTeX vẽ; mọi sơ đồ
Mermaid đã thành SVG có kích thước; axe-core không báo vi phạm serious/critical nào (nền sáng: mọi luật;
nền tối: luật tương phản màu, vì chỉ màu là khác).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SCHEMES, axe_serious

DOCS = Path(__file__).resolve().parents[3] / "docs"


def site_paths() -> list[str]:
    """Đường dẫn (trong trang web) của mọi trang Markdown và sổ tay trong docs/."""
    out = []
    for src in sorted([*DOCS.rglob("*.md"), *DOCS.glob("notebooks/*.py")]):
        rel = src.relative_to(DOCS).with_suffix("").as_posix()
        if rel.startswith("_"):
            continue
        out.append("" if rel == "index" else rel.removesuffix("/index") + "/")
    return out


PAGES = site_paths()

_RAW_TEX = r"""() => {
    const main = document.createElement("div")
    for (const part of document.querySelectorAll("article.md-content__inner, .md-sidebar--secondary .md-nav"))
        main.appendChild(part.cloneNode(true))  // nội dung và mục lục
    main.querySelectorAll("pre, code, script, style, .katex-mathml, .highlight, .highlight-ipynb, .clipboard-copy-txt, .rnnlab-so-do").forEach(e => e.remove())
    const text = main.textContent
    const hits = text.match(/\\[a-zA-Z]{2,}|\$\$|\\[()\[\]]|\$[^$\s][^$]*\$/g) || []
    return hits.slice(0, 5)
}"""


def test_pages_cover_the_nav():
    assert "" in PAGES and "gradient/giai-phap/" in PAGES and "notebooks/dong-gradient/" in PAGES
    assert len(PAGES) >= 12


@pytest.mark.slow
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page_is_whole_in_the_browser(open_page, path, scheme):
    page, watch = open_page(path, scheme)
    where = f"/{path} ({scheme})"
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected, f"{where}: sai bảng màu"

    broken = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.currentSrc || i.src)"
    )
    assert not broken, f"{where}: hình không tải được: {broken}"

    assert not page.evaluate(_RAW_TEX), f"{where}: còn TeX thô trong chữ: {page.evaluate(_RAW_TEX)}"
    untyped = page.evaluate(
        "[...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex'))"
        ".map(e => e.textContent.slice(0, 80))"
    )
    assert not untyped, f"{where}: công thức chưa được vẽ: {untyped}"

    assert page.locator("pre.mermaid").count() == 0, f"{where}: còn sơ đồ Mermaid chưa vẽ"
    sizes = page.evaluate(
        "[...document.querySelectorAll('.rnnlab-so-do')].map(d => { const s = d.querySelector('svg');"
        " if (!s) return null; const r = s.getBoundingClientRect(); return [r.width, r.height] })"
    )
    assert all(s and s[0] > 50 and s[1] > 20 for s in sizes), f"{where}: sơ đồ không có SVG đủ lớn: {sizes}"

    if scheme == "dark":  # hình và sơ đồ vẽ cho nền sáng: ở nền tối chúng được đảo độ sáng, không là khối trắng
        unfiltered = page.evaluate(
            "[...document.querySelectorAll('figure.rnnlab-hinh img, .rnnlab-so-do svg, .jp-RenderedImage img')]"
            ".filter(e => !getComputedStyle(e).filter.includes('invert')).map(e => e.getAttribute('src') || 'svg')"
        )
        assert not unfiltered, f"{where}: hình không theo nền tối: {unfiltered}"

    # Nền tối chỉ đổi màu: ở đó chạy luật tương phản màu; nền sáng chạy mọi luật (axe chậm, ~4 s một trang).
    violations = axe_serious(page, ["color-contrast"] if scheme == "dark" else None)
    assert not violations, f"{where}: axe-core:\n" + "\n".join(violations)

    assert not watch.outside, f"{where}: trang tải từ máy khác: {watch.outside}"
    assert not watch.failed, f"{where}: yêu cầu hỏng: {watch.failed}"
    assert not watch.errors, f"{where}: lỗi trong trình duyệt: {watch.errors}"


@pytest.mark.slow
def test_math_and_diagram_pages_exist(open_page):
    """Bảo đảm kiểm thử trên thật sự gặp công thức và sơ đồ (không đúng "vì không có gì")."""
    page, _ = open_page("gradient/giai-phap/")
    assert page.locator(".arithmatex .katex").count() >= 20
    display = page.locator("li .arithmatex .katex-display")
    assert display.count() == 2, "hai công thức cắt gradient trong danh sách phải được vẽ ở dạng display"
    page, _ = open_page("")
    assert page.locator(".rnnlab-so-do svg").count() >= 1
