"""Các hook phía người đọc, kiểm tra không cần trình duyệt: công thức, tìm kiếm, hình sổ tay, phông."""

from __future__ import annotations

import base64
import io
import shutil

import pytest

from hooks import fonts, math, notebook_images, search


def test_math_finds_arithmatex_and_notebook_dollars_but_not_code():
    page = (
        '<p><span class="arithmatex">\\(a &lt; b\\)</span></p><div class="arithmatex">\\[\n\\sum_t x_t\n\\]</div>'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown"><p>$\\rho$ và $$W$$ <code>$x$</code></p></div>'
    )
    assert math.find(page, notebook=False) == [("a < b", False), ("\\sum_t x_t", True)]
    assert math.find(page, notebook=True)[2:] == [("\\rho", False), ("W", True)]
    out = math.replace(page, True, lambda tex, display: f"[{'D' if display else 'I'}:{tex}]")
    assert "[I:a < b]" in out and "[D:\\sum_t x_t]" in out and "[I:\\rho]" in out and "[D:W]" in out
    assert "<code>$x$</code>" in out  # mã giữ nguyên


@pytest.mark.skipif(shutil.which("node") is None, reason="cần Node.js")
def test_katex_renders_at_build_and_reports_bad_tex():
    good, bad = math.render_many([["\\frac{a}{b}", True], ["\\frac{a}{", False]])
    assert 'class="katex-display"' in good["html"] and "katex-mathml" in good["html"]
    assert "KaTeX parse error" in bad["error"]


def test_search_folds_accents_and_maps_glossary_terms():
    assert search.fold("Đạo hàm cắt GRADIENT phổ") == "Dao ham cat GRADIENT pho"
    terms = search.glossary_map(search.glossary.load())
    assert terms["gradient clipping"] == ["cắt", "gradient"]
    assert terms["vanishing gradient"] == ["biến", "mất", "gradient"]
    assert terms["spectral radius"] == ["bán", "kính", "phổ"]
    assert "gradient" not in terms  # thuật ngữ trùng tiếng Anh không mở rộng gì


def test_notebook_images_become_lazy_files_with_size(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + (664).to_bytes(4, "big") + (392).to_bytes(4, "big") + b"rest"
    html = (
        '<div class="jupyter-wrapper"><img alt="No description has been provided for this image" class="" '
        f'src="data:image/png;base64,{base64.b64encode(png).decode()}"/></div>'
    )
    out = notebook_images.externalize(html, tmp_path)
    assert (tmp_path / "hinh-1.png").read_bytes() == png
    assert '<img alt="Hình 1 do sổ tay vẽ" class="" src="hinh-1.png" width="664" height="392" loading="lazy">' in out


def test_fonts_css_uses_only_latin_and_vietnamese_subsets():
    css = (search.ROOT / "docs" / fonts.FONTS_CSS).read_text(encoding="utf-8")
    files = fonts.font_files(css)
    assert set(fonts.PRELOAD) <= set(files) and len(files) == 4
    assert all(("-latin-wght-" in f or "-vietnamese-wght-" in f) for f in files)
    assert css.count("font-display: swap") == 4


def test_font_subset_keeps_exactly_the_asked_glyphs_and_the_weight_axis():
    from fontTools.ttLib import TTFont

    [src] = fonts.assets.vendor_files(fonts.PRELOAD[:1]).values()
    out = fonts.subset_woff2(src.read_bytes(), set("Chào bạn, gradient!"))
    font = TTFont(io.BytesIO(out))
    kept = {chr(c) for c in font.getBestCmap()}
    assert set("Chàobn,gradient! ") <= kept and not kept & set("ạzxqHÀ")  # "ạ" không có trong tập con latin
    assert [a.axisTag for a in font["fvar"].axes] == ["wght"]  # vẫn một tệp cho mọi độ đậm
    assert len(out) < src.stat().st_size / 5


@pytest.mark.slow
def test_preloaded_fonts_on_the_site_hold_every_character_the_site_uses(built_site):
    from fontTools.ttLib import TTFont

    used = {ord(c) for c in fonts.site_chars(built_site.site)}
    for uri, original in fonts.assets.vendor_files(fonts.SUBSET).items():
        full = set(TTFont(original).getBestCmap())
        cut = set(TTFont(built_site.site / uri).getBestCmap())
        assert full & used <= cut, uri  # không thiếu ký tự nào trang dùng (có thể dư vài glyph do GSUB kéo theo)
        assert len(cut - used) <= 0.02 * len(full), uri
        assert (built_site.site / uri).stat().st_size < 0.8 * original.stat().st_size, uri
